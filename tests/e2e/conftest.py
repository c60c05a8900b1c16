"""Browser journeys: the real server in a subprocess on a demo database, driven by Playwright in Debian's
Chromium (headless). On SQLite and, when configured, on PostgreSQL; in CI a missing browser fails."""

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.fixtures.databases import BACKENDS
from tests.live import LiveServer as ServerProcess
from tests.live import demo_database_url, unavailable

CHROMIUM = os.environ.get("YANTAO_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "yantao-demo-2015"


@dataclass(frozen=True)
class LiveServer:
    url: str
    database_url: str
    backend: str


@pytest.fixture(scope="module", params=BACKENDS)
def live_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """``yantao serve`` on a fresh demo database for this module's journeys."""
    tmp_path = tmp_path_factory.mktemp("journeys")
    url = demo_database_url(request.param, "journeys", tmp_path)
    server = ServerProcess(url, tmp_path / "server.log")
    server.start()
    try:
        yield LiveServer(server.url, url, request.param)
    finally:
        server.stop()
    # Nothing a journey did may have produced a traceback on the server.
    assert "Traceback" not in server.log()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        unavailable(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
