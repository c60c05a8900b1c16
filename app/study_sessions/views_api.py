from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, status

from app.auth.dependencies import CurrentScope
from app.db import DbSession
from app.pagination import Page, PageParams
from app.study_sessions import service
from app.study_sessions.models import StudySessionKind, StudySessionStatus
from app.study_sessions.schemas import (
    StudySessionCreate,
    StudySessionDetail,
    StudySessionPublic,
    StudySessionUpdate,
)

router = APIRouter(prefix="/study-sessions", tags=["study sessions"])


@router.get("")
def list_study_sessions(
    db: DbSession,
    scope: CurrentScope,
    page: Annotated[PageParams, Query()],
    organization_id: int | None = None,
    include_subtree: bool = True,
    kind: StudySessionKind | None = None,
    status: StudySessionStatus | None = None,
    campaign_id: int | None = None,
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


@router.get("/{study_session_id}")
def read_study_session(
    db: DbSession, scope: CurrentScope, study_session_id: int
) -> StudySessionDetail:
    """The whole minutes: attendance, topics, outlines, speeches by round and findings."""
    return service.detail(db, service.get_study_session(db, scope, study_session_id))


@router.patch("/{study_session_id}")
def update_study_session(
    db: DbSession, scope: CurrentScope, study_session_id: int, data: StudySessionUpdate
) -> StudySessionDetail:
    study_session = service.get_study_session(db, scope, study_session_id)
    return service.detail(db, service.update_study_session(db, scope, study_session, data))


@router.delete("/{study_session_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_study_session(db: DbSession, scope: CurrentScope, study_session_id: int) -> None:
    service.delete_study_session(db, service.get_study_session(db, scope, study_session_id))
