"""Who is calling, as every layer may know it: the account roles, the caller shown in the pages' header,
and the caller's scope as a request dependency.

The account itself, its login session and its tokens are ``app.auth``; it works out the caller and the
scope once per request (the app-wide ``authorize`` dependency, which runs before any other) and leaves
them on the request, where the dependencies here read them. So a domain's route dependencies
(``app.<domain>.permissions``) need the scope without depending on ``app.auth``.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from fastapi import Depends, Request

from app.errors import Unauthenticated
from app.i18n import mark
from app.scope import Scope


class Role(StrEnum):
    admin = "admin"  # manages organizations, people, accounts, campaigns in scope
    inspector = "inspector"  # organization department: reads the jurisdiction, checks meetings
    secretary = "secretary"  # 书记 / 记录人: keeps the minutes of one organization
    viewer = "viewer"  # leaders and members: read finalized minutes


@dataclass(frozen=True)
class Caller:
    """The caller as pages show and check it (a plain copy: error pages render after a rollback has
    detached the account's ORM object)."""

    login: str
    role: Role
    name: str  # the account's person's name, or the login if it has none


def caller_of(request: Request) -> Caller | None:
    """Who is calling, or None (not logged in, or a page rendered before authentication)."""
    caller: Caller | None = getattr(request.state, "caller", None)
    return caller


def account_id_of(request: Request) -> int | None:
    """The calling account's id, or None (e.g. to count what it prints against its share)."""
    account = getattr(request.state, "account", None)
    return getattr(account, "id", None)


async def current_scope(request: Request) -> Scope:
    """The caller's scope, worked out with the account by ``app.auth`` (``async``: no I/O, so no
    worker thread)."""
    scope: Scope | None = getattr(request.state, "scope", None)
    if scope is None:
        raise Unauthenticated(mark("Please log in."))
    return scope


CurrentScope = Annotated[Scope, Depends(current_scope)]
