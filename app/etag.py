"""Optimistic concurrency over HTTP: ``ETag`` carries a record's version, ``If-Match`` sends it back."""

import re
from typing import Annotated

from fastapi import Depends, Header, Response

from app.errors import InvalidInput
from app.i18n import mark

# ASCII digits only (``str.isdigit`` admits "²", which ``int`` refuses) and no more than a version has.
VERSION = re.compile(r"[0-9]{1,10}")


def parse_version(text: str) -> int | None:
    """A version as ``If-Match`` or a form's hidden field carries it, or None."""
    return int(text) if VERSION.fullmatch(text) else None


def expected_version(if_match: Annotated[str | None, Header()] = None) -> int | None:
    """The version a client edits, from ``If-Match`` (the ``ETag`` it read, e.g. ``"7"``)."""
    if if_match is None:
        return None
    version = parse_version(if_match.strip().removeprefix("W/").strip('"'))
    if version is None:
        raise InvalidInput(
            mark("If-Match must carry the ETag read from this record."), field="If-Match"
        )
    return version


IfMatch = Annotated[int | None, Depends(expected_version)]


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = f'"{version}"'
