"""Route dependencies that find an account in the caller's scope (404 outside it)."""

from typing import Annotated

from fastapi import Depends

from app.access import CurrentScope
from app.auth import service
from app.auth.models import Account
from app.db import DbSession
from app.ids import RecordId


def account_in_scope(db: DbSession, scope: CurrentScope, account_id: RecordId) -> Account:
    return service.get_account(db, scope, account_id)


AccountInScope = Annotated[Account, Depends(account_in_scope)]
