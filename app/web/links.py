"""Links in templates: every path from a route's name (``url``)."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import jinja2


@jinja2.pass_context
def url(
    context: Mapping[str, Any], name: str, /, query: Mapping[str, Any] | None = None, **params: Any
) -> str:
    """The path of the route called ``name`` with its path parameters, and the query string (empty
    values left out), e.g. ``url("study_sessions.page", study_session_id=7)``."""
    path = str(context["request"].app.url_path_for(name, **{k: str(v) for k, v in params.items()}))
    pairs = {key: value for key, value in (query or {}).items() if value not in (None, "")}
    return f"{path}?{urlencode(pairs)}" if pairs else path
