"""Screen names of the enumerations (English message ids; the catalogs give the Chinese)."""

from enum import StrEnum

from app.i18n import gettext, mark
from app.organizations.models import OrganizationKind
from app.people.models import CommitteeRole
from app.rectification.models import ItemSource, ItemStatus
from app.spot_checks.models import (
    AdmonitionLevel,
    CheckMethod,
    CheckStatus,
    ReworkFlag,
    Verdict,
    Weighting,
)
from app.study_sessions.models import (
    AttendanceStatus,
    ContributionKind,
    StudySessionKind,
    StudySessionStatus,
)

LABELS: dict[StrEnum, str] = {
    OrganizationKind.party_committee: mark("Party committee"),
    OrganizationKind.party_group: mark("Party group"),
    OrganizationKind.general_branch: mark("General Party branch"),
    OrganizationKind.branch: mark("Party branch"),
    OrganizationKind.organization_department: mark("Organization department"),
    CommitteeRole.secretary: mark("Secretary"),
    CommitteeRole.deputy_secretary: mark("Deputy secretary"),
    CommitteeRole.committee_member: mark("Committee member"),
    CommitteeRole.member: mark("Member"),
    StudySessionKind.central_group_study: mark("Central group study"),
    StudySessionKind.branch_general_meeting: mark("Branch general meeting"),
    StudySessionKind.branch_committee_meeting: mark("Branch committee meeting"),
    StudySessionKind.party_group_meeting: mark("Party group meeting"),
    StudySessionKind.party_lecture: mark("Party lecture"),
    StudySessionKind.theme_party_day: mark("Theme Party day"),
    StudySessionKind.democratic_life_meeting: mark("Democratic life meeting"),
    StudySessionKind.org_life_meeting: mark("Organizational life meeting"),
    StudySessionKind.special_seminar: mark("Special seminar"),
    StudySessionStatus.planned: mark("Planned"),
    StudySessionStatus.held: mark("Held"),
    StudySessionStatus.finalized: mark("Finalized"),
    AttendanceStatus.present: mark("Present"),
    AttendanceStatus.late: mark("Late"),
    AttendanceStatus.on_leave: mark("On leave"),
    AttendanceStatus.absent: mark("Absent"),
    ContributionKind.key_speech: mark("Key speech"),
    ContributionKind.exchange: mark("Exchange"),
    ContributionKind.criticism: mark("Criticism"),
    ContributionKind.self_criticism: mark("Self-criticism"),
    ContributionKind.response: mark("Response"),
    ContributionKind.summary: mark("Chair's summary"),
    ItemStatus.not_started: mark("Not started"),
    ItemStatus.in_progress: mark("In progress"),
    ItemStatus.immediate: mark("Rectified at once"),
    ItemStatus.ongoing: mark("Long-term"),
    ItemStatus.awaiting_closure: mark("Rectified, awaiting closure"),
    ItemStatus.closed: mark("Closed"),
    ItemSource.finding: mark("Problem found in a meeting"),
    ItemSource.spot_check: mark("Spot check"),
    ItemSource.solicited_opinion: mark("Solicited opinion"),
    ItemSource.ordered: mark("Ordered rectification"),
    CheckMethod.unannounced_visit: mark("Unannounced visit"),
    CheckMethod.random_sampling: mark("Random sampling"),
    CheckMethod.sat_in: mark("Sat in on the meeting"),
    CheckMethod.records_review: mark("Records review"),
    CheckMethod.on_site_feedback: mark("On-site feedback"),
    Verdict.passed: mark("Passed"),
    Verdict.make_up: mark("Make-up session ordered"),
    Verdict.reconvene: mark("Meeting to be reconvened"),
    ReworkFlag.open: mark("Make-up required"),
    ReworkFlag.make_up_scheduled: mark("Make-up scheduled"),
    ReworkFlag.make_up_held: mark("Make-up held, awaiting the inspector"),
    ReworkFlag.resolved: mark("Make-up accepted"),
    CheckStatus.assigned: mark("Assigned, not yet checked"),
    CheckStatus.recorded: mark("Checked"),
    Weighting.uniform: mark("Uniform (every meeting equally likely)"),
    Weighting.risk_weighted: mark("Risk-weighted"),
    AdmonitionLevel.talk: mark("Admonishing talk"),
    AdmonitionLevel.reminder: mark("Reminder talk"),
    AdmonitionLevel.admonishment: mark("Warning talk"),
}


# Audit actions are plain strings (app.audit): their screen names.
AUDIT_ACTIONS: dict[str, str] = {
    "create": mark("Created"),
    "update": mark("Changed"),
    "delete": mark("Deleted"),
    "login_success": mark("Logged in"),
    "login_failure": mark("Failed login"),
    "finalize": mark("Finalized the minutes"),
    "reopen": mark("Reopened a closed rectification item"),
    "rework_flag": mark("Changed the rework flag"),
}

# Why a meeting weighs more in a risk-weighted draw (app.spot_checks.sampling.RISK_WEIGHTS).
RISK_REASONS: dict[str, str] = {
    "key_unit": mark("Key unit"),
    "power_department": mark("Power department"),
    "weak_unit": mark("Weak unit"),
    "open_flag": mark("The organization has an open rework flag"),
    "low_depth": mark("Fewer than two thirds of those present gave a key speech"),
}

# Values are unique across these enumerations, so one lookup by value serves them all.
_BY_VALUE = {member.value: text for member, text in LABELS.items()} | AUDIT_ACTIONS | RISK_REASONS
assert len(_BY_VALUE) == len(LABELS) + len(AUDIT_ACTIONS) + len(RISK_REASONS), (
    "values must be unique for label()"
)


def label(value: StrEnum | str | None) -> str:
    """The translated screen name of an enumeration value."""
    if value is None:
        return ""
    text = _BY_VALUE.get(str(value))
    return gettext(text) if text is not None else str(value)


# Account roles share a value with a committee role ("secretary"), so they have their own names.
ROLES: dict[str, str] = {
    "admin": mark("Administrator"),
    "inspector": mark("Inspector"),
    "secretary": mark("Secretary or recorder"),
    "viewer": mark("Reader (finalized minutes)"),
}


def role_label(role: StrEnum | str) -> str:
    """The translated name of an account role."""
    text = ROLES.get(str(role))
    return gettext(text) if text is not None else str(role)
