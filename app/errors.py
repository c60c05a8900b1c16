"""Domain errors with stable machine codes, mapped once to JSON (API) or a page (web)."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy.exc import IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from app.i18n import mark

logger = logging.getLogger("yantao")


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field."""

    field: str
    message: str
    code: str = "invalid"

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


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
    422: "Invalid input; ``error.fields`` names each field and what is wrong with it.",
    429: "Too many attempts; try again later.",
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
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.fields: list[FieldError] = list(fields)
        if field is not None:
            self.fields.append(FieldError(field=field, message=message, code=self.code))

    def details(self) -> dict[str, Any]:
        """Extra members of the JSON error body (subclasses add e.g. the list of unmet rules)."""
        return {}

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
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


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Conflict(DomainError):
    status_code = 409
    code = "conflict"


class InvalidInput(DomainError):
    status_code = 422
    code = "validation_error"


def _field_name(location: Sequence[Any]) -> str:
    parts = [str(part) for part in location if part not in ("body", "query", "path")]
    return ".".join(parts) or "body"


def validation_fields(exc: RequestValidationError) -> list[FieldError]:
    """Pydantic's errors as field errors named by the input field, e.g. ``round``."""
    return [_field_error(error) for error in exc.errors()]


def _field_error(error: Any) -> FieldError:
    field, code, message = _field_name(error["loc"]), error["type"], error["msg"]
    if code == "too_long" and isinstance(error.get("input"), str):
        # A length limit on an annotated str is checked as a generic one ("at most 300 items").
        limit = error.get("ctx", {}).get("max_length")
        code, message = "string_too_long", f"String should have at most {limit} characters"
    return FieldError(field=field, message=message, code=code)


def is_api_request(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route offers at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match is not Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def is_transient(exc: OperationalError) -> bool:
    """A lost connection or a lock held too long — not a bug such as a missing column."""
    return bool(exc.connection_invalidated) or any(
        word in str(exc.orig) for word in ("database is locked", "database is busy")
    )


def install_error_handlers(app: FastAPI) -> None:
    """Map domain, validation and HTTP errors to JSON for the API and to pages for the web."""
    from app.web import render_error_page  # the web layer imports templates; keep errors.py light

    @app.exception_handler(DomainError)
    async def _domain_error(request: Request, exc: DomainError) -> Response:
        if is_api_request(request):
            headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthenticated) else None
            return JSONResponse(exc.as_dict(), status_code=exc.status_code, headers=headers)
        if isinstance(exc, Unauthenticated):
            target = quote(
                request.url.path + (f"?{request.url.query}" if request.url.query else "")
            )
            return RedirectResponse(f"/login?next={target}", status_code=303)
        return render_error_page(request, exc.status_code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        error = InvalidInput(mark("The request has invalid fields."), fields=validation_fields(exc))
        if is_api_request(request):
            return JSONResponse(error.as_dict(), status_code=422)
        return render_error_page(request, 422, error.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        if is_api_request(request):
            body = {"error": {"code": code, "message": str(exc.detail)}}
            return JSONResponse(body, status_code=exc.status_code, headers=headers)
        page = render_error_page(request, exc.status_code, str(exc.detail))
        page.headers.update(headers)
        return page

    @app.exception_handler(IntegrityError)
    async def _integrity_error(request: Request, exc: IntegrityError) -> Response:
        # The services check first; this is the safety net for a race between two writers.
        error = Conflict(
            mark("The change conflicts with existing records."), code="integrity_conflict"
        )
        if is_api_request(request):
            return JSONResponse(error.as_dict(), status_code=409)
        return render_error_page(request, 409, error.message)

    @app.exception_handler(OperationalError)
    async def _database_unavailable(request: Request, exc: OperationalError) -> Response:
        if not is_transient(exc):
            return await _unexpected_error(request, exc)
        # The connection broke (the server restarted, a backend was terminated) or SQLite stayed
        # locked past its timeout. The transaction did not finish here; if the break came during the
        # commit, the database may still have committed it, so the user checks before trying again.
        logger.warning("database unavailable: %s", exc.orig)
        error = DomainError(
            mark(
                "The database did not answer, so your change may not have been saved. Reload the page to check, then try again."
            ),
            code="database_unavailable",
        )
        if is_api_request(request):
            return JSONResponse(error.as_dict(), status_code=503, headers={"Retry-After": "1"})
        return render_error_page(request, 503, error.message)

    @app.exception_handler(Exception)
    async def _unexpected_error(request: Request, exc: Exception) -> Response:
        # Never a traceback to the user; the server log keeps it.
        logger.exception("unhandled error", exc_info=exc)
        if is_api_request(request):
            body = {"error": {"code": "internal_error", "message": "Internal server error."}}
            return JSONResponse(body, status_code=500)
        return render_error_page(request, 500, "")
