"""Meeting detail over HTTP: the whole stack against a bare FastAPI endpoint sending the same bytes.

Both run as ``uvicorn`` processes (one worker each) on loopback; ``wrk`` (Debian's package) loads each in
turn with the same connections and duration, alternating ours and bare twice so drift hits both. Measured:
requests per second and the p50 / p99 latency for a draft meeting and for a finalized one, each with 30
speeches (``python -m benchmarks.seed`` data on SQLite), and the floor of our stack: ``/healthz`` with the token
(middleware, routing, authentication and the policy check, no work in the endpoint) against the bare app's
``/healthz`` — no endpoint of ours can be faster than that; and, as a reference for what any
database-backed endpoint reaches here, the bare app's naive one-row SQLModel endpoint against its bare
detail.

Run: ``.venv/bin/python -m benchmarks.http_detail [--seconds 8] [--connections 8]`` (also part of
``make bench``); writes ``benchmarks/results/http_detail.json``.
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

from app.config import PROJECT_ROOT
from benchmarks.common import free_port, prepare, report, serve_yantao, serving

RESULTS = PROJECT_ROOT / "benchmarks" / "results" / "http_detail.json"
BARE_APP = "benchmarks.bare_app:app"
# What is measured: the two meetings, and the floor of our stack (a health check with the token:
# middleware, routing, authentication, no work in the endpoint) against the bare health check.
# And a naive one-row SQLModel endpoint in the bare app, against the bare detail: a reference for what any
# database-backed endpoint reaches on this machine.
CASES = ("draft", "finalized", "floor", "naive")


def wrk(url: str, token: str, seconds: int, connections: int) -> dict[str, float]:
    output = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"Authorization: Bearer {token}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)

    def percentile(name: str) -> float:
        value, unit = re.search(rf"\s{name}%\s+([\d.]+)(us|ms|s)", output).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return {
        "rps": rate,
        "p50_ms": percentile("50"),
        "p99_ms": percentile("99"),
        "non_2xx": float(errors.group(1)) if errors else 0.0,
    }


def measure(seconds: int, connections: int) -> dict[str, Any]:
    if shutil.which("wrk") is None:
        raise SystemExit(
            "wrk is missing: apt-get install wrk (scripts/install-system-packages.sh dev)"
        )
    with tempfile.TemporaryDirectory() as tmp:
        prepared = prepare(
            f"sqlite:///{Path(tmp) / 'bench.db'}",
            organizations=20,
            sessions=200,
            contributions=6000,
        )
        command, port = serve_yantao(prepared.env)
        with serving(command, prepared.env, port) as ours:
            base = f"{ours}/api/v1/study-sessions"
            headers = {"Authorization": f"Bearer {prepared.token}"}
            meetings = httpx.get(base, params={"limit": 20}, headers=headers).json()["items"]
            draft = next(m["id"] for m in meetings if m["status"] == "held")
            final = next(m["id"] for m in meetings if m["status"] == "finalized")
            urls = {
                "draft": f"{base}/{draft}",
                "finalized": f"{base}/{final}",
                "floor": f"{ours}/healthz",
            }
            bodies = {}
            for name in ("draft", "finalized"):
                response = httpx.get(urls[name], headers=headers)
                assert len(response.json()["contributions"]) == 30
                bodies[name] = response.content
                (Path(tmp) / f"{name}.json").write_bytes(response.content)
            bare_port = free_port()
            bare_command = [
                *(sys.executable, "-m", "uvicorn", BARE_APP, "--port", str(bare_port)),
                *("--no-access-log", "--log-level", "warning"),
            ]
            with serving(bare_command, {**prepared.env, "BENCH_BODIES": tmp}, bare_port) as bare:
                bare_urls = {
                    "draft": f"{bare}/detail/draft",
                    "finalized": f"{bare}/detail/finalized",
                    "floor": f"{bare}/healthz",
                    "naive": f"{bare}/detail/finalized",
                }
                urls["naive"] = f"{bare}/naive/{final}"
                results: dict[str, Any] = {}
                for name in CASES:
                    runs: dict[str, list[dict[str, float]]] = {"ours": [], "bare": []}
                    for _ in range(2):
                        runs["ours"].append(wrk(urls[name], prepared.token, seconds, connections))
                        runs["bare"].append(
                            wrk(bare_urls[name], prepared.token, seconds, connections)
                        )
                    results[name] = {
                        side: {
                            key: sum(run[key] for run in side_runs) / len(side_runs)
                            for key in side_runs[0]
                        }
                        for side, side_runs in runs.items()
                    }
                    results[name]["bytes"] = len(bodies.get(name, b""))
    return results


def table(results: dict[str, Any]) -> str:
    lines = [
        "| request | ours req/s | bare req/s | ratio | ours p50 / p99 ms | bare p50 / p99 ms | goal |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    labels = {
        "draft": ("draft meeting, 30 speeches", "≥ 0.25×"),
        "finalized": ("finalized meeting, 30 speeches", "≥ 0.5×"),
        "floor": ("health check with a token (our floor)", "—"),
        "naive": ("reference: a naive one-row SQLModel endpoint", "—"),
    }
    for name in CASES:
        ours, bare = results[name]["ours"], results[name]["bare"]
        lines.append(
            f"| {labels[name][0]} | {ours['rps']:.0f} | {bare['rps']:.0f} | {ours['rps'] / bare['rps']:.2f}× "
            f"| {ours['p50_ms']:.1f} / {ours['p99_ms']:.1f} | {bare['p50_ms']:.1f} / {bare['p99_ms']:.1f} | {labels[name][1]} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=8)
    arguments = parser.parse_args()
    report(measure(arguments.seconds, arguments.connections), RESULTS, table)


if __name__ == "__main__":
    main()
