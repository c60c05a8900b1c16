"""Pages: the list of meetings, planning one, and a meeting's minutes with the forms that fill them in.

Every post answers with a redirect, or the page again with the errors next to their fields and what was
typed kept (``attempt``: the refused write is undone, nothing else)."""

from fastapi import Request
from fastapi.responses import Response
from pydantic import ValidationError

from app.access import CurrentScope
from app.auth.dependencies import CurrentAccount
from app.db import DbSession
from app.errors import DomainError, NotFound, StaleMeeting
from app.etag import parse_version
from app.flows import study_sessions as flows
from app.http.study_sessions import pages
from app.i18n import gettext, mark
from app.study_sessions import lifecycle, service
from app.study_sessions.lifecycle import CannotFinalize
from app.study_sessions.permissions import StudySessionInScope
from app.study_sessions.schemas import (
    AmendmentChanges,
    AmendmentCreate,
    StudySessionCreate,
    StudySessionUpdate,
)
from app.web.forms import (
    FormState,
    PostedForm,
    attempt,
    domain_form_errors,
    parse_form,
    validation_form_errors,
)
from app.web.links import redirect_to
from app.web.routing import NamedRouter
from app.web.templating import render

router = NamedRouter("study_sessions", include_in_schema=False)
DETAIL = "study_sessions/detail.html"


@router.get("/", name="list")
def list_page(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    """Filters from the query string; a malformed value is ignored and reported, not a 500."""
    raw = {
        k: v for k, v in request.query_params.items() if v and k in pages.ListFilters.model_fields
    }
    parsed, errors = parse_form(pages.ListFilters, raw)
    filters = parsed or pages.ListFilters()
    try:
        items, next_cursor = service.list_study_sessions(
            db, scope, **filters.model_dump(exclude={"cursor"}), cursor=filters.cursor, limit=30
        )
    except DomainError as exc:
        items, next_cursor = [], None
        errors.update(domain_form_errors(exc))
    context = pages.session_list(request, db, scope, filters, errors, items, next_cursor)
    return render(request, "study_sessions/list.html", context)


# A planned meeting may start from another: the make-up of a flagged meeting (补课) opens prefilled.
PREFILLED = ("organization_id", "kind", "title", "make_up_of_id", "campaign_id", "theme_id")


@router.get("/study-sessions/new")
def new(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    values = {k: v for k, v in request.query_params.items() if k in PREFILLED}
    return render(request, "study_sessions/new.html", pages.planning_form(db, scope, values, {}))


@router.post("/study-sessions")
def create(request: Request, db: DbSession, scope: CurrentScope, values: PostedForm) -> Response:
    data, errors = parse_form(StudySessionCreate, values)
    if data is not None:
        done = attempt(db, lambda: flows.plan(db, scope, data))
        if done.result is not None:
            return redirect_to(request, "study_sessions.page", study_session_id=done.result.id)
        errors = done.errors
    context = pages.planning_form(db, scope, values, errors)
    return render(request, "study_sessions/new.html", context, 422)


@router.get("/study-sessions/{study_session_id}")
def page(
    request: Request, db: DbSession, scope: CurrentScope, study_session: StudySessionInScope
) -> Response:
    return render(request, DETAIL, pages.minutes_page(request, db, scope, study_session))


def _form_again(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    study_session: StudySessionInScope,
    form: FormState,
) -> Response:
    """The meeting's page again, with one form as it was posted and its errors."""
    context = pages.minutes_page(request, db, scope, study_session)
    context["forms"][form.id] = form
    return render(request, DETAIL, context, 422)


@router.post("/study-sessions/{study_session_id}/header")
def edit_header(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    values: PostedForm,  # the CSRF check comes before the meeting is looked up
    study_session: StudySessionInScope,
) -> Response:
    """Change chair, recorder, expected number, place or end time; errors next to their field."""
    data, errors = parse_form(StudySessionUpdate, values)
    if data is not None:
        version = parse_version(values.get("version", ""))
        done = attempt(
            db,
            lambda: service.update_study_session(
                db, scope, study_session, data, expected_version=version
            ),
        )
        if done.error is None:
            return redirect_to(request, "study_sessions.page", study_session_id=study_session.id)
        errors = done.errors
        if isinstance(done.error, StaleMeeting):
            who = done.error.changed_by or gettext("Someone")
            errors = {
                "form": gettext(
                    "%(who)s changed this meeting in the meantime. Your input is kept: check the page and save again."
                )
                % {"who": who}
            }
            # Saving again now means "I have seen the newer version".
            values = values | {"version": str(done.error.current_version)}
    return _form_again(request, db, scope, study_session, FormState("header", values, errors))


@router.post("/study-sessions/{study_session_id}/amend")
def amend(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    values: PostedForm,  # the CSRF check comes before the meeting is looked up
    study_session: StudySessionInScope,
) -> Response:
    """Amend finalized minutes: a reason and the corrected fields; errors next to their field."""
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
        correction = amendment
        version = parse_version(values.get("version", ""))
        done = attempt(
            db,
            lambda: flows.amend(
                db,
                request.app.state.settings,
                scope,
                study_session,
                correction,
                account_id=account.id,
                expected_version=version,
            ),
        )
        if done.error is None:
            return redirect_to(
                request,
                "study_sessions.page",
                fragment="amendments",
                study_session_id=study_session.id,
            )
        errors = done.errors
    return _form_again(request, db, scope, study_session, FormState("amend", values, errors))


@router.post("/study-sessions/{study_session_id}/hold")
def hold(
    request: Request, db: DbSession, _values: PostedForm, study_session: StudySessionInScope
) -> Response:
    """Mark the meeting as held: its minutes are now being written."""
    lifecycle.hold(db, study_session)
    return redirect_to(request, "study_sessions.page", study_session_id=study_session.id)


@router.post("/study-sessions/{study_session_id}/finalize")
def finalize(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    _values: PostedForm,
    study_session: StudySessionInScope,
) -> Response:
    """Finalize, or show the page again with every unmet rule listed at the top."""
    settings = request.app.state.settings
    done = attempt(db, lambda: flows.finalize(db, settings, study_session, account_id=account.id))
    if isinstance(done.error, CannotFinalize):
        context = pages.minutes_page(request, db, scope, study_session)
        context["refusal"] = done.error
        return render(request, DETAIL, context, 422)
    if done.error is not None:
        raise done.error
    return redirect_to(request, "study_sessions.page", study_session_id=study_session.id)


@router.post("/study-sessions/{study_session_id}/{part}")
def add_part(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    part: str,
    values: PostedForm,
    study_session: StudySessionInScope,
) -> Response:
    """Add one part of the minutes; on error show the page again with the message next to the field."""
    form = pages.PART_FORMS.get(part)
    if form is None:
        raise NotFound(mark("Page not found."))
    data, errors = parse_form(form.schema, values, checkboxes=form.checkboxes)
    if data is not None:
        done = attempt(db, lambda: form.create(db, scope, study_session, data))
        if done.error is None:
            return redirect_to(
                request,
                "study_sessions.page",
                fragment=form.anchor,
                study_session_id=study_session.id,
            )
        errors = done.errors
    return _form_again(request, db, scope, study_session, FormState(part, values, errors))
