"""The CSRF token of the login session: every form carries it, every cookie-authenticated post must."""

import secrets

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
    """Cookie-authenticated form posts must carry the session's token; token (Bearer) calls need not."""
    if getattr(request.state, "auth_method", None) == "token":
        return
    expected = request.session.get(SESSION_CSRF)
    if not expected or not submitted or not secrets.compare_digest(str(expected), submitted):
        raise Forbidden(
            mark(
                "The form has expired or did not come from this site. Reload the page and try again."
            ),
            code="csrf_failed",
        )
