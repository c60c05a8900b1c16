"""Meeting detail over HTTP: the whole stack against a bare FastAPI endpoint sending the same bytes.

Both run as ``uvicorn`` processes (one worker each) on loopback; ``wrk`` (Debian's package) loads each in
turn with the same connections and duration, alternating ours and bare twice so drift hits both. Measured:
requests per second and the p50 / p99 latency for a draft meeting and for a finalized one, each with 30
speeches (``yantao bench seed`` data on SQLite).

Run: ``.venv/bin/python -m benchmarks.http_detail [--seconds 8] [--connections 8]`` (also part of
``make bench``); writes ``benchmarks/results/http_detail.json``.
"""

import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from app.config import PROJECT_ROOT

RESULTS = PROJECT_ROOT / "benchmarks" / "results" / "http_detail.json"
BARE_APP = "benchmarks.bare_app:app"
PASSWORD = "bench-password-2015"


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _cli(env: dict[str, str], *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "app", *arguments],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
        input=PASSWORD,
    )
    return done.stdout


def _serve(command: list[str], env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        command, env=env, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(150):
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{command} did not start")


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
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        env = {
            **os.environ,
            "YANTAO_DATABASE_URL": url,
            "YANTAO_SECRET_KEY": "bench-0123456789abcdef",
        }
        _cli(env, "db", "upgrade")
        _cli(env, "bench", "seed", "--orgs", "20", "--sessions", "200", "--contributions", "6000")
        _cli(
            env,
            "users",
            "create",
            "--login",
            "bench",
            "--role",
            "admin",
            "--org",
            "bench",
            "--subtree",
            "--password-stdin",
        )
        token = re.search(r"yt_\S+", _cli(env, "users", "token", "--login", "bench")).group(0)  # type: ignore[union-attr]
        ours_port, bare_port = _port(), _port()
        ours = _serve(
            [sys.executable, "-m", "app", "serve", "--port", str(ours_port)], env, ours_port
        )
        try:
            base = f"http://127.0.0.1:{ours_port}/api/v1/study-sessions"
            headers = {"Authorization": f"Bearer {token}"}
            meetings = httpx.get(base, params={"limit": 20}, headers=headers).json()["items"]
            draft = next(m["id"] for m in meetings if m["status"] == "held")
            final = next(m["id"] for m in meetings if m["status"] == "finalized")
            bodies = {}
            for name, meeting in (("draft", draft), ("finalized", final)):
                response = httpx.get(f"{base}/{meeting}", headers=headers)
                assert len(response.json()["contributions"]) == 30
                bodies[name] = response.content
            body_dir = Path(tmp)
            for name, body in bodies.items():
                (body_dir / f"{name}.json").write_bytes(body)
            bare = _serve(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    BARE_APP,
                    "--port",
                    str(bare_port),
                    "--no-access-log",
                    "--log-level",
                    "warning",
                ],
                {**env, "BENCH_BODIES": str(body_dir)},
                bare_port,
            )
            try:
                results: dict[str, Any] = {}
                for name, meeting in (("draft", draft), ("finalized", final)):
                    runs: dict[str, list[dict[str, float]]] = {"ours": [], "bare": []}
                    for _ in range(2):
                        runs["ours"].append(wrk(f"{base}/{meeting}", token, seconds, connections))
                        runs["bare"].append(
                            wrk(
                                f"http://127.0.0.1:{bare_port}/detail/{name}",
                                token,
                                seconds,
                                connections,
                            )
                        )
                    results[name] = {
                        side: {
                            key: sum(run[key] for run in side_runs) / len(side_runs)
                            for key in side_runs[0]
                        }
                        for side, side_runs in runs.items()
                    }
                    results[name]["bytes"] = len(bodies[name])
            finally:
                bare.terminate()
                bare.wait()
        finally:
            ours.terminate()
            ours.wait()
    return results


def table(results: dict[str, Any]) -> str:
    lines = [
        "| meeting (30 speeches) | ours req/s | bare req/s | ratio | ours p50 / p99 ms | bare p50 / p99 ms |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name in ("draft", "finalized"):
        ours, bare = results[name]["ours"], results[name]["bare"]
        lines.append(
            f"| {name} | {ours['rps']:.0f} | {bare['rps']:.0f} | {ours['rps'] / bare['rps']:.2f}× "
            f"| {ours['p50_ms']:.1f} / {ours['p99_ms']:.1f} | {bare['p50_ms']:.1f} / {bare['p99_ms']:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=8)
    arguments = parser.parse_args()
    results = measure(arguments.seconds, arguments.connections)
    results["machine"] = (
        f"{time.strftime('%Y-%m-%d')}, {platform.platform()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\n{results['machine']}; raw numbers in {RESULTS.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main()
