"""The inspector's dashboard of the jurisdiction (督查看板) and the monthly circular (通报) as PDF."""

from datetime import date
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlmodel import Session

from app.auth.dependencies import CurrentAccount, CurrentScope
from app.auth.models import Account
from app.config import Settings
from app.db import DbSession
from app.errors import DomainError, InvalidInput
from app.i18n import gettext, mark
from app.ids import RecordId
from app.organizations import service as organization_service
from app.rectification import reports
from app.rectification import service as rectification_service
from app.rectification.schemas import Month
from app.scope import Scope
from app.spot_checks import dashboard
from app.spot_checks.sampling import INSPECTING_ROLES
from app.text import InputModel
from app.web.forms import FormState, domain_form_errors, parse_form
from app.web.templating import render

router = APIRouter(include_in_schema=False)


class DashboardQuery(InputModel):
    organization_id: RecordId | None = None
    from_month: Month
    to_month: Month


def _query_values(request: Request, account: Account) -> dict[str, str]:
    """The query string, or — on first opening — the caller's jurisdiction from January to this month."""
    values = {k: v for k, v in request.query_params.items() if k in DashboardQuery.model_fields}
    if not values:
        today = rectification_service.today()
        values = {
            "organization_id": str(account.organization_id),
            "from_month": f"{today.year}-01",
            "to_month": today.strftime("%Y-%m"),
        }
    return values


def build(
    db: Session,
    scope: Scope,
    account: Account,
    organization_id: RecordId | None,
    from_month: str,
    to_month: str,
    as_of: date | None = None,
) -> dashboard.Dashboard:
    """The dashboard of ``organization_id`` (default: the caller's organization) inside ``scope``."""
    organization = organization_service.get_organization(
        db, scope, organization_id or account.organization_id, field="organization_id"
    )
    if to_month < from_month:
        raise InvalidInput(
            mark("The end of the period is before its start."),
            code="period_reversed",
            field="to_month",
        )
    # Overdue as the period ended (the day after it), or today while it runs: a circular printed
    # later shows the figures it had.
    period_end = dashboard.next_month(date.fromisoformat(f"{to_month}-01"))
    return dashboard.dashboard(
        db,
        scope,
        organization,
        from_month,
        to_month,
        as_of=as_of or min(rectification_service.today(), period_end),
        planned_visible=account.role in INSPECTING_ROLES,
    )


def _from_query(
    db: Session, scope: Scope, values: dict[str, str], account: Account
) -> dashboard.Dashboard:
    data, errors = parse_form(DashboardQuery, values)
    if data is None:
        field, message = next(iter(errors.items()))
        raise InvalidInput(message, field=field)
    return build(db, scope, account, data.organization_id, data.from_month, data.to_month)


@router.get("/inspection")
def dashboard_page(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    values = _query_values(request, account)
    board, errors = None, {}
    try:
        board = _from_query(db, scope, values, account)
    except DomainError as exc:
        errors = domain_form_errors(exc)
    context = {
        "form": FormState("dashboard", values, errors),
        "organization_options": organization_service.indented_options(db, scope),
        "d": board,
        "query": values,
        **(dashboard.charts(board) if board else {}),
    }
    return render(request, "spot_checks/dashboard.html", context, 422 if errors else 200)


def circular_title(board: dashboard.Dashboard) -> str:
    return gettext("Circular on the spot checks of study meetings, %(month)s") % {
        "month": board.from_month
    }


def circular_pdf(board: dashboard.Dashboard, settings: Settings) -> bytes:
    return reports.print_report(
        "spot_checks/pdf/circular.html",
        settings,
        d=board,
        title=circular_title(board),
        **dashboard.charts(board, settings.pdf_font_sans),
    )


class CircularQuery(InputModel):
    organization_id: RecordId | None = None
    month: Month


@router.get("/inspection/circular.pdf")
def circular(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    """The monthly circular (通报) of the jurisdiction's spot checks: one month, as an A4 PDF."""
    values = dict(request.query_params)
    values.setdefault("month", rectification_service.today().strftime("%Y-%m"))
    data, errors = parse_form(CircularQuery, values)
    if data is None:
        field, message = next(iter(errors.items()))
        raise InvalidInput(message, field=field)
    board = build(db, scope, account, data.organization_id, data.month, data.month)
    pdf = circular_pdf(board, request.app.state.settings)
    name = quote(f"{board.organization_name}-抽查通报-{board.from_month}.pdf")
    headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{name}"}
    return Response(pdf, media_type="application/pdf", headers=headers)
