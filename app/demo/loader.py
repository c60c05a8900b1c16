"""Loading the demo through the services, so it obeys the same rules as a secretary typing the minutes
in. The services only flush; the caller commits. Dates and texts are fixed, so every load produces the
same records."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from app.auth.models import Account
from app.auth.service import create_account
from app.campaigns import service as campaign_service
from app.campaigns.models import Campaign, CampaignTheme, ThemeAspect
from app.campaigns.schemas import AspectCreate, CampaignCreate, RequiredActionCreate, ThemeCreate
from app.clock import local_to_utc
from app.config import Settings
from app.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from app.demo.campaigns import CAMPAIGNS
from app.demo.ledger import LEDGER, LEDGER_OPENED
from app.demo.meetings_2013 import SESSIONS as MEETINGS_2013
from app.demo.meetings_bureaus import SESSIONS as MEETINGS_OF_BUREAUS
from app.demo.meetings_county import SESSIONS as MEETINGS_OF_THE_COUNTY
from app.demo.meetings_town import SESSIONS as MEETINGS_OF_THE_TOWN
from app.demo.organizations import ORGANIZATIONS, PEOPLE
from app.demo.specs import (
    CampaignSpec,
    LedgerSpec,
    OrganizationSpec,
    PersonSpec,
    SessionSpec,
)
from app.errors import Conflict
from app.flows import spot_checks as spot_check_flows
from app.flows import study_sessions as study_session_flows
from app.i18n import mark
from app.organizations import service as organization_service
from app.organizations.models import Organization
from app.organizations.schemas import OrganizationCreate
from app.people import service as people_service
from app.people.models import Person
from app.people.schemas import PersonCreate
from app.rectification import service as rectification_service
from app.rectification.models import ItemSource, ItemStatus, RectificationItem
from app.rectification.schemas import ItemClose, ItemCreate, ProgressCreate
from app.scope import Scope
from app.spot_checks import sampling
from app.spot_checks import service as spot_check_service
from app.spot_checks.models import AdmonitionLevel, CheckMethod, Verdict, Weighting
from app.spot_checks.schemas import (
    AdmonitionCreate,
    DrawCreate,
    OrderedRectification,
    SpotCheckCreate,
)
from app.study_sessions import parts_service
from app.study_sessions import service as study_session_service
from app.study_sessions.models import (
    AttendanceStatus,
    StudySession,
    StudySessionStatus,
)
from app.study_sessions.schemas import (
    AttendanceCreate,
    ContributionCreate,
    FindingCreate,
    SpeechOutlineCreate,
    StudySessionCreate,
    StudySessionUpdate,
    TopicCreate,
)

# In the order they took place (ids follow it, as if typed in at the time).
SESSIONS = sorted(
    (*MEETINGS_2013, *MEETINGS_OF_THE_COUNTY, *MEETINGS_OF_BUREAUS, *MEETINGS_OF_THE_TOWN),
    key=lambda spec: spec.starts_at,
)


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each kind the demo created."""

    organizations: int
    people: int
    campaigns: int
    study_sessions: int
    contributions: int
    findings: int
    finalized: int

    def __str__(self) -> str:
        return (
            f"{self.organizations} organizations, {self.people} people, "
            f"{self.campaigns} campaigns, {self.study_sessions} study sessions "
            f"({self.finalized} finalized), {self.contributions} contributions, "
            f"{self.findings} findings"
        )


@dataclass
class _Loaded:
    """Records created so far, found by the names the data above uses for them."""

    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    themes: dict[tuple[str, str], CampaignTheme] = field(default_factory=dict)
    aspects: dict[str, ThemeAspect] = field(default_factory=dict)
    actions: dict[str, int] = field(default_factory=dict)  # title → id
    study_sessions: int = 0
    contributions: int = 0
    findings: int = 0

    def organization_id(self, code: str) -> int:
        return _id(self.organizations[code].id)

    def person_id(self, name: str) -> int:
        return _id(self.people[name].id)

    def aspect_id(self, title: str | None) -> int | None:
        return None if title is None else _id(self.aspects[title].id)


def _id(value: int | None) -> int:
    assert value is not None, "flushed records have ids"
    return value


def is_empty(db: Session) -> bool:
    """Whether the database has no organization yet (the demo loads only into such a database)."""
    return db.exec(select(Organization.id).limit(1)).first() is None


def load_demo(db: Session, settings: Settings) -> DemoSummary:
    """Create the demo county, its people, campaigns and minutes; flush only, the caller commits.

    Some sessions are finalized, which prints and stores their PDF (``settings`` names the fonts)."""
    if not is_empty(db):
        raise Conflict(
            mark("The demo loads only into an empty database."), code="database_not_empty"
        )
    scope = Scope.everything()
    loaded = _Loaded()
    for organization in ORGANIZATIONS:
        _load_organization(db, scope, loaded, organization)
    for person in PEOPLE:
        _load_person(db, scope, loaded, person)
    for campaign in CAMPAIGNS:
        _load_campaign(db, scope, loaded, campaign)
    for spec in SESSIONS:
        study_session = _load_study_session(db, scope, loaded, spec)
        if spec.finalized:
            study_session_flows.finalize(db, settings, study_session, account_id=None)
            # As if finalized a few days after the meeting, back then: the ledger's dates follow.
            for item in db.exec(
                select(RectificationItem).where(
                    RectificationItem.study_session_id == study_session.id
                )
            ).all():
                item.created_at = local_to_utc(spec.starts_at + timedelta(days=3))
    accounts = {
        account.login: create_account(
            db,
            login=account.login,
            password=DEMO_PASSWORD,
            role=account.role,
            organization_id=loaded.organization_id(account.organization),
            include_subtree=account.subtree,
            person_id=loaded.person_id(account.person) if account.person else None,
        )
        for account in DEMO_ACCOUNTS
    }
    for ledger_spec in LEDGER:
        _load_ledger_item(
            db, loaded, ledger_spec, reporter=accounts["secretary"], reviewer=accounts["admin"]
        )
    _load_inspection(db, loaded, accounts["inspector"])
    return DemoSummary(
        organizations=len(loaded.organizations),
        people=len(loaded.people),
        campaigns=len(loaded.campaigns),
        study_sessions=loaded.study_sessions,
        contributions=loaded.contributions,
        findings=loaded.findings,
        finalized=sum(spec.finalized for spec in SESSIONS),
    )


def _session_id(db: Session, title: str) -> int:
    return _id(db.exec(select(StudySession.id).where(StudySession.title == title)).one())


def _load_inspection(db: Session, loaded: _Loaded, inspector: Account) -> None:
    """The organization department's autumn 2015 inspection: a risk-weighted draw of the summer and
    autumn meetings (its checks still to be carried out), a records review that sent 东岭村's
    organizational life meeting back for a make-up, with ordered rectification and a reminder talk
    with the branch secretary, and an on-site check of 南庄村 that passed."""
    scope = Scope.everything()
    county = loaded.organization_id("cx")
    draw = sampling.create_draw(
        db,
        scope,
        inspector,
        DrawCreate(
            organization_id=county,
            starts_from=date(2015, 7, 1),
            starts_until=date(2015, 10, 31),
            statuses=[StudySessionStatus.held, StudySessionStatus.finalized],
            sample_size=3,
            weighting=Weighting.risk_weighted,
            seed="2015-11-督查",
        ),
    )
    draw.drawn_at = local_to_utc(datetime(2015, 11, 2, 9, 0))
    dongling = _session_id(db, "专题组织生活会：对照“三严三实”开展批评与自我批评")
    meeting = study_session_service.get_study_session(db, scope, dongling)
    suggested = {
        s.code: s.score
        for s in spot_check_service.suggested_scores(db, meeting)
        if s.score is not None
    }
    check = spot_check_flows.record_check(
        db,
        scope,
        inspector,
        SpotCheckCreate(
            study_session_id=dongling,
            checked_on=date(2015, 11, 5),
            method=CheckMethod.records_review,
            scores=suggested | {"preparation": 50, "criticism_names": 40, "attendance": 90},
            override_reasons={
                "criticism_names": "批评多是“希望”“建议”，点人点事的只有一条，辣味不足"
            },
            notes="发言提纲会前未交齐；相互批评避重就轻，“一团和气”。请于十一月底前补课，"
            "书记带头重写对照检查材料。",
            verdict=Verdict.make_up,
        ),
    )
    spot_check_service.order_rectification(
        db,
        scope,
        inspector,
        _id(check.id),
        OrderedRectification(
            problem="专题组织生活会批评和自我批评不够深入，提纲会前未交齐。",
            measure="十一月底前召开补课会议，书记带头重写对照检查材料，逐一开展相互批评。",
            responsible_leader_id=loaded.person_id("韩明华"),
            due_on=date(2015, 11, 30),
        ),
    )
    spot_check_service.record_admonition(
        db,
        scope,
        inspector,
        loaded.organization_id("cx-hp-dl"),
        AdmonitionCreate(
            person_id=loaded.person_id("韩明华"),
            level=AdmonitionLevel.reminder,
            talked_on=date(2015, 11, 6),
            held_by="县委组织部副部长 王海涛",
            notes="指出组织生活会准备不足、批评辣味不足，要求书记履行第一责任人职责，按时补课。",
            spot_check_id=check.id,
        ),
    )
    nanzhuang = _session_id(db, "支部党员大会：学习“三严三实”有关精神")
    spot_check_flows.record_check(
        db,
        scope,
        inspector,
        SpotCheckCreate(
            study_session_id=nanzhuang,
            checked_on=date(2015, 11, 12),
            method=CheckMethod.on_site_feedback,
            notes="软弱涣散村整顿有起色，党员大会按时召开，记录完整。",
            verdict=Verdict.passed,
        ),
    )


def _load_ledger_item(
    db: Session, loaded: _Loaded, spec: LedgerSpec, *, reporter: Account, reviewer: Account
) -> None:
    item = rectification_service.create_item(
        db,
        Scope.everything(),
        ItemCreate(
            organization_id=loaded.organization_id("cx-hp-dl"),
            source=ItemSource.solicited_opinion,
            problem=spec.problem,
            measure=spec.measure,
            responsible_person_id=loaded.person_id(spec.responsible),
            responsible_leader_id=loaded.person_id(spec.leader),
            due_on=spec.due_on,
        ),
    )
    for progress in spec.progress:
        entry = rectification_service.add_progress(
            db,
            item,
            ProgressCreate(month=progress.month, text=progress.text, percent=progress.percent),
            reporter,
        )
        entry.created_at = local_to_utc(datetime.fromisoformat(f"{progress.month}-25T17:00"))
    if spec.result:
        item.status = ItemStatus.awaiting_closure  # reported done, then checked and closed
        db.flush()
        rectification_service.close_item(db, item, ItemClose(result=spec.result), reviewer)
        item.closed_at = local_to_utc(datetime(2015, 10, 30, 16, 0))
    item.created_at = local_to_utc(LEDGER_OPENED)  # after the services' last re-read of the row
    db.flush()


def _load_organization(db: Session, scope: Scope, loaded: _Loaded, spec: OrganizationSpec) -> None:
    parent_id = loaded.organization_id(spec.parent) if spec.parent else None
    loaded.organizations[spec.code] = organization_service.create_organization(
        db,
        scope,
        OrganizationCreate(
            code=spec.code,
            name=spec.name,
            kind=spec.kind,
            parent_id=parent_id,
            is_key_unit=spec.is_key_unit,
            is_power_department=spec.is_power_department,
            is_weak_unit=spec.is_weak_unit,
        ),
    )


def _load_person(db: Session, scope: Scope, loaded: _Loaded, spec: PersonSpec) -> None:
    loaded.people[spec.name] = people_service.create_person(
        db,
        scope,
        PersonCreate(
            organization_id=loaded.organization_id(spec.organization),
            name=spec.name,
            post=spec.post,
            committee_role=spec.committee_role,
            is_top_leader=spec.is_top_leader,
        ),
    )


def _load_campaign(db: Session, scope: Scope, loaded: _Loaded, spec: CampaignSpec) -> None:
    campaign = campaign_service.create_campaign(
        db,
        scope,
        CampaignCreate(
            name=spec.name,
            description=spec.description,
            starts_on=spec.starts_on,
            ends_on=spec.ends_on,
            launched_by_id=loaded.organization_id(spec.launched_by),
        ),
    )
    loaded.campaigns[spec.name] = campaign
    for theme_spec in spec.themes:
        theme = campaign_service.create_theme(
            db, campaign, ThemeCreate(title=theme_spec.title, description=theme_spec.description)
        )
        loaded.themes[(spec.name, theme_spec.title)] = theme
        for aspect_title in theme_spec.aspects:
            aspect = campaign_service.create_aspect(db, theme, AspectCreate(title=aspect_title))
            loaded.aspects[aspect_title] = aspect
    for action in spec.actions:
        theme_id = _id(loaded.themes[(spec.name, action.theme)].id) if action.theme else None
        organization_id = (
            loaded.organization_id(action.organization) if action.organization else None
        )
        created = campaign_service.create_required_action(
            db,
            scope,
            campaign,
            RequiredActionCreate(
                title=action.title,
                theme_id=theme_id,
                due_date=action.due_date,
                organization_kinds=list(action.organization_kinds),
                organization_id=organization_id,
            ),
        )
        loaded.actions[action.title] = _id(created.id)


def _voting_attendees(spec: SessionSpec) -> list[str]:
    """The organization's members (recorders sitting in excepted) and the voting guests."""
    members = [
        person.name
        for person in PEOPLE
        if person.organization == spec.organization and person.name not in spec.observers
    ]
    return members + list(spec.guests)


def _load_study_session(
    db: Session, scope: Scope, loaded: _Loaded, spec: SessionSpec
) -> StudySession:
    voting = _voting_attendees(spec)
    campaign_id = _id(loaded.campaigns[spec.campaign].id) if spec.campaign else None
    theme_id = (
        _id(loaded.themes[(spec.campaign, spec.theme)].id) if spec.campaign and spec.theme else None
    )
    study_session = study_session_flows.plan(
        db,
        scope,
        StudySessionCreate(
            organization_id=loaded.organization_id(spec.organization),
            kind=spec.kind,
            title=spec.title,
            starts_at=spec.starts_at,
            ends_at=spec.starts_at + timedelta(minutes=spec.minutes),
            place=spec.place,
            chair_id=loaded.person_id(spec.chair),
            recorder_id=loaded.person_id(spec.recorder),
            campaign_id=campaign_id,
            theme_id=theme_id,
            required_action_id=loaded.actions[spec.fulfils] if spec.fulfils else None,
            expected_count=len(voting),
        ),
    )
    loaded.study_sessions += 1
    if not spec.held:
        return study_session
    study_session_service.update_study_session(
        db, scope, study_session, StudySessionUpdate(status=StudySessionStatus.held)
    )
    _record_attendance(db, scope, loaded, study_session, spec, voting)
    topic_ids = [
        _id(
            parts_service.create_topic(
                db,
                scope,
                study_session,
                TopicCreate(
                    title=topic.title,
                    aspect_id=loaded.aspect_id(topic.aspect),
                    conclusion=topic.conclusion,
                ),
            ).id
        )
        for topic in spec.topics
    ]
    _record_outlines(db, scope, loaded, study_session, spec)
    for speech in spec.speeches:
        parts_service.create_contribution(
            db,
            scope,
            study_session,
            ContributionCreate(
                speaker_id=loaded.person_id(speech.speaker),
                round=speech.round,
                kind=speech.kind,
                content=speech.content,
                topic_id=topic_ids[speech.topic - 1] if speech.topic else None,
                target_id=loaded.person_id(speech.target) if speech.target else None,
            ),
        )
        loaded.contributions += 1
    for finding in spec.findings:
        parts_service.create_finding(
            db,
            scope,
            study_session,
            FindingCreate(
                description=finding.description,
                person_id=loaded.person_id(finding.person) if finding.person else None,
                aspect_id=loaded.aspect_id(finding.aspect),
                cause=finding.cause,
                measure=finding.measure,
            ),
        )
        loaded.findings += 1
    return study_session


def _record_attendance(
    db: Session,
    scope: Scope,
    loaded: _Loaded,
    study_session: StudySession,
    spec: SessionSpec,
    voting: list[str],
) -> None:
    """Everyone expected, present unless on leave; then the non-voting attendees (列席)."""
    leave = {entry.person: entry for entry in spec.leave}
    for name in voting:
        entry = leave.get(name)
        parts_service.create_attendance(
            db,
            scope,
            study_session,
            AttendanceCreate(
                person_id=loaded.person_id(name),
                status=entry.status if entry else AttendanceStatus.present,
                reason=entry.reason if entry else "",
            ),
        )
    for name in spec.observers:
        parts_service.create_attendance(
            db,
            scope,
            study_session,
            AttendanceCreate(
                person_id=loaded.person_id(name),
                status=AttendanceStatus.present,
                is_non_voting=True,
            ),
        )


def _record_outlines(
    db: Session, scope: Scope, loaded: _Loaded, study_session: StudySession, spec: SessionSpec
) -> None:
    """Outlines handed in at nine on the given day before the meeting, in the order listed."""
    meeting_day = spec.starts_at.date()
    for index, outline in enumerate(spec.outlines):
        submitted_on = meeting_day - timedelta(days=outline.days_before)
        submitted_at = datetime.combine(submitted_on, time(9, 0)) + timedelta(minutes=20 * index)
        parts_service.create_outline(
            db,
            scope,
            study_session,
            SpeechOutlineCreate(
                author_id=loaded.person_id(outline.author),
                body=outline.body,
                submitted_at=submitted_at,
            ),
        )
