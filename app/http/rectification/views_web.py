"""Pages of the ledger: the three lists, an item with its monthly progress, and the forms that keep it."""

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from app.access import CurrentScope
from app.auth.dependencies import CurrentAccount
from app.auth.models import Account
from app.db import DbSession
from app.errors import DomainError
from app.etag import parse_version
from app.http.rectification import pages
from app.i18n import gettext
from app.rectification import service
from app.rectification.models import RectificationItem
from app.rectification.permissions import ItemInScope
from app.rectification.schemas import ItemClose, ItemCreate, ItemReopen, ItemUpdate, ProgressCreate
from app.scope import Scope
from app.web.forms import (
    FormErrors,
    FormState,
    FormValues,
    PostedForm,
    attempt,
    domain_form_errors,
    parse_form,
    rehearse,
)
from app.web.links import path_to, redirect_to
from app.web.routing import NamedRouter
from app.web.templating import render

router = NamedRouter("rectification", include_in_schema=False)
DETAIL = "rectification/detail.html"


@router.get("/ledger")
def ledger(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    raw = {
        k: v for k, v in request.query_params.items() if v and k in pages.LedgerFilters.model_fields
    }
    parsed, errors = parse_form(pages.LedgerFilters, raw)
    filters = parsed or pages.LedgerFilters()
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
    public = service.items_public(db, items, on)
    context = pages.ledger(request, db, scope, filters, errors, public, next_cursor)
    return render(request, "rectification/list.html", context)


@router.get("/ledger/new")
def new(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    context = {"form": FormState("item", {"source": "ordered"}), **pages.form_options(db, scope)}
    return render(request, "rectification/new.html", context)


@router.post("/ledger")
def create(request: Request, db: DbSession, scope: CurrentScope, values: PostedForm) -> Response:
    data, errors = parse_form(ItemCreate, values)
    if data is not None:
        done = attempt(db, lambda: service.create_item(db, scope, data))
        if done.result is not None:
            return redirect_to(request, "rectification.item", item_id=done.result.id)
        errors = done.errors
    context = {"form": FormState("item", values, errors), **pages.form_options(db, scope)}
    return render(request, "rectification/new.html", context, 422)


@router.get("/ledger/{item_id}")
def item(request: Request, db: DbSession, scope: CurrentScope, item: ItemInScope) -> Response:
    return render(request, DETAIL, pages.item_page(db, scope, item))


def _version(values: FormValues) -> int | None:
    return parse_version(values.get("version", ""))


def _form_again(
    request: Request,
    db: DbSession,
    scope: Scope,
    item: RectificationItem,
    form: str,
    values: FormValues,
    errors: FormErrors,
) -> Response:
    context = pages.item_page(db, scope, item)
    context["forms"][form] = FormState(form, values, errors)
    return render(request, DETAIL, context, 422)


@router.post("/ledger/{item_id}/edit")
def edit(
    request: Request, db: DbSession, scope: CurrentScope, values: PostedForm, item: ItemInScope
) -> Response:
    """Measure, standard, who is responsible, due date, status; errors next to their field."""
    fields = {k: v for k, v in values.items() if k != "version"}
    data, errors = parse_form(ItemUpdate, fields)
    if data is not None:
        # A cleared select or date means "nobody" / "no due date".
        cleared: dict[str, Any] = {
            name: None
            for name in ("responsible_leader_id", "responsible_person_id", "due_on")
            if name in values and not values[name].strip()
        }
        changes = data.model_copy(update=cleared)  # and marks them as sent
        done = attempt(
            db,
            lambda: service.update_item(
                db, scope, item, changes, expected_version=_version(values)
            ),
        )
        if done.error is None:
            return redirect_to(request, "rectification.item", item_id=item.id)
        errors = done.errors
    return _form_again(request, db, scope, item, "edit", values, errors)


@router.post("/ledger/{item_id}/progress")
def report_progress(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    values: PostedForm,
    item: ItemInScope,
) -> Response:
    data, errors = parse_form(ProgressCreate, values)
    if data is not None:
        done = attempt(db, lambda: service.add_progress(db, item, data, account))
        if done.error is None:
            return redirect_to(request, "rectification.item", fragment="progress", item_id=item.id)
        errors = done.errors
    return _form_again(request, db, scope, item, "progress", values, errors)


def _close_confirmation(
    request: Request, item: RectificationItem, values: FormValues
) -> dict[str, object]:
    return {
        "heading": gettext("Close this item (销号)?"),
        "subject": item.problem,
        "consequences": [
            gettext(
                "The item is closed with the result below; only a reviewer can reopen it, with a reason."
            ),
            values.get("result", ""),
        ],
        "warnings": [],
        "action": path_to(request, "rectification.close", item_id=item.id),
        "fields": {k: v for k, v in values.items() if k != "confirm"},
        "button": gettext("Close the item"),
        "back": path_to(request, "rectification.item", item_id=item.id),
    }


def _review(
    request: Request,
    db: DbSession,
    scope: Scope,
    account: Account,
    item: RectificationItem,
    values: FormValues,
    form: str,
    schema: type[ItemClose] | type[ItemReopen],
    act: Callable[..., RectificationItem],
) -> Response:
    """Close or reopen: the form's fields, the item's version from the page; errors on the page."""
    data, errors = parse_form(
        schema, {k: v for k, v in values.items() if k not in ("version", "confirm")}
    )
    if data is not None and form == "close" and values.get("confirm") != "yes":
        # 销号 cannot be undone by its author: ask first (a dialog with JavaScript), once the step
        # is known to go through.
        refusal = rehearse(
            db, lambda: act(db, item, data, account, expected_version=_version(values))
        )
        if refusal is None:
            return render(request, "confirm.html", _close_confirmation(request, item, values))
        errors = domain_form_errors(refusal)
    elif data is not None:
        done = attempt(db, lambda: act(db, item, data, account, expected_version=_version(values)))
        if done.error is None:
            return redirect_to(request, "rectification.item", item_id=item.id)
        errors = done.errors
    return _form_again(request, db, scope, item, form, values, errors)


@router.post("/ledger/{item_id}/close")
def close(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    values: PostedForm,
    item: ItemInScope,
) -> Response:
    """销号 with the result; the responsible person is refused with the reason on the page."""
    return _review(
        request, db, scope, account, item, values, "close", ItemClose, service.close_item
    )


@router.post("/ledger/{item_id}/reopen")
def reopen(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    values: PostedForm,
    item: ItemInScope,
) -> Response:
    """Reopen with a reason, which the audit log keeps."""
    return _review(
        request, db, scope, account, item, values, "reopen", ItemReopen, service.reopen_item
    )
