"""Keyset (cursor) pagination: page 1000 costs the same as page 1."""

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field
from sqlalchemy import tuple_
from sqlmodel import Session

from app.errors import InvalidInput
from app.i18n import mark
from app.text import InputModel

ItemT = TypeVar("ItemT")


class Page(BaseModel, Generic[ItemT]):
    """One page of a list and the cursor of the next page (``null`` on the last page)."""

    items: list[ItemT]
    next_cursor: str | None = None


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict) and "dt" in value:
        return datetime.fromisoformat(value["dt"])
    if isinstance(value, dict) and "d" in value:
        return date.fromisoformat(value["d"])
    return value


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps([_encode_value(v) for v in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, width: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidInput(mark("The cursor is not valid."), field="cursor") from exc
    if not isinstance(values, list) or len(values) != width:
        raise InvalidInput(mark("The cursor is not valid."), field="cursor")
    try:
        return [_decode_value(v) for v in values]
    except (ValueError, TypeError) as exc:
        raise InvalidInput(mark("The cursor is not valid."), field="cursor") from exc


def keyset_page(
    db: Session,
    statement: Any,
    *,
    keys: Sequence[Any],
    key_of: Callable[[Any], Sequence[Any]],
    cursor: str | None,
    limit: int,
    descending: bool = False,
) -> tuple[list[Any], str | None]:
    """Rows after ``cursor`` ordered by ``keys`` (all ascending or all descending), and the next cursor.

    ``keys`` must end with a unique column (the id) so that the order is total.
    """
    if cursor is not None:
        after = decode_cursor(cursor, len(keys))
        position = tuple_(*keys)
        statement = statement.where(
            position < tuple_(*after) if descending else position > tuple_(*after)
        )
    order = [key.desc() if descending else key.asc() for key in keys]
    rows = list(db.exec(statement.order_by(*order).limit(limit + 1)).all())
    next_cursor = encode_cursor(key_of(rows[limit - 1])) if len(rows) > limit else None
    return rows[:limit], next_cursor


class PageParams(InputModel):
    """``?cursor=…&limit=…`` of every list endpoint."""

    cursor: str | None = None
    limit: int = Field(default=50, ge=1, le=200)
