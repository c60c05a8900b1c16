"""Can one account starve printing? A small draft's latency while another account prints huge drafts.

``yantao serve`` (one server process, ``YANTAO_PDF_WORKERS=2``) on a temporary SQLite database from
``python -m benchmarks.seed``. Account A prints huge drafts — meetings with ``--speeches`` speeches of
``--chars`` characters each (the outside probe used four of 100,000) — three at a time, round and
round over different meetings; meanwhile account B prints small drafts (five speeches, ~2 pages), one
after another, each a different meeting (so a cache cannot answer B). Measured for B: each small
draft's latency alone and under that load; for A: one huge draft alone, how many it got printed in
the window and how many it was refused (429).

Side by side in one run: this checkout with the print queue and the draft cache
(``YANTAO_PDF_CACHE_MB=0`` and the default 64), and, with ``--baseline REF`` (e.g. the commit before
the queue), that commit's code in a git worktree on the same data.

Run: ``.venv/bin/python -m benchmarks.pdf_fairness [--baseline REF]`` (part of ``make bench``,
without a baseline); writes ``benchmarks/results/pdf_fairness.json``.
"""

import argparse
import statistics
import subprocess
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from app.config import PROJECT_ROOT
from app.study_sessions.models import Contribution, StudySession, StudySessionStatus
from benchmarks.common import cli, prepare, report, serve_yantao, serving

RESULTS = PROJECT_ROOT / "benchmarks" / "results" / "pdf_fairness.json"
PRINTERS = 3  # account A's drafts at once
SMALL_SAMPLES = 8
PARAGRAPH = (
    "对照“三严三实”要求，我在严以修身方面还有差距：理论学习满足于读文件、记笔记，联系思想实际不够，"
    "遇到矛盾问题习惯于按老办法处理，创新意识不强。今后要把学习贯穿于工作全过程，做到学思践悟。\n"
)


@dataclass(frozen=True)
class Setup:
    env: dict[str, str]
    big_token: str  # account A
    small_token: str  # account B
    huge: list[int]
    small: list[int]


def _prepare(url: str, speeches: int, chars: int) -> Setup:
    prepared = prepare(url, organizations=2, sessions=100, contributions=500)  # 5 per meeting
    env = prepared.env
    cli(
        env,
        *("users", "create", "--login", "printer", "--role", "admin"),
        *("--org", "bench", "--subtree", "--password-stdin"),
    )
    printer_token = cli(env, "users", "token", "--login", "printer").split()[-1]
    sessions = StudySession.__table__  # type: ignore[attr-defined]
    contributions = Contribution.__table__  # type: ignore[attr-defined]
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        held = list(
            connection.execute(
                sa.select(sessions.c.id)
                .where(sessions.c.status == StudySessionStatus.held)
                .order_by(sessions.c.id)
            ).scalars()
        )
        huge = held[: PRINTERS * 2 + 1]
        text = (PARAGRAPH * (chars // len(PARAGRAPH) + 1))[:chars]
        for meeting in huge:
            ids = connection.execute(
                sa.select(contributions.c.id)
                .where(contributions.c.study_session_id == meeting)
                .order_by(contributions.c.id)
                .limit(speeches)
            ).scalars()
            for contribution in ids:
                connection.execute(
                    contributions.update()
                    .where(contributions.c.id == contribution)
                    .values(content=f"{meeting}：{text}")
                )
    engine.dispose()
    small = held[len(huge) :]
    assert len(small) >= 2 * SMALL_SAMPLES + 1, "too few held meetings for distinct small drafts"
    return Setup(env, printer_token, prepared.token, huge, small)


def _print(client: httpx.Client, meeting: int) -> tuple[int, float]:
    started = time.perf_counter()
    answer = client.get(f"/api/v1/study-sessions/{meeting}/minutes.pdf")
    return answer.status_code, time.perf_counter() - started


def _summary(seconds: list[float]) -> dict[str, float]:
    return {"p50_s": statistics.median(seconds), "max_s": max(seconds)}


def _measure_server(setup: Setup, root: Path, extra_env: dict[str, str]) -> dict[str, Any]:
    env = {**setup.env, "YANTAO_PDF_WORKERS": "2", **extra_env}
    if root != PROJECT_ROOT:
        env["PYTHONPATH"] = str(root)
    command, port = serve_yantao(env)
    small = iter(setup.small)
    with (
        serving(command, env, port, root=root) as base,
        httpx.Client(base_url=base, timeout=600) as plain,
    ):
        b_client = httpx.Client(
            base_url=base, timeout=600, headers={"Authorization": f"Bearer {setup.small_token}"}
        )
        a_headers = {"Authorization": f"Bearer {setup.big_token}"}
        plain.get("/healthz").raise_for_status()
        _print(b_client, next(small))  # starts the rendering processes
        alone = [_print(b_client, next(small))[1] for _ in range(SMALL_SAMPLES // 2)]
        with httpx.Client(base_url=base, timeout=600, headers=a_headers) as a_client:
            huge_alone = _print(a_client, setup.huge[-1])[1]
        stop = threading.Event()
        statuses: Counter[int] = Counter()

        def keep_printing(index: int) -> None:
            rounds = setup.huge[index:-1:PRINTERS]
            with httpx.Client(base_url=base, timeout=600, headers=a_headers) as client:
                turn = 0
                while not stop.is_set():
                    status, _ = _print(client, rounds[turn % len(rounds)])
                    statuses[status] += 1
                    turn += 1
                    if status == 429:
                        time.sleep(1)  # as a browser user would: wait, then click again

        threads = [threading.Thread(target=keep_printing, args=(i,)) for i in range(PRINTERS)]
        window_started = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(3)  # A's drafts are rendering
        loaded = []
        for _ in range(SMALL_SAMPLES):
            status, seconds = _print(b_client, next(small))
            assert status == 200, status
            loaded.append(seconds)
            time.sleep(0.5)
        stop.set()
        for thread in threads:
            thread.join()
        window = time.perf_counter() - window_started
        b_client.close()
    return {
        "small_alone": _summary(alone),
        "small_loaded": _summary(loaded),
        "huge_alone_s": huge_alone,
        "a_statuses": dict(statuses),
        "window_s": window,
    }


def _worktree(ref: str, directory: Path) -> Path:
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(directory), ref],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    return directory


def measure(baseline: str | None, speeches: int, chars: int) -> dict[str, Any]:
    results: dict[str, Any] = {"speeches": speeches, "chars": chars, "servers": {}}
    with tempfile.TemporaryDirectory() as tmp:
        setup = _prepare(f"sqlite:///{Path(tmp) / 'bench.db'}", speeches, chars)
        servers: list[tuple[str, Path, dict[str, str]]] = []
        if baseline:
            servers.append((f"{baseline} (before)", _worktree(baseline, Path(tmp) / "base"), {}))
        servers += [
            ("queue, no cache", PROJECT_ROOT, {"YANTAO_PDF_CACHE_MB": "0"}),
            ("queue and cache (defaults)", PROJECT_ROOT, {}),
        ]
        try:
            for label, root, extra in servers:
                results["servers"][label] = _measure_server(setup, root, extra)
        finally:
            if baseline:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(Path(tmp) / "base")],
                    cwd=PROJECT_ROOT,
                    check=False,
                    capture_output=True,
                )
    return results


def table(results: dict[str, Any]) -> str:
    lines = [
        f"Account A prints drafts of {results['speeches']} × {results['chars']:,} characters, "
        f"{PRINTERS} at a time; account B small drafts (5 speeches), each a different meeting.",
        "",
        "| server | B small alone p50 / max | B small while A prints, p50 / max | A huge alone "
        "| A: printed / refused (429) in the window |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, row in results["servers"].items():
        alone, loaded = row["small_alone"], row["small_loaded"]
        statuses = {int(k): v for k, v in row["a_statuses"].items()}
        lines.append(
            f"| {label} | {alone['p50_s']:.2f} / {alone['max_s']:.2f} s "
            f"| {loaded['p50_s']:.2f} / {loaded['max_s']:.2f} s | {row['huge_alone_s']:.1f} s "
            f"| {statuses.get(200, 0)} / {statuses.get(429, 0)} in {row['window_s']:.0f} s |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--baseline", help="a commit to measure beside this checkout")
    parser.add_argument("--speeches", type=int, default=2, help="huge speeches per meeting")
    parser.add_argument("--chars", type=int, default=50_000, help="characters per huge speech")
    arguments = parser.parse_args()
    report(measure(arguments.baseline, arguments.speeches, arguments.chars), RESULTS, table)


if __name__ == "__main__":
    main()
