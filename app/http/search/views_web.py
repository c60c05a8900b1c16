"""The search page (检索): one box, a few filters, the passages found with links to the exact part."""

from fastapi import Request
from fastapi.responses import Response

from app.access import CurrentScope
from app.db import DbSession
from app.errors import DomainError
from app.i18n import gettext
from app.organizations import service as organization_service
from app.reports import search
from app.study_sessions.models import ContributionKind, StudySessionKind
from app.web.forms import FormErrors, FormState, domain_form_errors, parse_form
from app.web.labels import label
from app.web.routing import NamedRouter
from app.web.templating import render

router = NamedRouter("search", include_in_schema=False)
PAGE_SIZE = 20


@router.get("/search")
def page(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    values = {k: v for k, v in request.query_params.items() if k in search.SearchQuery.model_fields}
    hits: list[search.SearchHit] = []
    next_cursor: str | None = None
    errors: FormErrors = {}
    if values.get("q", "").strip():
        query, errors = parse_form(search.SearchQuery, values)
        if query is not None:
            try:
                hits, next_cursor = search.search(
                    db, scope, query, cursor=request.query_params.get("cursor"), limit=PAGE_SIZE
                )
            except DomainError as exc:
                errors = domain_form_errors(exc)
    context = {
        "form": FormState("search", values, errors),
        "hits": hits,
        "searched": bool(values.get("q", "").strip()) and not errors,
        "next_query": values | {"cursor": next_cursor} if next_cursor else None,
        "organization_options": organization_service.indented_options(db, scope),
        "kind_options": [(k.value, label(k)) for k in StudySessionKind],
        "speech_options": [(k.value, label(k)) for k in ContributionKind],
        "part_names": {
            "study_session": gettext("Title of the meeting"),
            "topic": gettext("Topic"),
            "speech_outline": gettext("Speech outline"),
            "contribution": gettext("Speech"),
            "finding": gettext("Problem"),
        },
    }
    return render(request, "search/page.html", context, 422 if errors else 200)
