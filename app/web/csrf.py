"""The CSRF token of the login session: every form carries it, every cookie-authenticated post must."""

import secrets
from urllib.parse import urlsplit

from fastapi import Request

from app.errors import Forbidden
from app.i18n import mark

SESSION_CSRF = "csrf"


def csrf_token(request: Request) -> str:
    """The session's CSRF token (created on first use, also for the anonymous login form)."""
    token = request.session.get(SESSION_CSRF)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = token
    return str(token)


def check_csrf(request: Request, submitted: str | None) -> None:
    """Cookie-authenticated form posts must carry the session's token; token (Bearer) calls need not:
    another site can make a browser send a cookie, never an ``Authorization`` header."""
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return
    expected = request.session.get(SESSION_CSRF)
    if not expected or not submitted or not secrets.compare_digest(str(expected), submitted):
        raise _refusal()


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def check_api_csrf(request: Request) -> None:
    """A write to the API on the strength of the login cookie (a page's script) must name the session's
    CSRF token in ``X-CSRF-Token`` and come from this site (``Origin``, or else ``Referer``): another
    site can make a browser send the cookie, not read the token. Token (Bearer) calls need neither."""
    if request.method in SAFE_METHODS:
        return
    sender = request.headers.get("origin") or request.headers.get("referer") or ""
    parts = urlsplit(sender)
    if (parts.scheme, parts.netloc) != (request.url.scheme, request.url.netloc):
        raise _refusal()
    check_csrf(request, request.headers.get("x-csrf-token"))


def _refusal() -> Forbidden:
    return Forbidden(
        mark("The form has expired or did not come from this site. Reload the page and try again."),
        code="csrf_failed",
    )
