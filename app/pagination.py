"""Keyset (cursor) pagination: page 1000 costs the same as page 1.

A cursor is the last row's sort key, signed (itsdangerous, with the installation's secret key), so a
client cannot make one up: a cursor that was not handed out, or was changed, is refused with 422 naming
``cursor`` before it reaches a query. What a genuine cursor carries is still checked against the list's
key columns (type and range), so no value the database cannot compare is ever bound.
"""

from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from itsdangerous import BadData, URLSafeSerializer
from pydantic import BaseModel, Field
from sqlalchemy import tuple_
from sqlmodel import Session

from app.config import get_settings
from app.errors import InvalidInput
from app.i18n import mark
from app.text import InputModel

ItemT = TypeVar("ItemT")
# The id columns are PostgreSQL ``integer``; a key value outside it cannot name a row.
INTEGER_RANGE = range(-(2**31), 2**31)


class Page(BaseModel, Generic[ItemT]):
    """One page of a list and the cursor of the next page (``null`` on the last page)."""

    items: list[ItemT]
    next_cursor: str | None = None


@cache
def _signer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt="yantao.cursor")


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    return value


def _invalid() -> InvalidInput:
    return InvalidInput(mark("The cursor is not valid."), code="invalid_cursor", field="cursor")


def _decode_value(value: Any, key: Any) -> Any:
    """One value of a cursor as its key column takes it; anything else is not a cursor of this list."""
    kind = key.type
    if isinstance(kind, sa.DateTime) and isinstance(value, dict) and set(value) == {"dt"}:
        return datetime.fromisoformat(str(value["dt"]))
    if isinstance(kind, sa.Date) and isinstance(value, dict) and set(value) == {"d"}:
        return date.fromisoformat(str(value["d"]))
    if isinstance(kind, sa.Integer) and type(value) is int and value in INTEGER_RANGE:
        return value
    if isinstance(kind, sa.String) and isinstance(value, str) and "\x00" not in value:
        return value
    raise _invalid()


def encode_cursor(values: Sequence[Any]) -> str:
    return _signer(get_settings().secret_key).dumps([_encode_value(v) for v in values])


def decode_cursor(cursor: str, keys: Sequence[Any]) -> list[Any]:
    """The key values a cursor this app handed out carries; 422 naming ``cursor`` otherwise."""
    try:
        values = _signer(get_settings().secret_key).loads(cursor)
    except BadData as exc:
        raise _invalid() from exc
    if not isinstance(values, list) or len(values) != len(keys):
        raise _invalid()
    try:
        return [_decode_value(value, key) for value, key in zip(values, keys, strict=True)]
    except (ValueError, TypeError) as exc:
        raise _invalid() from exc


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
    if cursor:
        after = decode_cursor(cursor, keys)
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
