"""The administrator's organizations page: the tree of the scope and a form to add one. Errors show next
to their fields and nothing is written; the rules are the API's (the same service)."""

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from app.access import CurrentScope
from app.db import DbSession, Session
from app.organizations import service
from app.organizations.models import OrganizationKind
from app.organizations.schemas import OrganizationCreate
from app.scope import Scope
from app.web.forms import FormState, PostedForm, attempt, parse_form
from app.web.labels import label
from app.web.links import redirect_to
from app.web.routing import NamedRouter
from app.web.templating import render

router = NamedRouter("organizations", include_in_schema=False)
FLAGS = ("is_key_unit", "is_power_department", "is_weak_unit")


def _page(request: Request, db: Session, scope: Scope, form: FormState) -> dict[str, Any]:
    return {
        "form": form,
        "tree": service.indented_options(db, scope),
        "organizations": {o.id: o for o in service.tree_in_scope(db, scope)},
        "kind_options": [(k.value, label(k)) for k in OrganizationKind],
        "created": request.query_params.get("created"),
    }


@router.get("/organizations")
def admin_page(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    context = _page(request, db, scope, FormState("organization", {}))
    return render(request, "organizations/admin.html", context)


@router.post("/organizations")
def create(request: Request, db: DbSession, scope: CurrentScope, values: PostedForm) -> Response:
    data, errors = parse_form(OrganizationCreate, values, checkboxes=FLAGS)
    if data is not None:
        done = attempt(db, lambda: service.create_organization(db, scope, data))
        if done.error is None:
            return redirect_to(request, "organizations.admin_page", {"created": values.get("name")})
        errors = done.errors
    context = _page(request, db, scope, FormState("organization", values, errors))
    return render(request, "organizations/admin.html", context, 422)
