"""Refresh the .po catalogs from the source and report what is untranslated.

    python scripts/update_catalogs.py          extract messages, update both catalogs, list gaps
The English catalog translates every message to itself, so "complete" can be checked for both.
"""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "app" / "locales"


def main() -> int:
    template = LOCALES / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "mark",
            "-k",
            "gettext",
            "--no-location",
            "--sort-output",
            "-o",
            str(template),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with template.open("rb") as handle:
        source = read_po(handle)
    missing = 0
    for locale in ("zh_CN", "en"):
        path = LOCALES / locale / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=locale)
        catalog.update(source, no_fuzzy_matching=True)
        for message in catalog:
            if not message.id:
                continue
            if locale == "en" and not message.string:
                message.string = message.id
            message.flags.discard("fuzzy")
            if not message.string:
                missing += 1
                print(f"{locale}: untranslated: {message.id!r}")
        catalog.obsolete.clear()
        with path.open("wb") as handle:
            write_po(
                handle, catalog, width=100, sort_output=True, omit_header=False, no_location=True
            )
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
