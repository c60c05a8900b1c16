"""Every error answered in one place: JSON with a machine code for the API, a page in the reader's
language for the web — never a traceback. ``error_response`` makes that choice; every handler and the
request-limits middleware use it."""

import logging
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from app.errors import (
    Conflict,
    DomainError,
    FieldError,
    InvalidInput,
    PasswordChangeRequired,
    Unauthenticated,
    filled,
)
from app.i18n import gettext, mark
from app.web.forms import FormState
from app.web.templating import render

logger = logging.getLogger("yantao")

ERROR_TITLES = {
    400: mark("The request could not be understood."),
    403: mark("You may not do this."),
    404: mark("This page does not exist, or is not in your scope."),
    405: mark("This page does not exist, or is not in your scope."),
    409: mark("Someone changed this record in the meantime, or it is in use."),
    413: mark("The request is too large."),
    415: mark("The request could not be understood."),
    429: mark("Too many attempts. Wait a few minutes and try again."),
    422: mark("Some of the input is not valid."),
    500: mark("Something went wrong on our side. Nothing was saved; please try again."),
    503: mark(
        "This is not available right now. Try again in a moment; if it persists, tell an administrator."
    ),
}


def is_api_request(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def render_error_page(
    request: Request, status_code: int, message: str, params: Mapping[str, Any] | None = None
) -> Response:
    """A friendly page in the user's language; never a traceback (nor, for a 500, any detail)."""
    title = ERROR_TITLES.get(status_code, ERROR_TITLES[400])
    detail = filled(gettext(message), params or {}) if message and status_code != 500 else ""
    return render(
        request,
        "error.html",
        {"status_code": status_code, "title": gettext(title), "detail": detail},
        status_code,
    )


def error_response(
    request: Request,
    error: DomainError,
    *,
    status_code: int | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The API's JSON error body, or the error page, with the error's status (or ``status_code``)."""
    status = status_code or error.status_code
    if is_api_request(request):
        return JSONResponse(error.as_dict(), status_code=status, headers=dict(headers or {}))
    page = render_error_page(request, status, error.message, error.params)
    page.headers.update(headers or {})
    return page


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


def allowed_methods(request: Request) -> list[str]:
    """Every method some route offers at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match is not Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


async def _posted_text(request: Request) -> dict[str, str]:
    """The text fields of a posted web form (its CSRF token left out), or nothing."""
    if not request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        return {}
    try:
        form = await request.form()
    except Exception:  # an unreadable body: nothing to keep
        return {}
    return {
        name: value
        for name, value in form.items()
        if isinstance(value, str) and name != "csrf_token" and value.strip()
    }


def _login_keeping(request: Request, kept: dict[str, str]) -> Response:
    """The login page carrying the refused form (``resume_action`` and ``resume.<name>`` fields)."""
    resume = {"resume_action": request.url.path} | {f"resume.{k}": v for k, v in kept.items()}
    form = FormState("login", {"next": nearest_page(request) or "/"})
    return render(request, "auth/login.html", {"form": form, "resume": resume}, 401)


def nearest_page(request: Request) -> str | None:
    """The closest path above this one that some route answers with GET: where a reload of a form's
    address (a POST-only URL such as ``/study-sessions/5/finalize``) should land, instead of a 405."""
    segments = request.url.path.rstrip("/").split("/")
    while len(segments) > 1:
        segments.pop()
        candidate = "/".join(segments) or "/"
        probe = {**request.scope, "path": candidate, "method": "GET"}
        if any(route.matches(probe)[0] is Match.FULL for route in request.app.router.routes):
            return candidate
    return None


def is_transient(exc: OperationalError) -> bool:
    """A lost connection or a lock held too long — not a bug such as a missing column."""
    return bool(exc.connection_invalidated) or any(
        word in str(exc.orig) for word in ("database is locked", "database is busy")
    )


def install_error_handlers(app: FastAPI) -> None:
    """Map domain, validation, HTTP and database errors, and anything unexpected, to responses."""

    @app.exception_handler(DomainError)
    async def _domain_error(request: Request, exc: DomainError) -> Response:
        if isinstance(exc, Unauthenticated):
            if is_api_request(request):
                return error_response(
                    request, exc, headers={"WWW-Authenticate": "Bearer"} | exc.headers()
                )
            if request.method == "POST":
                kept = await _posted_text(request)
                if kept:  # a form sent after the login expired: keep it through the re-login
                    return _login_keeping(request, kept)
            target = quote(
                request.url.path + (f"?{request.url.query}" if request.url.query else "")
            )
            login = request.app.url_path_for("auth.login_page")
            return RedirectResponse(f"{login}?next={target}", status_code=303)
        if isinstance(exc, PasswordChangeRequired) and not is_api_request(request):
            return RedirectResponse(request.app.url_path_for("auth.password_page"), status_code=303)
        return error_response(request, exc, headers=exc.headers())

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        error = InvalidInput(mark("The request has invalid fields."), fields=validation_fields(exc))
        return error_response(request, error)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        headers = dict(exc.headers or {})
        if (
            exc.status_code == 405
            and request.method in ("GET", "HEAD")
            and not is_api_request(request)
        ):
            # A reload of the address a form was posted to: back to the page the form is on.
            target = nearest_page(request)
            if target is not None:
                return RedirectResponse(target, status_code=303)
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        error = DomainError(str(exc.detail), code=code)
        return error_response(request, error, status_code=exc.status_code, headers=headers)

    @app.exception_handler(IntegrityError)
    async def _integrity_error(request: Request, exc: IntegrityError) -> Response:
        # The services check first; this is the safety net for a race between two writers.
        error = Conflict(
            mark("The change conflicts with existing records."), code="integrity_conflict"
        )
        return error_response(request, error)

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
        return error_response(request, error, status_code=503, headers={"Retry-After": "1"})

    @app.exception_handler(Exception)
    async def _unexpected_error(request: Request, exc: Exception) -> Response:
        # Never a traceback to the user; the server log keeps it.
        logger.exception("unhandled error", exc_info=exc)
        error = DomainError("Internal server error.", code="internal_error")
        return error_response(request, error, status_code=500)
