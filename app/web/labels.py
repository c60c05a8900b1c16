"""Screen names of the enumerations (English message ids; the catalogs give the Chinese).

Keyed by the value, so the web layer needs no domain's models: values are unique across the
enumerations, and a test checks that every member of every enumeration of ``app.*.models`` has its name
here.
"""

from app.i18n import gettext, mark

# Grouped by the enumeration that holds the values (app.<domain>.models).
LABELS: dict[str, dict[str, str]] = {
    "OrganizationKind": {
        "party_committee": mark("Party committee"),
        "party_group": mark("Party group"),
        "general_branch": mark("General Party branch"),
        "branch": mark("Party branch"),
        "organization_department": mark("Organization department"),
    },
    "CommitteeRole": {
        "secretary": mark("Secretary"),
        "deputy_secretary": mark("Deputy secretary"),
        "committee_member": mark("Committee member"),
        "member": mark("Member"),
    },
    "StudySessionKind": {
        "central_group_study": mark("Central group study"),
        "branch_general_meeting": mark("Branch general meeting"),
        "branch_committee_meeting": mark("Branch committee meeting"),
        "party_group_meeting": mark("Party group meeting"),
        "party_lecture": mark("Party lecture"),
        "theme_party_day": mark("Theme Party day"),
        "democratic_life_meeting": mark("Democratic life meeting"),
        "org_life_meeting": mark("Organizational life meeting"),
        "special_seminar": mark("Special seminar"),
    },
    "StudySessionStatus": {
        "planned": mark("Planned"),
        "held": mark("Held"),
        "finalized": mark("Finalized"),
    },
    "AttendanceStatus": {
        "present": mark("Present"),
        "late": mark("Late"),
        "on_leave": mark("On leave"),
        "absent": mark("Absent"),
        "not_expected": mark("Not expected"),
    },
    "ContributionKind": {
        "key_speech": mark("Key speech"),
        "exchange": mark("Exchange"),
        "criticism": mark("Criticism"),
        "self_criticism": mark("Self-criticism"),
        "response": mark("Response"),
        "summary": mark("Chair's summary"),
    },
    "ItemStatus": {
        "not_started": mark("Not started"),
        "in_progress": mark("In progress"),
        "immediate": mark("Rectified at once"),
        "ongoing": mark("Long-term"),
        "awaiting_closure": mark("Rectified, awaiting closure"),
        "closed": mark("Closed"),
    },
    "ItemSource": {
        "finding": mark("Problem found in a meeting"),
        "spot_check": mark("Spot check"),
        "solicited_opinion": mark("Solicited opinion"),
        "ordered": mark("Ordered rectification"),
    },
    "CheckMethod": {
        "unannounced_visit": mark("Unannounced visit"),
        "random_sampling": mark("Random sampling"),
        "sat_in": mark("Sat in on the meeting"),
        "records_review": mark("Records review"),
        "on_site_feedback": mark("On-site feedback"),
    },
    "Verdict": {
        "pass": mark("Passed"),
        "make_up": mark("Make-up session ordered"),
        "reconvene": mark("Meeting to be reconvened"),
    },
    "ReworkFlag": {
        "open": mark("Make-up required"),
        "make_up_scheduled": mark("Make-up scheduled"),
        "make_up_held": mark("Make-up held, awaiting the inspector"),
        "resolved": mark("Make-up accepted"),
    },
    "CheckStatus": {
        "assigned": mark("Assigned, not yet checked"),
        "recorded": mark("Checked"),
    },
    "CircularStatus": {
        "draft": mark("Draft"),
        "issued": mark("Issued"),
    },
    "Weighting": {
        "uniform": mark("Uniform (every meeting equally likely)"),
        "risk_weighted": mark("Risk-weighted"),
    },
    "AdmonitionLevel": {
        "talk": mark("Admonishing talk"),
        "reminder": mark("Reminder talk"),
        "admonishment": mark("Warning talk"),
    },
    # Audit actions are plain strings (app.audit).
    "audit actions": {
        "create": mark("Created"),
        "update": mark("Changed"),
        "delete": mark("Deleted"),
        "login_success": mark("Logged in"),
        "login_failure": mark("Failed login"),
        "finalize": mark("Finalized the minutes"),
        "reopen": mark("Reopened a closed rectification item"),
        "rework_flag": mark("Changed the rework flag"),
        "hold": mark("Marked the meeting as held"),
        "amend": mark("Amended the finalized minutes"),
        "record_check": mark("Recorded a spot check"),
        "resolve_rework": mark("Accepted the make-up"),
        "close": mark("Closed a rectification item"),
    },
    # Why a meeting weighs more in a risk-weighted draw (app.spot_checks.sampling.RISK_WEIGHTS).
    "risk reasons": {
        "key_unit": mark("Key unit"),
        "power_department": mark("Power department"),
        "weak_unit": mark("Weak unit"),
        "open_flag": mark("The organization has an open rework flag"),
        "low_depth": mark("Fewer than two thirds of those present gave a key speech"),
    },
}

_BY_VALUE = {value: text for group in LABELS.values() for value, text in group.items()}
assert len(_BY_VALUE) == sum(map(len, LABELS.values())), "values must be unique for label()"


def label(value: object) -> str:
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


def role_label(role: object) -> str:
    """The translated name of an account role."""
    text = ROLES.get(str(role))
    return gettext(text) if text is not None else str(role)


# The spot-check criteria are data (an office may retitle them); the default titles, as the first
# migration stored them, have a translation — a retitled criterion is shown as typed.
CRITERIA: dict[str, tuple[str, str]] = {
    "preparation": (
        "会前准备：发言提纲会前提交",
        mark("Preparation: speech outlines handed in before"),
    ),
    "secretary_led": (
        "书记带头：先写提纲、先发言",
        mark("The secretary leads: writes first, speaks first"),
    ),
    "everyone_spoke": (
        "人人发言：每名党员都作了发言",
        mark("Everyone spoke: every member gave a speech"),
    ),
    "specific_problems": (
        "问题具体：查摆问题具体实在",
        mark("Specific problems: the problems named are concrete"),
    ),
    "causes_deep": (
        "原因深刻：剖析原因触及思想根源",
        mark("Deep causes: the analysis reaches the roots in thinking"),
    ),
    "criticism_names": ("批评见人见事", mark("Criticism names people and deeds")),
    "measures_owned": (
        "整改措施有责任人和时限",
        mark("Measures have a person responsible and a deadline"),
    ),
    "attendance": ("出席人数符合要求", mark("Attendance as required")),
}


def criterion_title(code: str, title: str) -> str:
    """A criterion's title in the reader's language (its default title translated; a retitled one
    as typed)."""
    known = CRITERIA.get(code)
    return gettext(known[1]) if known is not None and known[0] == title else title


# The kinds of record the audit log names (its entities are table names).
RECORD_KINDS: dict[str, str] = {
    "study_session": mark("Meeting"),
    "attendance": mark("Attendance"),
    "topic": mark("Topic"),
    "speech_outline": mark("Speech outline"),
    "contribution": mark("Speech"),
    "finding": mark("Problem"),
    "amendment": mark("Amendment"),
    "minutes_document": mark("Printed minutes"),
    "person": mark("Person"),
    "organization": mark("Organization"),
    "account": mark("Account"),
    "api_token": mark("Access token"),
    "campaign": mark("Campaign"),
    "campaign_theme": mark("Theme"),
    "theme_aspect": mark("Aspect"),
    "required_action": mark("Required action"),
    "rectification_item": mark("Rectification item"),
    "progress_entry": mark("Monthly progress"),
    "spot_check": mark("Spot check"),
    "sampling_draw": mark("Random sampling draw"),
    "admonition": mark("Admonishing talk"),
    "circular": mark("Circular"),
}


def record_kind(entity: str) -> str:
    """The translated name of a kind of record (the audit log's entity)."""
    text = RECORD_KINDS.get(entity)
    return gettext(text) if text is not None else entity
