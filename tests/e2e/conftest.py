"""Browser journeys: the real server in a subprocess on a demo database, driven by Playwright in Debian's
Chromium (headless). On SQLite and, when configured, on PostgreSQL; in CI a missing browser fails."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser
from sqlalchemy import make_url

from app.config import PROJECT_ROOT
from tests.conftest import BACKENDS, IN_CI, POSTGRES_URL, ensure_postgres_database
from tests.conftest import _reset_postgres_schema as reset_postgres_schema
from tests.helpers import run_cli

CHROMIUM = os.environ.get("YANTAO_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "yantao-demo-2015"


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


@dataclass(frozen=True)
class LiveServer:
    url: str
    database_url: str
    backend: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _database_url(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'journeys.db'}"
    if not POSTGRES_URL:
        _unavailable("PostgreSQL leg: set YANTAO_TEST_DATABASE_URL to run it")
    parsed = make_url(POSTGRES_URL)
    url = parsed.set(database=f"{parsed.database}_journeys").render_as_string(hide_password=False)
    try:
        ensure_postgres_database(url)
        reset_postgres_schema(url)
    except Exception as exc:  # an unreachable server must fail in CI
        _unavailable(f"PostgreSQL at {url} is unreachable: {exc}")
    return url


@pytest.fixture(scope="module", params=BACKENDS)
def live_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """``yantao serve`` on a fresh demo database for this module's journeys."""
    tmp_path = tmp_path_factory.mktemp("journeys")
    url = _database_url(request.param, tmp_path)
    for step in (("db", "upgrade"), ("demo",)):
        done = run_cli(url, *step)
        assert done.returncode == 0, done.stderr
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    env = {
        **os.environ,
        "YANTAO_DATABASE_URL": url,
        "YANTAO_SECRET_KEY": "journeys-0123456789abcdef",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail(f"the server did not start: {(tmp_path / 'server.log').read_text()}")
            time.sleep(0.2)
        yield LiveServer(base, url, request.param)
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    # Nothing a journey did may have produced a traceback on the server.
    assert "Traceback" not in (tmp_path / "server.log").read_text()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
