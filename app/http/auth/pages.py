"""What the accounts page shows."""

from typing import Any

from fastapi import Request

from app.access import Role
from app.auth import service
from app.auth.models import Account
from app.db import Session
from app.errors import DomainError
from app.ids import parse_record_id
from app.organizations import service as organization_service
from app.people import service as people_service
from app.scope import Scope
from app.web import forms
from app.web.forms import FormState, list_cursor
from app.web.labels import role_label


def person_options(db: Session, scope: Scope, organization_id: object) -> list[tuple[int, str]]:
    """The people an account of the organization may belong to: that organization's active members;
    while no organization is chosen (a page without JavaScript, before its first submit), everybody
    of the scope with their organization."""
    chosen = parse_record_id(str(organization_id or ""))
    if chosen is None:
        return [
            (person.id or 0, f"{person.name}（{organization}）")
            for person, organization in people_service.in_scope_by_organization(db, scope)
            if person.active
        ]
    try:
        organization = organization_service.get_organization(db, scope, chosen)
    except DomainError:
        return []
    assert organization.id is not None
    return [
        (person.id or 0, f"{person.name}{'（' + person.post + '）' if person.post else ''}")
        for person in people_service.members_of(db, organization.id)
    ]


def _choices(db: Session, scope: Scope, form: FormState) -> dict[str, Any]:
    return {
        "organization_options": organization_service.indented_options(db, scope),
        "role_options": [(r.value, role_label(r)) for r in Role],
        "person_options": person_options(db, scope, form.values.get("organization_id")),
    }


def accounts(request: Request, db: Session, scope: Scope, form: FormState) -> dict[str, Any]:
    accounts, next_cursor = service.list_accounts(
        db, scope, cursor=list_cursor(request), limit=forms.ADMIN_PAGE_SIZE
    )
    return {
        "form": form,
        "accounts": accounts,
        "next_cursor": next_cursor,
        "organization_names": {o.id: o.name for o in organization_service.tree_in_scope(db, scope)},
        "person_names": {
            person.id: person.name
            for person, _ in people_service.in_scope_by_organization(db, scope)
        },
        "created": request.query_params.get("created"),
        **_choices(db, scope, form),
    }


def account(db: Session, scope: Scope, account: Account, form: FormState) -> dict[str, Any]:
    return {"account": account, "form": form, **_choices(db, scope, form)}


def account_values(account: Account) -> dict[str, str]:
    values = {
        "role": str(account.role),
        "organization_id": str(account.organization_id),
        "person_id": str(account.person_id or ""),
    }
    return values | {flag: "on" for flag in ("include_subtree", "active") if getattr(account, flag)}
