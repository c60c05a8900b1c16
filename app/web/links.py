"""Links: every path comes from a route's name — in templates ``url`` (and ``can``, which shows a menu
item or button only to roles the policy table lets use its route, so a page never offers what answers
403), in views ``path_to`` and ``redirect_to``."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import RedirectResponse

from app.access import caller_of
from app.policy import allows


def path_to(
    request: Request,
    name: str,
    /,
    query: Mapping[str, Any] | None = None,
    fragment: str = "",
    **params: Any,
) -> str:
    """The path of the route called ``name`` with its path parameters, the query string (empty
    ``None`` left out) and a fragment, e.g. ``path_to(request, "study_sessions.page", study_session_id=7)``."""
    path = str(request.app.url_path_for(name, **{k: str(v) for k, v in params.items()}))
    pairs = {key: value for key, value in (query or {}).items() if value is not None}
    return path + (f"?{urlencode(pairs)}" if pairs else "") + (f"#{fragment}" if fragment else "")


def redirect_to(
    request: Request,
    name: str,
    /,
    query: Mapping[str, Any] | None = None,
    fragment: str = "",
    **params: Any,
) -> RedirectResponse:
    """303 See Other to a route: the answer to a form that was saved."""
    return RedirectResponse(path_to(request, name, query, fragment, **params), status_code=303)


@jinja2.pass_context
def url(
    context: Mapping[str, Any],
    name: str,
    /,
    query: Mapping[str, Any] | None = None,
    fragment: str = "",
    **params: Any,
) -> str:
    """``path_to`` for templates: ``url("study_sessions.page", study_session_id=m.id)``."""
    return path_to(context["request"], name, query, fragment, **params)


@jinja2.pass_context
def can(context: Mapping[str, Any], name: str) -> bool:
    """Whether the caller's role may use the route called ``name`` (the policy table's answer)."""
    caller = caller_of(context["request"])
    return allows(caller.role if caller else None, name)
