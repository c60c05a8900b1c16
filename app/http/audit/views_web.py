"""The audit log page, for administrators and inspectors, within their scope."""

from fastapi import Request
from fastapi.responses import Response

from app.access import CurrentScope
from app.db import DbSession
from app.reports.audit_log import list_events
from app.web.labels import RECORD_KINDS, record_kind
from app.web.routing import NamedRouter
from app.web.templating import render

router = NamedRouter("audit", include_in_schema=False)


@router.get("/audit")
def page(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    entity = request.query_params.get("entity") or None
    cursor = request.query_params.get("cursor") or None
    items, next_cursor = list_events(db, scope, entity=entity, cursor=cursor, limit=50)
    kinds = sorted(RECORD_KINDS, key=lambda kind: record_kind(kind))
    context = {
        "items": items,
        "next_cursor": next_cursor,
        "entity": entity or "",
        "kind_options": [(kind, record_kind(kind)) for kind in kinds],
    }
    return render(request, "audit/list.html", context)
