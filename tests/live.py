"""Databases of their own and the real server in a subprocess, for tests that cannot share the
backend's database (a demo world, a server that is killed)."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx
import pytest
from sqlalchemy import create_engine, make_url
from sqlalchemy import text as sql

from app.config import PROJECT_ROOT
from tests.fixtures.databases import (
    IN_CI,
    POSTGRES_URL,
    ensure_postgres_database,
    reset_postgres_schema,
)
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


@dataclass(frozen=True)
class DemoTemplate:
    """A database ``yantao db upgrade`` and ``yantao demo`` made, and what the two commands printed."""

    url: str
    upgrade: subprocess.CompletedProcess[str]
    demo: subprocess.CompletedProcess[str]


_demo_templates: dict[str, DemoTemplate] = {}  # per backend, in this worker process


def demo_template(backend: str, tmp_path: Path) -> DemoTemplate:
    """The demo, loaded once per backend and worker (it takes seconds); ``demo_database_url`` copies it.
    ``tmp_path`` is any directory ``tmp_path_factory.mktemp`` made: the template sits beside it."""
    if backend not in _demo_templates:
        home = tmp_path.parent / "demo-template"
        home.mkdir(exist_ok=True)
        url = side_database_url(backend, "demo_template", home)
        upgrade = run_cli(url, "db", "upgrade")
        assert upgrade.returncode == 0, upgrade.stderr
        demo = run_cli(url, "demo")
        assert demo.returncode == 0, demo.stderr
        _demo_templates[backend] = DemoTemplate(url, upgrade, demo)
    return _demo_templates[backend]


def copy_database(source: str, target: str) -> None:
    """``target`` becomes a copy of ``source``: SQLite's backup API, or PostgreSQL's CREATE DATABASE
    … TEMPLATE (nobody may be connected to either)."""
    if source.startswith("sqlite:///"):
        with (
            closing(sqlite3.connect(source.removeprefix("sqlite:///"))) as origin,
            closing(sqlite3.connect(target.removeprefix("sqlite:///"))) as copy,
        ):
            origin.backup(copy)
        return
    name, template = make_url(target).database, make_url(source).database
    engine = create_engine(make_url(target).set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    finally:
        engine.dispose()


def demo_database_url(backend: str, name: str, tmp_path: Path) -> str:
    """A side database holding the demo, as ``yantao db upgrade`` and ``yantao demo`` left it."""
    url = side_database_url(backend, name, tmp_path)
    copy_database(demo_template(backend, tmp_path).url, url)
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
