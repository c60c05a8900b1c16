"""The inspector's pages: random sampling draws, spot checks with their scores, ordered rectification and
admonishing talks, and resolving a rework flag."""

from typing import Any

from fastapi import Request
from fastapi.responses import Response
from pydantic import ValidationError

from app.access import CurrentScope
from app.auth.dependencies import CurrentAccount
from app.auth.models import Account
from app.db import DbSession, Session
from app.errors import InvalidInput
from app.flows import spot_checks as flows
from app.http.spot_checks import pages
from app.i18n import gettext, mark
from app.ids import RecordId
from app.scope import Scope
from app.spot_checks import sampling, service
from app.spot_checks.models import SpotCheck, Weighting
from app.spot_checks.permissions import DrawInScope, sees_planned
from app.spot_checks.schemas import (
    AdmonitionCreate,
    DrawCreate,
    OrderedRectification,
    SpotCheckCreate,
    SpotCheckRecord,
)
from app.study_sessions import service as study_session_service
from app.study_sessions.models import StudySession, StudySessionKind
from app.web.flash import flash
from app.web.forms import (
    FormErrors,
    FormState,
    FormValues,
    PostedForm,
    attempt,
    parse_form,
    rehearse,
    validation_form_errors,
)
from app.web.links import path_to, redirect_to
from app.web.routing import NamedRouter
from app.web.templating import render

router = NamedRouter("spot_checks", include_in_schema=False)
CHECK = "spot_checks/check.html"


@router.get("/draws/new")
def new_draw(
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
    context = pages.draw_form(db, scope, FormState("draw", values), account)
    return render(request, "spot_checks/draw_new.html", context)


def _id(text: str) -> int | None:
    """A record id typed into a form, or None (``isdigit`` alone admits "²" and 5,000 digits)."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def _draw_data(values: FormValues) -> dict[str, Any]:
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
    data["include_checked"] = "include_checked" in values
    return data


@router.post("/draws")
def create_draw(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    values: PostedForm,
) -> Response:
    errors: FormErrors = {}
    try:
        data = DrawCreate.model_validate(_draw_data(values))
    except ValidationError as exc:
        errors = validation_form_errors(exc)
    else:
        done = attempt(db, lambda: sampling.create_draw(db, scope, account, data))
        if done.result is not None:
            return redirect_to(request, "spot_checks.draw", draw_id=done.result.id)
        errors = done.errors
    context = pages.draw_form(db, scope, FormState("draw", values, errors), account)
    return render(request, "spot_checks/draw_new.html", context, 422)


@router.get("/draws/{draw_id}")
def draw(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount, draw: DrawInScope
) -> Response:
    context = pages.draw_page(
        db,
        scope,
        draw,
        inspecting=sees_planned(account),
        rerun=bool(request.query_params.get("rerun")),
    )
    return render(request, "spot_checks/draw.html", context)


@router.get("/spot-checks")
def list_page(
    request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount
) -> Response:
    context = pages.check_list(db, scope, account, inspecting=sees_planned(account))
    return render(request, "spot_checks/list.html", context)


def _scores(values: FormValues, codes: list[str]) -> tuple[dict[str, Any], FormErrors]:
    """The record form as SpotCheckRecord fields: scores and reasons per criterion, checked here so a
    bad number is reported next to its own field."""
    data: dict[str, Any] = {
        name: values[name].strip()
        for name in ("checked_on", "method", "notes", "verdict", "rework_due_on")
        if values.get(name, "").strip()
    }
    scores: dict[str, int] = {}
    reasons: dict[str, str] = {}
    errors: FormErrors = {}
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


def _parse_record(db: Session, values: FormValues) -> tuple[SpotCheckRecord | None, FormErrors]:
    data, errors = _scores(values, [c.code for c in service.criteria(db)])
    try:
        parsed = SpotCheckRecord.model_validate(data)
    except ValidationError as exc:
        return None, validation_form_errors(exc) | errors
    return (None, errors) if errors else (parsed, {})


def _meeting(db: Session, scope: Scope, text: str, field: str | None = None) -> StudySession:
    meeting_id = _id(text)
    if meeting_id is None:
        raise InvalidInput(mark("Choose the meeting to check."), field="study_session_id")
    return study_session_service.get_study_session(db, scope, meeting_id, field=field)


@router.get("/spot-checks/new")
def new(request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount) -> Response:
    meeting = _meeting(db, scope, request.query_params.get("study_session_id", ""))
    context = pages.check_page(db, None, meeting, inspecting=sees_planned(account))
    return render(request, CHECK, context)


@router.post("/spot-checks")
def create(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    values: PostedForm,
) -> Response:
    meeting = _meeting(db, scope, values.get("study_session_id", ""), field="study_session_id")
    data, errors = _parse_record(db, values)
    if data is not None:
        record = SpotCheckCreate(**data.model_dump(), study_session_id=meeting.id or 0)
        done = attempt(db, lambda: flows.record_check(db, scope, account, record))
        if done.result is not None:
            return redirect_to(request, "spot_checks.check", spot_check_id=done.result.id)
        errors = done.errors
    forms = {"record": FormState("record", values, errors)}
    context = pages.check_page(db, None, meeting, inspecting=sees_planned(account), forms=forms)
    return render(request, CHECK, context, 422)


def _check_and_meeting(
    db: Session, scope: Scope, account: Account, spot_check_id: int
) -> tuple[SpotCheck, StudySession]:
    check = service.get_spot_check(db, scope, spot_check_id, planned_visible=sees_planned(account))
    if (
        check.study_session_id is None
    ):  # pragma: no cover - checks of organizations have no page yet
        raise InvalidInput(mark("Choose the meeting to check."), field="study_session_id")
    meeting = study_session_service.get_study_session(db, scope, check.study_session_id)
    return check, meeting


@router.get("/spot-checks/{spot_check_id}")
def check(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    spot_check_id: RecordId,
) -> Response:
    found, meeting = _check_and_meeting(db, scope, account, spot_check_id)
    context = pages.check_page(db, found, meeting, inspecting=sees_planned(account))
    return render(request, CHECK, context)


def _form_again(
    request: Request,
    db: Session,
    scope: Scope,
    account: Account,
    spot_check_id: int,
    form: str,
    values: FormValues,
    errors: FormErrors,
) -> Response:
    found, meeting = _check_and_meeting(db, scope, account, spot_check_id)
    forms = {form: FormState(form, values, errors)}
    context = pages.check_page(db, found, meeting, inspecting=sees_planned(account), forms=forms)
    return render(request, CHECK, context, 422)


@router.post("/spot-checks/{spot_check_id}/record")
def record(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    spot_check_id: RecordId,
    values: PostedForm,
) -> Response:
    data, errors = _parse_record(db, values)
    if data is not None:
        version = _id(values.get("version", ""))
        done = attempt(
            db,
            lambda: flows.record_planned_check(
                db, scope, account, spot_check_id, data, expected_version=version
            ),
        )
        if done.error is None:
            return redirect_to(request, "spot_checks.check", spot_check_id=spot_check_id)
        errors = done.errors
    return _form_again(request, db, scope, account, spot_check_id, "record", values, errors)


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
        done = attempt(
            db, lambda: service.order_rectification(db, scope, account, spot_check_id, data)
        )
        if done.error is None:
            return redirect_to(
                request, "spot_checks.check", fragment="ordered", spot_check_id=spot_check_id
            )
        errors = done.errors
    return _form_again(request, db, scope, account, spot_check_id, "order", values, errors)


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
        talk = data

        def record_it() -> None:
            found, _ = _check_and_meeting(db, scope, account, spot_check_id)
            service.record_admonition(db, scope, account, found.organization_id, talk)

        done = attempt(db, record_it)
        if done.error is None:
            return redirect_to(
                request, "spot_checks.check", fragment="talks", spot_check_id=spot_check_id
            )
        errors = done.errors
    return _form_again(request, db, scope, account, spot_check_id, "talk", values, errors)


@router.post("/study-sessions/{study_session_id}/rework/resolve")
def resolve_rework(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    study_session_id: RecordId,
    values: PostedForm,  # the CSRF check
) -> Response:
    """The inspector passes the make-up once confirmed (a dialog with JavaScript, else a page that
    asks); refused (409 page) until a make-up was finalized."""
    if values.get("confirm") != "yes":
        refusal = rehearse(db, lambda: service.resolve(db, scope, study_session_id, account))
        if refusal is not None:
            raise refusal
        back = path_to(request, "study_sessions.page", study_session_id=study_session_id)
        question = {
            "heading": gettext("Accept the make-up and resolve the rework flag?"),
            "subject": "",
            "consequences": [
                gettext("The meeting's rework flag is resolved; the make-up counts as accepted.")
            ],
            "warnings": [],
            "action": path_to(
                request, "spot_checks.resolve_rework", study_session_id=study_session_id
            ),
            "fields": {},
            "button": gettext("The make-up passes: resolve the flag"),
            "back": back,
        }
        return render(request, "confirm.html", question)
    service.resolve(db, scope, study_session_id, account)
    flash(request, gettext("The rework flag is resolved."))
    return redirect_to(request, "study_sessions.page", study_session_id=study_session_id)
