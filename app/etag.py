"""Optimistic concurrency over HTTP: ``ETag`` carries a record's version, ``If-Match`` sends it back.

Every API write to an existing versioned record (a meeting and its parts, a ledger item and its
progress, a spot check) requires ``If-Match``: a client that forgot it would silently overwrite a
change it never saw. Without the header the answer is 428 ``precondition_required`` naming it; the
web forms carry the version they were rendered with in a hidden field instead.
"""

import re
from typing import Annotated

from fastapi import Depends, Header, Response

from app.errors import DomainError, InvalidInput
from app.i18n import mark

# ASCII digits only (``str.isdigit`` admits "²", which ``int`` refuses) and no more than a version has.
VERSION = re.compile(r"[0-9]{1,10}")
IF_MATCH = "If-Match"


class PreconditionRequired(DomainError):
    status_code = 428
    code = "precondition_required"


def parse_version(text: str) -> int | None:
    """A version as ``If-Match`` or a form's hidden field carries it, or None."""
    return int(text) if VERSION.fullmatch(text) else None


def expected_version(
    if_match: Annotated[
        str | None,
        Header(description='The ETag read from this record, e.g. "7" (required).'),
    ] = None,
) -> int:
    """The version a client edits, from ``If-Match`` (the ``ETag`` it read, e.g. ``"7"``)."""
    if if_match is None:
        raise PreconditionRequired(
            mark("Send If-Match with the ETag read from this record."), field=IF_MATCH
        )
    version = parse_version(if_match.strip().removeprefix("W/").strip('"'))
    if version is None:
        raise InvalidInput(
            mark("If-Match must carry the ETag read from this record."), field=IF_MATCH
        )
    return version


IfMatch = Annotated[int, Depends(expected_version)]


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = f'"{version}"'
