"""Pages: the list of meetings, planning one, and a meeting's minutes with the forms that fill them in.

Every post answers with a redirect, or the page again with the errors next to their fields and what was
typed kept (``attempt``: the refused write is undone, nothing else)."""

from typing import Annotated, Any

from fastapi import File, Form, Request, UploadFile
from fastapi.responses import Response
from pydantic import ValidationError

from app.access import CurrentScope
from app.auth.dependencies import CurrentAccount
from app.db import DbSession
from app.errors import (
    Conflict,
    DomainError,
    FieldError,
    InvalidInput,
    NotFound,
    StaleMeeting,
    StaleVersion,
)
from app.etag import parse_version
from app.flows import study_sessions as flows
from app.http.study_sessions import pages
from app.i18n import gettext, mark
from app.study_sessions import lifecycle, record_text, service
from app.study_sessions import parts_service as parts
from app.study_sessions.lifecycle import CannotFinalize
from app.study_sessions.models import StudySessionStatus
from app.study_sessions.permissions import StudySessionInScope
from app.study_sessions.schemas import (
    AmendmentChanges,
    AmendmentCreate,
    StudySessionCreate,
    StudySessionUpdate,
)
from app.text import CONTROL_CHARACTER_MESSAGE, control_character_in
from app.web.csrf import check_csrf
from app.web.flash import flash
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
CONFIRM = "confirm.html"
MAX_REASON = 5000  # as AmendmentCreate
STALE_ROW = mark(
    "Someone changed this entry in the meantime. Your input is kept: check it and save again."
)


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
            flash(request, gettext("Saved."))
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
            flash(request, gettext("The amendment is saved and the archival PDF stored again."))
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
    flash(request, gettext("The minutes can now be written."))
    return redirect_to(request, "study_sessions.page", study_session_id=study_session.id)


def _finalize_confirmation(
    request: Request, db: DbSession, scope: CurrentScope, study_session: StudySessionInScope
) -> Response:
    """The question "finalize?" with what it locks — or, while rules are unmet, the minutes with
    every one listed at the top (each linking to its item), where they can be fixed."""
    lifecycle.check_transition(study_session, StudySessionStatus.finalized)
    problems, warnings = lifecycle.review(db, request.app.state.settings, study_session)
    if problems:
        context = pages.minutes_page(request, db, scope, study_session)
        context["refusal"] = lifecycle.CannotFinalize(problems, warnings)
        return render(request, DETAIL, context, 422)
    context = pages.finalize_confirmation(request, study_session, warnings)
    return render(request, CONFIRM, context)


@router.get("/study-sessions/{study_session_id}/finalize")
def confirm_finalize(
    request: Request, db: DbSession, scope: CurrentScope, study_session: StudySessionInScope
) -> Response:
    """What finalizing locks, and the button that does it (the page without JavaScript)."""
    return _finalize_confirmation(request, db, scope, study_session)


@router.post("/study-sessions/{study_session_id}/finalize")
def finalize(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    values: PostedForm,
    study_session: StudySessionInScope,
) -> Response:
    """Finalize once confirmed (else the confirmation), or the page again with every unmet rule
    listed at the top, each linking to its item."""
    if values.get("confirm") != "yes":
        return _finalize_confirmation(request, db, scope, study_session)
    settings = request.app.state.settings
    done = attempt(db, lambda: flows.finalize(db, settings, study_session, account_id=account.id))
    if isinstance(done.error, CannotFinalize):
        context = pages.minutes_page(request, db, scope, study_session)
        context["refusal"] = done.error
        return render(request, DETAIL, context, 422)
    if done.error is not None:
        raise done.error
    flash(request, gettext("The minutes are finalized."))
    return redirect_to(request, "study_sessions.page", study_session_id=study_session.id)


def _part_of(
    db: DbSession, scope: CurrentScope, study_session: StudySessionInScope, part: str, part_id: int
) -> tuple[pages.PartForm, Any]:
    """The form of ``part`` and its record ``part_id`` of this meeting; 404 for anything else."""
    form = pages.PART_FORMS.get(part)
    if form is None:
        raise NotFound(mark("Page not found."))
    record, owner = parts.get_part(db, scope, form.model, part_id)
    if owner.id != study_session.id:
        raise NotFound(
            parts.NOT_FOUND[form.model], code=f"{parts.PART_NAMES[form.model]}_not_found"
        )
    return form, record


def _row_again(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    study_session: StudySessionInScope,
    key: str,
    values: dict[str, str],
    errors: dict[str, str],
    status_code: int = 422,
) -> Response:
    """The meeting's page again with one row's form (``part-id``) as posted and its errors."""
    context = pages.minutes_page(request, db, scope, study_session)
    context["edit_forms"][key] = FormState(key, values, errors)
    return render(request, DETAIL, context, status_code)


def _back_to(request: Request, study_session: StudySessionInScope, anchor: str) -> Response:
    return redirect_to(
        request, "study_sessions.page", fragment=anchor, study_session_id=study_session.id
    )


@router.post("/study-sessions/{study_session_id}/{part}/{part_id:int}")
def edit_part(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    part: str,
    part_id: int,
    values: PostedForm,
    study_session: StudySessionInScope,
) -> Response:
    """Correct one row of the minutes in place; on error the page again with that row's form open."""
    form, record = _part_of(db, scope, study_session, part, part_id)
    data, errors = form.parse_edit(values)
    if data is not None:
        version = parse_version(values.get("version", ""))
        done = attempt(
            db, lambda: parts.update_part(db, scope, study_session, record, data, version)
        )
        if done.error is None:
            flash(request, gettext("Saved."))
            return _back_to(request, study_session, f"{part}-{part_id}")
        errors = done.errors
        if isinstance(done.error, StaleVersion):
            errors = {"form": gettext(STALE_ROW)}
            values = values | {"version": str(done.error.current_version)}
    return _row_again(request, db, scope, study_session, f"{part}-{part_id}", values, errors)


@router.get("/study-sessions/{study_session_id}/{part}/{part_id:int}/delete")
def confirm_delete_part(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    part: str,
    part_id: int,
    study_session: StudySessionInScope,
) -> Response:
    """Which row will be deleted, and the button that does it (the page without JavaScript)."""
    form, record = _part_of(db, scope, study_session, part, part_id)
    context = pages.delete_confirmation(request, db, study_session, part, form, record)
    return render(request, CONFIRM, context)


@router.post("/study-sessions/{study_session_id}/{part}/{part_id:int}/delete")
def delete_part(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    part: str,
    part_id: int,
    values: PostedForm,
    study_session: StudySessionInScope,
) -> Response:
    """Delete one row once confirmed (else the confirmation); a refusal (a topic speeches refer to)
    is shown on the page, naming why."""
    form, record = _part_of(db, scope, study_session, part, part_id)
    if values.get("confirm") != "yes":
        context = pages.delete_confirmation(request, db, study_session, part, form, record)
        return render(request, CONFIRM, context)
    version = parse_version(values.get("version", ""))
    done = attempt(
        db, lambda: parts.delete_part(db, study_session, record, expected_version=version)
    )
    if done.error is None:
        flash(request, gettext("Deleted."))
        return _back_to(request, study_session, form.anchor)
    errors = {"form": gettext(STALE_ROW)} if isinstance(done.error, StaleVersion) else done.errors
    row = pages.PART_FORMS[part].edit_values(record)
    status = 409 if isinstance(done.error, Conflict) else 422
    return _row_again(request, db, scope, study_session, f"{part}-{part_id}", row, errors, status)


@router.post("/study-sessions/{study_session_id}/{part}/{part_id:int}/amend")
def amend_part(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    part: str,
    part_id: int,
    values: PostedForm,
    study_session: StudySessionInScope,
) -> Response:
    """Correct one row of finalized minutes with the reason (a new version, its PDF/A stored); on
    error the page again with that row's amendment form open and what was typed."""
    form, record = _part_of(db, scope, study_session, part, part_id)
    data, errors = form.parse_edit(values)
    reason = values.get("reason", "").strip()
    if not reason:
        errors["reason"] = gettext("Give the reason for the amendment.")
    elif len(reason) > MAX_REASON:
        errors["reason"] = gettext("This text is too long.")
    if data is not None and not errors:
        correction = data
        done = attempt(
            db,
            lambda: flows.amend_part(
                db,
                request.app.state.settings,
                scope,
                study_session,
                record,
                correction,
                reason=reason,
                account_id=account.id,
                expected_version=parse_version(values.get("version", "")),
            ),
        )
        if done.error is None:
            flash(request, gettext("The amendment is saved and the archival PDF stored again."))
            return _back_to(request, study_session, "amendments")
        errors = done.errors
        if isinstance(done.error, StaleMeeting):
            errors = {"form": gettext(STALE_ROW)}
            values = values | {"version": str(done.error.current_version)}
    return _row_again(request, db, scope, study_session, f"{part}-{part_id}", values, errors)


@router.post("/study-sessions/{study_session_id}/contributions/{contribution_id:int}/move")
def move_speech(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    contribution_id: int,
    values: PostedForm,
    study_session: StudySessionInScope,
) -> Response:
    """Move a speech one place up or down in its round (to another round: its edit form)."""
    _form, record = _part_of(db, scope, study_session, "contributions", contribution_id)
    offset = {"up": -1, "down": 1}.get(values.get("direction", ""))
    if offset is None:
        raise InvalidInput(mark("Choose one of the options."), field="direction")
    parts.move_contribution(db, study_session, record, offset)
    return _back_to(request, study_session, f"contributions-{contribution_id}")


MAX_UPLOAD = 5 * 1024 * 1024


async def _text_to_read(text: str, file: UploadFile | None) -> tuple[str, dict[str, str]]:
    """The pasted text, or the text of an uploaded .docx; what is wrong, named by its field."""
    if control_character_in(text):
        raise InvalidInput(CONTROL_CHARACTER_MESSAGE, field="text")
    errors: dict[str, str] = {}
    if file is not None and file.filename:
        data = await file.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            errors["file"] = gettext("The file is larger than 5 MB.")
        else:
            try:
                text = record_text.docx_text(data)
            except record_text.NotADocx:
                errors["file"] = gettext("This is not a Word (.docx) document.")
    if not errors and not text.strip():
        errors["text"] = gettext("Paste the record, or choose a .docx file.")
    return text, errors


@router.post("/study-sessions/{study_session_id}/paste")
async def paste(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    study_session: StudySessionInScope,
    csrf_token: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Read a pasted record (or an uploaded .docx) into speeches and show them for correction;
    nothing is saved yet. Lines that match no speaker are listed, never dropped."""
    return await _read_pasted(
        request, db, scope, study_session, pages.PASTED_SPEECHES, csrf_token, text, file
    )


@router.post("/study-sessions/{study_session_id}/paste-outlines")
async def paste_outlines(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    study_session: StudySessionInScope,
    csrf_token: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Read pasted outlines (or a .docx of them), one per author, and show them for correction;
    nothing is saved yet."""
    return await _read_pasted(
        request, db, scope, study_session, pages.PASTED_OUTLINES, csrf_token, text, file
    )


async def _read_pasted(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    study_session: StudySessionInScope,
    pasted: pages.Pasted,
    csrf_token: str,
    text: str,
    file: UploadFile | None,
) -> Response:
    check_csrf(request, csrf_token)  # a multipart form: read by FastAPI, checked here
    typed = text
    text, errors = await _text_to_read(text, file)
    context = pages.minutes_page(request, db, scope, study_session)
    if errors:
        context["forms"][pasted.form] = FormState(pasted.form, {"text": typed}, errors)
        return render(request, DETAIL, context, 422)
    people = {p["name"]: p["id"] for p in context["participants"]}
    values, unmatched = pasted.read(text, people)
    context = pages.paste_preview(request, db, scope, study_session, values, {}, unmatched)
    return render(request, pasted.template, context)


@router.post("/study-sessions/{study_session_id}/paste/save")
def save_pasted(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    values: PostedForm,
    study_session: StudySessionInScope,
) -> Response:
    """Record every speech of the corrected preview in one write, or the preview again with each
    error next to its row."""
    return _save_pasted(request, db, scope, study_session, pages.PASTED_SPEECHES, values)


@router.post("/study-sessions/{study_session_id}/paste-outlines/save")
def save_pasted_outlines(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    values: PostedForm,
    study_session: StudySessionInScope,
) -> Response:
    """Record every outline of the corrected preview in one write, or the preview again with each
    error next to its row."""
    return _save_pasted(request, db, scope, study_session, pages.PASTED_OUTLINES, values)


def _save_pasted(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    study_session: StudySessionInScope,
    pasted: pages.Pasted,
    values: dict[str, str],
) -> Response:
    rows, errors = pages.parse_paste(values, pasted)
    if not errors and rows:

        def record_all() -> int:
            for n, row in rows:
                try:
                    pasted.create(db, scope, study_session, row)
                except DomainError as error:  # named by its row of the preview
                    error.fields = [
                        FieldError(f"{item.field}-{n}", item.message, item.code)
                        for item in error.fields
                    ]
                    raise
            return len(rows)

        done = attempt(db, record_all)
        if done.error is None:
            flash(request, gettext(pasted.saved) % {"count": done.result})
            return _back_to(request, study_session, pasted.section)
        errors = done.errors
    context = pages.paste_preview(request, db, scope, study_session, values, errors, [])
    return render(request, pasted.template, context, 422)


@router.post("/study-sessions/{study_session_id}/roster")
def save_roster(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    values: PostedForm,
    study_session: StudySessionInScope,
) -> Response:
    """Everyone's attendance in one save: members present unless marked otherwise."""
    context = pages.minutes_page(request, db, scope, study_session)
    entries, errors = pages.parse_roster(context["roster"], values)
    if not errors:
        done = attempt(db, lambda: parts.save_roster(db, scope, study_session, entries))
        if done.error is None:
            flash(request, gettext("Attendance saved."))
            return _back_to(request, study_session, "attendance")
        errors = done.errors
    context["roster_form"] = FormState("roster", values, errors)
    return render(request, DETAIL, context, 422)


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
            flash(request, gettext("Saved."))
            # The form opens again for the next entry; a speech's round and kind are remembered.
            again = {"again": part}
            if part == "contributions":
                again |= {"round": values.get("round", ""), "kind": values.get("kind", "")}
            return redirect_to(
                request,
                "study_sessions.page",
                query=again,
                fragment=form.anchor,
                study_session_id=study_session.id,
            )
        errors = done.errors
    return _form_again(request, db, scope, study_session, FormState(part, values, errors))
