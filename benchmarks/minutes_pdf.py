"""Printed minutes, measured side by side in one run (absolute times drift on shared machines; ratios less).

1. A ~20-page minutes PDF through the whole app (HTTP request → scope check → queries → template →
   WeasyPrint with our fetcher and font check) against raw WeasyPrint on the same HTML.
2. Downloading stored (finalized) minutes against rendering them.
3. ``yantao export minutes`` of N draft sessions with ``--jobs 1`` against ``--jobs 2``.

Run: ``make bench`` (or ``.venv/bin/python -m benchmarks.minutes_pdf [--sessions 200] [--repeat 9] [--full]``).
Works on a temporary SQLite database; prints a table and writes ``benchmarks/results/minutes_pdf.json``.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session
from weasyprint import HTML

from app.auth import service as auth_service
from app.auth.models import Role
from app.config import PROJECT_ROOT, Settings
from app.db import Database
from app.main import create_app
from app.minutes import service as minutes_service
from app.minutes.pdf import render_html
from app.study_sessions import service as study_session_service
from app.study_sessions.models import StudySession, StudySessionStatus
from tests import factories

RESULTS = PROJECT_ROOT / "benchmarks" / "results" / "minutes_pdf.json"


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def migrate(url: str) -> None:
    environment = {**os.environ, "YANTAO_DATABASE_URL": url}
    subprocess.run(
        [sys.executable, "-m", "app", "db", "upgrade"],
        env=environment,
        check=True,
        capture_output=True,
    )


def seed_drafts(db: Session, count: int) -> str:
    """``count`` held sessions of ~3 pages each in one town; returns the town's code."""
    town = factories.create_organization(db, name="和平镇党委", code="BENCH")
    branches = [
        factories.create_organization(db, name=f"第{index + 1}村党支部", parent=town)
        for index in range(10)
    ]
    members = [factories.create_person(db, branch, name="韩明华") for branch in branches]
    for index in range(count):
        branch, member = branches[index % 10], members[index % 10]
        study_session = factories.create_study_session(
            db,
            branch,
            title=f"“三严三实”专题学习研讨（第{index + 1}次）",
            starts_at=datetime(2015, 1, 1, 9) + timedelta(hours=8 * index),  # 1,000 fit in 2015
            chair=member,
        )
        factories.create_attendance(db, study_session, member)
        for speech in range(6):
            paragraph = factories.SPEECH_PARAGRAPHS[
                (index + speech) % len(factories.SPEECH_PARAGRAPHS)
            ]
            factories.create_contribution(db, study_session, member, content=paragraph)
        study_session.status = StudySessionStatus.held
        db.add(study_session)
        db.commit()
    return "BENCH"


def export_seconds(url: str, code: str, jobs: int, directory: Path) -> float:
    environment = {**os.environ, "YANTAO_DATABASE_URL": url}
    command = [sys.executable, "-m", "app", "export", "minutes", "--org", code, "--subtree"]
    command += [
        "--from",
        "2015-01-01",
        "--to",
        "2016-12-31",
        "-o",
        str(directory),
        "--jobs",
        str(jobs),
    ]
    started = time.perf_counter()
    subprocess.run(command, env=environment, check=True, capture_output=True)
    return time.perf_counter() - started


RENDER_LOOP = """
import sys
from weasyprint import HTML
html = open(sys.argv[1], encoding="utf-8").read()
for _ in range(int(sys.argv[2])):
    HTML(string=html).write_pdf()
"""


def raw_parallel_speedup(html_file: Path, renders: int) -> float:
    """What two processes can gain on this machine at all: raw WeasyPrint, 2×N renders in one process
    against N renders in each of two processes at once (cache and memory bandwidth are shared)."""

    def wall(processes: int) -> float:
        started = time.perf_counter()
        running = [
            subprocess.Popen(
                [sys.executable, "-c", RENDER_LOOP, str(html_file), str(renders * 2 // processes)]
            )
            for _ in range(processes)
        ]
        for process in running:
            process.wait()
        return time.perf_counter() - started

    return wall(1) / wall(2)


def run(sessions: int, repeat: int) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="yantao-bench-"))
    url = f"sqlite:///{workdir / 'bench.db'}"
    migrate(url)
    settings = Settings(database_url=url, environment="test")
    database = Database(settings)
    results: dict[str, Any] = {}
    try:
        with database.session() as db:
            admin_org = factories.create_organization(db, name="系统", code="SYS")
            assert admin_org.id is not None
            account = auth_service.create_account(
                db,
                login="bench",
                password="benchmark-password-2015",
                role=Role.admin,
                organization_id=admin_org.id,
                include_subtree=True,
            )
            token = auth_service.create_token(
                db, account, name="bench", expires_in_days=None
            ).secret
            db.commit()
            branch = factories.create_organization(db, name="东岭村党支部", parent=admin_org)
            long_session = factories.create_long_study_session(db, branch, contributions=54)
            long_id = long_session.id
            minutes = study_session_service.detail(db, long_session)
            html = render_html(minutes, settings)

        app = create_app(settings)
        with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as client:
            path = f"/api/v1/study-sessions/{long_id}/minutes.pdf"
            first = client.get(path)
            assert first.status_code == 200, first.text
            raw_pdf = HTML(string=html, base_url=str(PROJECT_ROOT)).write_pdf()
            # Interleaved, so both see the same machine.
            app_times, raw_times = [], []
            for _ in range(repeat):
                app_times.append(median_seconds(lambda: client.get(path), 1))
                raw_times.append(
                    median_seconds(
                        lambda: HTML(string=html, base_url=str(PROJECT_ROOT)).write_pdf(), 1
                    )
                )
            app_s, raw_s = statistics.median(app_times), statistics.median(raw_times)
            results["render"] = {
                "pages": _pages(first.content, workdir),
                "app_bytes": len(first.content),
                "raw_bytes": len(raw_pdf),
                "app_s": app_s,
                "raw_weasyprint_s": raw_s,
                "ratio_app_to_raw": app_s / raw_s,
                "app_min_s": min(app_times),
                "raw_min_s": min(raw_times),
                "ratio_of_minimums": min(app_times) / min(raw_times),
            }

            with database.session() as db:
                study_session = db.get(StudySession, long_id)
                assert study_session is not None
                study_session.status = StudySessionStatus.finalized
                db.add(study_session)
                minutes_service.store(db, settings, study_session)
                db.commit()
            client.get(path)  # warm
            stored_s = median_seconds(lambda: client.get(path), max(repeat * 4, 20))
            results["stored_download"] = {
                "stored_s": stored_s,
                "first_render_s": app_s,
                "speedup": app_s / stored_s,
            }

        with database.session() as db:
            code = seed_drafts(db, sessions)
        one = export_seconds(url, code, 1, workdir / "jobs1")
        two = export_seconds(url, code, 2, workdir / "jobs2")
        html_file = workdir / "minutes.html"
        html_file.write_text(html, encoding="utf-8")
        ceiling = raw_parallel_speedup(html_file, 6)
        written = len(list((workdir / "jobs2").glob("*.pdf")))
        assert written == sessions, written
        results["batch_export"] = {
            "sessions": sessions,
            "jobs1_s": one,
            "jobs2_s": two,
            "speedup": one / two,
            "per_session_jobs1_ms": one / sessions * 1000,
            "raw_weasyprint_two_process_speedup": ceiling,
        }
    finally:
        database.dispose()
        shutil.rmtree(workdir, ignore_errors=True)
    results["machine"] = {
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    return results


def _pages(pdf: bytes, workdir: Path) -> int:
    path = workdir / "pages.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def table(results: dict[str, Any]) -> str:
    render, stored, batch = results["render"], results["stored_download"], results["batch_export"]
    rows = [
        ("measure", "ours", "baseline", "ratio", "goal"),
        (
            f"{render['pages']}-page minutes PDF (draft)",
            f"{render['app_s'] * 1000:.0f} ms app",
            f"{render['raw_weasyprint_s'] * 1000:.0f} ms raw WeasyPrint",
            f"{render['ratio_app_to_raw']:.2f}x (min {render['ratio_of_minimums']:.2f}x)",
            "<= 1.1x",
        ),
        (
            "PDF size",
            f"{render['app_bytes'] / 1e6:.2f} MB",
            f"{render['raw_bytes'] / 1e6:.2f} MB",
            "",
            "< 2 MB",
        ),
        (
            "stored (finalized) download",
            f"{stored['stored_s'] * 1000:.1f} ms",
            f"{stored['first_render_s'] * 1000:.0f} ms render",
            f"{stored['speedup']:.0f}x faster",
            ">= 50x",
        ),
        (
            f"export {batch['sessions']} drafts",
            f"{batch['jobs2_s']:.1f} s --jobs 2",
            f"{batch['jobs1_s']:.1f} s --jobs 1",
            f"{batch['speedup']:.2f}x",
            ">= 1.7x",
        ),
        (
            "machine ceiling: raw WeasyPrint",
            "2 processes",
            "1 process",
            f"{batch['raw_weasyprint_two_process_speedup']:.2f}x",
            "",
        ),
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(5)]
    lines = [
        " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sessions", type=int, default=200, help="sessions in the batch export")
    parser.add_argument("--repeat", type=int, default=9, help="renders of the 20-page PDF per side")
    parser.add_argument("--full", action="store_true", help="export 1,000 sessions")
    arguments = parser.parse_args()
    sessions = 1000 if arguments.full else arguments.sessions
    results = run(sessions, arguments.repeat)
    target = RESULTS.with_name("minutes_pdf_full.json") if arguments.full else RESULTS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\n{results['machine']}; raw numbers in {target.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main()
