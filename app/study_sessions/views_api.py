from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from app.auth.dependencies import CurrentAccount, CurrentScope
from app.db import DbSession
from app.etag import IfMatch, set_etag
from app.ids import RecordId
from app.minutes import service as minutes_service
from app.pagination import Page, PageParams
from app.study_sessions import amendments, lifecycle, service
from app.study_sessions.indicators import DepthIndicators, indicators
from app.study_sessions.models import StudySessionKind, StudySessionStatus
from app.study_sessions.schemas import (
    AmendmentCreate,
    AmendmentPublic,
    FinalizeResult,
    ProblemPublic,
    ReviewPublic,
    StudySessionCreate,
    StudySessionDetail,
    StudySessionPublic,
    StudySessionUpdate,
)

router = APIRouter(prefix="/study-sessions", tags=["study sessions"])


def with_etag(response: Response, minutes: StudySessionDetail) -> StudySessionDetail:
    set_etag(response, minutes.version)
    return minutes


@router.get("")
def list_study_sessions(
    db: DbSession,
    scope: CurrentScope,
    page: Annotated[PageParams, Query()],
    organization_id: RecordId | None = None,
    include_subtree: bool = True,
    kind: StudySessionKind | None = None,
    status: StudySessionStatus | None = None,
    campaign_id: RecordId | None = None,
    starts_from: date | None = None,
    starts_until: date | None = None,
) -> Page[StudySessionPublic]:
    """Sessions in scope, newest first; filter by organization (with its subtree), kind, status, campaign, dates."""
    items, next_cursor = service.list_study_sessions(
        db,
        scope,
        organization_id=organization_id,
        include_subtree=include_subtree,
        kind=kind,
        status=status,
        campaign_id=campaign_id,
        starts_from=starts_from,
        starts_until=starts_until,
        cursor=page.cursor,
        limit=page.limit,
    )
    return Page(items=items, next_cursor=next_cursor)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_study_session(
    db: DbSession, scope: CurrentScope, data: StudySessionCreate
) -> StudySessionDetail:
    return service.detail(db, service.create_study_session(db, scope, data))


@router.get("/{study_session_id}", response_model=StudySessionDetail)
def read_study_session(db: DbSession, scope: CurrentScope, study_session_id: RecordId) -> Response:
    """The whole minutes: attendance, topics, outlines, speeches by round, findings (``ETag``: the
    version that ``If-Match`` sends back)."""
    minutes = service.detail(db, service.get_study_session(db, scope, study_session_id))
    # Built and checked by the service already: sent as is, without FastAPI validating it again.
    return Response(
        minutes.model_dump_json(),
        media_type="application/json",
        headers={"ETag": f'"{minutes.version}"'},
    )


@router.patch("/{study_session_id}")
def update_study_session(
    db: DbSession,
    scope: CurrentScope,
    study_session_id: RecordId,
    data: StudySessionUpdate,
    version: IfMatch,
    response: Response,
) -> StudySessionDetail:
    """Change the session; with ``If-Match``, a stale version is refused with 412."""
    study_session = service.get_study_session(db, scope, study_session_id)
    updated = service.update_study_session(db, scope, study_session, data, expected_version=version)
    return with_etag(response, service.detail(db, updated))


@router.delete("/{study_session_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_study_session(
    db: DbSession, scope: CurrentScope, study_session_id: RecordId, version: IfMatch
) -> None:
    study_session = service.get_study_session(db, scope, study_session_id)
    service.delete_study_session(db, study_session, expected_version=version)


@router.get("/{study_session_id}/review")
def review_study_session(
    request: Request, db: DbSession, scope: CurrentScope, study_session_id: RecordId
) -> ReviewPublic:
    """Check the finalize rules without finalizing: every unmet rule and every warning."""
    study_session = service.get_study_session(db, scope, study_session_id)
    problems, warnings = lifecycle.review(db, request.app.state.settings, study_session)
    return ReviewPublic(
        can_finalize=not problems,
        problems=[ProblemPublic(**p.as_dict()) for p in problems],
        warnings=[ProblemPublic(**w.as_dict()) for w in warnings],
    )


@router.post("/{study_session_id}/hold")
def hold_study_session(
    db: DbSession, scope: CurrentScope, study_session_id: RecordId
) -> StudySessionDetail:
    """planned → held: the meeting took place and its minutes are being written."""
    study_session = service.get_study_session(db, scope, study_session_id)
    return service.detail(db, lifecycle.hold(db, study_session))


@router.post("/{study_session_id}/finalize")
def finalize_study_session(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    study_session_id: RecordId,
) -> FinalizeResult:
    """held → finalized, or 422 with every unmet rule (``error.problems``)."""
    study_session = service.get_study_session(db, scope, study_session_id)
    finalized, warnings = lifecycle.finalize(
        db, request.app.state.settings, study_session, account_id=account.id
    )
    return FinalizeResult(
        study_session=service.detail(db, finalized),
        warnings=[ProblemPublic(**w.as_dict()) for w in warnings],
    )


@router.get("/{study_session_id}/amendments")
def list_amendments(
    db: DbSession, scope: CurrentScope, study_session_id: RecordId
) -> list[AmendmentPublic]:
    """The amendment history of finalized minutes, oldest first."""
    return amendments.history(db, service.get_study_session(db, scope, study_session_id))


@router.post("/{study_session_id}/amendments", status_code=status.HTTP_201_CREATED)
def amend_study_session(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    study_session_id: RecordId,
    data: AmendmentCreate,
    version: IfMatch,
    response: Response,
) -> StudySessionDetail:
    """Correct finalized minutes with a reason; makes a new version and appears in the history."""
    study_session = service.get_study_session(db, scope, study_session_id)
    amendments.amend(
        db, scope, study_session, data, account_id=account.id, expected_version=version
    )
    minutes_service.store(db, request.app.state.settings, study_session)  # the new version, printed
    return with_etag(response, service.detail(db, study_session))


@router.get("/{study_session_id}/indicators")
def depth_indicators(
    db: DbSession, scope: CurrentScope, study_session_id: RecordId
) -> DepthIndicators:
    """Depth indicators, each with its inputs; an aid for the inspector, never a verdict."""
    return indicators(db, service.get_study_session(db, scope, study_session_id))
