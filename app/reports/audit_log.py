"""Reading the audit log within a scope.

An event belongs to the organization of the account that caused it: an inspector sees what the
accounts of the jurisdiction did. Events without an account (command line, failed logins, the
system) are visible to the installation's administrator only (the unrestricted scope).
"""

from sqlmodel import Session, col, select

from app.audit.models import AuditEvent
from app.audit.schemas import AuditEventPublic
from app.auth.models import Account
from app.organizations.models import Organization
from app.pagination import keyset_page
from app.scope import Scope, in_scope


def list_events(
    db: Session,
    scope: Scope,
    *,
    entity: str | None = None,
    action: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[AuditEventPublic], str | None]:
    """Events in scope, newest first."""
    statement = (
        select(AuditEvent, Account.login)
        .outerjoin(Account, col(Account.id) == AuditEvent.account_id)
        .outerjoin(Organization, col(Organization.id) == Account.organization_id)
    )
    if not scope.is_unrestricted:
        statement = statement.where(in_scope(col(Organization.path), scope))
    if entity:
        statement = statement.where(AuditEvent.entity == entity)
    if action:
        statement = statement.where(AuditEvent.action == action)
    rows, next_cursor = keyset_page(
        db,
        statement,
        keys=[col(AuditEvent.id)],
        key_of=lambda row: [row[0].id],
        cursor=cursor,
        limit=limit,
        descending=True,
    )
    events = [
        AuditEventPublic(**event.model_dump(exclude={"previous_hash"}), login=login)
        for event, login in rows
    ]
    return events, next_cursor
