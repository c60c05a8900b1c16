"""Assertions shared by the tests."""

from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, SQLModel


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
