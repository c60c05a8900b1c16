"""The shapes of the demo data, written with keywords so each value says what it is."""

from dataclasses import dataclass
from datetime import date, datetime

from app.access import Role
from app.organizations.models import OrganizationKind
from app.people.models import CommitteeRole
from app.study_sessions.models import AttendanceStatus, ContributionKind, StudySessionKind


@dataclass(frozen=True, kw_only=True)
class OrganizationSpec:
    code: str
    name: str
    kind: OrganizationKind
    parent: str | None = None
    is_key_unit: bool = False
    is_power_department: bool = False
    is_weak_unit: bool = False


@dataclass(frozen=True, kw_only=True)
class PersonSpec:
    organization: str
    name: str
    post: str
    committee_role: CommitteeRole = CommitteeRole.member
    is_top_leader: bool = False


@dataclass(frozen=True, kw_only=True)
class ThemeSpec:
    title: str
    description: str
    aspects: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ActionSpec:
    title: str
    due_date: date
    theme: str | None = None
    organization_kinds: tuple[OrganizationKind, ...] = ()
    # Set for a 自选动作 that one organization adds for itself.
    organization: str | None = None


@dataclass(frozen=True, kw_only=True)
class CampaignSpec:
    name: str
    description: str
    starts_on: date
    ends_on: date
    launched_by: str
    themes: tuple[ThemeSpec, ...]
    actions: tuple[ActionSpec, ...]


@dataclass(frozen=True, kw_only=True)
class LeaveSpec:
    person: str
    reason: str
    status: AttendanceStatus = AttendanceStatus.on_leave


@dataclass(frozen=True, kw_only=True)
class TopicSpec:
    title: str
    aspect: str | None = None
    conclusion: str = ""


@dataclass(frozen=True, kw_only=True)
class OutlineSpec:
    author: str
    days_before: int
    body: str


@dataclass(frozen=True, kw_only=True)
class SpeechSpec:
    round: int
    speaker: str
    kind: ContributionKind
    content: str
    target: str | None = None
    topic: int | None = None  # 1-based position among the session's topics


@dataclass(frozen=True, kw_only=True)
class FindingSpec:
    person: str | None  # None: the leadership team's problem
    aspect: str | None
    description: str
    cause: str
    measure: str


@dataclass(frozen=True, kw_only=True)
class SessionSpec:
    organization: str
    kind: StudySessionKind
    title: str
    starts_at: datetime
    minutes: int
    place: str
    chair: str
    recorder: str
    campaign: str | None = None
    theme: str | None = None
    held: bool = True
    # Finalized (locked, the PDF/A stored) after loading, as a viewer finds minutes months later.
    finalized: bool = False
    # The campaign's required action (规定动作) the meeting fulfils, by its title.
    fulfils: str | None = None
    # Voting attendees from other organizations (e.g. the organization head at a county lecture).
    guests: tuple[str, ...] = ()
    # 列席: recorders and inspectors who attend without a vote.
    observers: tuple[str, ...] = ()
    leave: tuple[LeaveSpec, ...] = ()
    topics: tuple[TopicSpec, ...] = ()
    outlines: tuple[OutlineSpec, ...] = ()
    speeches: tuple[SpeechSpec, ...] = ()
    findings: tuple[FindingSpec, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ProgressSpec:
    month: str  # YYYY-MM
    text: str
    percent: int


@dataclass(frozen=True, kw_only=True)
class LedgerSpec:
    """An item of 东岭村's ledger from the opinions solicited before its 组织生活会, with its progress."""

    problem: str
    measure: str
    responsible: str
    leader: str
    due_on: date
    progress: tuple[ProgressSpec, ...] = ()
    result: str = ""  # closed (销号) by the town's administrator with this result


@dataclass(frozen=True, kw_only=True)
class AccountSpec:
    """A demo account: its login, role, scope organization (with its subtree?) and person."""

    login: str
    role: Role
    organization: str
    subtree: bool
    person: str | None


# Shorthands the meetings use.
KEY = ContributionKind.key_speech
EXCHANGE = ContributionKind.exchange
CRITICISM = ContributionKind.criticism
SELF_CRITICISM = ContributionKind.self_criticism
RESPONSE = ContributionKind.response
SUMMARY = ContributionKind.summary

SECRETARY = CommitteeRole.secretary
DEPUTY = CommitteeRole.deputy_secretary
COMMITTEE = CommitteeRole.committee_member

# Rooms several meetings use.
COUNTY_HALL = "县委大楼三楼会议室"
ORG_DEPT_ROOM = "县委大楼五楼组织部会议室"
