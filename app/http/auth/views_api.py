"""The caller's personal access tokens, and the accounts an administrator keeps."""

from typing import Annotated

from fastapi import Query, status

from app.access import CurrentScope
from app.auth import service
from app.auth.dependencies import CurrentAccount
from app.auth.permissions import AccountInScope
from app.auth.schemas import (
    AccountCreate,
    AccountPublic,
    AccountUpdate,
    MePublic,
    PasswordChange,
    PasswordReset,
    TokenCreate,
    TokenIssued,
    TokenPublic,
)
from app.db import DbSession
from app.ids import RecordId
from app.pagination import Page, PageParams
from app.web.routing import NamedRouter

router = NamedRouter("api.auth", tags=["accounts"])


@router.get("/me")
def read_me(db: DbSession, account: CurrentAccount) -> MePublic:
    """Who the caller is: account, person, role, organization and scope."""
    return service.me(db, account)


@router.post("/me/password")
def change_password(db: DbSession, account: CurrentAccount, data: PasswordChange) -> MePublic:
    """Change the caller's own password (the current one proves it is them; after an administrator's
    reset, this is the one thing the account may do). The caller's other login sessions end."""
    service.change_password(db, account, data)
    return service.me(db, account)


@router.get("/tokens")
def list_tokens(
    db: DbSession, account: CurrentAccount, page: Annotated[PageParams, Query()]
) -> Page[TokenPublic]:
    """The caller's personal access tokens (never their secrets)."""
    rows, next_cursor = service.list_tokens(db, account, cursor=page.cursor, limit=page.limit)
    return Page(items=[TokenPublic.model_validate(t) for t in rows], next_cursor=next_cursor)


@router.post("/tokens", status_code=status.HTTP_201_CREATED)
def create_token(db: DbSession, account: CurrentAccount, data: TokenCreate) -> TokenIssued:
    """A new token for the caller; the secret is in this response only."""
    issued = service.create_token(db, account, name=data.name, expires_in_days=data.expires_in_days)
    return TokenIssued(**TokenPublic.model_validate(issued.token).model_dump(), token=issued.secret)


@router.delete("/tokens/{token_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_token(db: DbSession, account: CurrentAccount, token_id: RecordId) -> None:
    service.revoke_token(db, account, token_id)


@router.get("/accounts")
def list_accounts(
    db: DbSession, scope: CurrentScope, page: Annotated[PageParams, Query()]
) -> Page[AccountPublic]:
    rows, next_cursor = service.list_accounts(db, scope, cursor=page.cursor, limit=page.limit)
    return Page(items=[AccountPublic.model_validate(a) for a in rows], next_cursor=next_cursor)


@router.post("/accounts", status_code=status.HTTP_201_CREATED)
def create_account(db: DbSession, scope: CurrentScope, data: AccountCreate) -> AccountPublic:
    return AccountPublic.model_validate(service.create_account_in_scope(db, scope, data))


@router.get("/accounts/{account_id}")
def read_account(account: AccountInScope) -> AccountPublic:
    return AccountPublic.model_validate(account)


@router.patch("/accounts/{account_id}")
def update_account(
    db: DbSession,
    scope: CurrentScope,
    caller: CurrentAccount,
    account: AccountInScope,
    data: AccountUpdate,
) -> AccountPublic:
    """Change role, organization, subtree, holder (``person_id``), password, or disable the account
    (accounts are never deleted)."""
    return AccountPublic.model_validate(
        service.update_account(
            db, account, by=caller, scope=scope, **data.model_dump(exclude_unset=True)
        )
    )


@router.post("/accounts/{account_id}/password-reset")
def reset_password(db: DbSession, caller: CurrentAccount, account: AccountInScope) -> PasswordReset:
    """A one-time password for an account whose holder forgot theirs, shown this once: give it to
    them; at their next login they must choose their own. Their sessions end now."""
    one_time = service.reset_password(db, account, by=caller)
    return PasswordReset(login=account.login, password=one_time)
