"""The administrator's people page: everybody of the scope, a page at a time, and a form to add one."""

from typing import Annotated, Any

from fastapi import Request
from fastapi.responses import Response
from pydantic import Field

from app.access import CurrentScope
from app.db import DbSession, Session
from app.errors import DomainError
from app.flows import records
from app.i18n import gettext, mark
from app.ids import RecordId
from app.organizations import service as organization_service
from app.people import service
from app.people.models import CommitteeRole, Person
from app.people.permissions import PersonInScope
from app.people.schemas import PersonCreate, PersonUpdate
from app.scope import Scope
from app.text import InputModel, NotBlank
from app.web import forms
from app.web.flash import flash
from app.web.forms import FormState, PostedForm, attempt, list_cursor, parse_form
from app.web.labels import label
from app.web.links import redirect_to
from app.web.routing import NamedRouter
from app.web.templating import render

router = NamedRouter("people", include_in_schema=False)
PERSON_FLAGS = ("is_party_member", "is_top_leader")


class PeopleFilters(InputModel):
    """The people page's search: part of a name, an organization (with those below it)."""

    q: str | None = Field(default=None, max_length=100)
    organization_id: RecordId | None = None


def _filters(request: Request) -> tuple[PeopleFilters, forms.FormErrors]:
    raw = {k: v for k, v in request.query_params.items() if v and k in PeopleFilters.model_fields}
    parsed, errors = parse_form(PeopleFilters, raw)
    return parsed or PeopleFilters(), errors


def _page(request: Request, db: Session, scope: Scope, form: FormState) -> dict[str, Any]:
    filters, errors = _filters(request)
    try:
        people, next_cursor = service.page_by_organization(
            db,
            scope,
            cursor=list_cursor(request),
            limit=forms.ADMIN_PAGE_SIZE,
            name=(filters.q or "").strip() or None,
            organization_id=filters.organization_id,
        )
    except DomainError as exc:
        people, next_cursor = [], None
        errors |= forms.domain_form_errors(exc)
    return {
        "form": form,
        "search": FormState("people-search", filters.model_dump(exclude_none=True), errors),
        "people": people,
        "next_cursor": next_cursor,
        "organization_options": organization_service.indented_options(db, scope),
        "role_options": [(r.value, label(r)) for r in CommitteeRole],
        "created": request.query_params.get("created"),
    }


@router.get("/people")
def admin_page(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    form = FormState("person", {"is_party_member": "on", "committee_role": "member"})
    context = _page(request, db, scope, form)
    return render(request, "people/admin.html", context, 422 if context["search"].errors else 200)


@router.post("/people")
def create(request: Request, db: DbSession, scope: CurrentScope, values: PostedForm) -> Response:
    data, errors = parse_form(PersonCreate, values, checkboxes=PERSON_FLAGS)
    if data is not None:
        done = attempt(db, lambda: service.create_person(db, scope, data))
        if done.error is None:
            return redirect_to(request, "people.admin_page", {"created": values.get("name")})
        errors = done.errors
    context = _page(request, db, scope, FormState("person", values, errors))
    return render(request, "people/admin.html", context, 422)


# One person, edited by the administrator: corrected, moved to another organization, marked
# inactive (kept in old minutes, off new rosters), or deleted if no minutes name them.
PERSON = "people/person.html"
EDITED_FLAGS = (*PERSON_FLAGS, "active")


def _person_page(db: Session, scope: Scope, person: Person, form: FormState) -> dict[str, Any]:
    return {
        "person": person,
        "form": form,
        "organization_options": organization_service.indented_options(db, scope),
        "role_options": [(r.value, label(r)) for r in CommitteeRole],
    }


def _person_values(person: Person) -> dict[str, str]:
    values = {
        "name": person.name,
        "organization_id": str(person.organization_id),
        "post": person.post,
        "member_number": person.member_number,
        "committee_role": str(person.committee_role),
    }
    return values | {flag: "on" for flag in EDITED_FLAGS if getattr(person, flag)}


@router.get("/people/{person_id:int}")
def person_page(
    request: Request, db: DbSession, scope: CurrentScope, person: PersonInScope
) -> Response:
    form = FormState("edit-person", _person_values(person))
    return render(request, PERSON, _person_page(db, scope, person, form))


@router.post("/people/{person_id:int}")
def update(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    person: PersonInScope,
    values: PostedForm,
) -> Response:
    """Save the person as edited; a move to another organization keeps them in the old minutes."""
    data, errors = parse_form(
        PersonUpdate, values, checkboxes=EDITED_FLAGS, required=("name", "organization_id")
    )
    status = 422
    if data is not None:
        done = attempt(db, lambda: service.update_person(db, scope, person, data))
        if done.error is None:
            flash(request, gettext("Saved: %(name)s") % {"name": person.name})
            return redirect_to(request, "people.person_page", person_id=person.id)
        errors, status = done.errors, done.error.status_code
    context = _person_page(db, scope, person, FormState("edit-person", values, errors))
    return render(request, PERSON, context, status)


@router.post("/people/{person_id:int}/delete")
def delete(request: Request, db: DbSession, scope: CurrentScope, person: PersonInScope) -> Response:
    """Delete a person no minutes name; otherwise say so and offer marking them inactive."""
    name = person.name
    done = attempt(db, lambda: records.delete_person(db, person))
    if done.error is None:
        flash(request, gettext("Deleted: %(name)s") % {"name": name})
        return redirect_to(request, "people.admin_page")
    form = FormState("edit-person", _person_values(person), done.errors)
    return render(request, PERSON, _person_page(db, scope, person, form), done.error.status_code)


# The secretary's roster (党员名册): the members of the organizations in the caller's scope — added,
# corrected and marked transferred out on the page (an administrator has the whole tree here too).
MEMBERS = "people/members.html"


class MemberCorrection(InputModel):
    """What a secretary corrects about a member: name, post, committee seat (never the organization)."""

    name: Annotated[str, NotBlank] = Field(min_length=1, max_length=100)
    post: str = Field(default="", max_length=200)
    committee_role: CommitteeRole = CommitteeRole.member


def _members_page(
    request: Request,
    db: Session,
    scope: Scope,
    add: FormState,
    edits: dict[int, FormState] | None = None,
) -> dict[str, Any]:
    organizations = organization_service.tree_in_scope(db, scope)
    rows = []
    for organization in organizations:
        assert organization.id is not None
        people = service.everyone_of(db, organization.id)
        rows.append((organization, people))
    forms_by_person = {
        person.id: (edits or {}).get(person.id or 0)
        or FormState(
            f"member-{person.id}",
            {"name": person.name, "post": person.post, "committee_role": person.committee_role},
        )
        for _, people in rows
        for person in people
    }
    return {
        "add": add,
        "rows": rows,
        "edits": forms_by_person,
        "organization_options": [
            (o.id, "　" * (o.path.count("/") - 2) + o.name) for o in organizations
        ],
        "role_options": [(r.value, label(r)) for r in CommitteeRole],
    }


def _new_member_form(db: Session, scope: Scope) -> FormState:
    own = organization_service.tree_in_scope(db, scope)
    first = str(own[-1].id) if len(own) == 1 else ""
    return FormState("member", {"organization_id": first, "committee_role": "member"})


@router.get("/members")
def members_page(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    context = _members_page(request, db, scope, _new_member_form(db, scope))
    return render(request, MEMBERS, context)


@router.post("/members")
def add_member(
    request: Request, db: DbSession, scope: CurrentScope, values: PostedForm
) -> Response:
    """A new member of an organization in the caller's scope; errors next to their field."""
    data, errors = parse_form(PersonCreate, values | {"is_party_member": "on"}, checkboxes=())
    if data is not None:
        done = attempt(db, lambda: service.create_person(db, scope, data))
        if done.error is None:
            flash(request, gettext("%(name)s is on the roster.") % {"name": data.name})
            return redirect_to(request, "people.members_page")
        errors = done.errors
    context = _members_page(request, db, scope, FormState("member", values, errors))
    return render(request, MEMBERS, context, 422)


@router.post("/members/{person_id:int}")
def correct_member(
    request: Request, db: DbSession, scope: CurrentScope, person_id: int, values: PostedForm
) -> Response:
    """Correct a member's name, post or committee seat; old minutes show the corrected name."""
    person = service.get_person(db, scope, person_id)
    data, errors = parse_form(MemberCorrection, values)
    if data is not None:
        update = PersonUpdate(name=data.name, post=data.post, committee_role=data.committee_role)
        done = attempt(db, lambda: service.update_person(db, scope, person, update))
        if done.error is None:
            flash(request, gettext("Saved."))
            return redirect_to(request, "people.members_page", fragment=f"member-{person_id}")
        errors = done.errors
    edits = {person_id: FormState(f"member-{person_id}", values, errors)}
    context = _members_page(request, db, scope, _new_member_form(db, scope), edits)
    return render(request, MEMBERS, context, 422)


@router.post("/members/{person_id:int}/transfer")
def transfer_member(
    request: Request, db: DbSession, scope: CurrentScope, person_id: int, values: PostedForm
) -> Response:
    """Mark a member transferred out (not on new rosters, kept in old minutes), or back again."""
    person = service.get_person(db, scope, person_id)
    back = values.get("back") == "yes"
    service.update_person(db, scope, person, PersonUpdate(active=back))
    message = (
        mark("%(name)s is on the roster again.")
        if back
        else mark("%(name)s is marked as transferred out.")
    )
    flash(request, gettext(message) % {"name": person.name})
    return redirect_to(request, "people.members_page", fragment=f"member-{person_id}")
