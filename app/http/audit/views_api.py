"""The audit log as an API list, for administrators and inspectors, within their scope."""

from typing import Annotated

from fastapi import Query

from app.access import CurrentScope
from app.audit.schemas import AuditEventPublic
from app.db import DbSession
from app.pagination import Page, PageParams
from app.reports.audit_log import list_events
from app.web.routing import NamedRouter

router = NamedRouter("api.audit", tags=["audit"])


@router.get("/audit-events")
def list_audit_events(
    db: DbSession,
    scope: CurrentScope,
    page: Annotated[PageParams, Query()],
    entity: Annotated[str | None, Query(max_length=60)] = None,
    action: Annotated[str | None, Query(max_length=40)] = None,
) -> Page[AuditEventPublic]:
    """Who changed what and when, newest first (changes by accounts of the caller's scope)."""
    items, next_cursor = list_events(
        db, scope, entity=entity, action=action, cursor=page.cursor, limit=page.limit
    )
    return Page(items=items, next_cursor=next_cursor)
