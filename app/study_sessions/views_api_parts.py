"""API for the parts of the minutes: listed and created under a session, read and changed by id."""

from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from sqlmodel import Session

from app.auth.dependencies import CurrentScope
from app.db import DbSession
from app.etag import IfMatch, set_etag
from app.ids import RecordId
from app.pagination import Page, PageParams
from app.study_sessions import parts_service as parts
from app.study_sessions.models import Attendance, Contribution, Finding, SpeechOutline, Topic
from app.study_sessions.schemas import (
    AttendanceCreate,
    AttendancePublic,
    AttendanceUpdate,
    ContributionCreate,
    ContributionPublic,
    ContributionUpdate,
    FindingCreate,
    FindingPublic,
    FindingUpdate,
    SpeechOutlineCreate,
    SpeechOutlinePublic,
    SpeechOutlineUpdate,
    TopicCreate,
    TopicPublic,
    TopicUpdate,
)
from app.study_sessions.service import (
    attendance_public,
    contribution_public,
    finding_public,
    get_study_session,
    outline_public,
    person_names,
)

router = APIRouter(tags=["minutes"])
PageQuery = Annotated[PageParams, Query()]


def _attendance(db: Session, records: list[Attendance]) -> list[AttendancePublic]:
    names = person_names(db, [r.person_id for r in records])
    return [attendance_public(r, names) for r in records]


def _outlines(db: Session, records: list[SpeechOutline]) -> list[SpeechOutlinePublic]:
    names = person_names(db, [r.author_id for r in records])
    return [outline_public(r, names) for r in records]


def _contributions(db: Session, records: list[Contribution]) -> list[ContributionPublic]:
    names = person_names(db, [r.speaker_id for r in records] + [r.target_id for r in records])
    return [contribution_public(r, names) for r in records]


def _findings(db: Session, records: list[Finding]) -> list[FindingPublic]:
    names = person_names(db, [r.person_id for r in records])
    return [finding_public(r, names) for r in records]


# Attendance -----------------------------------------------------------------------------------


@router.get("/study-sessions/{study_session_id}/attendance")
def list_attendance(
    db: DbSession, scope: CurrentScope, study_session_id: RecordId, page: PageQuery
) -> Page[AttendancePublic]:
    study_session = get_study_session(db, scope, study_session_id)
    rows, next_cursor = parts.list_parts(
        db, study_session, Attendance, cursor=page.cursor, limit=page.limit
    )
    return Page(items=_attendance(db, rows), next_cursor=next_cursor)


@router.post("/study-sessions/{study_session_id}/attendance", status_code=status.HTTP_201_CREATED)
def create_attendance(
    db: DbSession, scope: CurrentScope, study_session_id: RecordId, data: AttendanceCreate
) -> AttendancePublic:
    study_session = get_study_session(db, scope, study_session_id)
    return _attendance(db, [parts.create_attendance(db, scope, study_session, data)])[0]


@router.get("/attendance/{attendance_id}")
def read_attendance(
    db: DbSession, scope: CurrentScope, attendance_id: RecordId, response: Response
) -> AttendancePublic:
    record, _ = parts.get_part(db, scope, Attendance, attendance_id)
    set_etag(response, record.version)
    return _attendance(db, [record])[0]


@router.patch("/attendance/{attendance_id}")
def update_attendance(
    db: DbSession,
    scope: CurrentScope,
    attendance_id: RecordId,
    data: AttendanceUpdate,
    version: IfMatch,
    response: Response,
) -> AttendancePublic:
    record, study_session = parts.get_part(db, scope, Attendance, attendance_id)
    updated = parts.update_attendance(db, study_session, record, data, expected_version=version)
    set_etag(response, updated.version)
    return _attendance(db, [updated])[0]


@router.delete("/attendance/{attendance_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_attendance(
    db: DbSession, scope: CurrentScope, attendance_id: RecordId, version: IfMatch
) -> None:
    record, study_session = parts.get_part(db, scope, Attendance, attendance_id)
    parts.delete_part(db, study_session, record, expected_version=version)


# Topics ---------------------------------------------------------------------------------------


@router.get("/study-sessions/{study_session_id}/topics")
def list_topics(
    db: DbSession, scope: CurrentScope, study_session_id: RecordId, page: PageQuery
) -> Page[TopicPublic]:
    study_session = get_study_session(db, scope, study_session_id)
    rows, next_cursor = parts.list_parts(
        db, study_session, Topic, cursor=page.cursor, limit=page.limit
    )
    return Page(items=[TopicPublic.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.post("/study-sessions/{study_session_id}/topics", status_code=status.HTTP_201_CREATED)
def create_topic(
    db: DbSession, scope: CurrentScope, study_session_id: RecordId, data: TopicCreate
) -> TopicPublic:
    study_session = get_study_session(db, scope, study_session_id)
    return TopicPublic.model_validate(parts.create_topic(db, scope, study_session, data))


@router.get("/topics/{topic_id}")
def read_topic(
    db: DbSession, scope: CurrentScope, topic_id: RecordId, response: Response
) -> TopicPublic:
    record, _ = parts.get_part(db, scope, Topic, topic_id)
    set_etag(response, record.version)
    return TopicPublic.model_validate(record)


@router.patch("/topics/{topic_id}")
def update_topic(
    db: DbSession,
    scope: CurrentScope,
    topic_id: RecordId,
    data: TopicUpdate,
    version: IfMatch,
    response: Response,
) -> TopicPublic:
    record, study_session = parts.get_part(db, scope, Topic, topic_id)
    updated = parts.update_topic(db, scope, study_session, record, data, expected_version=version)
    set_etag(response, updated.version)
    return TopicPublic.model_validate(updated)


@router.delete("/topics/{topic_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_topic(db: DbSession, scope: CurrentScope, topic_id: RecordId, version: IfMatch) -> None:
    record, study_session = parts.get_part(db, scope, Topic, topic_id)
    parts.delete_part(db, study_session, record, expected_version=version)


# Speech outlines ------------------------------------------------------------------------------


@router.get("/study-sessions/{study_session_id}/outlines")
def list_outlines(
    db: DbSession, scope: CurrentScope, study_session_id: RecordId, page: PageQuery
) -> Page[SpeechOutlinePublic]:
    study_session = get_study_session(db, scope, study_session_id)
    rows, next_cursor = parts.list_parts(
        db, study_session, SpeechOutline, cursor=page.cursor, limit=page.limit
    )
    return Page(items=_outlines(db, rows), next_cursor=next_cursor)


@router.post("/study-sessions/{study_session_id}/outlines", status_code=status.HTTP_201_CREATED)
def create_outline(
    db: DbSession, scope: CurrentScope, study_session_id: RecordId, data: SpeechOutlineCreate
) -> SpeechOutlinePublic:
    study_session = get_study_session(db, scope, study_session_id)
    return _outlines(db, [parts.create_outline(db, scope, study_session, data)])[0]


@router.get("/outlines/{outline_id}")
def read_outline(
    db: DbSession, scope: CurrentScope, outline_id: RecordId, response: Response
) -> SpeechOutlinePublic:
    record, _ = parts.get_part(db, scope, SpeechOutline, outline_id)
    set_etag(response, record.version)
    return _outlines(db, [record])[0]


@router.patch("/outlines/{outline_id}")
def update_outline(
    db: DbSession,
    scope: CurrentScope,
    outline_id: RecordId,
    data: SpeechOutlineUpdate,
    version: IfMatch,
    response: Response,
) -> SpeechOutlinePublic:
    record, study_session = parts.get_part(db, scope, SpeechOutline, outline_id)
    updated = parts.update_outline(db, study_session, record, data, expected_version=version)
    set_etag(response, updated.version)
    return _outlines(db, [updated])[0]


@router.delete("/outlines/{outline_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_outline(
    db: DbSession, scope: CurrentScope, outline_id: RecordId, version: IfMatch
) -> None:
    record, study_session = parts.get_part(db, scope, SpeechOutline, outline_id)
    parts.delete_part(db, study_session, record, expected_version=version)


# Contributions --------------------------------------------------------------------------------


@router.get("/study-sessions/{study_session_id}/contributions")
def list_contributions(
    db: DbSession, scope: CurrentScope, study_session_id: RecordId, page: PageQuery
) -> Page[ContributionPublic]:
    study_session = get_study_session(db, scope, study_session_id)
    rows, next_cursor = parts.list_parts(
        db, study_session, Contribution, cursor=page.cursor, limit=page.limit
    )
    return Page(items=_contributions(db, rows), next_cursor=next_cursor)


@router.post(
    "/study-sessions/{study_session_id}/contributions", status_code=status.HTTP_201_CREATED
)
def create_contribution(
    db: DbSession, scope: CurrentScope, study_session_id: RecordId, data: ContributionCreate
) -> ContributionPublic:
    study_session = get_study_session(db, scope, study_session_id)
    return _contributions(db, [parts.create_contribution(db, scope, study_session, data)])[0]


@router.get("/contributions/{contribution_id}")
def read_contribution(
    db: DbSession, scope: CurrentScope, contribution_id: RecordId, response: Response
) -> ContributionPublic:
    record, _ = parts.get_part(db, scope, Contribution, contribution_id)
    set_etag(response, record.version)
    return _contributions(db, [record])[0]


@router.patch("/contributions/{contribution_id}")
def update_contribution(
    db: DbSession,
    scope: CurrentScope,
    contribution_id: RecordId,
    data: ContributionUpdate,
    version: IfMatch,
    response: Response,
) -> ContributionPublic:
    record, study_session = parts.get_part(db, scope, Contribution, contribution_id)
    updated = parts.update_contribution(
        db, scope, study_session, record, data, expected_version=version
    )
    set_etag(response, updated.version)
    return _contributions(db, [updated])[0]


@router.delete("/contributions/{contribution_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_contribution(
    db: DbSession, scope: CurrentScope, contribution_id: RecordId, version: IfMatch
) -> None:
    record, study_session = parts.get_part(db, scope, Contribution, contribution_id)
    parts.delete_part(db, study_session, record, expected_version=version)


# Findings -------------------------------------------------------------------------------------


@router.get("/study-sessions/{study_session_id}/findings")
def list_findings(
    db: DbSession, scope: CurrentScope, study_session_id: RecordId, page: PageQuery
) -> Page[FindingPublic]:
    study_session = get_study_session(db, scope, study_session_id)
    rows, next_cursor = parts.list_parts(
        db, study_session, Finding, cursor=page.cursor, limit=page.limit
    )
    return Page(items=_findings(db, rows), next_cursor=next_cursor)


@router.post("/study-sessions/{study_session_id}/findings", status_code=status.HTTP_201_CREATED)
def create_finding(
    db: DbSession, scope: CurrentScope, study_session_id: RecordId, data: FindingCreate
) -> FindingPublic:
    study_session = get_study_session(db, scope, study_session_id)
    return _findings(db, [parts.create_finding(db, scope, study_session, data)])[0]


@router.get("/findings/{finding_id}")
def read_finding(
    db: DbSession, scope: CurrentScope, finding_id: RecordId, response: Response
) -> FindingPublic:
    record, _ = parts.get_part(db, scope, Finding, finding_id)
    set_etag(response, record.version)
    return _findings(db, [record])[0]


@router.patch("/findings/{finding_id}")
def update_finding(
    db: DbSession,
    scope: CurrentScope,
    finding_id: RecordId,
    data: FindingUpdate,
    version: IfMatch,
    response: Response,
) -> FindingPublic:
    record, study_session = parts.get_part(db, scope, Finding, finding_id)
    updated = parts.update_finding(db, scope, study_session, record, data, expected_version=version)
    set_etag(response, updated.version)
    return _findings(db, [updated])[0]


@router.delete("/findings/{finding_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_finding(
    db: DbSession, scope: CurrentScope, finding_id: RecordId, version: IfMatch
) -> None:
    record, study_session = parts.get_part(db, scope, Finding, finding_id)
    parts.delete_part(db, study_session, record, expected_version=version)
