"""Meetings and their minutes through the API: the session (plan, change, hold, finalize, amend) and
the parts of its minutes, listed and created under the session, read and changed by their own id."""

from datetime import date
from typing import Annotated, Any

from fastapi import Query, Request, Response, status

from app.access import CurrentScope
from app.auth.dependencies import CurrentAccount
from app.db import DbSession, Session
from app.etag import IfMatch, set_etag
from app.flows import study_sessions as flows
from app.ids import RecordId
from app.pagination import Page, PageParams
from app.study_sessions import lifecycle, service
from app.study_sessions import parts_service as parts
from app.study_sessions.indicators import DepthIndicators, indicators
from app.study_sessions.models import (
    Attendance,
    Contribution,
    Finding,
    SpeechOutline,
    StudySessionKind,
    StudySessionStatus,
    Topic,
)
from app.study_sessions.permissions import (
    AttendanceInScope,
    ContributionInScope,
    FindingInScope,
    OutlineInScope,
    PartOfMeeting,
    StudySessionInScope,
    TopicInScope,
)
from app.study_sessions.schemas import (
    AmendmentCreate,
    AmendmentPublic,
    AttendanceAmendment,
    AttendanceCreate,
    AttendancePublic,
    AttendanceUpdate,
    ContributionAmendment,
    ContributionCreate,
    ContributionPublic,
    ContributionUpdate,
    FinalizeResult,
    FindingAmendment,
    FindingCreate,
    FindingPublic,
    FindingUpdate,
    ProblemPublic,
    ReviewPublic,
    SpeechOutlineAmendment,
    SpeechOutlineCreate,
    SpeechOutlinePublic,
    SpeechOutlineUpdate,
    StudySessionCreate,
    StudySessionDetail,
    StudySessionPublic,
    StudySessionUpdate,
    TopicAmendment,
    TopicCreate,
    TopicPublic,
    TopicUpdate,
)
from app.web.routing import NamedRouter

router = NamedRouter("api.study_sessions", tags=["study sessions"])
parts_router = NamedRouter("api.study_sessions", tags=["minutes"])
PageQuery = Annotated[PageParams, Query()]


def with_etag(response: Response, minutes: StudySessionDetail) -> StudySessionDetail:
    set_etag(response, minutes.version)
    return minutes


@router.get("/study-sessions")
def list_study_sessions(
    db: DbSession,
    scope: CurrentScope,
    page: PageQuery,
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


@router.post("/study-sessions", status_code=status.HTTP_201_CREATED)
def create_study_session(
    db: DbSession, scope: CurrentScope, data: StudySessionCreate
) -> StudySessionDetail:
    return service.detail(db, flows.plan(db, scope, data))


@router.get("/study-sessions/{study_session_id}", response_model=StudySessionDetail)
def read_study_session(db: DbSession, study_session: StudySessionInScope) -> Response:
    """The whole minutes: attendance, topics, outlines, speeches by round, findings (``ETag``: the
    version that ``If-Match`` sends back)."""
    minutes = service.detail(db, study_session)
    # Built and checked by the service already: sent as is, without FastAPI validating it again.
    return Response(
        minutes.model_dump_json(),
        media_type="application/json",
        headers={"ETag": f'"{minutes.version}"'},
    )


@router.patch("/study-sessions/{study_session_id}")
def update_study_session(
    db: DbSession,
    scope: CurrentScope,
    study_session: StudySessionInScope,
    version: IfMatch,
    data: StudySessionUpdate,
    response: Response,
) -> StudySessionDetail:
    """Change the session (``If-Match`` required; a stale version is refused with 412)."""
    updated = service.update_study_session(db, scope, study_session, data, expected_version=version)
    return with_etag(response, service.detail(db, updated))


@router.delete("/study-sessions/{study_session_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_study_session(
    db: DbSession, study_session: StudySessionInScope, version: IfMatch
) -> None:
    service.delete_study_session(db, study_session, expected_version=version)


@router.get("/study-sessions/{study_session_id}/review")
def review_study_session(
    request: Request, db: DbSession, study_session: StudySessionInScope
) -> ReviewPublic:
    """Check the finalize rules without finalizing: every unmet rule and every warning."""
    problems, warnings = lifecycle.review(db, request.app.state.settings, study_session)
    return ReviewPublic(
        can_finalize=not problems,
        problems=[ProblemPublic(**p.as_dict()) for p in problems],
        warnings=[ProblemPublic(**w.as_dict()) for w in warnings],
    )


@router.post("/study-sessions/{study_session_id}/hold")
def hold_study_session(
    db: DbSession, study_session: StudySessionInScope, version: IfMatch, response: Response
) -> StudySessionDetail:
    """planned → held: the meeting took place and its minutes are being written."""
    held = lifecycle.hold(db, study_session, expected_version=version)
    set_etag(response, held.version)
    return service.detail(db, held)


@router.post("/study-sessions/{study_session_id}/finalize")
def finalize_study_session(
    request: Request,
    db: DbSession,
    account: CurrentAccount,
    study_session: StudySessionInScope,
    version: IfMatch,
    response: Response,
) -> FinalizeResult:
    """held → finalized — the version the caller reviewed (``If-Match``), or 422 with every unmet
    rule (``error.problems``)."""
    warnings = flows.finalize(
        db,
        request.app.state.settings,
        study_session,
        account_id=account.id,
        expected_version=version,
    )
    set_etag(response, study_session.version)
    return FinalizeResult(
        study_session=service.detail(db, study_session),
        warnings=[ProblemPublic(**w.as_dict()) for w in warnings],
    )


@router.get("/study-sessions/{study_session_id}/amendments")
def list_amendments(db: DbSession, study_session: StudySessionInScope) -> list[AmendmentPublic]:
    """The amendment history of finalized minutes, oldest first."""
    return service.amendment_history(db, study_session)


@router.post("/study-sessions/{study_session_id}/amendments", status_code=status.HTTP_201_CREATED)
def amend_study_session(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    study_session: StudySessionInScope,
    version: IfMatch,
    data: AmendmentCreate,
    response: Response,
) -> StudySessionDetail:
    """Correct finalized minutes with a reason; makes a new version and appears in the history."""
    flows.amend(
        db,
        request.app.state.settings,
        scope,
        study_session,
        data,
        account_id=account.id,
        expected_version=version,
    )
    return with_etag(response, service.detail(db, study_session))


@router.get("/study-sessions/{study_session_id}/indicators")
def depth_indicators(db: DbSession, study_session: StudySessionInScope) -> DepthIndicators:
    """Depth indicators, each with its inputs; an aid for the inspector, never a verdict."""
    return indicators(db, study_session)


# The parts of the minutes --------------------------------------------------------------------


def _attendance(db: Session, records: list[Attendance]) -> list[AttendancePublic]:
    names = service.person_names(db, [r.person_id for r in records])
    return [service.attendance_public(r, names) for r in records]


def _outlines(db: Session, records: list[SpeechOutline]) -> list[SpeechOutlinePublic]:
    names = service.person_names(db, [r.author_id for r in records])
    return [service.outline_public(r, names) for r in records]


def _contributions(db: Session, records: list[Contribution]) -> list[ContributionPublic]:
    names = service.person_names(
        db, [r.speaker_id for r in records] + [r.target_id for r in records]
    )
    return [service.contribution_public(r, names) for r in records]


def _findings(db: Session, records: list[Finding]) -> list[FindingPublic]:
    names = service.person_names(db, [r.person_id for r in records])
    return [service.finding_public(r, names) for r in records]


@parts_router.get("/study-sessions/{study_session_id}/attendance")
def list_attendance(
    db: DbSession, study_session: StudySessionInScope, page: PageQuery
) -> Page[AttendancePublic]:
    rows, next_cursor = parts.list_parts(
        db, study_session, Attendance, cursor=page.cursor, limit=page.limit
    )
    return Page(items=_attendance(db, rows), next_cursor=next_cursor)


@parts_router.post(
    "/study-sessions/{study_session_id}/attendance", status_code=status.HTTP_201_CREATED
)
def create_attendance(
    db: DbSession, scope: CurrentScope, study_session: StudySessionInScope, data: AttendanceCreate
) -> AttendancePublic:
    return _attendance(db, [parts.create_attendance(db, scope, study_session, data)])[0]


@parts_router.get("/attendance/{attendance_id}")
def read_attendance(db: DbSession, part: AttendanceInScope, response: Response) -> AttendancePublic:
    set_etag(response, part.record.version)
    return _attendance(db, [part.record])[0]


@parts_router.patch("/attendance/{attendance_id}")
def update_attendance(
    db: DbSession,
    part: AttendanceInScope,
    version: IfMatch,
    data: AttendanceUpdate,
    response: Response,
) -> AttendancePublic:
    updated = parts.update_attendance(
        db, part.study_session, part.record, data, expected_version=version
    )
    set_etag(response, updated.version)
    return _attendance(db, [updated])[0]


@parts_router.delete("/attendance/{attendance_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_attendance(db: DbSession, part: AttendanceInScope, version: IfMatch) -> None:
    parts.delete_part(db, part.study_session, part.record, expected_version=version)


@parts_router.get("/study-sessions/{study_session_id}/topics")
def list_topics(
    db: DbSession, study_session: StudySessionInScope, page: PageQuery
) -> Page[TopicPublic]:
    rows, next_cursor = parts.list_parts(
        db, study_session, Topic, cursor=page.cursor, limit=page.limit
    )
    return Page(items=[TopicPublic.model_validate(r) for r in rows], next_cursor=next_cursor)


@parts_router.post("/study-sessions/{study_session_id}/topics", status_code=status.HTTP_201_CREATED)
def create_topic(
    db: DbSession, scope: CurrentScope, study_session: StudySessionInScope, data: TopicCreate
) -> TopicPublic:
    return TopicPublic.model_validate(parts.create_topic(db, scope, study_session, data))


@parts_router.get("/topics/{topic_id}")
def read_topic(part: TopicInScope, response: Response) -> TopicPublic:
    set_etag(response, part.record.version)
    return TopicPublic.model_validate(part.record)


@parts_router.patch("/topics/{topic_id}")
def update_topic(
    db: DbSession,
    scope: CurrentScope,
    part: TopicInScope,
    version: IfMatch,
    data: TopicUpdate,
    response: Response,
) -> TopicPublic:
    updated = parts.update_topic(
        db, scope, part.study_session, part.record, data, expected_version=version
    )
    set_etag(response, updated.version)
    return TopicPublic.model_validate(updated)


@parts_router.delete("/topics/{topic_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_topic(db: DbSession, part: TopicInScope, version: IfMatch) -> None:
    parts.delete_part(db, part.study_session, part.record, expected_version=version)


@parts_router.get("/study-sessions/{study_session_id}/outlines")
def list_outlines(
    db: DbSession, study_session: StudySessionInScope, page: PageQuery
) -> Page[SpeechOutlinePublic]:
    rows, next_cursor = parts.list_parts(
        db, study_session, SpeechOutline, cursor=page.cursor, limit=page.limit
    )
    return Page(items=_outlines(db, rows), next_cursor=next_cursor)


@parts_router.post(
    "/study-sessions/{study_session_id}/outlines", status_code=status.HTTP_201_CREATED
)
def create_outline(
    db: DbSession,
    scope: CurrentScope,
    study_session: StudySessionInScope,
    data: SpeechOutlineCreate,
) -> SpeechOutlinePublic:
    return _outlines(db, [parts.create_outline(db, scope, study_session, data)])[0]


@parts_router.get("/outlines/{outline_id}")
def read_outline(db: DbSession, part: OutlineInScope, response: Response) -> SpeechOutlinePublic:
    set_etag(response, part.record.version)
    return _outlines(db, [part.record])[0]


@parts_router.patch("/outlines/{outline_id}")
def update_outline(
    db: DbSession,
    part: OutlineInScope,
    version: IfMatch,
    data: SpeechOutlineUpdate,
    response: Response,
) -> SpeechOutlinePublic:
    updated = parts.update_outline(
        db, part.study_session, part.record, data, expected_version=version
    )
    set_etag(response, updated.version)
    return _outlines(db, [updated])[0]


@parts_router.delete("/outlines/{outline_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_outline(db: DbSession, part: OutlineInScope, version: IfMatch) -> None:
    parts.delete_part(db, part.study_session, part.record, expected_version=version)


@parts_router.get("/study-sessions/{study_session_id}/contributions")
def list_contributions(
    db: DbSession, study_session: StudySessionInScope, page: PageQuery
) -> Page[ContributionPublic]:
    rows, next_cursor = parts.list_parts(
        db, study_session, Contribution, cursor=page.cursor, limit=page.limit
    )
    return Page(items=_contributions(db, rows), next_cursor=next_cursor)


@parts_router.post(
    "/study-sessions/{study_session_id}/contributions", status_code=status.HTTP_201_CREATED
)
def create_contribution(
    db: DbSession,
    scope: CurrentScope,
    study_session: StudySessionInScope,
    data: ContributionCreate,
) -> ContributionPublic:
    return _contributions(db, [parts.create_contribution(db, scope, study_session, data)])[0]


@parts_router.get("/contributions/{contribution_id}")
def read_contribution(
    db: DbSession, part: ContributionInScope, response: Response
) -> ContributionPublic:
    set_etag(response, part.record.version)
    return _contributions(db, [part.record])[0]


@parts_router.patch("/contributions/{contribution_id}")
def update_contribution(
    db: DbSession,
    scope: CurrentScope,
    part: ContributionInScope,
    version: IfMatch,
    data: ContributionUpdate,
    response: Response,
) -> ContributionPublic:
    updated = parts.update_contribution(
        db, scope, part.study_session, part.record, data, expected_version=version
    )
    set_etag(response, updated.version)
    return _contributions(db, [updated])[0]


@parts_router.delete("/contributions/{contribution_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_contribution(db: DbSession, part: ContributionInScope, version: IfMatch) -> None:
    parts.delete_part(db, part.study_session, part.record, expected_version=version)


@parts_router.get("/study-sessions/{study_session_id}/findings")
def list_findings(
    db: DbSession, study_session: StudySessionInScope, page: PageQuery
) -> Page[FindingPublic]:
    rows, next_cursor = parts.list_parts(
        db, study_session, Finding, cursor=page.cursor, limit=page.limit
    )
    return Page(items=_findings(db, rows), next_cursor=next_cursor)


@parts_router.post(
    "/study-sessions/{study_session_id}/findings", status_code=status.HTTP_201_CREATED
)
def create_finding(
    db: DbSession, scope: CurrentScope, study_session: StudySessionInScope, data: FindingCreate
) -> FindingPublic:
    return _findings(db, [parts.create_finding(db, scope, study_session, data)])[0]


@parts_router.get("/findings/{finding_id}")
def read_finding(db: DbSession, part: FindingInScope, response: Response) -> FindingPublic:
    set_etag(response, part.record.version)
    return _findings(db, [part.record])[0]


@parts_router.patch("/findings/{finding_id}")
def update_finding(
    db: DbSession,
    scope: CurrentScope,
    part: FindingInScope,
    version: IfMatch,
    data: FindingUpdate,
    response: Response,
) -> FindingPublic:
    updated = parts.update_finding(
        db, scope, part.study_session, part.record, data, expected_version=version
    )
    set_etag(response, updated.version)
    return _findings(db, [updated])[0]


@parts_router.delete("/findings/{finding_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_finding(db: DbSession, part: FindingInScope, version: IfMatch) -> None:
    parts.delete_part(db, part.study_session, part.record, expected_version=version)


# Amendments of one row of finalized minutes ------------------------------------------------------
# ``If-Match`` carries the row's ETag, as for a change of the row while the minutes are held; the
# answer is the amendment made (第n次修订, who, when, each field's old and new value).


def _amend_row(
    request: Request,
    db: Session,
    scope: CurrentScope,
    account: CurrentAccount,
    part: PartOfMeeting[Any],
    data: AttendanceAmendment
    | TopicAmendment
    | SpeechOutlineAmendment
    | ContributionAmendment
    | FindingAmendment,
    version: int,
) -> AmendmentPublic:
    flows.amend_part(
        db,
        request.app.state.settings,
        scope,
        part.study_session,
        part.record,
        data.changes,
        reason=data.reason,
        account_id=account.id,
        row_version=version,
    )
    return service.amendment_history(db, part.study_session)[-1]


@parts_router.post("/attendance/{attendance_id}/amendments", status_code=status.HTTP_201_CREATED)
def amend_attendance(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    part: AttendanceInScope,
    version: IfMatch,
    data: AttendanceAmendment,
) -> AmendmentPublic:
    """Correct one attendance record of finalized minutes (status, reason, non-voting)."""
    return _amend_row(request, db, scope, account, part, data, version)


@parts_router.post("/topics/{topic_id}/amendments", status_code=status.HTTP_201_CREATED)
def amend_topic(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    part: TopicInScope,
    version: IfMatch,
    data: TopicAmendment,
) -> AmendmentPublic:
    """Correct one topic of finalized minutes."""
    return _amend_row(request, db, scope, account, part, data, version)


@parts_router.post("/outlines/{outline_id}/amendments", status_code=status.HTTP_201_CREATED)
def amend_outline(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    part: OutlineInScope,
    version: IfMatch,
    data: SpeechOutlineAmendment,
) -> AmendmentPublic:
    """Correct one outline of finalized minutes (its text, the day it was handed in)."""
    return _amend_row(request, db, scope, account, part, data, version)


@parts_router.post(
    "/contributions/{contribution_id}/amendments", status_code=status.HTTP_201_CREATED
)
def amend_contribution(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    part: ContributionInScope,
    version: IfMatch,
    data: ContributionAmendment,
) -> AmendmentPublic:
    """Correct one speech of finalized minutes (its text, speaker, kind, target)."""
    return _amend_row(request, db, scope, account, part, data, version)


@parts_router.post("/findings/{finding_id}/amendments", status_code=status.HTTP_201_CREATED)
def amend_finding(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    part: FindingInScope,
    version: IfMatch,
    data: FindingAmendment,
) -> AmendmentPublic:
    """Correct one problem of finalized minutes; its ledger item takes the corrected text."""
    return _amend_row(request, db, scope, account, part, data, version)
