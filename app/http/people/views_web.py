"""The administrator's people page: everybody of the scope, a page at a time, and a form to add one."""

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from app.access import CurrentScope
from app.db import DbSession, Session
from app.organizations import service as organization_service
from app.people import service
from app.people.models import CommitteeRole
from app.people.schemas import PersonCreate
from app.scope import Scope
from app.web import forms
from app.web.forms import FormState, PostedForm, attempt, list_cursor, parse_form
from app.web.labels import label
from app.web.links import redirect_to
from app.web.routing import NamedRouter
from app.web.templating import render

router = NamedRouter("people", include_in_schema=False)
PERSON_FLAGS = ("is_party_member", "is_top_leader")


def _page(request: Request, db: Session, scope: Scope, form: FormState) -> dict[str, Any]:
    people, next_cursor = service.page_by_organization(
        db, scope, cursor=list_cursor(request), limit=forms.ADMIN_PAGE_SIZE
    )
    return {
        "form": form,
        "people": people,
        "next_cursor": next_cursor,
        "organization_options": organization_service.indented_options(db, scope),
        "role_options": [(r.value, label(r)) for r in CommitteeRole],
        "created": request.query_params.get("created"),
    }


@router.get("/people")
def admin_page(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    form = FormState("person", {"is_party_member": "on", "committee_role": "member"})
    return render(request, "people/admin.html", _page(request, db, scope, form))


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
