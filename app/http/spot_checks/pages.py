"""What the inspector's pages show: the draw form and a draw, the list of checks, and a check (or a new
one) of a meeting with its scores, ordered rectification and talks."""

from typing import Any

from app.auth import service as auth_service
from app.auth.models import Account
from app.db import Session
from app.organizations import service as organization_service
from app.people import service as people_service
from app.rectification import service as rectification_service
from app.scope import Scope
from app.spot_checks import sampling, service
from app.spot_checks.models import (
    AdmonitionLevel,
    CheckMethod,
    CheckStatus,
    SamplingDraw,
    SpotCheck,
    Verdict,
    Weighting,
)
from app.study_sessions import service as study_session_service
from app.study_sessions.models import StudySession, StudySessionKind
from app.web.forms import FormState
from app.web.labels import label


def draw_form(db: Session, scope: Scope, form: FormState, account: Account) -> dict[str, Any]:
    return {
        "form": form,
        "organization_options": organization_service.indented_options(db, scope),
        "kinds": [(k.value, label(k)) for k in StudySessionKind],
        "statuses": [(s.value, label(s)) for s in sampling.DRAWABLE_STATUSES],
        "weighting_options": [(w.value, label(w)) for w in Weighting],
        "inspectors": auth_service.active_account_options(db, scope, sampling.INSPECTING_ROLES),
        "risk_weights": sampling.RISK_WEIGHTS,
        "me": account.id,
    }


def draw_page(
    db: Session, scope: Scope, draw: SamplingDraw, *, inspecting: bool, rerun: bool
) -> dict[str, Any]:
    # Titles only of the meetings the caller may read (viewers: finalized ones); others by id.
    meetings = study_session_service.visible_among(
        db, scope, [candidate["id"] for candidate in draw.population]
    )
    checks, _ = service.list_spot_checks(
        db, scope, sampling_draw_id=draw.id, planned_visible=inspecting, limit=200
    )
    rank = {meeting_id: position for position, meeting_id in enumerate(draw.selected_ids, 1)}
    return {
        "draw": draw,
        "root": organization_service.get_unscoped(db, draw.organization_id),
        "drawn_by": auth_service.name_of(db, draw.drawn_by_id) or "—",
        "population": [
            (candidate, meetings.get(candidate["id"]), rank.get(candidate["id"]))
            for candidate in draw.population
        ],
        "checks": service.public(db, checks),
        "titles": {meeting_id: found[0].title for meeting_id, found in meetings.items()},
        "rerun": sampling.rerun(draw) if rerun else None,
        "risk_weights": sampling.RISK_WEIGHTS,
    }


def check_list(db: Session, scope: Scope, account: Account, *, inspecting: bool) -> dict[str, Any]:
    assigned, _ = service.list_spot_checks(
        db, scope, status=CheckStatus.assigned, planned_visible=inspecting, limit=200
    )
    recorded, _ = service.list_spot_checks(db, scope, status=CheckStatus.recorded, limit=100)
    draws, _ = sampling.list_draws(db, scope, planned_visible=inspecting, limit=20)
    return {
        "assigned": service.public(db, assigned) if inspecting else [],
        "recorded": service.public(db, recorded),
        "draws": draws,
        "titles": study_session_service.titles(
            db, [c.study_session_id for c in [*assigned, *recorded]]
        ),
        "organization_names": organization_service.names(
            db, {c.organization_id for c in [*assigned, *recorded]}
        ),
        "me": account.id,
        "inspecting": inspecting,
    }


def check_page(
    db: Session,
    check: SpotCheck | None,
    study_session: StudySession,
    *,
    inspecting: bool,
    forms: dict[str, FormState] | None = None,
) -> dict[str, Any]:
    """A check of a meeting (``check`` None: a new one), its forms as given or with their defaults."""
    suggestions = service.suggested_scores(db, study_session)
    people = [
        (p.id, f"{p.name}{'（' + p.post + '）' if p.post else ''}")
        for p in people_service.members_of(
            db, study_session.organization_id, top_leaders_first=True
        )
    ]
    today = rectification_service.today()
    record_values = {"checked_on": today.isoformat(), "method": "records_review"}
    for suggestion in suggestions:
        if suggestion.score is not None:
            record_values[f"scores.{suggestion.code}"] = str(suggestion.score)
    if check is not None:
        record_values["method"] = str(check.method)
    default_forms = {
        "record": FormState("record", record_values),
        "order": FormState("order", {}),
        "talk": FormState(
            "talk",
            {"talked_on": today.isoformat(), "person_id": str(people[0][0]) if people else ""},
        ),
    }
    check_id = check.id if check is not None else None
    return {
        "check": service.public(db, [check])[0] if check else None,
        "meeting": study_session,
        "organization": organization_service.get_unscoped(db, study_session.organization_id),
        "suggestions": suggestions,
        "criteria": {c.code: c for c in service.criteria(db)},
        "method_options": [(m.value, label(m)) for m in CheckMethod],
        "verdict_options": [(v.value, label(v)) for v in Verdict],
        "level_options": [(level.value, label(level)) for level in AdmonitionLevel],
        "people": people,
        "inspecting": inspecting,
        "items": rectification_service.items_public(
            db, rectification_service.items_of_check(db, check_id), today
        )
        if check_id is not None
        else [],
        "talks": service.admonitions_public(db, service.admonitions_of_check(db, check_id))
        if check_id is not None
        else [],
        "forms": default_forms | (forms or {}),
    }
