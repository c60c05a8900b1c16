"""Random sampling draws (随机抽查抽签): fair, weighted on request, re-runnable by anyone in scope.

The algorithm (``ALGORITHM``) is short enough to check by hand:

* every meeting of the population gets ``u = (first 8 bytes of sha256("<seed>:<meeting id>") + 0.5) / 2**64``,
  a number in (0, 1) that depends only on the seed and the id — not on the order of the population, the
  database, the time or the Python version;
* its key is ``ln(u) / weight`` (weighted sampling without replacement after Efraimidis and Spirakis);
* the ``sample_size`` meetings with the largest keys are drawn (ties: the smaller id), in key order.

With equal weights (``uniform``) every meeting is equally likely. With weights, the chance that a meeting is
the *first* drawn is ``weight / total weight`` exactly; later picks continue without replacement. The draw
stores the seed and the population with each meeting's weight and the reasons for it, so re-running it —
today or in five years, after flags were resolved — selects the same ids.
"""

import hashlib
import math
import secrets
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import distinct, func
from sqlmodel import Session, col, select

from app.auth import service as auth_service
from app.auth.models import Account, Role
from app.errors import InvalidInput, NotFound
from app.i18n import mark
from app.organizations import service as organization_service
from app.organizations.models import Organization
from app.pagination import keyset_page
from app.scope import Scope, in_scope
from app.spot_checks.models import (
    CheckMethod,
    CheckStatus,
    ReworkFlag,
    SamplingDraw,
    SpotCheck,
    Weighting,
)
from app.spot_checks.schemas import Candidate, DrawCreate, DrawFilter
from app.study_sessions.models import (
    PRESENT_STATUSES,
    Attendance,
    Contribution,
    ContributionKind,
    StudySession,
    StudySessionStatus,
)

ALGORITHM = "sha256-es/1"
# Risk weights (DESIGN §3 "weighted towards key units, weak units and low depth indicators"): a meeting
# weighs 1 plus the weight of each reason that applies to it.
RISK_WEIGHTS: dict[str, int] = {
    "key_unit": 1,  # 重点单位
    "power_department": 1,  # 权力部门
    "weak_unit": 2,  # 软弱涣散
    "open_flag": 2,  # the organization has a meeting sent back (补课 / 重新召开) and not yet resolved
    "low_depth": 1,  # fewer than two thirds of the present voting members gave a key speech
}
LOW_DEPTH_SHARE = 2 / 3
UNRESOLVED_FLAGS = (ReworkFlag.open, ReworkFlag.make_up_scheduled, ReworkFlag.make_up_held)
DRAWABLE_STATUSES = (StudySessionStatus.held, StudySessionStatus.finalized)
INSPECTING_ROLES = (Role.inspector, Role.admin)


def uniform_number(seed: str, meeting_id: int) -> float:
    """The meeting's number in (0, 1) for this seed."""
    digest = hashlib.sha256(f"{seed}:{meeting_id}".encode()).digest()
    return (int.from_bytes(digest[:8], "big") + 0.5) / 2**64


def select_ids(population: Sequence[Candidate], seed: str, sample_size: int) -> list[int]:
    """The ids drawn from ``population`` with ``seed`` (see the module docstring)."""
    keyed = sorted(
        population,
        key=lambda c: (-math.log(uniform_number(seed, c.id)) / c.weight, c.id),
    )
    return [candidate.id for candidate in keyed[:sample_size]]


def _population_statement(root: Organization, criteria: DrawFilter) -> Any:
    root_scope = Scope(root.path, include_subtree=criteria.subtree)
    statement = (
        select(StudySession.id, StudySession.organization_id, Organization)
        .join(Organization, col(Organization.id) == StudySession.organization_id)
        .where(in_scope(col(Organization.path), root_scope))
        .where(col(StudySession.status).in_(criteria.statuses))
        .order_by(col(StudySession.id))
    )
    if criteria.kinds:
        statement = statement.where(col(StudySession.kind).in_(criteria.kinds))
    # A meeting checked (or planned for a check) is not drawn again, unless the draw asks for it.
    if not criteria.include_checked:
        statement = statement.where(
            ~select(SpotCheck.id).where(SpotCheck.study_session_id == StudySession.id).exists()
        )
    if criteria.starts_from is not None:
        statement = statement.where(
            col(StudySession.starts_at) >= datetime.combine(criteria.starts_from, time.min)
        )
    if criteria.starts_until is not None:
        next_day = datetime.combine(criteria.starts_until + timedelta(days=1), time.min)
        statement = statement.where(col(StudySession.starts_at) < next_day)
    return statement


def _low_depth_ids(db: Session, ids: list[int], population_ids: Any) -> set[int]:
    """Meetings where fewer than two thirds of the present voting members gave a key speech (two grouped
    queries, whatever the size of the population: ``population_ids`` is the population's query, not a
    list of parameters, which SQLite caps at 32,766)."""
    present_rows = db.exec(
        select(Attendance.study_session_id, func.count(distinct(col(Attendance.person_id))))
        .where(col(Attendance.study_session_id).in_(population_ids))
        .where(col(Attendance.status).in_(PRESENT_STATUSES))
        .where(col(Attendance.is_non_voting).is_(False))
        .group_by(col(Attendance.study_session_id))
    ).all()
    present = dict(present_rows)
    speaker_rows = db.exec(
        select(Contribution.study_session_id, func.count(distinct(col(Contribution.speaker_id))))
        .join(
            Attendance,
            (col(Attendance.study_session_id) == Contribution.study_session_id)
            & (col(Attendance.person_id) == Contribution.speaker_id),
        )
        .where(col(Contribution.study_session_id).in_(population_ids))
        .where(Contribution.kind == ContributionKind.key_speech)
        .where(col(Attendance.status).in_(PRESENT_STATUSES))
        .where(col(Attendance.is_non_voting).is_(False))
        .group_by(col(Contribution.study_session_id))
    ).all()
    speakers = dict(speaker_rows)
    return {
        meeting_id
        for meeting_id in ids
        if present.get(meeting_id, 0) == 0
        or speakers.get(meeting_id, 0) / present[meeting_id] < LOW_DEPTH_SHARE
    }


def _flagged_organizations(db: Session, organization_ids: Any) -> set[int]:
    """Organizations among ``organization_ids`` (a query) with a meeting whose rework flag is open."""
    return set(
        db.exec(
            select(StudySession.organization_id)
            .where(col(StudySession.organization_id).in_(organization_ids))
            .where(col(StudySession.rework_flag).in_(UNRESOLVED_FLAGS))
            .distinct()
        ).all()
    )


def population(
    db: Session, root: Organization, criteria: DrawFilter, weighting: Weighting
) -> list[Candidate]:
    """The meetings the filter finds, ordered by id, each with its weight and the reasons for it."""
    statement = _population_statement(root, criteria)
    rows: list[Any] = list(db.exec(statement).all())
    if weighting == Weighting.uniform:
        return [Candidate(id=meeting_id, weight=1, reasons=[]) for meeting_id, _, _ in rows]
    ids = [meeting_id for meeting_id, _, _ in rows]
    low_depth = _low_depth_ids(
        db, ids, statement.with_only_columns(col(StudySession.id)).order_by(None)
    )
    flagged = _flagged_organizations(
        db, statement.with_only_columns(col(StudySession.organization_id)).order_by(None)
    )
    candidates = []
    for meeting_id, organization_id, organization in rows:
        reasons = [
            reason
            for reason, applies in (
                ("key_unit", organization.is_key_unit),
                ("power_department", organization.is_power_department),
                ("weak_unit", organization.is_weak_unit),
                ("open_flag", organization_id in flagged),
                ("low_depth", meeting_id in low_depth),
            )
            if applies
        ]
        weight = 1 + sum(RISK_WEIGHTS[reason] for reason in reasons)
        candidates.append(Candidate(id=meeting_id, weight=weight, reasons=reasons))
    return candidates


def _check_filter(criteria: DrawFilter) -> None:
    if (
        any(status not in DRAWABLE_STATUSES for status in criteria.statuses)
        or not criteria.statuses
    ):
        raise InvalidInput(
            mark("Only held or finalized meetings can be drawn."),
            code="status_not_drawable",
            field="statuses",
        )
    if (
        criteria.starts_from is not None
        and criteria.starts_until is not None
        and criteria.starts_until < criteria.starts_from
    ):
        raise InvalidInput(
            mark("The end of the period is before its start."),
            code="period_reversed",
            field="starts_until",
        )


def _inspectors(
    db: Session, root: Organization, account: Account, inspector_ids: list[int]
) -> list[Account]:
    """The accounts the checks go to: inspectors (or administrators) whose scope covers the jurisdiction."""
    if not inspector_ids:
        return [account]
    accounts = {
        a.id: a for a in db.exec(select(Account).where(col(Account.id).in_(inspector_ids))).all()
    }
    chosen = []
    for inspector_id in inspector_ids:
        inspector = accounts.get(inspector_id)
        if (
            inspector is None
            or not inspector.active
            or inspector.role not in INSPECTING_ROLES
            or not auth_service.scope_of(db, inspector).covers(root.path)
        ):
            raise InvalidInput(
                mark(
                    "Checks can be assigned only to inspectors whose jurisdiction covers the draw."
                ),
                code="not_an_inspector_here",
                field="inspector_ids",
            )
        chosen.append(inspector)
    return chosen


def create_draw(db: Session, scope: Scope, account: Account, data: DrawCreate) -> SamplingDraw:
    """Draw ``sample_size`` meetings and plan a spot check of each, assigned to the inspectors in turn."""
    root = organization_service.get_organization(
        db, scope, data.organization_id, field="organization_id"
    )
    # A caller whose scope has no subtree draws from their own organization only.
    data = data.model_copy(update={"subtree": data.subtree and scope.include_subtree})
    _check_filter(data)
    inspectors = _inspectors(db, root, account, data.inspector_ids)
    candidates = population(db, root, data, data.weighting)
    if len(candidates) < data.sample_size:
        raise InvalidInput(
            mark(
                "Only %(qualified)s meetings match the filter (meetings checked or planned for a "
                "check already are left out unless included): draw at most that many."
            ),
            code="population_too_small",
            field="sample_size",
            params={"qualified": len(candidates)},
        )
    seed = data.seed.strip() if data.seed else secrets.token_hex(8)
    selected = select_ids(candidates, seed, data.sample_size)
    criteria = DrawFilter.model_validate(data.model_dump(include=set(DrawFilter.model_fields)))
    draw = SamplingDraw(
        organization_id=root.id or 0,
        drawn_by_id=account.id,
        filter=criteria.model_dump(mode="json"),
        weighting=data.weighting,
        algorithm=ALGORITHM,
        sample_size=data.sample_size,
        seed=seed,
        population=[candidate.model_dump() for candidate in candidates],
        selected_ids=selected,
    )
    db.add(draw)
    db.flush()
    organizations = dict(
        db.exec(
            select(StudySession.id, StudySession.organization_id).where(
                col(StudySession.id).in_(selected)
            )
        ).all()
    )
    for position, meeting_id in enumerate(selected):
        db.add(
            SpotCheck(
                study_session_id=meeting_id,
                organization_id=organizations[meeting_id],
                inspector_id=inspectors[position % len(inspectors)].id,
                status=CheckStatus.assigned,
                method=CheckMethod.random_sampling,
                sampling_draw_id=draw.id,
            )
        )
    db.flush()
    return draw


def _still_planned(draw_id: Any) -> Any:
    """SQL: the draw has checks not carried out yet (the sample must not warn the checked)."""
    return (
        select(SpotCheck.id)
        .where(SpotCheck.sampling_draw_id == draw_id)
        .where(SpotCheck.status == CheckStatus.assigned)
        .exists()
    )


def get_draw(
    db: Session, scope: Scope, draw_id: int, *, planned_visible: bool = False
) -> SamplingDraw:
    """The draw if its jurisdiction lies in ``scope``; for others than inspectors only once every check
    it planned has been carried out."""
    statement = (
        select(SamplingDraw, Organization.path)
        .join(Organization, col(Organization.id) == SamplingDraw.organization_id)
        .where(SamplingDraw.id == draw_id)
    )
    if not planned_visible:
        statement = statement.where(~_still_planned(SamplingDraw.id))
    row = db.exec(statement).first()
    if row is None or not scope.covers(row[1]):
        raise NotFound(mark("Draw not found."), code="draw_not_found")
    return row[0]


def list_draws(
    db: Session,
    scope: Scope,
    *,
    planned_visible: bool = False,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[SamplingDraw], str | None]:
    statement = (
        select(SamplingDraw)
        .join(Organization, col(Organization.id) == SamplingDraw.organization_id)
        .where(in_scope(col(Organization.path), scope))
    )
    if not planned_visible:
        statement = statement.where(~_still_planned(SamplingDraw.id))
    return keyset_page(
        db,
        statement,
        keys=[col(SamplingDraw.drawn_at), col(SamplingDraw.id)],
        key_of=lambda draw: [draw.drawn_at, draw.id],
        cursor=cursor,
        limit=limit,
        descending=True,
    )


def rerun(draw: SamplingDraw) -> list[int]:
    """Select again from the stored population with the stored seed."""
    candidates = [Candidate.model_validate(c) for c in draw.population]
    return select_ids(candidates, draw.seed, draw.sample_size)
