"""Who is calling: a personal access token (``Authorization: Bearer``) or the login session cookie.

``authorize`` runs on every route, before any other dependency: it works out the caller (and leaves the
caller and the scope on the request, for ``app.access``), looks the route up in the policy table
(app.policy) and refuses roles the table does not list. Scope filtering of the records happens in the
services.
"""

import secrets
import time
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from app.access import Caller, CurrentScope
from app.auth import service
from app.auth.models import Account
from app.config import Settings
from app.db import DbSession
from app.errors import Forbidden, PasswordChangeRequired, Unauthenticated
from app.i18n import mark
from app.organizations.models import Organization
from app.people.models import Person
from app.policy import POLICY, PUBLIC
from app.web.csrf import SESSION_CSRF, check_api_csrf
from app.web.errors import is_api_request

__all__ = ["CurrentAccount", "CurrentScope", "OptionalAccount"]

# What an account whose password an administrator reset may do until its holder chooses their own.
WHILE_PASSWORD_RESET = frozenset(
    {
        "auth.password_page",
        "auth.change_password",
        "auth.logout",
        "api.auth.read_me",
        "api.auth.change_password",
    }
)

SESSION_ACCOUNT = "account_id"
SESSION_EPOCH = "epoch"
SESSION_ISSUED = "issued"
SESSION_SEEN = "seen"


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _account_from_session(
    request: Request, db: Session, settings: Settings
) -> tuple[Account, Organization] | None:
    session = request.session
    account_id = session.get(SESSION_ACCOUNT)
    if account_id is None:
        return None
    now = time.time()
    idle = now - float(session.get(SESSION_SEEN, 0))
    age = now - float(session.get(SESSION_ISSUED, 0))
    # The account's organization comes along: the caller's scope needs it.
    row = db.exec(
        select(Account, Organization, Person.name)
        .join(Organization, col(Organization.id) == Account.organization_id)
        .outerjoin(Person, col(Person.id) == Account.person_id)
        .where(Account.id == account_id)
    ).first()
    account = row[0] if row else None
    expired = (
        idle > settings.session_idle_minutes * 60 or age > settings.session_lifetime_hours * 3600
    )
    if (
        expired
        or row is None
        or account is None
        or not account.active
        or account.session_epoch != session.get(SESSION_EPOCH)
    ):
        end_session(request)
        return None
    session[SESSION_SEEN] = now
    # The name the pages' header shows: the account's person's (the login if it has none).
    request.state.caller_name = row[2]
    return account, row[1]


def _identify(
    request: Request, db: Session, settings: Settings
) -> tuple[tuple[Account, Organization] | None, str]:
    """The caller's account and organization (None if unknown), and how they authenticated."""
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        return service.account_for_token(db, authorization[7:].strip()), "token"
    return _account_from_session(request, db, settings), "session"


def remember_caller(request: Request) -> None:
    """Who is calling, for the navigation of a page no endpoint serves (a request the middleware
    refuses): the page must not look as if the session had ended. Nothing if that cannot be told."""
    database = getattr(request.app.state, "database", None)
    if "session" not in request.scope or database is None:
        return
    try:
        with database.session(write=False) as db:
            found, _ = _identify(request, db, request.app.state.settings)
    except SQLAlchemyError:  # the refusal is shown all the same
        return
    request.state.caller = _caller(request, found[0]) if found else None


def _caller(request: Request, account: Account) -> Caller:
    name = getattr(request.state, "caller_name", None)
    return Caller(account.login, account.role, name or account.login)


def _identify_caller(request: Request, db: Session) -> Account | None:
    """Who is calling, left on the request for the rest of it: the account, how it authenticated (the
    CSRF checks need it), a plain copy for templates, the scope. A token that does not work is a 401 on
    the API; on a page the caller is simply not logged in (the login page follows, once)."""
    found, method = _identify(request, db, request.app.state.settings)
    if method == "token" and found is None and is_api_request(request):
        raise Unauthenticated(mark("The token is invalid, expired or revoked."))
    account = found[0] if found else None
    request.state.account = account
    request.state.auth_method = method if found else None
    # A plain copy for templates: error pages render after a rollback has detached the ORM object.
    request.state.caller = _caller(request, account) if account else None
    db.info["account_id"] = account.id if account else None
    # The scope now, from the organization that came with the account (no query of its own), so
    # that ``current_scope`` runs on the event loop.
    request.state.scope = service.scope_for(*found) if found else None
    return account


def authorize(request: Request, db: DbSession) -> None:
    """Refuse the request unless the policy table lets the caller's role use this route.

    The app-wide dependency, solved before every other one. A public route (the health checks, the
    login page) never looks at credentials. A write to the API authenticated by the login cookie alone
    must carry the session's CSRF token in ``X-CSRF-Token`` and come from this site.
    """
    route = request.scope.get("route")
    allowed = POLICY.get(route.name) if route is not None else None
    if allowed is None:
        raise Forbidden(mark("You may not do this."), code="route_not_in_policy")
    request.state.account = None
    if allowed is PUBLIC:
        return
    account = _identify_caller(request, db)
    if account is None:
        raise Unauthenticated(mark("Please log in."))
    if account.role not in allowed:
        raise Forbidden(mark("You may not do this."), code="role_not_allowed")
    if account.must_change_password and getattr(route, "name", None) not in WHILE_PASSWORD_RESET:
        raise PasswordChangeRequired(
            mark("Your password was reset: choose your own password first.")
        )
    if request.state.auth_method == "session" and is_api_request(request):
        check_api_csrf(request)


async def optional_account(request: Request) -> Account | None:
    """The caller's account as ``authorize`` found it, or None (``async``: no I/O, no worker thread)."""
    account: Account | None = getattr(request.state, "account", None)
    return account


OptionalAccount = Annotated[Account | None, Depends(optional_account)]


async def current_account(account: OptionalAccount) -> Account:
    if account is None:
        raise Unauthenticated(mark("Please log in."))
    return account


CurrentAccount = Annotated[Account, Depends(current_account)]


def start_session(request: Request, account: Account) -> None:
    """Log in: a fresh session (new CSRF token) so nothing from before the login carries over."""
    now = time.time()
    request.session.clear()
    request.session.update(
        {
            SESSION_ACCOUNT: account.id,
            SESSION_EPOCH: account.session_epoch,
            SESSION_ISSUED: now,
            SESSION_SEEN: now,
            SESSION_CSRF: secrets.token_urlsafe(32),
        }
    )


def end_session(request: Request) -> None:
    request.session.clear()
