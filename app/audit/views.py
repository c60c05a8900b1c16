"""The audit log as an API list and a page, for administrators and inspectors, within their scope."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.audit.queries import list_events
from app.audit.schemas import AuditEventPublic
from app.auth.dependencies import CurrentScope
from app.db import DbSession
from app.pagination import Page, PageParams
from app.web.templating import render

api_router = APIRouter(tags=["audit"])
web_router = APIRouter(include_in_schema=False)


@api_router.get("/audit-events")
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


@web_router.get("/audit")
def audit_page(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    entity = request.query_params.get("entity") or None
    cursor = request.query_params.get("cursor") or None
    items, next_cursor = list_events(db, scope, entity=entity, cursor=cursor, limit=50)
    return render(
        request,
        "audit/list.html",
        {"items": items, "next_cursor": next_cursor, "entity": entity or ""},
    )
