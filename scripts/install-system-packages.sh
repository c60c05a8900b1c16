#!/usr/bin/env bash
# The one list of Debian packages Yantao needs, used by the README, CI (.ci/run) and the Dockerfile.
#
#   scripts/install-system-packages.sh runtime   what the service needs to run
#   scripts/install-system-packages.sh dev       + what `make` targets and the tests need
#
# Installs only what is missing, so a machine that has everything needs neither root nor network.
set -euo pipefail

mode=${1:-runtime}

runtime_packages=(
  ca-certificates
  tzdata               # meeting times are China Standard Time wall-clock times
  libpango-1.0-0       # WeasyPrint lays out the printed minutes with Pango
  libpangoft2-1.0-0
  libharfbuzz-subset0  # font subsetting; without it WeasyPrint falls back to fontTools (~60x slower)
  fonts-noto-cjk       # Noto Serif/Sans CJK SC: Chinese in the PDF, never boxes
  fonts-arphic-ukai    # AR PL UKai: the Kai (楷体) style of level-2 headings (8 MB)
  fonts-noto-color-emoji  # emoji typed into the minutes print as emoji, not boxes (10 MB)
  postgresql-client    # pg_dump / pg_restore: `yantao backup` and `yantao restore` on PostgreSQL
)
dev_packages=(
  make
  git
  poppler-utils        # pdftotext / pdffonts / pdftoppm: the tests read the PDFs back
  chromium             # the browser journeys (Playwright drives Debian's Chromium, headless)
  wrk                  # make bench: the HTTP load generator (benchmarks/http_detail.py)
)

case "$mode" in
  runtime) wanted=("${runtime_packages[@]}") ;;
  dev) wanted=("${runtime_packages[@]}" "${dev_packages[@]}") ;;
  *) echo "usage: $0 runtime|dev" >&2; exit 2 ;;
esac

# A Python 3.11+ with venv is needed outside the Docker image (which brings its own Python).
if [ "$mode" = dev ] && ! python3 -c 'import sys, venv; assert sys.version_info >= (3, 11)' 2>/dev/null; then
  wanted+=(python3 python3-venv python3-dev)
fi

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present (${wanted[*]})"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "system packages missing: ${missing[*]} — run this script as root" >&2
    exit 1
  fi
else
  sudo=()
fi

echo "system packages: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
