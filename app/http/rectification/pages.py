"""What the ledger's pages show: the three lists with their filters, the form that opens an item, and
an item with its progress and the forms that keep it."""

from typing import Any

from fastapi import Request

from app.campaigns import service as campaign_service
from app.db import Session
from app.ids import RecordId
from app.organizations import service as organization_service
from app.people import service as people_service
from app.rectification import service
from app.rectification.models import ItemSource, ItemStatus, RectificationItem
from app.rectification.schemas import MANUAL_SOURCES, OPEN_STATUSES, ItemPublic
from app.scope import Scope
from app.text import InputModel
from app.web.forms import FormErrors, FormState
from app.web.labels import label


class LedgerFilters(InputModel):
    ledger: service.LedgerList = service.LedgerList.problems
    organization_id: RecordId | None = None
    status: ItemStatus | None = None
    overdue: bool | None = None
    campaign_id: RecordId | None = None
    source: ItemSource | None = None
    responsible_person_id: RecordId | None = None
    cursor: str | None = None


def ledger(
    request: Request,
    db: Session,
    scope: Scope,
    filters: LedgerFilters,
    errors: FormErrors,
    items: list[ItemPublic],
    next_cursor: str | None,
) -> dict[str, Any]:
    query = {k: v for k, v in request.query_params.items() if k not in ("cursor", "lang") and v}
    return {
        "items": items,
        "next_cursor": next_cursor,
        "filters": filters,
        "errors": errors,
        "query": query,
        "export_query": {k: v for k, v in query.items() if k in LedgerFilters.model_fields}
        | {"ledger": filters.ledger.value},
        "tabs": [(tab, query | {"ledger": tab.value}) for tab in service.LedgerList],
        "organizations": organization_service.tree_in_scope(db, scope),
        "campaigns": campaign_service.newest_first(db),
        "statuses": list(ItemStatus),
        "sources": list(ItemSource),
        "people": people_service.active_options(db, scope),
    }


def form_options(db: Session, scope: Scope) -> dict[str, Any]:
    return {
        "organization_options": [
            (o.id, o.name) for o in organization_service.tree_in_scope(db, scope)
        ],
        "people": people_service.active_options(db, scope),
        "source_options": [(s.value, label(s)) for s in MANUAL_SOURCES],
        "status_options": [(s.value, label(s)) for s in OPEN_STATUSES],
        "campaign_options": [(c.id, c.name) for c in campaign_service.newest_first(db)],
    }


def item_page(db: Session, scope: Scope, item: RectificationItem) -> dict[str, Any]:
    detail = service.item_detail(db, item, service.today())
    return {
        "item": detail,
        "closed": detail.status == ItemStatus.closed,
        **form_options(db, scope),
        "forms": {
            "edit": FormState(
                "edit",
                {
                    "measure": detail.measure,
                    "standard": detail.standard,
                    "responsible_leader_id": str(detail.responsible_leader_id or ""),
                    "responsible_person_id": str(detail.responsible_person_id or ""),
                    "due_on": detail.due_on.isoformat() if detail.due_on else "",
                    "status": detail.status.value,
                    "version": str(detail.version),
                },
            ),
            "progress": FormState("progress", {"month": service.today().strftime("%Y-%m")}),
            "close": FormState("close", {"version": str(detail.version)}),
            "reopen": FormState("reopen", {"version": str(detail.version)}),
        },
    }
