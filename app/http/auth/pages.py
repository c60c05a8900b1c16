"""What the accounts page shows."""

from typing import Any

from fastapi import Request

from app.access import Role
from app.auth import service
from app.db import Session
from app.organizations import service as organization_service
from app.people import service as people_service
from app.scope import Scope
from app.web import forms
from app.web.forms import FormState, list_cursor
from app.web.labels import role_label


def accounts(request: Request, db: Session, scope: Scope, form: FormState) -> dict[str, Any]:
    accounts, next_cursor = service.list_accounts(
        db, scope, cursor=list_cursor(request), limit=forms.ADMIN_PAGE_SIZE
    )
    return {
        "form": form,
        "accounts": accounts,
        "next_cursor": next_cursor,
        "organization_names": {o.id: o.name for o in organization_service.tree_in_scope(db, scope)},
        "organization_options": organization_service.indented_options(db, scope),
        "role_options": [(r.value, role_label(r)) for r in Role],
        "person_options": [
            (person.id, f"{person.name}（{organization}）")
            for person, organization in people_service.in_scope_by_organization(db, scope)
        ],
        "created": request.query_params.get("created"),
    }
