"""Typed helpers that build records through the services (the rules apply to test data too)."""

from datetime import datetime
from itertools import count
from pathlib import Path

from sqlmodel import Session, select

from app.campaigns import service as campaign_service
from app.campaigns.models import Campaign, CampaignTheme, ThemeAspect
from app.campaigns.schemas import AspectCreate, CampaignCreate, ThemeCreate
from app.organizations import service as organization_service
from app.organizations.models import Organization, OrganizationKind
from app.organizations.schemas import OrganizationCreate
from app.people import service as people_service
from app.people.models import CommitteeRole, Person
from app.people.schemas import PersonCreate
from app.scope import Scope
from app.study_sessions import parts_service
from app.study_sessions import service as study_session_service
from app.study_sessions.models import (
    Attendance,
    AttendanceStatus,
    Contribution,
    ContributionKind,
    StudySession,
    StudySessionKind,
    StudySessionStatus,
)
from app.study_sessions.schemas import (
    AttendanceCreate,
    ContributionCreate,
    FindingCreate,
    SpeechOutlineCreate,
    StudySessionCreate,
    TopicCreate,
)

EVERYTHING = Scope.everything()
_sequence = count(1)


def create_organization(
    db: Session,
    *,
    name: str = "和平镇党委",
    kind: OrganizationKind = OrganizationKind.party_committee,
    parent: Organization | None = None,
    code: str | None = None,
    **flags: bool,
) -> Organization:
    data = OrganizationCreate(
        code=code or f"ORG{next(_sequence)}",
        name=name,
        kind=kind,
        parent_id=parent.id if parent else None,
        **flags,
    )
    organization = organization_service.create_organization(db, EVERYTHING, data)
    db.commit()
    return organization


def create_person(
    db: Session,
    organization: Organization,
    *,
    name: str = "王建国",
    role: CommitteeRole = CommitteeRole.member,
    is_top_leader: bool = False,
) -> Person:
    assert organization.id is not None
    data = PersonCreate(
        organization_id=organization.id, name=name, committee_role=role, is_top_leader=is_top_leader
    )
    person = people_service.create_person(db, EVERYTHING, data)
    db.commit()
    return person


def create_campaign(
    db: Session, organization: Organization, *, name: str = "三严三实专题教育"
) -> Campaign:
    assert organization.id is not None
    data = CampaignCreate(
        name=name,
        starts_on=datetime(2015, 5, 1).date(),
        ends_on=datetime(2015, 12, 31).date(),
        launched_by_id=organization.id,
    )
    campaign = campaign_service.create_campaign(db, EVERYTHING, data)
    db.commit()
    return campaign


def create_theme(db: Session, campaign: Campaign, *, title: str = "严以修身") -> CampaignTheme:
    theme = campaign_service.create_theme(db, campaign, ThemeCreate(title=title))
    db.commit()
    return theme


def create_aspect(db: Session, theme: CampaignTheme, *, title: str = "坚定理想信念") -> ThemeAspect:
    aspect = campaign_service.create_aspect(db, theme, AspectCreate(title=title))
    db.commit()
    return aspect


def create_study_session(
    db: Session,
    organization: Organization,
    *,
    title: str = "“严以修身”专题学习研讨",
    kind: StudySessionKind = StudySessionKind.special_seminar,
    starts_at: datetime = datetime(2015, 6, 12, 14, 30),
    expected_count: int | None = None,
    campaign: Campaign | None = None,
    theme: CampaignTheme | None = None,
    chair: Person | None = None,
) -> StudySession:
    assert organization.id is not None
    data = StudySessionCreate(
        organization_id=organization.id,
        kind=kind,
        title=title,
        starts_at=starts_at,
        place="县委大楼三楼会议室",
        expected_count=expected_count,
        campaign_id=campaign.id if campaign else None,
        theme_id=theme.id if theme else None,
        chair_id=chair.id if chair else None,
    )
    study_session = study_session_service.create_study_session(db, EVERYTHING, data)
    db.commit()
    return study_session


def create_attendance(
    db: Session,
    study_session: StudySession,
    person: Person,
    *,
    status: AttendanceStatus = AttendanceStatus.present,
    reason: str = "",
    is_non_voting: bool = False,
) -> Attendance:
    assert person.id is not None
    data = AttendanceCreate(
        person_id=person.id, status=status, reason=reason, is_non_voting=is_non_voting
    )
    record = parts_service.create_attendance(db, EVERYTHING, study_session, data)
    db.commit()
    return record


def create_contribution(
    db: Session,
    study_session: StudySession,
    speaker: Person,
    *,
    round: int = 1,
    kind: ContributionKind = ContributionKind.key_speech,
    target: Person | None = None,
    content: str = "对照“三严三实”要求，我在严以修身方面还有差距，理论学习不够系统。",
) -> Contribution:
    assert speaker.id is not None
    data = ContributionCreate(
        speaker_id=speaker.id,
        round=round,
        kind=kind,
        content=content,
        target_id=target.id if target else None,
    )
    record = parts_service.create_contribution(db, EVERYTHING, study_session, data)
    db.commit()
    return record


SPEECH_PARAGRAPHS = [
    line
    for line in (Path(__file__).parent / "fixtures" / "speech_paragraphs.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line and not line.startswith("#")
]


def create_long_study_session(
    db: Session, organization: Organization, *, contributions: int = 70
) -> StudySession:
    """A session whose minutes run to about 20 A4 pages: six members, speeches over three rounds, with
    real text (tests/fixtures/speech_paragraphs.txt, from the seed texts)."""
    names = ["韩明华", "曹丽娟", "许国平", "林德福", "梁秀英", "周立新"]
    members = [
        create_person(
            db,
            organization,
            name=name,
            role=CommitteeRole.secretary if index == 0 else CommitteeRole.member,
        )
        for index, name in enumerate(names)
    ]
    study_session = create_study_session(
        db, organization, title="专题组织生活会：对照“三严三实”开展批评与自我批评", chair=members[0]
    )
    for member in members:
        create_attendance(db, study_session, member)
    for index in range(contributions):
        paragraph = SPEECH_PARAGRAPHS[index % len(SPEECH_PARAGRAPHS)]
        create_contribution(
            db,
            study_session,
            members[index % len(members)],
            round=1 + index * 3 // contributions,
            kind=ContributionKind.self_criticism,
            content=paragraph[: 120 + (index * 37) % 120],
        )
    return study_session


def attend_all(db: Session, study_session: StudySession) -> None:
    """Record every member of the meeting's organization not yet on its roster as present."""
    recorded = set(
        db.exec(
            select(Attendance.person_id).where(Attendance.study_session_id == study_session.id)
        ).all()
    )
    for person in people_service.members_of(db, study_session.organization_id):
        if person.id not in recorded:
            create_attendance(db, study_session, person)


REFERENCE_ROSTER = (
    "韩明华", "曹丽娟", "邓永福", "许国平", "周海燕", "李建军", "王小红", "陈志强", "林德福", "梁秀英", "欧阳晓"
)  # fmt: skip


def create_reference_minutes(db: Session, organization: Organization) -> StudySession:
    """The 40-speech reference meeting of the printed minutes: 11 members (one on leave, one absent,
    one late), 2 topics, 3 outlines, 40 speeches of ~590 characters in 2 rounds (criticism and
    self-criticism among them) made of the seed text's paragraphs, 4 problems with 责任人 and 时限;
    finalized."""
    members = [
        create_person(
            db,
            organization,
            name=name,
            role=CommitteeRole.secretary if i == 0 else CommitteeRole.member,
        )
        for i, name in enumerate(REFERENCE_ROSTER)
    ]
    study_session = create_study_session(
        db,
        organization,
        title="学习贯彻习近平总书记系列重要讲话精神专题研讨会",
        chair=members[0],
    )
    statuses = {
        3: (AttendanceStatus.on_leave, "外出参加县委党校培训"),
        4: (AttendanceStatus.absent, "联系不上"),
    }
    for i, member in enumerate(members):
        status, reason = statuses.get(
            i, (AttendanceStatus.late if i == 5 else AttendanceStatus.present, "")
        )
        create_attendance(db, study_session, member, status=status, reason=reason)
    scope = Scope.everything()
    for title in ("严以修身，加强党性修养", "严以用权，坚持为民用权"):
        parts_service.create_topic(
            db,
            scope,
            study_session,
            TopicCreate(title=title, conclusion="会议认为要把学习成果转化为工作实效。"),
        )
    for i, member in enumerate(members[:3]):
        body = "\n".join(
            f"{'一二三'[n]}、{SPEECH_PARAGRAPHS[(i + n) % len(SPEECH_PARAGRAPHS)][:90]}"
            for n in range(3)
        )
        data = SpeechOutlineCreate(
            author_id=member.id or 0, body=body, submitted_at=datetime(2015, 6, 10 + i)
        )
        parts_service.create_outline(db, scope, study_session, data)
    speakers = [m for i, m in enumerate(members) if i not in statuses]
    text = "".join(SPEECH_PARAGRAPHS)
    for n in range(40):
        speaker = speakers[n % len(speakers)]
        start = (n * 211) % (len(text) - 600)
        body = text[start : start + 590]
        content = "\n".join(body[i : i + 200] for i in range(0, len(body), 200))  # three paragraphs
        kind = (
            ContributionKind.key_speech
            if n < 20
            else (ContributionKind.criticism if n % 3 == 0 else ContributionKind.self_criticism)
        )
        target = speakers[(n + 1) % len(speakers)] if kind == ContributionKind.criticism else None
        create_contribution(
            db, study_session, speaker, round=1 + n // 20, kind=kind, target=target, content=content
        )
    for n in range(4):
        finding = FindingCreate(
            description=text[n * 97 : n * 97 + 80],
            cause=text[n * 131 : n * 131 + 120],
            measure=text[n * 173 : n * 173 + 120],
            person_id=speakers[n].id,
            responsible_id=speakers[n].id,
            due_on=datetime(2015, 9, 30).date(),
        )
        parts_service.create_finding(db, scope, study_session, finding)
    study_session.recorder_id = members[1].id
    study_session.status = StudySessionStatus.finalized
    db.add(study_session)
    db.commit()
    return study_session
