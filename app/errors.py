"""Domain errors with stable machine codes and HTTP statuses, and the shape of the API's error body.

Services raise them; ``app.web.errors`` maps them once to JSON (API) or a page (web).
"""

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict

from app.i18n import mark


def filled(message: str, params: Mapping[str, Any]) -> str:
    """A message (already translated, or the English msgid) with its values filled in."""
    return message % dict(params) if params else message


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field; ``params`` fill the message's ``%(name)s`` once translated."""

    field: str
    message: str
    code: str = "invalid"
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def as_dict(self) -> dict[str, str]:
        return {
            "field": self.field,
            "code": self.code,
            "message": filled(self.message, self.params),
        }


class ErrorFieldPublic(BaseModel):
    field: str
    code: str
    message: str


class ErrorPublic(BaseModel):
    """``code`` is stable for programs, ``message`` is for people; some errors add members of their
    own (the unmet rules of a refused finalization, the current version of a conflict …)."""

    model_config = ConfigDict(extra="allow")

    code: str
    message: str
    fields: list[ErrorFieldPublic] | None = None


class ErrorResponse(BaseModel):
    """The body of every error the API answers."""

    error: ErrorPublic


ERROR_STATUSES = {
    400: "The request could not be read (e.g. a body that is not JSON).",
    401: "No valid token: send ``Authorization: Bearer yt_…``.",
    403: "The caller's role may not do this.",
    404: "No such record, or not in the caller's scope.",
    405: "The method is not allowed here.",
    409: "The change conflicts with the record's state or with other records.",
    412: "``If-Match`` names a version that is no longer current.",
    413: "The request body is too large.",
    415: "The body is not JSON (or, for an upload, multipart form data).",
    428: "A write to a versioned record needs ``If-Match`` with the ``ETag`` read from it.",
    422: "Invalid input; ``error.fields`` names each field and what is wrong with it.",
    429: "Too many attempts; ``Retry-After`` says how many seconds to wait.",
    503: "Temporarily unavailable (the database, or printing); try again later.",
}
# Documented on every API operation, so that a client (and the fuzzer) knows each error's shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in ERROR_STATUSES.items()
}


class DomainError(Exception):
    """Base of the errors services raise; carries an HTTP status and a machine code."""

    status_code = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        fields: Sequence[FieldError] = (),
        params: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message  # the msgid: translated where it is shown, then filled with params
        self.params: dict[str, Any] = dict(params or {})
        if code is not None:
            self.code = code
        self.fields: list[FieldError] = list(fields)
        if field is not None:
            self.fields.append(
                FieldError(field=field, message=message, code=self.code, params=self.params)
            )

    def details(self) -> dict[str, Any]:
        """Extra members of the JSON error body (subclasses add e.g. the list of unmet rules)."""
        return {}

    def headers(self) -> dict[str, str]:
        """Response headers the error brings (e.g. ``Retry-After`` on a throttled login)."""
        return {}

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": filled(self.message, self.params)}
        if self.fields:
            body["fields"] = [item.as_dict() for item in self.fields]
        body.update(self.details())
        return {"error": body}


class Unauthenticated(DomainError):
    """No valid login or token: the API answers 401, pages redirect to the login page."""

    status_code = 401
    code = "authentication_required"


class Forbidden(DomainError):
    status_code = 403
    code = "forbidden"


class PasswordChangeRequired(Forbidden):
    """The account's password was reset: until its holder chooses their own, nothing else may be done
    (pages redirect to the password page)."""

    code = "password_change_required"


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Conflict(DomainError):
    status_code = 409
    code = "conflict"


class InvalidInput(DomainError):
    status_code = 422
    code = "validation_error"


class StaleVersion(DomainError):
    """The client changed an older version of a record than the one stored (optimistic concurrency:
    ``If-Match`` or a form's version); the body says the current version."""

    status_code = 412
    code = "version_conflict"

    def __init__(
        self,
        current_version: int,
        message: str = mark("Someone else changed this record in the meantime."),
    ) -> None:
        super().__init__(message)
        self.current_version = current_version

    def details(self) -> dict[str, Any]:
        return {"current_version": self.current_version}


class StaleMeeting(StaleVersion):
    """A meeting's minutes changed since the client read them; names who changed them last."""

    def __init__(self, current_version: int, changed_by: str | None) -> None:
        super().__init__(
            current_version, mark("Someone else changed this meeting in the meantime.")
        )
        self.changed_by = changed_by

    def details(self) -> dict[str, Any]:
        return super().details() | {"changed_by": self.changed_by}
