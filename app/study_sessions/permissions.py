"""Route dependencies for a meeting and the parts of its minutes, in the caller's scope (404 outside
it, and for viewers a meeting that is not finalized)."""

from dataclasses import dataclass
from typing import Annotated, Generic

from fastapi import Depends

from app.access import CurrentScope
from app.db import DbSession
from app.ids import RecordId
from app.study_sessions import parts_service, service
from app.study_sessions.models import (
    Attendance,
    Contribution,
    Finding,
    SpeechOutline,
    StudySession,
    Topic,
)
from app.study_sessions.parts_service import PartT


def study_session_in_scope(
    db: DbSession, scope: CurrentScope, study_session_id: RecordId
) -> StudySession:
    return service.get_study_session(db, scope, study_session_id)


StudySessionInScope = Annotated[StudySession, Depends(study_session_in_scope)]


@dataclass(frozen=True)
class PartOfMeeting(Generic[PartT]):
    """A part of the minutes (attendance, a topic …) and the meeting it belongs to."""

    record: PartT
    study_session: StudySession


def attendance_in_scope(
    db: DbSession, scope: CurrentScope, attendance_id: RecordId
) -> PartOfMeeting[Attendance]:
    return PartOfMeeting(*parts_service.get_part(db, scope, Attendance, attendance_id))


def topic_in_scope(db: DbSession, scope: CurrentScope, topic_id: RecordId) -> PartOfMeeting[Topic]:
    return PartOfMeeting(*parts_service.get_part(db, scope, Topic, topic_id))


def outline_in_scope(
    db: DbSession, scope: CurrentScope, outline_id: RecordId
) -> PartOfMeeting[SpeechOutline]:
    return PartOfMeeting(*parts_service.get_part(db, scope, SpeechOutline, outline_id))


def contribution_in_scope(
    db: DbSession, scope: CurrentScope, contribution_id: RecordId
) -> PartOfMeeting[Contribution]:
    return PartOfMeeting(*parts_service.get_part(db, scope, Contribution, contribution_id))


def finding_in_scope(
    db: DbSession, scope: CurrentScope, finding_id: RecordId
) -> PartOfMeeting[Finding]:
    return PartOfMeeting(*parts_service.get_part(db, scope, Finding, finding_id))


AttendanceInScope = Annotated[PartOfMeeting[Attendance], Depends(attendance_in_scope)]
TopicInScope = Annotated[PartOfMeeting[Topic], Depends(topic_in_scope)]
OutlineInScope = Annotated[PartOfMeeting[SpeechOutline], Depends(outline_in_scope)]
ContributionInScope = Annotated[PartOfMeeting[Contribution], Depends(contribution_in_scope)]
FindingInScope = Annotated[PartOfMeeting[Finding], Depends(finding_in_scope)]
