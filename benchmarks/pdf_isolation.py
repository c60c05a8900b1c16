"""Does one PDF hold up the API? Meeting-detail latency while a client keeps printing a 20-page draft.

``yantao serve`` (one worker process) on a temporary SQLite database from ``python -m benchmarks.seed``; a
client asks for the meeting detail one request after another (p50 / p99 over 200 requests) — first
with nothing else going on, then while a second client downloads the draft minutes PDF of a meeting
with 200 speeches (~20 pages) over and over. Both with PDFs rendered in worker processes
(``YANTAO_PDF_WORKERS=2``, the default) and in the request's own thread (``YANTAO_PDF_WORKERS=0``).

Run: ``.venv/bin/python -m benchmarks.pdf_isolation`` (part of ``make bench``); writes
``benchmarks/results/pdf_isolation.json``.
"""

import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from app.config import PROJECT_ROOT
from benchmarks.common import prepare, report, serve_yantao, serving

RESULTS = PROJECT_ROOT / "benchmarks" / "results" / "pdf_isolation.json"
REQUESTS = 200


def _latencies(client: httpx.Client, url: str) -> dict[str, float]:
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get(url).raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"p50_ms": statistics.median(times), "p99_ms": times[int(len(times) * 0.99) - 1]}


def _print_until(base: str, headers: dict[str, str], url: str, stop: threading.Event) -> None:
    with httpx.Client(base_url=base, headers=headers, timeout=300) as printer:
        while not stop.is_set():
            printer.get(url).raise_for_status()


def measure() -> dict[str, Any]:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        prepared = prepare(
            f"sqlite:///{Path(tmp) / 'bench.db'}", organizations=2, sessions=20, contributions=4000
        )
        headers = {"Authorization": f"Bearer {prepared.token}"}
        for workers in (2, 0):
            env = {**prepared.env, "YANTAO_PDF_WORKERS": str(workers)}
            command, port = serve_yantao(env)
            with (
                serving(command, env, port) as base,
                httpx.Client(base_url=base, headers=headers, timeout=300) as client,
            ):
                meetings = client.get("/api/v1/study-sessions", params={"limit": 20}).json()
                draft = next(m["id"] for m in meetings["items"] if m["status"] == "held")
                detail = f"/api/v1/study-sessions/{draft}"
                pdf_url = f"{detail}/minutes.pdf"
                started = time.perf_counter()
                client.get(pdf_url).raise_for_status()  # starts the rendering processes
                render_s = time.perf_counter() - started
                idle = _latencies(client, detail)
                stop = threading.Event()
                printer = threading.Thread(target=_print_until, args=(base, headers, pdf_url, stop))
                printer.start()
                time.sleep(1)
                loaded = _latencies(client, detail)
                stop.set()
                printer.join()
            results[f"workers_{workers}"] = {
                "idle": idle,
                "printing": loaded,
                "first_pdf_s": render_s,
            }
    return results


def table(results: dict[str, Any]) -> str:
    lines = [
        "| PDFs rendered | detail p50 / p99, idle | detail p50 / p99, while printing | p99 ratio |",
        "| --- | --- | --- | --- |",
    ]
    for key, label in (
        ("workers_2", "in 2 worker processes"),
        ("workers_0", "in the request's thread"),
    ):
        idle, loaded = results[key]["idle"], results[key]["printing"]
        lines.append(
            f"| {label} | {idle['p50_ms']:.1f} / {idle['p99_ms']:.1f} ms "
            f"| {loaded['p50_ms']:.1f} / {loaded['p99_ms']:.1f} ms "
            f"| {loaded['p99_ms'] / idle['p99_ms']:.1f}× |"
        )
    return "\n".join(lines)


def main() -> None:
    report(measure(), RESULTS, table)


if __name__ == "__main__":
    main()
