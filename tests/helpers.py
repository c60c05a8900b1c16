"""Assertions and runners shared by the tests."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from app.config import PROJECT_ROOT


def row_counts(db: Session) -> dict[str, int]:
    """Rows per table, read in a transaction of its own (ended before returning, so no lock stays)."""
    db.rollback()
    counts = {
        table.name: int(db.execute(select(func.count()).select_from(table)).scalar_one())
        for table in SQLModel.metadata.sorted_tables
    }
    db.rollback()
    return counts


def field_error(body: dict[str, Any], field: str) -> dict[str, str]:
    """The error entry for ``field`` in a JSON error body (fails the test when absent)."""
    fields = body["error"].get("fields", [])
    matches = [item for item in fields if item["field"] == field]
    assert matches, f"no error for field {field!r} in {body}"
    match: dict[str, str] = matches[0]
    return match


def run_cli(
    database: Path | str,
    *arguments: str,
    env: dict[str, str] | None = None,
    module: str = "app",
) -> subprocess.CompletedProcess[str]:
    """``python -m app ARGUMENTS`` (or another module's command, e.g. ``benchmarks.seed``) as an
    operator runs it, on a SQLite file or a database URL."""
    url = f"sqlite:///{database}" if isinstance(database, Path) else database
    environment = {**os.environ, "YANTAO_DATABASE_URL": url, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", module, *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def walk_pages(client: Any, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paginated list, following ``next_cursor`` page by page (at most 100 pages)."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(100):
        page_params = {**params, **({"cursor": cursor} if cursor else {})}
        response = client.get(path, params=page_params)
        assert response.status_code == 200, response.text
        body = response.json()
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError(f"{path}: still more pages after 100")


def if_match(client: Any, url: str) -> dict[str, str]:
    """``If-Match`` for a write to the record at ``url``: the ``ETag`` a read of it gives now, as a
    client that read the record before changing it sends."""
    response = client.get(url)
    assert response.status_code == 200, response.text
    return {"If-Match": response.headers["ETag"]}


def pdf_text(pdf: bytes, tmp_path: Path, *, raw: bool = False) -> str:
    """The text of a PDF as poppler reads it, without whitespace (line breaks and layout spaces say
    nothing about content). ``raw``: in the order the PDF draws it (a table cell by cell, where the
    reading order would interleave the lines of wrapped cells side by side)."""
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", *(["-raw"] if raw else []), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return "".join(text.split())
