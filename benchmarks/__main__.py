"""Every measurement in one run, then one report: ``python -m benchmarks [--full]``.

``make bench`` runs the reduced size (under 10 minutes on 2 cores); ``make bench-full`` the size of a
province's year: 100,000 meetings and 1,000,000 speeches, and an export of 1,000 minutes. Each part is
its own module (and can run alone); each writes its raw numbers to ``benchmarks/results/``. The report
collects their tables; docs/performance.md explains them.
"""

import argparse
import subprocess
import sys
import time

from app.config import PROJECT_ROOT
from benchmarks.common import machine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--full", action="store_true", help="1,000,000 speeches, 1,000 exports")
    full = parser.parse_args().full
    parts = [
        ("Meeting detail over HTTP (wrk, loopback)", ["benchmarks.http_detail"]),
        ("Scale: lists and writers", ["benchmarks.scale", *(["--full"] if full else [])]),
        ("One PDF and the API: latency while printing", ["benchmarks.pdf_isolation"]),
        ("A small PDF while another account prints huge drafts", ["benchmarks.pdf_fairness"]),
        (
            "Printed minutes",
            ["benchmarks.minutes_pdf", *(["--full"] if full else [])],
        ),
    ]
    started = time.perf_counter()
    reports = []
    for title, module in parts:
        print(f"… {title}", flush=True)
        part_started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", *module], cwd=PROJECT_ROOT, capture_output=True, text=True
        )
        if done.returncode != 0:
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit(f"error: {module[0]} failed")
        reports.append(
            f"## {title} ({time.perf_counter() - part_started:.0f} s)\n\n{done.stdout.strip()}"
        )
    print("\n\n".join(["", *reports]))
    print(
        f"\n{'Full' if full else 'Reduced'} size, {time.perf_counter() - started:.0f} s in all; "
        f"{machine()}"
    )


if __name__ == "__main__":
    main()
