"""Databases of their own and the real server in a subprocess, for tests that cannot share the
backend's database (a demo world, a server that is killed)."""

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx
import pytest
from sqlalchemy import make_url

from app.config import PROJECT_ROOT
from tests.conftest import IN_CI, POSTGRES_URL, ensure_postgres_database
from tests.conftest import _reset_postgres_schema as reset_postgres_schema
from tests.helpers import run_cli


def unavailable(reason: str) -> None:
    """Skip locally; fail in CI, where every leg must run."""
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


def side_database_url(backend: str, name: str, tmp_path: Path) -> str:
    """An empty database named after ``name``: a SQLite file, or PostgreSQL ``<worker db>_<name>``."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / f'{name}.db'}"
    if not POSTGRES_URL:
        unavailable("PostgreSQL leg: set YANTAO_TEST_DATABASE_URL to run it")
    parsed = make_url(POSTGRES_URL)
    url = parsed.set(database=f"{parsed.database}_{name}").render_as_string(hide_password=False)
    try:
        ensure_postgres_database(url)
        reset_postgres_schema(url)
    except Exception as exc:  # an unreachable server must fail in CI
        unavailable(f"PostgreSQL at {url} is unreachable: {exc}")
    return url


def demo_database_url(backend: str, name: str, tmp_path: Path) -> str:
    """A side database migrated by ``yantao db upgrade`` and loaded by ``yantao demo``."""
    url = side_database_url(backend, name, tmp_path)
    for step in (("db", "upgrade"), ("demo",)):
        done = run_cli(url, *step)
        assert done.returncode == 0, done.stderr
    return url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class LiveServer:
    """``yantao serve`` on ``database_url``, logging to ``log_path``; start, kill and start again."""

    database_url: str
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    _log: IO[str] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> None:
        self._log = self.log_path.open("a")
        env = {
            **os.environ,
            "YANTAO_DATABASE_URL": self.database_url,
            "YANTAO_SECRET_KEY": "live-server-0123456789abcdef",
            **self.env,
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                pytest.fail(f"the server did not start: {self.log()}")
            time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as when the machine loses power or the OOM killer strikes."""
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)
        self._close_log()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._close_log()

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None
