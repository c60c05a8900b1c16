"""Spot checks, sampling draws, rework flags and admonishing talks through the API."""

from typing import Annotated

from fastapi import Query, Request, Response, status

from app.access import CurrentScope, caller_of
from app.auth import service as auth_service
from app.auth.dependencies import CurrentAccount
from app.db import DbSession, Session
from app.etag import IfMatch, set_etag
from app.flows import spot_checks as flows
from app.ids import RecordId
from app.pagination import Page, PageParams
from app.rectification import service as rectification_service
from app.rectification.schemas import ItemPublic
from app.spot_checks import sampling, service
from app.spot_checks.models import CheckStatus, ReworkFlag, SamplingDraw, Verdict
from app.spot_checks.permissions import DrawInScope, SpotCheckInScope, sees_planned
from app.spot_checks.schemas import (
    AdmonitionCreate,
    AdmonitionPublic,
    CriterionPublic,
    DrawCreate,
    DrawPublic,
    DrawRerun,
    DrawSummary,
    InspectorPublic,
    OrderedRectification,
    ReworkPublic,
    SpotCheckCreate,
    SpotCheckPublic,
    SpotCheckRecord,
    SuggestedScore,
)
from app.study_sessions import service as study_session_service
from app.study_sessions.permissions import StudySessionInScope
from app.web.routing import NamedRouter

router = NamedRouter("api.spot_checks", tags=["spot checks"])


def _with_etag(response: Response, check: SpotCheckPublic) -> SpotCheckPublic:
    set_etag(response, check.version)
    return check


@router.get("/spot-check-criteria")
def list_criteria(db: DbSession) -> list[CriterionPublic]:
    """What a spot check scores, with weights (data, not code)."""
    return [CriterionPublic.model_validate(c) for c in service.criteria(db)]


@router.get("/spot-checks")
def list_spot_checks(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    page: Annotated[PageParams, Query()],
    study_session_id: RecordId | None = None,
    verdict: Verdict | None = None,
    status: CheckStatus | None = None,
    inspector_id: RecordId | None = None,
    sampling_draw_id: RecordId | None = None,
) -> Page[SpotCheckPublic]:
    """Spot checks of the caller's scope, newest first. Secretaries and viewers see the checks carried
    out on their meetings; planned ones are visible to inspectors only. A meeting or draw the caller
    may not read answers 404, as reading it would (docs/decisions/0014-foreign-filters.md)."""
    planned_visible = sees_planned(caller_of(request))
    if study_session_id is not None:
        study_session_service.get_study_session(
            db, scope, study_session_id, field="study_session_id"
        )
    if sampling_draw_id is not None:
        sampling.get_draw(db, scope, sampling_draw_id, planned_visible=planned_visible)
    checks, next_cursor = service.list_spot_checks(
        db,
        scope,
        study_session_id=study_session_id,
        verdict=verdict,
        status=status,
        inspector_id=inspector_id,
        sampling_draw_id=sampling_draw_id,
        planned_visible=planned_visible,
        cursor=page.cursor,
        limit=page.limit,
    )
    return Page(items=service.public(db, checks), next_cursor=next_cursor)


@router.post("/spot-checks", status_code=status.HTTP_201_CREATED)
def create_spot_check(
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    data: SpotCheckCreate,
    response: Response,
) -> SpotCheckPublic:
    """Record a spot check with scores and a verdict: 合格 ``pass``, 补课 ``make_up`` or 责令重新召开
    ``reconvene`` (the last two raise the session's rework flag; a pass of a finalized make-up resolves
    the original's). A score that differs from the suggested one needs a reason."""
    check = flows.record_check(db, scope, account, data)
    return _with_etag(response, service.public(db, [check])[0])


@router.get("/spot-checks/{spot_check_id}")
def read_spot_check(db: DbSession, check: SpotCheckInScope, response: Response) -> SpotCheckPublic:
    return _with_etag(response, service.public(db, [check])[0])


@router.post("/spot-checks/{spot_check_id}/record")
def record_spot_check(
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    planned: SpotCheckInScope,
    expected_version: IfMatch,
    data: SpotCheckRecord,
    response: Response,
) -> SpotCheckPublic:
    """Carry out a planned check (one a draw selected): scores, notes, verdict — once (409 after)."""
    assert planned.id is not None  # read from the database
    check = flows.record_planned_check(
        db, scope, account, planned.id, data, expected_version=expected_version
    )
    return _with_etag(response, service.public(db, [check])[0])


@router.post("/spot-checks/{spot_check_id}/rectification-items", status_code=201)
def order_rectification(
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    spot_check_id: RecordId,
    data: OrderedRectification,
) -> ItemPublic:
    """责令整改: open a ledger item of the checked organization with this check and inspector as source."""
    item = service.order_rectification(db, scope, account, spot_check_id, data)
    return rectification_service.items_public(db, [item], rectification_service.today())[0]


@router.get("/study-sessions/{study_session_id}/suggested-scores")
def suggested_scores(db: DbSession, study_session: StudySessionInScope) -> list[SuggestedScore]:
    """What the depth indicators suggest per criterion (``null``: the inspector judges), with inputs."""
    return service.suggested_scores(db, study_session)


@router.post("/study-sessions/{study_session_id}/rework/resolve")
def resolve_rework(
    db: DbSession, scope: CurrentScope, account: CurrentAccount, study_session_id: RecordId
) -> ReworkPublic:
    """An inspector passes the make-up of a flagged session (409 until a make-up was finalized)."""
    service.resolve(db, scope, study_session_id, account)
    return ReworkPublic(study_session_id=study_session_id, rework_flag=ReworkFlag.resolved)


@router.get("/sampling-draws")
def list_draws(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    page: Annotated[PageParams, Query()],
) -> Page[DrawSummary]:
    """Draws of the caller's jurisdiction, newest first (others than inspectors see a draw once every
    check it planned has been carried out)."""
    draws, next_cursor = sampling.list_draws(
        db,
        scope,
        planned_visible=sees_planned(caller_of(request)),
        cursor=page.cursor,
        limit=page.limit,
    )
    names = auth_service.account_names(db, [draw.drawn_by_id for draw in draws])
    items = [
        DrawSummary.model_validate(draw).model_copy(
            update={
                "population_size": len(draw.population),
                "drawn_by": names.get(draw.drawn_by_id or 0),
            }
        )
        for draw in draws
    ]
    return Page(items=items, next_cursor=next_cursor)


@router.post("/sampling-draws", status_code=status.HTTP_201_CREATED)
def create_draw(
    db: DbSession, scope: CurrentScope, account: CurrentAccount, data: DrawCreate
) -> DrawPublic:
    """Draw meetings at random from a filtered population — ``uniform`` or ``risk_weighted`` (weights in
    the README) — with a given or new seed; each selected meeting becomes a planned spot check, assigned
    to ``inspector_ids`` in turn. The seed and population are stored: ``GET …/rerun`` repeats the draw."""
    return _draw_public(db, sampling.create_draw(db, scope, account, data))


def _draw_public(db: Session, draw: SamplingDraw) -> DrawPublic:
    drawn_by = auth_service.name_of(db, draw.drawn_by_id)
    return DrawPublic.model_validate(draw).model_copy(update={"drawn_by": drawn_by})


@router.get("/sampling-draws/{draw_id}")
def read_draw(db: DbSession, draw: DrawInScope) -> DrawPublic:
    return _draw_public(db, draw)


@router.get("/inspectors")
def list_inspectors(db: DbSession, scope: CurrentScope) -> list[InspectorPublic]:
    """The active inspectors (and administrators) of the caller's jurisdiction, by name: the
    accounts a draw's ``inspector_ids`` may name."""
    return [
        InspectorPublic(id=account_id, name=name)
        for account_id, name in auth_service.active_account_options(
            db, scope, sampling.INSPECTING_ROLES
        )
    ]


@router.get("/sampling-draws/{draw_id}/rerun")
def rerun_draw(draw: DrawInScope) -> DrawRerun:
    """Repeat the draw from its stored seed and population: anyone in scope gets the same ids."""
    again = sampling.rerun(draw)
    return DrawRerun(
        draw_id=draw.id or 0,
        seed=draw.seed,
        selected_ids=again,
        identical=again == draw.selected_ids,
    )


@router.get("/organizations/{organization_id}/admonitions")
def list_admonitions(
    db: DbSession,
    scope: CurrentScope,
    organization_id: RecordId,
    page: Annotated[PageParams, Query()],
) -> Page[AdmonitionPublic]:
    """Admonishing talks with people of the organization, newest first."""
    talks, next_cursor = service.list_admonitions(
        db, scope, organization_id=organization_id, cursor=page.cursor, limit=page.limit
    )
    return Page(items=service.admonitions_public(db, talks), next_cursor=next_cursor)


@router.post("/organizations/{organization_id}/admonitions", status_code=201)
def record_admonition(
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    organization_id: RecordId,
    data: AdmonitionCreate,
) -> AdmonitionPublic:
    """Record a talk (约谈 ``talk`` / 提醒谈话 ``reminder`` / 诫勉谈话 ``admonishment``), usually with the
    top leader: who, held by whom, when, notes; optionally the spot check that led to it."""
    talk = service.record_admonition(db, scope, account, organization_id, data)
    return service.admonitions_public(db, [talk])[0]
