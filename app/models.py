"""Every table class, imported in one place so Alembic and the mappers see them all."""

from app.audit.models import AuditEvent
from app.auth.models import Account, ApiToken, LoginAttempt
from app.campaigns.models import Campaign, CampaignTheme, RequiredAction, ThemeAspect
from app.minutes.models import MinutesDocument
from app.organizations.models import Organization
from app.people.models import Person
from app.rectification.models import ProgressEntry, RectificationItem
from app.spot_checks.models import (
    Admonition,
    Circular,
    MeetingFrequency,
    SamplingDraw,
    SpotCheck,
    SpotCheckCriterion,
)
from app.study_sessions.models import (
    Amendment,
    Attendance,
    Contribution,
    Finding,
    SpeechOutline,
    StudySession,
    Topic,
)

__all__ = [
    "Account",
    "Admonition",
    "Amendment",
    "ApiToken",
    "Attendance",
    "AuditEvent",
    "Campaign",
    "CampaignTheme",
    "Circular",
    "Contribution",
    "Finding",
    "LoginAttempt",
    "MeetingFrequency",
    "MinutesDocument",
    "Organization",
    "Person",
    "ProgressEntry",
    "RectificationItem",
    "RequiredAction",
    "SamplingDraw",
    "SpeechOutline",
    "SpotCheck",
    "SpotCheckCriterion",
    "StudySession",
    "ThemeAspect",
    "Topic",
]
