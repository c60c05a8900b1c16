"""The inspector's circulars (通报): the list with a new draft's form, the draft written on a page and
printed while written, issuing (once, after a confirmation), the issued circular's stored documents."""

from fastapi import Request
from fastapi.responses import Response

from app.access import CurrentScope
from app.auth.dependencies import CurrentAccount
from app.db import DbSession, Session
from app.etag import parse_version
from app.flows import circulars as flows
from app.http.circulars import download
from app.i18n import gettext
from app.organizations import service as organization_service
from app.rectification import service as rectification_service
from app.scope import Scope
from app.spot_checks import circulars
from app.spot_checks.models import Circular, CircularStatus
from app.spot_checks.permissions import CircularInScope
from app.spot_checks.schemas import CircularCreate, CircularUpdate
from app.web.flash import flash
from app.web.forms import FormState, FormValues, PostedForm, attempt, parse_form
from app.web.links import path_to, redirect_to
from app.web.routing import NamedRouter
from app.web.templating import render

router = NamedRouter("circulars", include_in_schema=False)
TEXT_FIELDS = tuple(CircularUpdate.model_fields)


def _list(
    request: Request, db: Session, scope: Scope, form: FormState, status_code: int = 200
) -> Response:
    today = rectification_service.today()
    found, _ = circulars.list_circulars(db, scope)  # a county issues about twelve a year
    rows = [
        (circular, name, circulars.reference(circular, today=today)) for circular, name in found
    ]
    context = {
        "form": form,
        "circulars": rows,
        "organization_options": organization_service.indented_options(db, scope),
        "statuses": CircularStatus,
    }
    return render(request, "circulars/list.html", context, status_code)


@router.get("/circulars")
def list_page(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    values = {
        "organization_id": request.query_params.get(
            "organization_id", str(account.organization_id)
        ),
        "month": request.query_params.get("month", rectification_service.today().strftime("%Y-%m")),
    }
    return _list(request, db, scope, FormState("circular", values))


@router.post("/circulars")
def create(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    values: PostedForm,
) -> Response:
    data, errors = parse_form(CircularCreate, values)
    if data is not None:
        settings = request.app.state.settings
        done = attempt(db, lambda: flows.create_draft(db, settings, scope, account, data))
        if done.result is not None:
            return redirect_to(request, "circulars.page", circular_id=done.result.id)
        errors = done.errors
    return _list(request, db, scope, FormState("circular", values, errors), 422)


def _values(circular: Circular) -> FormValues:
    values = {name: getattr(circular, name) for name in TEXT_FIELDS}
    return {name: "" if value is None else str(value) for name, value in values.items()} | {
        "version": str(circular.version)
    }


def _page(
    request: Request,
    circular: Circular,
    form: FormState | None = None,
    status_code: int = 200,
) -> Response:
    today = rectification_service.today()
    context = {
        "c": circular,
        "reference": circulars.reference(circular, today=today),
        "form": form or FormState("circular", _values(circular)),
        "issued": circular.status == CircularStatus.issued,
    }
    return render(request, "circulars/page.html", context, status_code)


@router.get("/circulars/{circular_id}")
def page(request: Request, circular: CircularInScope) -> Response:
    return _page(request, circular)


@router.post("/circulars/{circular_id}")
def save(
    request: Request, db: DbSession, circular: CircularInScope, values: PostedForm
) -> Response:
    data, errors = parse_form(CircularUpdate, values)
    status_code = 422
    if data is not None:
        version = parse_version(values.get("version", ""))
        done = attempt(
            db, lambda: circulars.update_draft(db, circular, data, expected_version=version)
        )
        if done.error is None:
            flash(request, gettext("The draft is saved."))
            return redirect_to(request, "circulars.page", circular_id=circular.id)
        errors, status_code = done.errors, done.error.status_code
    return _page(request, circular, FormState("circular", values, errors), status_code)


@router.get("/circulars/{circular_id}/issue")
def confirm_issue(request: Request, circular: CircularInScope) -> Response:
    """Issuing is asked for on the draft's page; a reload of the address lands there."""
    return redirect_to(request, "circulars.page", circular_id=circular.id)


@router.post("/circulars/{circular_id}/issue")
def issue(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    circular: CircularInScope,
    values: PostedForm,
) -> Response:
    """Save the text as posted, then issue: numbered, dated, printed once and locked. Without
    JavaScript's dialog a page asks first."""
    data, errors = parse_form(CircularUpdate, values)
    status_code = 422
    if data is not None and values.get("confirm") != "yes":
        return _confirm(request, circular, values)
    if data is not None:
        settings = request.app.state.settings
        version = parse_version(values.get("version", ""))

        def save_and_issue() -> Circular:
            saved = circulars.update_draft(db, circular, data, expected_version=version)
            return flows.issue(db, settings, scope, account, saved, expected_version=None)

        done = attempt(db, save_and_issue)
        if done.error is None:
            flash(request, gettext("The circular is issued and stored as printed."))
            return redirect_to(request, "circulars.page", circular_id=circular.id)
        errors, status_code = done.errors, done.error.status_code
    db.refresh(circular)
    return _page(request, circular, FormState("circular", values, errors), status_code)


def _confirm(request: Request, circular: Circular, values: FormValues) -> Response:
    fields: dict[str, str] = {name: values.get(name, "") for name in (*TEXT_FIELDS, "version")}
    question = {
        "heading": gettext("Issue the circular?"),
        "subject": circular.title,
        "consequences": [
            gettext(
                "It gets its reference number and date, is stored as printed (PDF/A and Word)"
                " and can no longer change."
            )
        ],
        "warnings": [],
        "action": path_to(request, "circulars.issue", circular_id=circular.id),
        "fields": fields,
        "button": gettext("Issue the circular"),
        "back": path_to(request, "circulars.page", circular_id=circular.id),
    }
    return render(request, "confirm.html", question)


@router.get("/circulars/{circular_id}/circular.pdf")
def circular_pdf(
    request: Request, db: DbSession, scope: CurrentScope, circular: CircularInScope
) -> Response:
    return download.pdf_response(request, db, scope, circular)


@router.get("/circulars/{circular_id}/circular.docx")
def circular_docx(
    request: Request, db: DbSession, scope: CurrentScope, circular: CircularInScope
) -> Response:
    return download.docx_response(request, db, scope, circular)
