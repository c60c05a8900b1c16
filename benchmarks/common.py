"""What the HTTP benchmarks share: a database prepared through the CLI, servers on free ports, medians."""

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from app.config import PROJECT_ROOT

PASSWORD = "bench-password-2015"
SECRET_KEY = "bench-0123456789abcdef"
DEFAULT_POSTGRESQL_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/yantao_bench"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cli(
    env: dict[str, str], *arguments: str, module: str = "app", root: Path = PROJECT_ROOT
) -> str:
    """``python -m app ARGUMENTS`` (or another module's command) as an operator runs it; ``root``: the
    checkout whose code runs (another commit's worktree, to compare before and after)."""
    done = subprocess.run(
        [sys.executable, "-m", module, *arguments],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        input=PASSWORD,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(arguments)}: {done.stderr.strip()}")
    return done.stdout


@contextmanager
def serving(
    command: list[str], env: dict[str, str], port: int, *, root: Path = PROJECT_ROOT
) -> Iterator[str]:
    """Start ``command`` (a server on ``port``) in ``root``, wait for /healthz, yield its base URL,
    stop it."""
    process = subprocess.Popen(
        command, env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(300):
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"{command} did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait()


def serve_yantao(env: dict[str, str], *, workers: int = 1) -> tuple[list[str], int]:
    port = free_port()
    command = [sys.executable, "-m", "app", "serve", "--port", str(port), "--workers", str(workers)]
    return command, port


@dataclass
class Prepared:
    env: dict[str, str]
    token: str
    seconds: float  # how long the seed took


def fresh_postgresql(url: str) -> None:
    """Drop and create the database ``url`` names (connecting to the server's ``postgres`` database)."""
    target = sa.make_url(url)
    admin = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        name = target.database
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()


def prepare(url: str, *, organizations: int, sessions: int, contributions: int) -> Prepared:
    """Migrate an empty database at ``url``, seed it (benchmarks/seed.py), make an admin token."""
    env = {**os.environ, "YANTAO_DATABASE_URL": url, "YANTAO_SECRET_KEY": SECRET_KEY}
    if url.startswith("postgresql"):
        fresh_postgresql(url)
    cli(env, "db", "upgrade")
    started = time.perf_counter()
    cli(
        env,
        *("--orgs", str(organizations), "--sessions", str(sessions)),
        *("--contributions", str(contributions)),
        module="benchmarks.seed",
    )
    seconds = time.perf_counter() - started
    cli(
        env,
        *("users", "create", "--login", "bench", "--role", "admin"),
        *("--org", "bench", "--subtree", "--password-stdin"),
    )
    found = re.search(r"yt_\S+", cli(env, "users", "token", "--login", "bench"))
    assert found is not None
    return Prepared(env=env, token=found.group(0), seconds=seconds)


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def machine() -> str:
    import platform

    return (
        f"{time.strftime('%Y-%m-%d')}, {platform.platform()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )


def report(results: dict[str, Any], target: Path, table: Callable[[dict[str, Any]], str]) -> None:
    """Stamp ``results`` with the machine, write them to ``target`` as JSON, print the table."""
    results["machine"] = machine()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\n{results['machine']}; raw numbers in {target.relative_to(PROJECT_ROOT)}")
