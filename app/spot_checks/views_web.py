"""The inspector's pages: random sampling draws, spot checks with their scores, ordered rectification and
admonishing talks, and resolving a rework flag."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session, col, select

from app.auth.dependencies import CurrentAccount, CurrentScope
from app.auth.models import Account
from app.db import DbSession
from app.errors import DomainError, InvalidInput
from app.i18n import gettext, mark
from app.ids import RecordId
from app.organizations import service as organization_service
from app.organizations.models import Organization
from app.people.models import Person
from app.rectification import service as rectification_service
from app.rectification.models import RectificationItem
from app.scope import Scope, in_scope
from app.spot_checks import sampling, service
from app.spot_checks.models import (
    Admonition,
    AdmonitionLevel,
    CheckMethod,
    CheckStatus,
    SpotCheck,
    Verdict,
    Weighting,
)
from app.spot_checks.schemas import (
    AdmonitionCreate,
    DrawCreate,
    OrderedRectification,
    SpotCheckCreate,
    SpotCheckRecord,
)
from app.study_sessions import service as study_session_service
from app.study_sessions.models import StudySession, StudySessionKind, StudySessionStatus
from app.web.forms import (
    FormErrors,
    FormState,
    PostedForm,
    domain_form_errors,
    parse_form,
    validation_form_errors,
)
from app.web.labels import label
from app.web.templating import render

router = APIRouter(include_in_schema=False)


def _inspector_options(db: Session, scope: Scope) -> list[tuple[int, str]]:
    statement = (
        select(Account.id, Account.login, Organization.name)
        .join(Organization, col(Organization.id) == Account.organization_id)
        .where(in_scope(col(Organization.path), scope))
        .where(col(Account.role).in_(sampling.INSPECTING_ROLES), col(Account.active).is_(True))
        .order_by(col(Account.login))
    )
    return [(aid, f"{login}（{org}）") for aid, login, org in db.exec(statement).all() if aid]


def _draw_form_context(
    db: Session, scope: Scope, form: FormState, account: Account
) -> dict[str, Any]:
    return {
        "form": form,
        "organization_options": organization_service.indented_options(db, scope),
        "kinds": [(k.value, label(k)) for k in StudySessionKind],
        "statuses": [(s.value, label(s)) for s in sampling.DRAWABLE_STATUSES],
        "weighting_options": [(w.value, label(w)) for w in Weighting],
        "inspectors": _inspector_options(db, scope),
        "risk_weights": sampling.RISK_WEIGHTS,
        "me": account.id,
    }


@router.get("/draws/new")
def new_draw_page(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    values = {
        "organization_id": request.query_params.get(
            "organization_id", str(account.organization_id)
        ),
        "status-finalized": "on",
        "sample_size": "3",
        "weighting": Weighting.uniform.value,
        f"inspector-{account.id}": "on",
    }
    context = _draw_form_context(db, scope, FormState("draw", values), account)
    return render(request, "spot_checks/draw_new.html", context)


def _id(text: str) -> int | None:
    """A record id typed into a form, or None (``isdigit`` alone admits "²" and 5,000 digits)."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def _draw_data(values: dict[str, str]) -> dict[str, Any]:
    """The posted draw form as the API's DrawCreate fields (checkbox groups become lists)."""
    data: dict[str, Any] = {
        name: values[name].strip()
        for name in ("organization_id", "starts_from", "starts_until", "sample_size", "seed")
        if values.get(name, "").strip()
    }
    data["weighting"] = values.get("weighting", Weighting.uniform.value)
    data["kinds"] = [k.value for k in StudySessionKind if f"kind-{k.value}" in values]
    data["statuses"] = [
        s.value for s in sampling.DRAWABLE_STATUSES if f"status-{s.value}" in values
    ]
    data["inspector_ids"] = [
        inspector_id
        for name in values
        if name.startswith("inspector-")
        and (inspector_id := _id(name.removeprefix("inspector-"))) is not None
    ]
    return data


@router.post("/draws")
def create_draw(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    values: PostedForm,
) -> Response:
    errors: dict[str, str] = {}
    try:
        data = DrawCreate.model_validate(_draw_data(values))
    except ValidationError as exc:
        errors = validation_form_errors(exc)
    else:
        try:
            draw = sampling.create_draw(db, scope, account, data)
            return RedirectResponse(f"/draws/{draw.id}", status_code=303)
        except DomainError as exc:
            db.rollback()
            errors = domain_form_errors(exc)
    form = FormState("draw", values, errors)
    return render(
        request,
        "spot_checks/draw_new.html",
        _draw_form_context(db, scope, form, account),
        422,
    )


@router.get("/draws/{draw_id}")
def draw_page(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount, draw_id: RecordId
) -> Response:
    inspecting = account.role in sampling.INSPECTING_ROLES
    draw = sampling.get_draw(db, scope, draw_id, planned_visible=inspecting)
    ids = [candidate["id"] for candidate in draw.population]
    # Titles only of the meetings the caller may read (viewers: finalized ones); others by id.
    visible = (
        select(StudySession, Organization.name)
        .join(Organization, col(Organization.id) == StudySession.organization_id)
        .where(col(StudySession.id).in_(ids))
        .where(in_scope(col(Organization.path), scope))
    )
    if scope.finalized_only:
        visible = visible.where(StudySession.status == StudySessionStatus.finalized)
    meetings = {meeting.id: (meeting, name) for meeting, name in db.exec(visible).all()}
    checks, _ = service.list_spot_checks(
        db, scope, sampling_draw_id=draw.id, planned_visible=inspecting, limit=200
    )
    rerun = sampling.rerun(draw) if request.query_params.get("rerun") else None
    rank = {meeting_id: position for position, meeting_id in enumerate(draw.selected_ids, 1)}
    drawn_by = db.get(Account, draw.drawn_by_id) if draw.drawn_by_id else None
    return render(
        request,
        "spot_checks/draw.html",
        {
            "draw": draw,
            "root": db.get(Organization, draw.organization_id),
            "drawn_by": drawn_by.login if drawn_by else "—",
            "population": [
                (candidate, meetings.get(candidate["id"]), rank.get(candidate["id"]))
                for candidate in draw.population
            ],
            "checks": service.public(db, checks),
            "rerun": rerun,
            "risk_weights": sampling.RISK_WEIGHTS,
        },
    )


@router.get("/spot-checks")
def spot_checks_page(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    inspecting = account.role in sampling.INSPECTING_ROLES
    assigned, _ = service.list_spot_checks(
        db, scope, status=CheckStatus.assigned, planned_visible=inspecting, limit=200
    )
    recorded, _ = service.list_spot_checks(db, scope, status=CheckStatus.recorded, limit=100)
    draws, _ = sampling.list_draws(db, scope, planned_visible=inspecting, limit=20)
    titles = _titles(db, [c.study_session_id for c in [*assigned, *recorded]])
    organization_ids = {c.organization_id for c in [*assigned, *recorded]}
    organization_names = dict(
        db.exec(
            select(Organization.id, Organization.name).where(
                col(Organization.id).in_(organization_ids)
            )
        ).all()
    )
    return render(
        request,
        "spot_checks/list.html",
        {
            "assigned": service.public(db, assigned) if inspecting else [],
            "recorded": service.public(db, recorded),
            "draws": draws,
            "titles": titles,
            "organization_names": organization_names,
            "me": account.id,
            "inspecting": inspecting,
        },
    )


def _titles(db: Session, ids: list[int | None]) -> dict[int, tuple[str, str]]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return {
        meeting_id: (title, name)
        for meeting_id, title, name in db.exec(
            select(StudySession.id, StudySession.title, Organization.name)
            .join(Organization, col(Organization.id) == StudySession.organization_id)
            .where(col(StudySession.id).in_(wanted))
        ).all()
        if meeting_id is not None
    }


def _record_values(study_session: StudySession, suggestions: list[Any]) -> dict[str, str]:
    values = {
        "checked_on": rectification_service.today().isoformat(),
        "method": "records_review",
    }
    for suggestion in suggestions:
        if suggestion.score is not None:
            values[f"scores.{suggestion.code}"] = str(suggestion.score)
    return values


def _check_context(
    request: Request,
    db: Session,
    scope: Scope,
    account: Account,
    check: SpotCheck | None,
    study_session: StudySession,
    forms: dict[str, FormState] | None = None,
) -> dict[str, Any]:
    suggestions = service.suggested_scores(db, study_session)
    organization = db.get(Organization, study_session.organization_id)
    inspecting = account.role in sampling.INSPECTING_ROLES
    context: dict[str, Any] = {
        "check": service.public(db, [check])[0] if check else None,
        "meeting": study_session,
        "organization": organization,
        "suggestions": suggestions,
        "criteria": {c.code: c for c in service.criteria(db)},
        "method_options": [(m.value, label(m)) for m in CheckMethod],
        "verdict_options": [(v.value, label(v)) for v in Verdict],
        "level_options": [(level.value, label(level)) for level in AdmonitionLevel],
        "people": [
            (p.id, f"{p.name}{'（' + p.post + '）' if p.post else ''}")
            for p in db.exec(
                select(Person)
                .where(Person.organization_id == study_session.organization_id)
                .where(col(Person.active).is_(True))
                .order_by(col(Person.is_top_leader).desc(), col(Person.id))
            ).all()
        ],
        "inspecting": inspecting,
        "items": [],
        "talks": [],
    }
    if check is not None and check.id is not None:
        items = db.exec(
            select(RectificationItem).where(RectificationItem.spot_check_id == check.id)
        ).all()
        context["items"] = rectification_service.items_public(
            db, items, rectification_service.today()
        )
        context["talks"] = service.admonitions_public(
            db, db.exec(select(Admonition).where(Admonition.spot_check_id == check.id)).all()
        )
    record_values = _record_values(study_session, suggestions)
    if check is not None:
        record_values["method"] = str(check.method)
    default_forms = {
        "record": FormState("record", record_values),
        "order": FormState("order", {}),
        "talk": FormState(
            "talk",
            {
                "talked_on": rectification_service.today().isoformat(),
                "person_id": str(context["people"][0][0]) if context["people"] else "",
            },
        ),
    }
    context["forms"] = default_forms | (forms or {})
    return context


def _scores(values: dict[str, str], codes: list[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The record form as SpotCheckRecord fields: scores and reasons per criterion, checked here so a
    bad number is reported next to its own field."""
    data: dict[str, Any] = {
        name: values[name].strip()
        for name in ("checked_on", "method", "notes", "verdict")
        if values.get(name, "").strip()
    }
    scores: dict[str, int] = {}
    reasons: dict[str, str] = {}
    errors: dict[str, str] = {}
    for code in codes:
        raw = values.get(f"scores.{code}", "").strip()
        if raw:
            if (score := _id(raw)) is not None and score <= 100:
                scores[code] = score
            else:
                errors[f"scores.{code}"] = gettext("A score is between 0 and 100.")
        reason = values.get(f"override_reasons.{code}", "").strip()
        if reason:
            reasons[code] = reason
    data["scores"], data["override_reasons"] = scores, reasons
    return data, errors


def _parse_record(db: Session, values: dict[str, str]) -> tuple[SpotCheckRecord | None, FormErrors]:
    data, errors = _scores(values, [c.code for c in service.criteria(db)])
    try:
        parsed = SpotCheckRecord.model_validate(data)
    except ValidationError as exc:
        return None, validation_form_errors(exc) | errors
    return (None, errors) if errors else (parsed, {})


@router.get("/spot-checks/new")
def new_spot_check_page(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    meeting_id = _id(request.query_params.get("study_session_id", ""))
    if meeting_id is None:
        raise InvalidInput(mark("Choose the meeting to check."), field="study_session_id")
    meeting = study_session_service.get_study_session(db, scope, meeting_id)
    return render(
        request,
        "spot_checks/check.html",
        _check_context(request, db, scope, account, None, meeting),
    )


@router.post("/spot-checks")
def create_spot_check(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    values: PostedForm,
) -> Response:
    meeting_id = _id(values.get("study_session_id", ""))
    if meeting_id is None:
        raise InvalidInput(mark("Choose the meeting to check."), field="study_session_id")
    meeting = study_session_service.get_study_session(
        db, scope, meeting_id, field="study_session_id"
    )
    data, errors = _parse_record(db, values)
    if data is not None:
        try:
            check = service.create_spot_check(
                db,
                scope,
                account,
                SpotCheckCreate(**data.model_dump(), study_session_id=meeting.id or 0),
            )
            return RedirectResponse(f"/spot-checks/{check.id}", status_code=303)
        except DomainError as exc:
            db.rollback()
            errors = domain_form_errors(exc)
    forms = {"record": FormState("record", values, errors)}
    context = _check_context(request, db, scope, account, None, meeting, forms)
    return render(request, "spot_checks/check.html", context, 422)


def _check_and_meeting(
    db: Session, scope: Scope, account: Account, spot_check_id: RecordId
) -> tuple[SpotCheck, StudySession]:
    check = service.get_spot_check(
        db, scope, spot_check_id, planned_visible=account.role in sampling.INSPECTING_ROLES
    )
    if (
        check.study_session_id is None
    ):  # pragma: no cover - checks of organizations have no page yet
        raise InvalidInput(mark("Choose the meeting to check."), field="study_session_id")
    meeting = study_session_service.get_study_session(db, scope, check.study_session_id)
    return check, meeting


@router.get("/spot-checks/{spot_check_id}")
def spot_check_page(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    spot_check_id: RecordId,
) -> Response:
    check, meeting = _check_and_meeting(db, scope, account, spot_check_id)
    context = _check_context(request, db, scope, account, check, meeting)
    return render(request, "spot_checks/check.html", context)


def _refused_check(
    request: Request,
    db: Session,
    scope: Scope,
    account: Account,
    spot_check_id: RecordId,
    form: str,
    values: dict[str, str],
    errors: FormErrors,
) -> Response:
    db.rollback()
    check, meeting = _check_and_meeting(db, scope, account, spot_check_id)
    forms = {form: FormState(form, values, errors)}
    context = _check_context(request, db, scope, account, check, meeting, forms)
    return render(request, "spot_checks/check.html", context, 422)


@router.post("/spot-checks/{spot_check_id}/record")
def record_spot_check(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    spot_check_id: RecordId,
    values: PostedForm,
) -> Response:
    data, errors = _parse_record(db, values)
    if data is not None:
        try:
            service.record_planned(
                db,
                scope,
                account,
                spot_check_id,
                data,
                expected_version=_id(values.get("version", "")),
            )
            return RedirectResponse(f"/spot-checks/{spot_check_id}", status_code=303)
        except DomainError as exc:
            errors = domain_form_errors(exc)
    return _refused_check(request, db, scope, account, spot_check_id, "record", values, errors)


@router.post("/spot-checks/{spot_check_id}/rectification")
def order_rectification(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    spot_check_id: RecordId,
    values: PostedForm,
) -> Response:
    data, errors = parse_form(OrderedRectification, values)
    if data is not None:
        try:
            service.order_rectification(db, scope, account, spot_check_id, data)
            return RedirectResponse(f"/spot-checks/{spot_check_id}#ordered", status_code=303)
        except DomainError as exc:
            errors = domain_form_errors(exc)
    return _refused_check(request, db, scope, account, spot_check_id, "order", values, errors)


@router.post("/spot-checks/{spot_check_id}/talk")
def record_talk(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    spot_check_id: RecordId,
    values: PostedForm,
) -> Response:
    data, errors = parse_form(AdmonitionCreate, values | {"spot_check_id": str(spot_check_id)})
    if data is not None:
        try:
            check, _ = _check_and_meeting(db, scope, account, spot_check_id)
            service.record_admonition(db, scope, account, check.organization_id, data)
            return RedirectResponse(f"/spot-checks/{spot_check_id}#talks", status_code=303)
        except DomainError as exc:
            errors = domain_form_errors(exc)
    return _refused_check(request, db, scope, account, spot_check_id, "talk", values, errors)


@router.post("/study-sessions/{study_session_id}/rework/resolve")
def resolve_rework(
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    study_session_id: RecordId,
    _values: PostedForm,  # the CSRF check
) -> Response:
    """The inspector passes the make-up; refused (409 page) until a make-up was finalized."""
    service.resolve(db, scope, study_session_id, account)
    return RedirectResponse(f"/study-sessions/{study_session_id}", status_code=303)
