"""What the meeting pages show: the list with its filters, the planning form, and a meeting's minutes
with every form that fills them in (page models: they call services, never the database)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import Request

from app.campaigns import service as campaign_service
from app.db import Session
from app.ids import RecordId
from app.organizations import service as organization_service
from app.people import service as people_service
from app.scope import Scope
from app.spot_checks import service as spot_check_service
from app.study_sessions import lifecycle, service
from app.study_sessions import parts_service as parts
from app.study_sessions.indicators import indicators
from app.study_sessions.models import (
    AttendanceStatus,
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
    TopicCreate,
)
from app.text import InputModel
from app.web.forms import FormErrors, FormState, FormValues
from app.web.labels import label


class ListFilters(InputModel):
    organization_id: RecordId | None = None
    kind: StudySessionKind | None = None
    status: StudySessionStatus | None = None
    campaign_id: RecordId | None = None
    starts_from: date | None = None
    starts_until: date | None = None
    cursor: str | None = None


def session_list(
    request: Request,
    db: Session,
    scope: Scope,
    filters: ListFilters,
    errors: FormErrors,
    items: list[Any],
    next_cursor: str | None,
) -> dict[str, Any]:
    query = {k: v for k, v in request.query_params.items() if k not in ("cursor", "lang") and v}
    return {
        "items": items,
        "next_cursor": next_cursor,
        "filters": filters,
        "errors": errors,
        "query": query,
        "organizations": organization_service.tree_in_scope(db, scope),
        "campaigns": campaign_service.newest_first(db),
        "kinds": list(StudySessionKind),
        "statuses": list(StudySessionStatus),
    }


def planning_form(
    db: Session, scope: Scope, values: FormValues, errors: FormErrors
) -> dict[str, Any]:
    campaigns = campaign_service.newest_first(db)
    campaign_names = {c.id: c.name for c in campaigns}
    return {
        "form": FormState("plan", values, errors),
        "organizations_options": [
            (o.id, o.name) for o in organization_service.tree_in_scope(db, scope)
        ],
        "kind_options": [(k.value, label(k)) for k in StudySessionKind],
        "campaign_options": [(c.id, c.name) for c in campaigns],
        "theme_options": [
            (t.id, f"{campaign_names.get(t.campaign_id, '')} · {t.title}")
            for t in campaign_service.all_themes(db)
            if t.campaign_id in campaign_names
        ],
        "action_options": [
            (a.id, f"{campaign_names.get(a.campaign_id, '')} · {a.title}")
            for a in campaign_service.all_required_actions(db)
            if a.campaign_id in campaign_names
        ],
    }


@dataclass(frozen=True)
class PartForm:
    """A form that adds a part of the minutes: its schema, the service call, the section to return
    to, and its checkbox fields."""

    schema: type[InputModel]
    create: Any
    anchor: str
    checkboxes: tuple[str, ...] = ()


PART_FORMS: dict[str, PartForm] = {
    "attendance": PartForm(
        AttendanceCreate, parts.create_attendance, "attendance", ("is_non_voting",)
    ),
    "topics": PartForm(TopicCreate, parts.create_topic, "topics"),
    "outlines": PartForm(SpeechOutlineCreate, parts.create_outline, "outlines"),
    "contributions": PartForm(ContributionCreate, parts.create_contribution, "speeches"),
    "findings": PartForm(FindingCreate, parts.create_finding, "findings"),
}


def minutes_page(
    request: Request, db: Session, scope: Scope, study_session: StudySession
) -> dict[str, Any]:
    """A meeting's page: its minutes, the unmet rules while held, depth, spot checks, make-ups, and
    every form (empty, or the header's and the amendment's with the current values)."""
    minutes = service.detail(db, study_session)
    problems: list[lifecycle.Problem] = []
    warnings: list[lifecycle.Problem] = []
    if study_session.status == StudySessionStatus.held:
        problems, warnings = lifecycle.review(db, request.app.state.settings, study_session)
    members = people_service.members_of(db, study_session.organization_id)
    member_ids = {p.id for p in members}
    guests = [
        {"id": a.person_id, "name": a.person_name}
        for a in minutes.attendance
        if a.person_id not in member_ids
    ]
    participants = [{"id": p.id, "name": p.name} for p in members] + guests
    aspects = (
        campaign_service.aspects_of_campaign(db, study_session.campaign_id)
        if study_session.campaign_id is not None
        else []
    )
    rounds: dict[int, list[Any]] = {}
    for contribution in minutes.contributions:
        rounds.setdefault(contribution.round, []).append(contribution)
    checks, _ = spot_check_service.list_spot_checks(
        db, scope, study_session_id=study_session.id, limit=5
    )
    return {
        "make_ups": service.make_ups_of(db, scope, study_session),
        "minutes": minutes,
        "spot_checks": spot_check_service.public(db, checks),
        "depth": indicators(db, study_session),
        "rounds": sorted(rounds.items()),
        "participants": participants,
        "aspects": aspects,
        "people": [(p["id"], p["name"]) for p in participants],
        "status_options": [(s.value, label(s)) for s in AttendanceStatus],
        "kind_options": [(k.value, label(k)) for k in ContributionKind],
        "aspect_options": [(a.id, a.title) for a in aspects],
        "topic_options": [(t.id, t.title) for t in minutes.topics],
        "forms": {
            **{part: FormState(part) for part in PART_FORMS},
            "amend": FormState(
                "amend",
                {
                    "title": study_session.title,
                    "place": study_session.place,
                    "chair_id": str(study_session.chair_id or ""),
                    "recorder_id": str(study_session.recorder_id or ""),
                    "version": str(study_session.version),
                },
            ),
            "header": FormState(
                "header",
                {
                    "chair_id": str(study_session.chair_id or ""),
                    "recorder_id": str(study_session.recorder_id or ""),
                    "expected_count": str(study_session.expected_count or ""),
                    "place": study_session.place,
                    "version": str(study_session.version),
                },
            ),
            # A new speech most likely continues the latest round.
            "contributions": FormState(
                "contributions", {"round": str(max(rounds) if rounds else 1)}
            ),
        },
        "editable": study_session.status != StudySessionStatus.finalized,
        "problems": problems,
        "warnings": warnings,
        "refusal": None,
    }
