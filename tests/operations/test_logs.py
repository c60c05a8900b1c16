"""Log lines: one JSON object per line, one access line per request with its route name, status and
duration, and the request id on every line written while the request runs — from ``yantao serve``
itself, its own lines and uvicorn's alike."""

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.operations import logs
from tests.helpers import run_cli
from tests.live import LiveServer, side_database_url


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """What the root logger writes, formatted as ``yantao serve`` formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.formatter("json"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def _lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_each_request_logs_one_json_line_with_its_id(
    anonymous_client: TestClient, json_lines: io.StringIO
) -> None:
    anonymous_client.get("/login?next=/secret-query", headers={"X-Request-ID": "probe-7"})

    access = [line for line in _lines(json_lines) if line["logger"] == logs.ACCESS_LOGGER]
    assert len(access) == 1
    line = access[0]
    assert line["event"] == "request"
    assert line["request_id"] == "probe-7"
    assert line["route"] == "auth.login_page"
    assert line["status"] == 200
    assert line["method"] == "GET"
    assert line["path"] == "/login"  # never the query: it may hold a cursor or a next address
    assert isinstance(line["duration_ms"], float)
    assert str(line["time"]).endswith("Z")


def test_a_line_written_during_a_request_carries_its_id_and_chinese_stays_readable(
    json_lines: io.StringIO,
) -> None:
    from structlog.contextvars import bound_contextvars

    with bound_contextvars(request_id="probe-8"):
        logging.getLogger("yantao").warning("无法打印：%s", "字体缺失", extra={"meeting": 3})
    logging.getLogger("yantao").warning("outside")

    inside, outside = _lines(json_lines)[-2:]
    assert inside["request_id"] == "probe-8"
    assert inside["event"] == "无法打印：字体缺失"
    assert inside["meeting"] == 3
    assert inside["level"] == "warning"
    assert "无法打印" in json_lines.getvalue()  # not \\u escapes
    assert "request_id" not in outside


def test_an_exception_is_one_line_with_its_traceback_as_data(json_lines: io.StringIO) -> None:
    try:
        raise ValueError("broken")
    except ValueError:
        logging.getLogger("yantao").exception("unhandled error")

    line = _lines(json_lines)[-1]
    assert line["event"] == "unhandled error"
    assert line["exception"][0]["exc_type"] == "ValueError"  # type: ignore[index]


@pytest.mark.parametrize("log_format", ["json", "text"])
def test_the_server_logs_in_the_chosen_format(tmp_path: Path, log_format: str) -> None:
    url = side_database_url("sqlite", "logs", tmp_path)
    assert run_cli(url, "db", "upgrade").returncode == 0
    server = LiveServer(url, tmp_path / "server.log", env={"YANTAO_LOG_FORMAT": log_format})
    server.start()
    try:
        httpx.get(f"{server.url}/healthz", headers={"X-Request-ID": "probe-9"})
    finally:
        server.stop()
    output = server.log().splitlines()

    probe = [line for line in output if "probe-9" in line]
    assert len(probe) == 1, output
    if log_format == "json":
        lines = [json.loads(line) for line in output if line.strip()]  # every line is JSON
        access = json.loads(probe[0])
        assert access["route"] == "system.healthz"
        assert access["status"] == 200
        assert any(line["logger"].startswith("uvicorn") for line in lines)
    else:
        assert "request" in probe[0]
        assert "route=system.healthz" in probe[0]
        assert not probe[0].startswith("{")
