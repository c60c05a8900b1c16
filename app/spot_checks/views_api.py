from typing import Annotated

from fastapi import APIRouter, Query, status

from app.auth.dependencies import CurrentAccount, CurrentScope
from app.db import DbSession
from app.pagination import Page, PageParams
from app.spot_checks import service
from app.spot_checks.models import ReworkFlag, Verdict
from app.spot_checks.schemas import CriterionPublic, ReworkPublic, SpotCheckCreate, SpotCheckPublic

router = APIRouter(tags=["spot checks"])


@router.get("/spot-check-criteria")
def list_criteria(db: DbSession) -> list[CriterionPublic]:
    """What a spot check scores, with weights (data, not code)."""
    return [CriterionPublic.model_validate(c) for c in service.criteria(db)]


@router.get("/spot-checks")
def list_spot_checks(
    db: DbSession,
    scope: CurrentScope,
    page: Annotated[PageParams, Query()],
    study_session_id: int | None = None,
    verdict: Verdict | None = None,
) -> Page[SpotCheckPublic]:
    """Spot checks of the caller's scope, newest first (secretaries see the checks of their meetings)."""
    checks, next_cursor = service.list_spot_checks(
        db,
        scope,
        study_session_id=study_session_id,
        verdict=verdict,
        cursor=page.cursor,
        limit=page.limit,
    )
    return Page(items=service.public(db, checks), next_cursor=next_cursor)


@router.post("/spot-checks", status_code=status.HTTP_201_CREATED)
def create_spot_check(
    db: DbSession, scope: CurrentScope, account: CurrentAccount, data: SpotCheckCreate
) -> SpotCheckPublic:
    """Record a spot check with scores and a verdict: 合格 ``pass``, 补课 ``make_up`` or 责令重新召开
    ``reconvene`` (the last two raise the session's rework flag; a pass of a finalized make-up resolves
    the original's)."""
    return service.public(db, [service.create_spot_check(db, scope, account, data)])[0]


@router.get("/spot-checks/{spot_check_id}")
def read_spot_check(db: DbSession, scope: CurrentScope, spot_check_id: int) -> SpotCheckPublic:
    return service.public(db, [service.get_spot_check(db, scope, spot_check_id)])[0]


@router.post("/study-sessions/{study_session_id}/rework/resolve")
def resolve_rework(
    db: DbSession, scope: CurrentScope, account: CurrentAccount, study_session_id: int
) -> ReworkPublic:
    """An inspector passes the make-up of a flagged session (409 until a make-up was finalized)."""
    service.resolve(db, scope, study_session_id, account)
    return ReworkPublic(study_session_id=study_session_id, rework_flag=ReworkFlag.resolved)
