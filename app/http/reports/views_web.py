"""The read-side pages: the inspector's dashboard (督查看板), the ledger's monthly report as a page,
a PDF, an XLSX and a Word document, and a campaign's completeness."""

from fastapi import Request
from fastapi.responses import Response

from app.access import CurrentScope
from app.auth.dependencies import CurrentAccount
from app.auth.models import Account
from app.campaigns import service as campaign_service
from app.campaigns.permissions import CampaignInScope
from app.db import DbSession
from app.errors import DomainError, NotFound
from app.i18n import mark
from app.ids import RecordId
from app.organizations import service as organization_service
from app.printing import queue as printing_queue
from app.rectification import service as rectification_service
from app.rectification.schemas import Month
from app.reports import completeness, dashboard, monthly
from app.scope import Scope
from app.spot_checks.permissions import sees_planned
from app.text import InputModel
from app.web.downloads import download
from app.web.forms import FormErrors, FormState, FormValues, domain_form_errors, parse_query
from app.web.links import redirect_to
from app.web.routing import NamedRouter
from app.web.templating import render

router = NamedRouter("reports", include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# The inspector's dashboard ---------------------------------------------------------


class DashboardQuery(InputModel):
    organization_id: RecordId | None = None
    from_month: Month
    to_month: Month


def _dashboard_values(request: Request, account: Account) -> FormValues:
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


def _board(
    db: DbSession, scope: Scope, account: Account, values: FormValues, *, planned_visible: bool
) -> tuple[dashboard.Dashboard | None, FormErrors]:
    """The dashboard the query string asks for, or None with the errors to show next to the form."""
    try:
        query = parse_query(DashboardQuery, values)
        board = dashboard.for_caller(
            db,
            scope,
            query.organization_id or account.organization_id,
            query.from_month,
            query.to_month,
            planned_visible=planned_visible,
        )
    except DomainError as exc:
        return None, domain_form_errors(exc)
    return board, {}


@router.get("/inspection")
def dashboard_page(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    values = _dashboard_values(request, account)
    board, errors = _board(db, scope, account, values, planned_visible=sees_planned(account))
    context = {
        "form": FormState("dashboard", values, errors),
        "organization_options": organization_service.indented_options(db, scope),
        "d": board,
        "units": dashboard.units(db, board) if board else [],
        "period": dashboard.period_name(board) if board else "",
        "query": values,
        **(dashboard.charts(board) if board else {}),
    }
    return render(request, "reports/dashboard.html", context, 422 if errors else 200)


@router.get("/overview")
def overview_page(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    """A leader's overview (概览): the figures per unit, drilling down one unit at a time, and each
    unit's finalized minutes one click away."""
    values = _dashboard_values(request, account)
    board, errors = _board(db, scope, account, values, planned_visible=False)
    context = {
        "form": FormState("overview", values, errors),
        "organization_options": organization_service.indented_options(db, scope),
        "o": dashboard.overview(db, board) if board else None,
        "period": dashboard.period_name(board) if board else "",
    }
    return render(request, "reports/overview.html", context, 422 if errors else 200)


# The ledger's monthly report -----------------------------------------------------------------------


class ReportQuery(InputModel):
    organization_id: RecordId | None = None
    month: Month
    include_subtree: bool = False


def _report_values(request: Request, account: Account) -> FormValues:
    """The query string, or — on first opening — the caller's organization and this month."""
    values = {k: v for k, v in request.query_params.items() if k in ReportQuery.model_fields}
    if not values:
        values = {
            "organization_id": str(account.organization_id),
            "month": rectification_service.today().strftime("%Y-%m"),
            "include_subtree": "on",
        }
    return values


def _report(
    db: DbSession, scope: Scope, values: FormValues, account: Account
) -> monthly.MonthlyReport:
    data = parse_query(ReportQuery, values, checkboxes=("include_subtree",))
    organization = organization_service.get_organization(
        db, scope, data.organization_id or account.organization_id, field="organization_id"
    )
    return monthly.monthly_report(
        db,
        scope,
        organization,
        data.month,
        include_subtree=data.include_subtree,
        today=rectification_service.today(),
    )


@router.get("/reports/monthly")
def monthly_page(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    values = _report_values(request, account)
    report, errors = None, {}
    try:
        report = _report(db, scope, values, account)
    except DomainError as exc:
        errors = domain_form_errors(exc)
    context = {
        "form": FormState("report", values, errors),
        "organization_options": organization_service.indented_options(db, scope),
        "r": report,
        "query": values,
        **(monthly.charts(report) if report else {}),
    }
    return render(request, "reports/monthly.html", context, 422 if errors else 200)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _report_name(report: monthly.MonthlyReport) -> str:
    return f"{report.organization_name}-整改月报-{report.month}"


@router.get("/reports/monthly.pdf")
def monthly_pdf(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    report = _report(db, scope, _report_values(request, account), account)
    with printing_queue.on_behalf_of(account.id):
        pdf = monthly.to_pdf(report, request.app.state.settings)
    return download(pdf, "application/pdf", _report_name(report), "pdf")


@router.get("/reports/monthly.xlsx")
def monthly_xlsx(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    report = _report(db, scope, _report_values(request, account), account)
    return download(monthly.to_xlsx(report), XLSX, _report_name(report), "xlsx")


@router.get("/reports/monthly.docx")
def monthly_docx(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    """The monthly report as a Word document, from the Word template of the reports."""
    report = _report(db, scope, _report_values(request, account), account)
    docx = monthly.to_docx(report, request.app.state.settings)
    return download(docx, DOCX, _report_name(report), "docx")


# Campaign completeness -----------------------------------------------------------------------------


@router.get("/campaigns/completeness")
def latest_completeness(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    """The newest campaign's matrix (the page lets the reader switch campaigns)."""
    campaigns, _ = campaign_service.list_campaigns(db, scope, cursor=None, limit=200)
    if not campaigns:
        raise NotFound(mark("No campaign yet."), code="campaign_not_found")
    newest = max(campaigns, key=lambda campaign: campaign.starts_on)
    return redirect_to(request, "reports.completeness_page", campaign_id=newest.id)


@router.get("/campaigns/{campaign_id}/completeness")
def completeness_page(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    campaign: CampaignInScope,
    organization_id: RecordId | None = None,
) -> Response:
    organization = organization_service.get_organization(
        db, scope, organization_id or account.organization_id, field="organization_id"
    )
    matrix = completeness.completeness(
        db, scope, campaign, organization, today=rectification_service.today()
    )
    campaigns, _ = campaign_service.list_campaigns(db, scope, cursor=None, limit=50)
    return render(
        request,
        "reports/completeness.html",
        {"m": matrix, "states": completeness.CellState, "campaigns": campaigns},
    )
