"""The inspector's dashboard and a campaign's completeness through the API."""

from datetime import date

from app.access import CurrentScope
from app.auth.dependencies import CurrentAccount
from app.campaigns.permissions import CampaignInScope
from app.db import DbSession
from app.ids import RecordId
from app.organizations import service as organization_service
from app.rectification.schemas import Month
from app.rectification.service import today
from app.reports import completeness, dashboard, monthly
from app.spot_checks.permissions import sees_planned
from app.web.routing import NamedRouter

router = NamedRouter("api.reports")


@router.get("/dashboard", tags=["spot checks"])
def read_dashboard(
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    from_month: Month,
    to_month: Month,
    organization_id: RecordId | None = None,
    as_of: date | None = None,
) -> dashboard.Dashboard:
    """The inspector's figures for the jurisdiction (the organization's subtree) and months from–to:
    meetings held against the required frequency, open rework flags, spot checks by verdict and pass
    rate, rectification items overdue on ``as_of`` (default today)."""
    return dashboard.for_caller(
        db,
        scope,
        organization_id or account.organization_id,
        from_month,
        to_month,
        as_of=as_of,
        planned_visible=sees_planned(account),
    )


@router.get("/reports/monthly", tags=["rectification"])
def monthly_report(
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    month: Month,
    organization_id: RecordId | None = None,
    include_subtree: bool = False,
) -> monthly.MonthlyReport:
    """The ledger's monthly report (整改月报) of an organization of the caller's scope (default: the
    caller's own), with those below it if asked: items opened, closed and overdue in the month, the
    progress reported and the items without any, the figures month by month from January, and the
    audit anchor a filed copy can be verified against (``yantao audit verify --anchor``)."""
    organization = organization_service.get_organization(
        db, scope, organization_id or account.organization_id, field="organization_id"
    )
    return monthly.monthly_report(
        db, scope, organization, month, include_subtree=include_subtree, today=today()
    )


@router.get("/overview", tags=["reports"])
def read_overview(
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    from_month: Month,
    to_month: Month,
    organization_id: RecordId | None = None,
) -> dashboard.Overview:
    """A leader's overview of an organization of the caller's scope (default: the caller's own) for
    months from–to: meetings held against the required frequency per unit directly below it, open
    rework flags with their deadlines, make-ups past them, rectification items overdue — the
    dashboard's figures, for every role."""
    board = dashboard.for_caller(
        db, scope, organization_id or account.organization_id, from_month, to_month
    )
    return dashboard.overview(db, board)


@router.get("/campaigns/{campaign_id}/completeness", tags=["campaigns"])
def campaign_completeness(
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    campaign: CampaignInScope,
    organization_id: RecordId | None = None,
) -> completeness.CompletenessPublic:
    """For the organization (default: the caller's) and everything below it: the state of each required
    action — ``done`` (a linked finalized session or closed item), ``started``, ``missing`` (past due, nothing
    linked), ``pending`` or ``not_applicable`` — and the members who attended none of the campaign's meetings."""
    organization = organization_service.get_organization(
        db, scope, organization_id or account.organization_id, field="organization_id"
    )
    matrix = completeness.completeness(db, scope, campaign, organization, today=today())
    return completeness.public(matrix)
