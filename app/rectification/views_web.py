"""Pages of the ledger: the three lists, an item with its monthly progress, and the forms that keep it."""

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session, col, select

from app.auth.dependencies import CurrentAccount, CurrentScope
from app.auth.models import Account
from app.campaigns.models import Campaign
from app.db import DbSession
from app.errors import DomainError
from app.etag import parse_version
from app.ids import RecordId
from app.organizations import service as organization_service
from app.organizations.models import Organization
from app.people.models import Person
from app.rectification import service
from app.rectification.models import ItemSource, ItemStatus, RectificationItem
from app.rectification.schemas import (
    MANUAL_SOURCES,
    OPEN_STATUSES,
    ItemClose,
    ItemCreate,
    ItemReopen,
    ItemUpdate,
    ProgressCreate,
)
from app.scope import Scope, in_scope
from app.text import InputModel
from app.web.forms import FormState, FormValues, PostedForm, domain_form_errors, parse_form
from app.web.labels import label
from app.web.templating import render

router = APIRouter(include_in_schema=False)

LEDGER_WRITERS = ("admin", "secretary")
REVIEWERS = ("admin", "secretary", "inspector")


class LedgerFilters(InputModel):
    ledger: service.LedgerList = service.LedgerList.problems
    organization_id: RecordId | None = None
    status: ItemStatus | None = None
    overdue: bool | None = None
    campaign_id: RecordId | None = None
    source: ItemSource | None = None
    responsible_person_id: RecordId | None = None
    cursor: str | None = None


def _people(db: Session, scope: Scope) -> list[tuple[int, str]]:
    statement = (
        select(Person.id, Person.name, Organization.name)
        .join(Organization, col(Organization.id) == Person.organization_id)
        .where(in_scope(col(Organization.path), scope), col(Person.active).is_(True))
        .order_by(col(Organization.path), col(Person.id))
    )
    return [(pid, f"{name}（{org}）") for pid, name, org in db.exec(statement).all() if pid]


def _role(request: Request) -> str:
    caller = getattr(request.state, "caller", None)
    return str(caller.role) if caller is not None else ""


@router.get("/ledger")
def ledger_page(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    raw = {k: v for k, v in request.query_params.items() if v and k in LedgerFilters.model_fields}
    parsed, errors = parse_form(LedgerFilters, raw)
    filters = parsed or LedgerFilters()
    on = service.today()
    try:
        items, next_cursor = service.list_items(
            db,
            scope,
            on=on,
            **filters.model_dump(exclude={"cursor"}),
            cursor=filters.cursor,
            limit=50,
        )
    except DomainError as exc:
        items, next_cursor = [], None
        errors.update(domain_form_errors(exc))
    query = {k: v for k, v in request.query_params.items() if k not in ("cursor", "lang") and v}
    return render(
        request,
        "rectification/list.html",
        {
            "items": service.items_public(db, items, on),
            "next_cursor": next_cursor,
            "filters": filters,
            "errors": errors,
            "query": query,
            "export_query": {k: v for k, v in query.items() if k in LedgerFilters.model_fields}
            | {"ledger": filters.ledger.value},
            "tabs": [(ledger, query | {"ledger": ledger.value}) for ledger in service.LedgerList],
            "organizations": organization_service.tree_in_scope(db, scope),
            "campaigns": db.exec(select(Campaign).order_by(col(Campaign.starts_on).desc())).all(),
            "statuses": list(ItemStatus),
            "sources": list(ItemSource),
            "people": _people(db, scope),
            "can_open": _role(request) in REVIEWERS,
        },
    )


def _form_options(db: Session, scope: Scope) -> dict[str, Any]:
    return {
        "organization_options": [
            (o.id, o.name) for o in organization_service.tree_in_scope(db, scope)
        ],
        "people": _people(db, scope),
        "source_options": [(s.value, label(s)) for s in MANUAL_SOURCES],
        "status_options": [(s.value, label(s)) for s in OPEN_STATUSES],
        "campaign_options": [
            (c.id, c.name)
            for c in db.exec(select(Campaign).order_by(col(Campaign.starts_on).desc())).all()
        ],
    }


@router.get("/ledger/new")
def new_item_page(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    context = {"form": FormState("item", {"source": "ordered"}), **_form_options(db, scope)}
    return render(request, "rectification/new.html", context)


@router.post("/ledger")
def create_item(
    request: Request, db: DbSession, scope: CurrentScope, values: PostedForm
) -> Response:
    data, errors = parse_form(ItemCreate, values)
    if data is not None:
        try:
            item = service.create_item(db, scope, data)
            return RedirectResponse(f"/ledger/{item.id}", status_code=303)
        except DomainError as exc:
            db.rollback()
            errors = domain_form_errors(exc)
    context = {"form": FormState("item", values, errors), **_form_options(db, scope)}
    return render(request, "rectification/new.html", context, 422)


def _item_context(
    request: Request, db: Session, scope: Scope, item: RectificationItem
) -> dict[str, Any]:
    detail = service.item_detail(db, item, service.today())
    role = _role(request)
    return {
        "item": detail,
        "can_write": role in LEDGER_WRITERS and detail.status != ItemStatus.closed,
        "can_review": role in REVIEWERS,
        **_form_options(db, scope),
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


@router.get("/ledger/{item_id}")
def item_page(request: Request, db: DbSession, scope: CurrentScope, item_id: RecordId) -> Response:
    item = service.get_item(db, scope, item_id)
    return render(request, "rectification/detail.html", _item_context(request, db, scope, item))


def _version(values: FormValues) -> int | None:
    return parse_version(values.get("version", ""))


def _refused(
    request: Request,
    db: Session,
    scope: Scope,
    item_id: RecordId,
    form: str,
    values: FormValues,
    errors: dict[str, str],
) -> Response:
    db.rollback()
    item = service.get_item(db, scope, item_id)
    context = _item_context(request, db, scope, item)
    context["forms"][form] = FormState(form, values, errors)
    return render(request, "rectification/detail.html", context, 422)


@router.post("/ledger/{item_id}/edit")
def edit_item(
    request: Request, db: DbSession, scope: CurrentScope, item_id: RecordId, values: PostedForm
) -> Response:
    """Measure, standard, who is responsible, due date, status; errors next to their field."""
    item = service.get_item(db, scope, item_id)
    fields = {k: v for k, v in values.items() if k != "version"}
    data, errors = parse_form(ItemUpdate, fields)
    if data is not None:
        # A cleared select or date means "nobody" / "no due date".
        cleared: dict[str, Any] = {
            name: None
            for name in ("responsible_leader_id", "responsible_person_id", "due_on")
            if name in values and not values[name].strip()
        }
        data = data.model_copy(update=cleared)  # and marks them as sent
        try:
            service.update_item(db, scope, item, data, expected_version=_version(values))
            return RedirectResponse(f"/ledger/{item_id}", status_code=303)
        except DomainError as exc:
            errors = domain_form_errors(exc)
    return _refused(request, db, scope, item_id, "edit", values, errors)


@router.post("/ledger/{item_id}/progress")
def report_progress(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    item_id: RecordId,
    values: PostedForm,
) -> Response:
    item = service.get_item(db, scope, item_id)
    data, errors = parse_form(ProgressCreate, values)
    if data is not None:
        try:
            service.add_progress(db, item, data, account)
            return RedirectResponse(f"/ledger/{item_id}#progress", status_code=303)
        except DomainError as exc:
            errors = domain_form_errors(exc)
    return _refused(request, db, scope, item_id, "progress", values, errors)


def _review(
    request: Request,
    db: Session,
    scope: Scope,
    account: Account,
    item_id: RecordId,
    values: FormValues,
    form: str,
    schema: type[ItemClose] | type[ItemReopen],
    act: Callable[..., RectificationItem],
) -> Response:
    """Close or reopen: the form's fields, the item's version from the page; errors on the page."""
    item = service.get_item(db, scope, item_id)
    data, errors = parse_form(schema, {k: v for k, v in values.items() if k != "version"})
    if data is not None:
        try:
            act(db, item, data, account, expected_version=_version(values))
            return RedirectResponse(f"/ledger/{item_id}", status_code=303)
        except DomainError as exc:
            errors = domain_form_errors(exc)
    return _refused(request, db, scope, item_id, form, values, errors)


@router.post("/ledger/{item_id}/close")
def close_item(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    item_id: RecordId,
    values: PostedForm,
) -> Response:
    """销号 with the result; the responsible person is refused with the reason on the page."""
    return _review(
        request, db, scope, account, item_id, values, "close", ItemClose, service.close_item
    )


@router.post("/ledger/{item_id}/reopen")
def reopen_item(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    item_id: RecordId,
    values: PostedForm,
) -> Response:
    """Reopen with a reason, which the audit log keeps."""
    return _review(
        request, db, scope, account, item_id, values, "reopen", ItemReopen, service.reopen_item
    )
