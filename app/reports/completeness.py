"""Campaign completeness ("一个都不少"): which required actions each organization has done, and which members
of the scope attended none of the campaign's meetings.

A cell (organization × required action) is

- ``done`` — a finalized session of the organization, or a closed ledger item, is linked to the action;
- ``started`` — something is linked, but the session is not finalized yet or the item not closed;
- ``missing`` — nothing is linked and the due date has passed (highlighted);
- ``pending`` — nothing is linked yet, the due date has not passed;
- ``not_applicable`` — the action is for other kinds of organization.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, col, select

from app.campaigns.models import Campaign, RequiredAction
from app.campaigns.service import applies
from app.ids import RecordId
from app.organizations.models import Organization
from app.people.models import Person
from app.rectification.models import ItemStatus, RectificationItem
from app.scope import Scope, in_scope
from app.study_sessions.models import (
    PRESENT_STATUSES,
    Attendance,
    StudySession,
    StudySessionStatus,
)


class CellState(StrEnum):
    done = "done"
    started = "started"
    missing = "missing"
    pending = "pending"
    not_applicable = "not_applicable"


@dataclass(frozen=True)
class Cell:
    state: CellState
    study_session_ids: tuple[int, ...] = ()
    item_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Row:
    organization_id: int
    organization_name: str
    depth: int
    cells: tuple[Cell, ...]

    @property
    def missing(self) -> int:
        return sum(cell.state == CellState.missing for cell in self.cells)


@dataclass(frozen=True)
class Completeness:
    campaign: Campaign
    actions: tuple[RequiredAction, ...]
    rows: tuple[Row, ...]
    absent_members: tuple[tuple[str, str], ...]  # (person, organization) who attended no meeting

    def count(self, state: CellState) -> int:
        return sum(cell.state == state for row in self.rows for cell in row.cells)


def completeness(
    db: Session, scope: Scope, campaign: Campaign, organization: Organization, *, today: date
) -> Completeness:
    """The matrix for ``organization`` and everything below it (within the caller's scope)."""
    assert campaign.id is not None
    below = Scope(organization.path, include_subtree=True)
    organizations = db.exec(
        select(Organization)
        .where(in_scope(col(Organization.path), scope), in_scope(col(Organization.path), below))
        .order_by(col(Organization.path))
    ).all()
    org_ids = [o.id for o in organizations if o.id is not None]
    actions = db.exec(
        select(RequiredAction)
        .where(
            RequiredAction.campaign_id == campaign.id, col(RequiredAction.is_optional).is_(False)
        )
        .order_by(col(RequiredAction.due_date), col(RequiredAction.id))
    ).all()
    sessions = (
        db.exec(
            select(
                StudySession.id,
                StudySession.organization_id,
                StudySession.required_action_id,
                StudySession.status,
            )
            .where(col(StudySession.required_action_id).in_([a.id for a in actions]))
            .where(col(StudySession.organization_id).in_(org_ids))
        ).all()
        if actions and org_ids
        else []
    )
    items = (
        db.exec(
            select(
                RectificationItem.id,
                RectificationItem.organization_id,
                RectificationItem.required_action_id,
                RectificationItem.status,
            )
            .where(col(RectificationItem.required_action_id).in_([a.id for a in actions]))
            .where(col(RectificationItem.organization_id).in_(org_ids))
        ).all()
        if actions and org_ids
        else []
    )
    linked: dict[tuple[int, int], list[tuple[str, int, bool]]] = {}
    for session_id, org_id, action_id, status in sessions:
        done = status == StudySessionStatus.finalized
        linked.setdefault((org_id, action_id or 0), []).append(("session", session_id or 0, done))
    for item_id, org_id, action_id, status in items:
        done = status == ItemStatus.closed
        linked.setdefault((org_id, action_id or 0), []).append(("item", item_id or 0, done))
    rows = []
    for organization_row in organizations:
        assert organization_row.id is not None
        cells = []
        for action in actions:
            assert action.id is not None
            links = linked.get((organization_row.id, action.id), [])
            if not applies(action, organization_row):
                state = CellState.not_applicable
            elif any(done for _, _, done in links):
                state = CellState.done
            elif links:
                state = CellState.started
            elif action.due_date is not None and action.due_date < today:
                state = CellState.missing
            else:
                state = CellState.pending
            # A viewer opens finalized minutes only, so only those are linked for them.
            readable = [(kind, i) for kind, i, done in links if done or not scope.finalized_only]
            cells.append(
                Cell(
                    state,
                    tuple(i for kind, i in readable if kind == "session"),
                    tuple(i for kind, i, _ in links if kind == "item"),
                )
            )
        rows.append(
            Row(
                organization_row.id,
                organization_row.name,
                organization_row.path.count("/") - organization.path.count("/"),
                tuple(cells),
            )
        )
    return Completeness(campaign, tuple(actions), tuple(rows), _absent(db, campaign, org_ids))


def _absent(db: Session, campaign: Campaign, org_ids: list[int]) -> tuple[tuple[str, str], ...]:
    """Active party members of these organizations present at none of the campaign's held meetings."""
    if not org_ids:
        return ()
    attended = (
        select(Attendance.person_id)
        .join(StudySession, col(StudySession.id) == Attendance.study_session_id)
        .where(StudySession.campaign_id == campaign.id)
        .where(
            col(StudySession.status).in_([StudySessionStatus.held, StudySessionStatus.finalized])
        )
        .where(col(Attendance.status).in_(list(PRESENT_STATUSES)))
    )
    rows = db.exec(
        select(Person.name, Organization.name)
        .join(Organization, col(Organization.id) == Person.organization_id)
        .where(col(Person.organization_id).in_(org_ids))
        .where(col(Person.active).is_(True), col(Person.is_party_member).is_(True))
        .where(col(Person.id).not_in(attended))
        .order_by(col(Organization.path), col(Person.id))
    ).all()
    return tuple((person, org) for person, org in rows)


# The API's shape of the matrix ------------------------------------------------------------------


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


def public(matrix: Completeness) -> CompletenessPublic:
    """The matrix as the API answers it."""
    actions = [
        {"id": a.id, "title": a.title, "due_date": a.due_date, "theme_id": a.theme_id}
        for a in matrix.actions
    ]
    return CompletenessPublic(
        campaign_id=matrix.campaign.id or 0,
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
