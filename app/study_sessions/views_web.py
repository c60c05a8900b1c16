"""Pages: the list of sessions and a session's minutes with the forms that fill them in."""

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session, col, select

from app.auth.dependencies import CurrentAccount, CurrentScope
from app.campaigns.models import Campaign, CampaignTheme, RequiredAction, ThemeAspect
from app.db import DbSession
from app.errors import DomainError, NotFound, StaleMeeting
from app.etag import parse_version
from app.i18n import gettext, mark
from app.ids import RecordId
from app.minutes import service as minutes_service
from app.organizations import service as organization_service
from app.people.models import Person
from app.scope import Scope
from app.study_sessions import amendments, lifecycle, service
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
    AmendmentChanges,
    AmendmentCreate,
    AttendanceCreate,
    ContributionCreate,
    FindingCreate,
    SpeechOutlineCreate,
    StudySessionCreate,
    StudySessionUpdate,
    TopicCreate,
)
from app.text import InputModel
from app.web.forms import (
    FormState,
    FormValues,
    PostedForm,
    domain_form_errors,
    parse_form,
    validation_form_errors,
)
from app.web.labels import label
from app.web.templating import render

router = APIRouter(include_in_schema=False)


class ListFilters(InputModel):
    organization_id: RecordId | None = None
    kind: StudySessionKind | None = None
    status: StudySessionStatus | None = None
    campaign_id: RecordId | None = None
    starts_from: date | None = None
    starts_until: date | None = None
    cursor: str | None = None


def _filters(request: Request) -> tuple[ListFilters, dict[str, str]]:
    """Filters from the query string; a malformed value is ignored and reported, not a 500."""
    raw = {k: v for k, v in request.query_params.items() if v and k in ListFilters.model_fields}
    parsed, errors = parse_form(ListFilters, raw)
    return (parsed or ListFilters()), errors


@router.get("/")
def study_session_list(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    filters, errors = _filters(request)
    try:
        items, next_cursor = service.list_study_sessions(
            db, scope, **filters.model_dump(exclude={"cursor"}), cursor=filters.cursor, limit=30
        )
    except DomainError as exc:
        items, next_cursor = [], None
        errors.update(domain_form_errors(exc))
    query = {k: v for k, v in request.query_params.items() if k not in ("cursor", "lang") and v}
    return render(
        request,
        "study_sessions/list.html",
        {
            "items": items,
            "next_cursor": next_cursor,
            "filters": filters,
            "errors": errors,
            "query": query,
            "organizations": organization_service.tree_in_scope(db, scope),
            "campaigns": db.exec(select(Campaign).order_by(col(Campaign.starts_on).desc())).all(),
            "kinds": list(StudySessionKind),
            "statuses": list(StudySessionStatus),
        },
    )


# A planned meeting may start from another: the make-up of a flagged meeting (补课) opens prefilled.
PREFILLED = ("organization_id", "kind", "title", "make_up_of_id", "campaign_id", "theme_id")


@router.get("/study-sessions/new")
def new_study_session(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    values = {k: v for k, v in request.query_params.items() if k in PREFILLED}
    return _render_new(request, db, scope, values, {})


def _render_new(
    request: Request,
    db: Session,
    scope: Scope,
    values: FormValues,
    errors: dict[str, str],
    status_code: int = 200,
) -> Response:
    campaigns = db.exec(select(Campaign).order_by(col(Campaign.starts_on).desc())).all()
    campaign_names = {c.id: c.name for c in campaigns}
    themes = db.exec(
        select(CampaignTheme).order_by(col(CampaignTheme.campaign_id), col(CampaignTheme.position))
    ).all()
    return render(
        request,
        "study_sessions/new.html",
        {
            "form": FormState("plan", values, errors),
            "organizations_options": [
                (o.id, o.name) for o in organization_service.tree_in_scope(db, scope)
            ],
            "kind_options": [(k.value, label(k)) for k in StudySessionKind],
            "campaign_options": [(c.id, c.name) for c in campaigns],
            "theme_options": [
                (t.id, f"{campaign_names.get(t.campaign_id, '')} · {t.title}")
                for t in themes
                if t.campaign_id in campaign_names
            ],
            "action_options": [
                (a.id, f"{campaign_names.get(a.campaign_id, '')} · {a.title}")
                for a in db.exec(
                    select(RequiredAction).order_by(
                        col(RequiredAction.campaign_id), col(RequiredAction.due_date)
                    )
                ).all()
                if a.campaign_id in campaign_names
            ],
        },
        status_code,
    )


@router.post("/study-sessions")
def create_study_session(
    request: Request, db: DbSession, scope: CurrentScope, values: PostedForm
) -> Response:
    data, errors = parse_form(StudySessionCreate, values)
    if data is not None:
        try:
            created = service.create_study_session(db, scope, data)
            return RedirectResponse(f"/study-sessions/{created.id}", status_code=303)
        except DomainError as exc:
            db.rollback()
            errors = domain_form_errors(exc)
    return _render_new(request, db, scope, values, errors, 422)


def _detail_context(
    db: Session, request: Request, scope: Scope, study_session: StudySession
) -> dict[str, Any]:
    minutes = service.detail(db, study_session)
    problems: list[lifecycle.Problem] = []
    warnings: list[lifecycle.Problem] = []
    if study_session.status == StudySessionStatus.held:
        problems, warnings = lifecycle.review(db, request.app.state.settings, study_session)
    members = db.exec(
        select(Person)
        .where(
            Person.organization_id == study_session.organization_id, col(Person.active).is_(True)
        )
        .order_by(col(Person.id))
    ).all()
    member_ids = {p.id for p in members}
    guests = [
        {"id": a.person_id, "name": a.person_name}
        for a in minutes.attendance
        if a.person_id not in member_ids
    ]
    participants = [{"id": p.id, "name": p.name} for p in members] + guests
    aspects: list[ThemeAspect] = []
    if study_session.campaign_id is not None:
        aspects = list(
            db.exec(
                select(ThemeAspect)
                .join(CampaignTheme, col(CampaignTheme.id) == ThemeAspect.theme_id)
                .where(CampaignTheme.campaign_id == study_session.campaign_id)
                .order_by(col(CampaignTheme.position), col(ThemeAspect.position))
            ).all()
        )
    rounds: dict[int, list[Any]] = {}
    for contribution in minutes.contributions:
        rounds.setdefault(contribution.round, []).append(contribution)
    from app.spot_checks import service as spot_check_service  # checks build on sessions

    checks, _ = spot_check_service.list_spot_checks(
        db, scope, study_session_id=study_session.id, limit=5
    )
    make_ups_statement = (
        select(StudySession)
        .where(StudySession.make_up_of_id == study_session.id)
        .order_by(col(StudySession.starts_at))
    )
    if scope.finalized_only:
        make_ups_statement = make_ups_statement.where(
            StudySession.status == StudySessionStatus.finalized
        )
    make_ups = db.exec(make_ups_statement).all()
    return {
        "make_ups": make_ups,
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
        "can_write": getattr(request.state, "caller", None) is not None
        and request.state.caller.role in ("admin", "secretary"),
        "can_inspect": getattr(request.state, "caller", None) is not None
        and request.state.caller.role in ("admin", "inspector"),
        "problems": problems,
        "warnings": warnings,
        "refusal": None,
    }


@router.get("/study-sessions/{study_session_id}")
def study_session_page(
    request: Request, db: DbSession, scope: CurrentScope, study_session_id: RecordId
) -> Response:
    study_session = service.get_study_session(db, scope, study_session_id)
    return render(
        request, "study_sessions/detail.html", _detail_context(db, request, scope, study_session)
    )


@router.post("/study-sessions/{study_session_id}/header")
def edit_header(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    study_session_id: RecordId,
    values: PostedForm,
) -> Response:
    """Change chair, recorder, expected number, place or end time; errors next to their field."""
    study_session = service.get_study_session(db, scope, study_session_id)
    data, errors = parse_form(StudySessionUpdate, values)
    version = values.get("version", "")
    if data is not None:
        try:
            service.update_study_session(
                db,
                scope,
                study_session,
                data,
                expected_version=parse_version(version),
            )
            return RedirectResponse(f"/study-sessions/{study_session_id}", status_code=303)
        except StaleMeeting as conflict:
            db.rollback()
            who = conflict.changed_by or gettext("Someone")
            errors = {
                "form": gettext(
                    "%(who)s changed this meeting in the meantime. Your input is kept: check the page and save again."
                )
                % {"who": who}
            }
            # Saving again now means "I have seen the newer version".
            values = values | {"version": str(conflict.current_version)}
        except DomainError as exc:
            db.rollback()
            errors = domain_form_errors(exc)
    context = _detail_context(db, request, scope, study_session)
    context["forms"]["header"] = FormState("header", values, errors)
    return render(request, "study_sessions/detail.html", context, 422)


@router.post("/study-sessions/{study_session_id}/amend")
def amend(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    study_session_id: RecordId,
    values: PostedForm,
) -> Response:
    """Amend finalized minutes: a reason and the corrected fields; errors next to their field."""
    study_session = service.get_study_session(db, scope, study_session_id)
    reason = values.get("reason", "")
    changes = {k: v for k, v in values.items() if k not in ("reason", "version")}
    data, errors = parse_form(AmendmentChanges, changes)
    amendment: AmendmentCreate | None = None
    if not reason.strip():
        errors["reason"] = gettext("Give the reason for the amendment.")
    elif data is not None:
        try:  # the reason's own rules: its length, no control characters
            amendment = AmendmentCreate(reason=reason, changes=data)
        except ValidationError as exc:
            errors |= validation_form_errors(exc)
    if amendment is not None and not errors:
        version = values.get("version", "")
        try:
            amendments.amend(
                db,
                scope,
                study_session,
                amendment,
                account_id=account.id,
                expected_version=parse_version(version),
            )
            minutes_service.store(db, request.app.state.settings, study_session)
            return RedirectResponse(
                f"/study-sessions/{study_session_id}#amendments", status_code=303
            )
        except DomainError as exc:
            db.rollback()
            errors = domain_form_errors(exc)
    context = _detail_context(db, request, scope, study_session)
    context["forms"]["amend"] = FormState("amend", values, errors)
    return render(request, "study_sessions/detail.html", context, 422)


@router.post("/study-sessions/{study_session_id}/hold")
def hold(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    study_session_id: RecordId,
    _values: PostedForm,
) -> Response:
    """Mark the meeting as held: its minutes are now being written."""
    lifecycle.hold(db, service.get_study_session(db, scope, study_session_id))
    return RedirectResponse(f"/study-sessions/{study_session_id}", status_code=303)


@router.post("/study-sessions/{study_session_id}/finalize")
def finalize(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    study_session_id: RecordId,
    _values: PostedForm,
) -> Response:
    """Finalize, or show the page again with every unmet rule listed at the top."""
    study_session = service.get_study_session(db, scope, study_session_id)
    try:
        lifecycle.finalize(db, request.app.state.settings, study_session, account_id=account.id)
    except lifecycle.CannotFinalize as refusal:
        db.rollback()
        context = _detail_context(db, request, scope, study_session)
        context["refusal"] = refusal
        return render(request, "study_sessions/detail.html", context, 422)
    return RedirectResponse(f"/study-sessions/{study_session_id}", status_code=303)


# Each part form: its schema, the service call, the anchor to return to, and its checkbox fields.
PART_FORMS: dict[str, tuple[type[InputModel], Any, str, tuple[str, ...]]] = {
    "attendance": (AttendanceCreate, parts.create_attendance, "attendance", ("is_non_voting",)),
    "topics": (TopicCreate, parts.create_topic, "topics", ()),
    "outlines": (SpeechOutlineCreate, parts.create_outline, "outlines", ()),
    "contributions": (ContributionCreate, parts.create_contribution, "speeches", ()),
    "findings": (FindingCreate, parts.create_finding, "findings", ()),
}


@router.post("/study-sessions/{study_session_id}/{part}")
def add_part(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    study_session_id: RecordId,
    part: str,
    values: PostedForm,
) -> Response:
    """Add one part of the minutes; on error show the page again with the message next to the field."""
    if part not in PART_FORMS:
        raise NotFound(mark("Page not found."))
    schema, create, anchor, checkboxes = PART_FORMS[part]
    study_session = service.get_study_session(db, scope, study_session_id)
    data, errors = parse_form(schema, values, checkboxes=checkboxes)
    if data is not None:
        try:
            create(db, scope, study_session, data)
            return RedirectResponse(f"/study-sessions/{study_session_id}#{anchor}", status_code=303)
        except DomainError as exc:
            db.rollback()
            errors = domain_form_errors(exc)
    context = _detail_context(db, request, scope, study_session)
    context["forms"][part] = FormState(part, values, errors)
    return render(request, "study_sessions/detail.html", context, 422)
