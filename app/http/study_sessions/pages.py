"""What the meeting pages show: the list with its filters, the planning form, and a meeting's minutes
with every form that fills them in (page models: they call services, never the database)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fastapi import Request
from pydantic import ValidationError

from app.campaigns import service as campaign_service
from app.db import Session
from app.i18n import gettext, mark
from app.ids import RecordId
from app.organizations import service as organization_service
from app.people import service as people_service
from app.scope import Scope
from app.spot_checks import service as spot_check_service
from app.study_sessions import lifecycle, record_text, service
from app.study_sessions import parts_service as parts
from app.study_sessions.indicators import indicators
from app.study_sessions.models import (
    Attendance,
    AttendanceStatus,
    Contribution,
    ContributionKind,
    Finding,
    SpeechOutline,
    StudySession,
    StudySessionKind,
    StudySessionStatus,
    Topic,
)
from app.study_sessions.schemas import (
    AttendanceCreate,
    AttendanceUpdate,
    ContributionCreate,
    ContributionUpdate,
    FindingCreate,
    FindingUpdate,
    SpeechOutlineCreate,
    SpeechOutlineUpdate,
    TopicCreate,
    TopicUpdate,
)
from app.text import InputModel
from app.web.forms import (
    FormErrors,
    FormState,
    FormValues,
    parse_form,
    validation_form_errors,
)
from app.web.labels import label
from app.web.links import path_to


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
    """The forms of one part of the minutes: adding (schema, service call), editing a row in place
    (its model, update schema and the fields its form shows; ``parts.update_part`` saves it), the
    section to return to, its checkbox fields and what a row is called in a confirmation."""

    schema: type[InputModel]
    create: Any
    anchor: str
    model: Any  # the table of the part: one of parts_service.Part's classes
    update_schema: type[InputModel]
    fields: tuple[str, ...]
    noun: str
    checkboxes: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()  # times entered as a day only (an outline's "handed in on")

    def edit_values(self, row: Any) -> FormValues:
        """A row of the minutes (its public shape) as the values its edit form starts from."""
        values = {name: form_value(getattr(row, name, None)) for name in self.fields}
        values |= {name: values[name][:10] for name in self.dates}
        values["version"] = str(row.version)
        return {name: value for name, value in values.items() if value}

    def parse_edit(self, values: FormValues) -> tuple[Any, FormErrors]:
        """An edit form: every field it shows is sent, so an emptied one is a cleared value (no
        target, no cause yet) and a required one emptied is refused next to it."""
        data: dict[str, Any] = {}
        for name in self.fields:
            value = values.get(name, "").strip(" \t\r\n")
            if name in self.checkboxes:
                data[name] = name in values
            elif value:
                data[name] = value
            else:
                data[name] = "" if _is_text(self.update_schema, name) else None
        try:
            return self.update_schema.model_validate(data), {}
        except ValidationError as exc:
            return None, validation_form_errors(exc)


def _is_text(schema: type[InputModel], name: str) -> bool:
    annotation = schema.model_fields[name].annotation
    return str in getattr(annotation, "__args__", (annotation,)) or annotation is str


def form_value(value: Any) -> str:
    """A stored value as a form shows it (a time as ``datetime-local`` wants it)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, bool):
        return "on" if value else ""
    return str(getattr(value, "value", value))


PART_FORMS: dict[str, PartForm] = {
    "attendance": PartForm(
        AttendanceCreate,
        parts.create_attendance,
        "attendance",
        Attendance,
        AttendanceUpdate,
        ("status", "reason", "is_non_voting"),
        mark("this attendance record"),
        ("is_non_voting",),
    ),
    "topics": PartForm(
        TopicCreate,
        parts.create_topic,
        "topics",
        Topic,
        TopicUpdate,
        ("title", "aspect_id", "conclusion"),
        mark("this topic"),
    ),
    "outlines": PartForm(
        SpeechOutlineCreate,
        parts.create_outline,
        "outlines",
        SpeechOutline,
        SpeechOutlineUpdate,
        ("body", "submitted_at"),
        mark("this outline"),
        dates=("submitted_at",),
    ),
    "contributions": PartForm(
        ContributionCreate,
        parts.create_contribution,
        "speeches",
        Contribution,
        ContributionUpdate,
        ("speaker_id", "round", "kind", "target_id", "topic_id", "content"),
        mark("this speech"),
    ),
    "findings": PartForm(
        FindingCreate,
        parts.create_finding,
        "findings",
        Finding,
        FindingUpdate,
        ("person_id", "aspect_id", "description", "cause", "measure", "responsible_id", "due_on"),
        mark("this problem"),
    ),
}


@dataclass(frozen=True)
class RosterRow:
    """A line of the attendance roster: a member of the organization (recorded or not yet: present
    by default) or a guest recorded as attending."""

    person_id: int
    name: str
    post: str
    status: str
    reason: str
    attendance: Any  # the recorded row (its public shape), or None
    is_member: bool


def roster_rows(members: list[Any], attendance: list[Any]) -> list[RosterRow]:
    recorded = {a.person_id: a for a in attendance}
    rows = [
        RosterRow(
            p.id,
            p.name,
            p.post,
            str(recorded[p.id].status) if p.id in recorded else AttendanceStatus.present.value,
            recorded[p.id].reason if p.id in recorded else "",
            recorded.get(p.id),
            True,
        )
        for p in members
    ]
    member_ids = {p.id for p in members}
    rows += [
        RosterRow(a.person_id, a.person_name, "", str(a.status), a.reason, a, False)
        for a in attendance
        if a.person_id not in member_ids
    ]
    return rows


def roster_values(roster: list[RosterRow]) -> FormValues:
    values: FormValues = {}
    for row in roster:
        values[f"status-{row.person_id}"] = row.status
        values[f"reason-{row.person_id}"] = row.reason
    return values


def parse_roster(
    roster: list[RosterRow], values: FormValues
) -> tuple[list[parts.RosterEntry], FormErrors]:
    """The posted roster: a status (and reason) for each person on it; an unknown status is named."""
    entries: list[parts.RosterEntry] = []
    errors: FormErrors = {}
    for row in roster:
        raw = values.get(f"status-{row.person_id}", row.status)
        reason = values.get(f"reason-{row.person_id}", "").strip(" \t\r\n")
        try:
            status = AttendanceStatus(raw)
        except ValueError:
            errors[f"status-{row.person_id}"] = gettext("Choose one of the options.")
            continue
        entries.append(parts.RosterEntry(row.person_id, status, reason))
    return entries, errors


def _speech_defaults(request: Request, rounds: dict[int, list[Any]]) -> FormValues:
    remembered = {
        name: request.query_params[name]
        for name in ("round", "kind")
        if request.query_params.get("again") == "contributions" and name in request.query_params
    }
    return {"round": str(max(rounds) if rounds else 1)} | remembered


def edit_forms(minutes: Any, posted: dict[str, FormState]) -> dict[str, FormState]:
    """Every row's edit form, keyed ``part-id``: as posted when it was refused, else the row."""
    rows = {
        "attendance": minutes.attendance,
        "topics": minutes.topics,
        "outlines": minutes.outlines,
        "contributions": minutes.contributions,
        "findings": minutes.findings,
    }
    forms: dict[str, FormState] = {}
    for part, records in rows.items():
        for row in records:
            key = f"{part}-{row.id}"
            forms[key] = posted.get(key) or FormState(key, PART_FORMS[part].edit_values(row))
    return forms


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
    organization = organization_service.get_unscoped(db, study_session.organization_id)
    assert organization is not None
    members, from_above = people_service.members_and_above(db, organization)
    member_ids = {p.id for p in members}
    guests = [
        {"id": a.person_id, "name": a.person_name}
        for a in minutes.attendance
        if a.person_id not in member_ids
    ]
    participants = [{"id": p.id, "name": p.name} for p in members] + guests
    roster = roster_rows(members, minutes.attendance)
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
        # who can be recorded: a member, or someone of an organization above sitting in
        "attendee_options": [(p.id, p.name) for p in members]
        + [
            option
            for option in from_above
            if option[0] not in member_ids | {g["id"] for g in guests}
        ],
        "status_options": [(s.value, label(s)) for s in AttendanceStatus],
        "kind_options": [(k.value, label(k)) for k in ContributionKind],
        "meeting_kind_options": [(k.value, label(k)) for k in StudySessionKind],
        "aspect_options": [(a.id, a.title) for a in aspects],
        "topic_options": [(t.id, t.title) for t in minutes.topics],
        "forms": {
            **{part: FormState(part) for part in PART_FORMS},
            "paste": FormState("paste"),
            "paste_outlines": FormState("paste_outlines"),
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
                    # Until finalized, a meeting's title, start and kind can change too.
                    "title": study_session.title,
                    "starts_at": form_value(study_session.starts_at),
                    "ends_at": form_value(study_session.ends_at),
                    "kind": str(study_session.kind),
                },
            ),
            # A new speech most likely continues the latest round; after one is added, the form
            # opens again remembering its round and kind (``again``).
            "contributions": FormState("contributions", _speech_defaults(request, rounds)),
        },
        "again": request.query_params.get("again", ""),
        # Who has not spoken yet first: the next speaker is most likely among them.
        "speaker_options": sorted(
            [(p["id"], p["name"]) for p in participants],
            key=lambda option: option[0] in {c.speaker_id for c in minutes.contributions},
        ),
        "edit_forms": edit_forms(minutes, {}),  # a refused edit replaces its row's form
        "roster": roster,
        "roster_form": FormState("roster", roster_values(roster)),
        "editable": study_session.status != StudySessionStatus.finalized,
        "problems": problems,
        "warnings": warnings,
        "refusal": None,
    }


def _excerpt(text: str, length: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


def _describe(db: Session, part: str, record: Any) -> str:
    """A row of the minutes in a few words, for the question "delete this?"."""

    def name(person_id: int | None) -> str:
        person = people_service.get_person_unscoped(db, person_id) if person_id else None
        return person.name if person is not None else gettext("Leadership team")

    if part == "attendance":
        return f"{name(record.person_id)} · {label(AttendanceStatus(record.status))}"
    if part == "topics":
        return str(record.title)
    if part == "outlines":
        return f"{name(record.author_id)}：{_excerpt(record.body)}"
    if part == "contributions":
        round_name = gettext("Round %(number)s") % {"number": record.round}
        return f"{round_name} · {name(record.speaker_id)}：{_excerpt(record.content)}"
    return f"{name(record.person_id)}：{_excerpt(record.description)}"


def delete_confirmation(
    request: Request,
    db: Session,
    study_session: StudySession,
    part: str,
    form: PartForm,
    record: Any,
) -> dict[str, Any]:
    """The page that asks before a row of the minutes is deleted (JavaScript asks in a dialog)."""
    return {
        "heading": gettext("Delete %(what)s?") % {"what": gettext(form.noun)},
        "subject": _describe(db, part, record),
        "consequences": [gettext("It is removed from the minutes. This cannot be undone.")],
        "warnings": [],
        "action": path_to(
            request,
            "study_sessions.delete_part",
            study_session_id=study_session.id,
            part=part,
            part_id=record.id,
        ),
        "fields": {"version": str(record.version)},
        "button": gettext("Delete"),
        "back": path_to(
            request,
            "study_sessions.page",
            fragment=f"{part}-{record.id}",
            study_session_id=study_session.id,
        ),
    }


def finalize_confirmation(
    request: Request, study_session: StudySession, warnings: list[lifecycle.Problem]
) -> dict[str, Any]:
    """The page that asks before finalizing: what will be locked, and the warnings."""
    back = path_to(request, "study_sessions.page", study_session_id=study_session.id)
    return {
        "heading": gettext("Finalize the minutes?"),
        "subject": study_session.title,
        "consequences": [gettext(line) for line in FINALIZE_LOCKS],
        "warnings": warnings,
        "action": path_to(request, "study_sessions.finalize", study_session_id=study_session.id),
        "fields": {},
        "button": gettext("Finalize the minutes"),
        "back": back,
    }


FINALIZE_LOCKS = (
    mark(
        "Attendance, topics, outlines, speeches and problems are locked; from then on only an amendment with its reason can correct them."
    ),
    mark(
        "The archival PDF/A is stored, and each problem opens an item in the rectification ledger."
    ),
)


def _speech_rows(text: str, people: dict[str, int]) -> tuple[FormValues, list[Any]]:
    """The preview's form: one row of fields per speech read from the record, as it was read."""
    record = record_text.parse_record(text, people)
    values: FormValues = {"rows": str(len(record.speeches))}
    for n, speech in enumerate(record.speeches, 1):
        values |= {
            f"speaker_id-{n}": str(speech.speaker_id or ""),
            f"round-{n}": str(speech.round),
            f"kind-{n}": speech.kind.value,
            f"target_id-{n}": str(speech.target_id or ""),
            f"content-{n}": speech.content,
            f"written-{n}": speech.speaker_name,
        }
    return values, record.unmatched


def _outline_rows(text: str, people: dict[str, int]) -> tuple[FormValues, list[Any]]:
    """The preview's form: one row per outline read, dated the day the text gives, if any."""
    read = record_text.parse_outlines(text, people)
    values: FormValues = {"rows": str(len(read.outlines))}
    for n, outline in enumerate(read.outlines, 1):
        values |= {
            f"author_id-{n}": str(outline.author_id or ""),
            f"submitted_at-{n}": outline.submitted_on.isoformat() if outline.submitted_on else "",
            f"body-{n}": outline.body,
            f"written-{n}": outline.author_name,
        }
    return values, read.unmatched


@dataclass(frozen=True)
class Pasted:
    """What a pasted text becomes: how it is read into the rows of a preview, each row's fields and
    schema, how a row is recorded, and where the page goes back to after saving."""

    form: str
    template: str
    section: str
    fields: tuple[str, ...]
    schema: type[InputModel]
    read: Callable[[str, dict[str, int]], tuple[FormValues, list[Any]]]
    create: Callable[[Session, Scope, StudySession, Any], Any]
    saved: str  # the success message, with %(count)s


PASTED_SPEECHES = Pasted(
    form="paste",
    template="study_sessions/paste.html",
    section="speeches",
    fields=("speaker_id", "round", "kind", "target_id", "content"),
    schema=ContributionCreate,
    read=_speech_rows,
    create=parts.create_contribution,
    saved=mark("%(count)s speeches recorded."),
)
PASTED_OUTLINES = Pasted(
    form="paste_outlines",
    template="study_sessions/paste_outlines.html",
    section="outlines",
    fields=("author_id", "submitted_at", "body"),
    schema=SpeechOutlineCreate,
    read=_outline_rows,
    create=parts.create_outline,
    saved=mark("%(count)s outlines recorded."),
)


def parse_paste(values: FormValues, pasted: Pasted) -> tuple[list[tuple[int, Any]], FormErrors]:
    """The corrected preview as rows to record (rows marked "leave out" skipped); each error named
    ``<field>-<row>``."""
    try:
        count = min(int(values.get("rows", "0")), 500)
    except ValueError:
        count = 0
    rows: list[tuple[int, Any]] = []
    errors: FormErrors = {}
    for n in range(1, count + 1):
        if f"skip-{n}" in values:
            continue
        row = {name: values.get(f"{name}-{n}", "") for name in pasted.fields}
        data, row_errors = parse_form(pasted.schema, row)
        if data is None:
            errors |= {f"{name}-{n}": message for name, message in row_errors.items()}
        else:
            rows.append((n, data))
    return rows, errors


def paste_preview(
    request: Request,
    db: Session,
    scope: Scope,
    study_session: StudySession,
    values: FormValues,
    errors: FormErrors,
    unmatched: list[Any],
) -> dict[str, Any]:
    context = minutes_page(request, db, scope, study_session)
    rows = int(values.get("rows", "0") or 0)
    context |= {
        "paste": FormState("paste", values, errors),
        "paste_rows": list(range(1, min(rows, 500) + 1)),
        "unmatched": unmatched,
    }
    return context
