"""The monthly report of the ledger as a page, a PDF and an XLSX (same figures, same query)."""

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlmodel import Session

from app.auth.dependencies import CurrentAccount, CurrentScope
from app.auth.models import Account
from app.db import DbSession
from app.errors import DomainError, InvalidInput
from app.ids import RecordId
from app.organizations import service as organization_service
from app.rectification import reports, service
from app.rectification.schemas import Month
from app.scope import Scope
from app.text import InputModel
from app.web.forms import FormState, domain_form_errors, parse_form
from app.web.templating import render

router = APIRouter(include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReportQuery(InputModel):
    organization_id: RecordId | None = None
    month: Month
    include_subtree: bool = False


def _query_values(request: Request, account: Account) -> dict[str, str]:
    """The query string, or — on first opening — the caller's organization and this month."""
    values = {k: v for k, v in request.query_params.items() if k in ReportQuery.model_fields}
    if not values:
        values = {
            "organization_id": str(account.organization_id),
            "month": service.today().strftime("%Y-%m"),
            "include_subtree": "on",
        }
    return values


def _build(
    db: Session, scope: Scope, values: dict[str, str], account: Account
) -> reports.MonthlyReport:
    data, errors = parse_form(ReportQuery, values, checkboxes=("include_subtree",))
    if data is None:
        field, message = next(iter(errors.items()))
        raise InvalidInput(message, field=field)
    organization = organization_service.get_organization(
        db, scope, data.organization_id or account.organization_id, field="organization_id"
    )
    return reports.monthly_report(
        db,
        scope,
        organization,
        data.month,
        include_subtree=data.include_subtree,
        today=service.today(),
    )


@router.get("/reports/monthly")
def monthly_report_page(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    values = _query_values(request, account)
    report, errors = None, {}
    try:
        report = _build(db, scope, values, account)
    except DomainError as exc:
        errors = domain_form_errors(exc)
    context = {
        "form": FormState("report", values, errors),
        "organization_options": organization_service.indented_options(db, scope),
        "r": report,
        "query": values,
        **(reports.charts(report) if report else {}),
    }
    return render(request, "rectification/report.html", context, 422 if errors else 200)


def _download(
    report: reports.MonthlyReport, content: bytes, media_type: str, suffix: str
) -> Response:
    name = quote(f"{report.organization_name}-整改月报-{report.month}.{suffix}")
    headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{name}"}
    return Response(content, media_type=media_type, headers=headers)


@router.get("/reports/monthly.pdf")
def monthly_report_pdf(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    report = _build(db, scope, _query_values(request, account), account)
    pdf = reports.to_pdf(report, request.app.state.settings)
    return _download(report, pdf, "application/pdf", "pdf")


@router.get("/reports/monthly.xlsx")
def monthly_report_xlsx(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    report = _build(db, scope, _query_values(request, account), account)
    return _download(report, reports.to_xlsx(report), XLSX, "xlsx")
