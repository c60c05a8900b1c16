"""The administrator's pages: organizations, people and accounts of the scope — a list and a form each.

Errors show next to their fields and nothing is written; every write goes through the same services as
the API, so the rules (unique codes, scopes, password strength) are the same.
"""

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session, col, select

from app.auth import service as auth_service
from app.auth.dependencies import CurrentScope
from app.auth.models import Role
from app.auth.schemas import AccountCreate
from app.db import DbSession
from app.errors import DomainError
from app.organizations import service
from app.organizations.models import Organization, OrganizationKind
from app.organizations.schemas import OrganizationCreate
from app.pagination import keyset_page
from app.people import service as people_service
from app.people.models import CommitteeRole, Person
from app.people.schemas import PersonCreate
from app.scope import Scope, in_scope
from app.web.forms import FormState, FormValues, PostedForm, domain_form_errors, parse_form
from app.web.labels import label, role_label
from app.web.templating import render

router = APIRouter(include_in_schema=False)
FLAGS = ("is_key_unit", "is_power_department", "is_weak_unit")
PERSON_FLAGS = ("is_party_member", "is_top_leader")


ADMIN_PAGE_SIZE = 100  # rows of a list page; the pager links to the next


def _people_statement(scope: Scope) -> Any:
    return (
        select(Person, Organization.name, Organization.path)
        .join(Organization, col(Organization.id) == Person.organization_id)
        .where(in_scope(col(Organization.path), scope))
    )


def _people_in_scope(db: Session, scope: Scope) -> list[tuple[Person, str]]:
    """Everybody in scope, organization by organization: the choices of a person field."""
    statement = _people_statement(scope).order_by(col(Organization.path), col(Person.id))
    return [(person, organization) for person, organization, _ in db.exec(statement).all()]


def _people_page(
    db: Session, scope: Scope, cursor: str | None
) -> tuple[list[tuple[Person, str]], str | None]:
    rows, next_cursor = keyset_page(
        db,
        _people_statement(scope),
        keys=[col(Organization.path), col(Person.id)],
        key_of=lambda row: [row[2], row[0].id],
        cursor=cursor,
        limit=ADMIN_PAGE_SIZE,
    )
    return [(person, organization) for person, organization, _ in rows], next_cursor


def _cursor(request: Request) -> str | None:
    """The list page asked for (``?cursor=``); a form shown again starts from the first."""
    if request.method != "GET":
        return None
    return request.query_params.get("cursor") or None


def _created(values: FormValues, what: str) -> Response:
    created = urlencode({"created": values.get("name") or values.get("login") or ""})
    return RedirectResponse(f"/{what}?{created}", 303)


@router.get("/organizations")
def organizations_page(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    return _organizations(request, db, scope, FormState("organization", {}), 200)


def _organizations(
    request: Request, db: Session, scope: Scope, form: FormState, status_code: int
) -> Response:
    context: dict[str, Any] = {
        "form": form,
        "tree": service.indented_options(db, scope),
        "organizations": {o.id: o for o in service.tree_in_scope(db, scope)},
        "kind_options": [(k.value, label(k)) for k in OrganizationKind],
        "created": request.query_params.get("created"),
    }
    return render(request, "organizations/admin.html", context, status_code)


@router.post("/organizations")
def create_organization(
    request: Request, db: DbSession, scope: CurrentScope, values: PostedForm
) -> Response:
    data, errors = parse_form(OrganizationCreate, values, checkboxes=FLAGS)
    if data is not None:
        try:
            service.create_organization(db, scope, data)
            return _created(values, "organizations")
        except DomainError as exc:
            db.rollback()
            errors = domain_form_errors(exc)
    return _organizations(request, db, scope, FormState("organization", values, errors), 422)


@router.get("/people")
def people_page(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    form = FormState("person", {"is_party_member": "on", "committee_role": "member"})
    return _people(request, db, scope, form, 200)


def _people(
    request: Request, db: Session, scope: Scope, form: FormState, status_code: int
) -> Response:
    people, next_cursor = _people_page(db, scope, _cursor(request))
    context: dict[str, Any] = {
        "form": form,
        "people": people,
        "next_cursor": next_cursor,
        "organization_options": service.indented_options(db, scope),
        "role_options": [(r.value, label(r)) for r in CommitteeRole],
        "created": request.query_params.get("created"),
    }
    return render(request, "people/admin.html", context, status_code)


@router.post("/people")
def create_person(
    request: Request, db: DbSession, scope: CurrentScope, values: PostedForm
) -> Response:
    data, errors = parse_form(PersonCreate, values, checkboxes=PERSON_FLAGS)
    if data is not None:
        try:
            people_service.create_person(db, scope, data)
            return _created(values, "people")
        except DomainError as exc:
            db.rollback()
            errors = domain_form_errors(exc)
    return _people(request, db, scope, FormState("person", values, errors), 422)


@router.get("/accounts")
def accounts_page(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    return _accounts(request, db, scope, FormState("account", {"role": "secretary"}), 200)


def _accounts(
    request: Request, db: Session, scope: Scope, form: FormState, status_code: int
) -> Response:
    organizations = {o.id: o.name for o in service.tree_in_scope(db, scope)}
    accounts, next_cursor = auth_service.list_accounts(
        db, scope, cursor=_cursor(request), limit=ADMIN_PAGE_SIZE
    )
    context: dict[str, Any] = {
        "form": form,
        "accounts": accounts,
        "next_cursor": next_cursor,
        "organization_names": organizations,
        "organization_options": service.indented_options(db, scope),
        "role_options": [(r.value, role_label(r)) for r in Role],
        "person_options": [
            (person.id, f"{person.name}（{organization}）")
            for person, organization in _people_in_scope(db, scope)
        ],
        "created": request.query_params.get("created"),
    }
    return render(request, "auth/accounts.html", context, status_code)


@router.post("/accounts")
def create_account(
    request: Request, db: DbSession, scope: CurrentScope, values: PostedForm
) -> Response:
    data, errors = parse_form(AccountCreate, values, checkboxes=("include_subtree",))
    if data is not None:
        try:
            auth_service.create_account_in_scope(db, scope, data)
            return _created(values, "accounts")
        except DomainError as exc:
            db.rollback()
            errors = domain_form_errors(exc)
    values = {k: v for k, v in values.items() if k != "password"}  # never echoed back
    return _accounts(request, db, scope, FormState("account", values, errors), 422)
