"""The administrator's organizations page: the tree of the scope and a form to add one; a page per
organization to edit, move, dissolve or delete it. Errors show next
to their fields and nothing is written; the rules are the API's (the same service)."""

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from app.access import CurrentScope
from app.db import DbSession, Session
from app.flows import records
from app.i18n import gettext
from app.organizations import service
from app.organizations.models import Organization, OrganizationKind
from app.organizations.permissions import OrganizationInScope
from app.organizations.schemas import OrganizationCreate, OrganizationUpdate
from app.scope import Scope
from app.web.flash import flash
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


# One organization, edited by the administrator: renamed, recoded, moved under another parent (its
# subtree moves with it), marked dissolved (撤销: kept with its minutes, owes no more meetings), or
# deleted when nothing refers to it.
ORGANIZATION = "organizations/organization.html"
EDITED_FLAGS = (*FLAGS, "active")


def _organization_page(
    db: Session, scope: Scope, organization: Organization, form: FormState
) -> dict[str, Any]:
    return {
        "organization": organization,
        "form": form,
        "tree": [
            (option_id, name)
            for option_id, name in service.indented_options(db, scope)
            if option_id != organization.id
        ],
        "kind_options": [(k.value, label(k)) for k in OrganizationKind],
    }


def _organization_values(organization: Organization) -> dict[str, str]:
    values = {
        "name": organization.name,
        "code": organization.code,
        "kind": str(organization.kind),
        "parent_id": str(organization.parent_id or ""),
    }
    return values | {flag: "on" for flag in EDITED_FLAGS if getattr(organization, flag)}


@router.get("/organizations/{organization_id:int}")
def organization_page(
    request: Request, db: DbSession, scope: CurrentScope, organization: OrganizationInScope
) -> Response:
    form = FormState("edit-organization", _organization_values(organization))
    return render(request, ORGANIZATION, _organization_page(db, scope, organization, form))


@router.post("/organizations/{organization_id:int}")
def update(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    organization: OrganizationInScope,
    values: PostedForm,
) -> Response:
    data, errors = parse_form(
        OrganizationUpdate, values, checkboxes=EDITED_FLAGS, required=("name", "code", "kind")
    )
    status = 422
    if data is not None:
        done = attempt(db, lambda: service.update_organization(db, scope, organization, data))
        if done.error is None:
            flash(request, gettext("Saved: %(name)s") % {"name": organization.name})
            return redirect_to(
                request, "organizations.organization_page", organization_id=organization.id
            )
        errors, status = done.errors, done.error.status_code
    form = FormState("edit-organization", values, errors)
    context = _organization_page(db, scope, organization, form)
    return render(request, ORGANIZATION, context, status)


@router.post("/organizations/{organization_id:int}/delete")
def delete(
    request: Request, db: DbSession, scope: CurrentScope, organization: OrganizationInScope
) -> Response:
    name = organization.name
    done = attempt(db, lambda: records.delete_organization(db, organization))
    if done.error is None:
        flash(request, gettext("Deleted: %(name)s") % {"name": name})
        return redirect_to(request, "organizations.admin_page")
    form = FormState("edit-organization", _organization_values(organization), done.errors)
    context = _organization_page(db, scope, organization, form)
    return render(request, ORGANIZATION, context, done.error.status_code)
