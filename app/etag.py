"""Optimistic concurrency over HTTP: ``ETag`` carries a record's version, ``If-Match`` sends it back."""

from typing import Annotated

from fastapi import Depends, Header, Response

from app.errors import InvalidInput
from app.i18n import mark


def expected_version(if_match: Annotated[str | None, Header()] = None) -> int | None:
    """The version a client edits, from ``If-Match`` (the ``ETag`` it read, e.g. ``"7"``)."""
    if if_match is None:
        return None
    value = if_match.strip().removeprefix("W/").strip('"')
    if not value.isdigit():
        raise InvalidInput(
            mark("If-Match must carry the ETag read from this record."), field="If-Match"
        )
    return int(value)


IfMatch = Annotated[int | None, Depends(expected_version)]


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = f'"{version}"'
