"""Campaign completeness as JSON and as a page: organizations × required actions, and who was never there."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel

from app.auth.dependencies import CurrentAccount, CurrentScope
from app.campaigns import service
from app.campaigns.completeness import CellState, Completeness, completeness
from app.db import DbSession
from app.errors import NotFound
from app.i18n import mark
from app.ids import RecordId
from app.organizations import service as organization_service
from app.rectification.service import today
from app.web.templating import render

api_router = APIRouter(tags=["campaigns"])
web_router = APIRouter(include_in_schema=False)


class CellPublic(BaseModel):
    required_action_id: RecordId
    state: CellState
    study_session_ids: list[int]
    rectification_item_ids: list[int]


class RowPublic(BaseModel):
    organization_id: RecordId
    organization_name: str
    depth: int
    missing: int
    cells: list[CellPublic]


class AbsentMember(BaseModel):
    name: str
    organization_name: str


class CompletenessPublic(BaseModel):
    campaign_id: RecordId
    required_actions: list[dict[str, Any]]
    rows: list[RowPublic]
    counts: dict[CellState, int]
    absent_members: list[AbsentMember]


def _matrix(
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    campaign_id: RecordId,
    organization_id: RecordId | None,
) -> Completeness:
    campaign = service.get_campaign(db, scope, campaign_id)
    organization = organization_service.get_organization(
        db, scope, organization_id or account.organization_id, field="organization_id"
    )
    return completeness(db, scope, campaign, organization, today=today())


@api_router.get("/campaigns/{campaign_id}/completeness")
def campaign_completeness(
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    campaign_id: RecordId,
    organization_id: RecordId | None = None,
) -> CompletenessPublic:
    """For the organization (default: the caller's) and everything below it: the state of each required
    action — ``done`` (a linked finalized session or closed item), ``started``, ``missing`` (past due, nothing
    linked), ``pending`` or ``not_applicable`` — and the members who attended none of the campaign's meetings."""
    matrix = _matrix(db, scope, account, campaign_id, organization_id)
    actions = [
        {"id": a.id, "title": a.title, "due_date": a.due_date, "theme_id": a.theme_id}
        for a in matrix.actions
    ]
    return CompletenessPublic(
        campaign_id=campaign_id,
        required_actions=actions,
        rows=[
            RowPublic(
                organization_id=row.organization_id,
                organization_name=row.organization_name,
                depth=row.depth,
                missing=row.missing,
                cells=[
                    CellPublic(
                        required_action_id=action.id or 0,
                        state=cell.state,
                        study_session_ids=list(cell.study_session_ids),
                        rectification_item_ids=list(cell.item_ids),
                    )
                    for action, cell in zip(matrix.actions, row.cells, strict=True)
                ],
            )
            for row in matrix.rows
        ],
        counts={state: matrix.count(state) for state in CellState},
        absent_members=[
            AbsentMember(name=n, organization_name=o) for n, o in matrix.absent_members
        ],
    )


@web_router.get("/campaigns/completeness")
def latest_completeness(db: DbSession, scope: CurrentScope) -> Response:
    """The newest campaign's matrix (the page lets the reader switch campaigns)."""
    campaigns, _ = service.list_campaigns(db, scope, cursor=None, limit=200)
    if not campaigns:
        raise NotFound(mark("No campaign yet."), code="campaign_not_found")
    newest = max(campaigns, key=lambda campaign: campaign.starts_on)
    return RedirectResponse(f"/campaigns/{newest.id}/completeness", status_code=303)


@web_router.get("/campaigns/{campaign_id}/completeness")
def completeness_page(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    campaign_id: RecordId,
    organization_id: RecordId | None = None,
) -> Response:
    matrix = _matrix(db, scope, account, campaign_id, organization_id)
    campaigns, _ = service.list_campaigns(db, scope, cursor=None, limit=50)
    return render(
        request,
        "campaigns/completeness.html",
        {"m": matrix, "states": CellState, "campaigns": campaigns},
    )
