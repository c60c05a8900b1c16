"""Routers whose routes carry the names the policy table, ``url`` and ``can`` use."""

import re
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from fastapi.routing import APIRoute


def operation_id(route: APIRoute) -> str:
    """The OpenAPI ``operationId`` from the endpoint function, as FastAPI makes it by default
    (``list_accounts_api_v1_accounts_get``): route names are for the app, operation ids for clients."""
    identifier = re.sub(r"\W", "_", f"{route.endpoint.__name__}{route.path_format}")
    method = sorted(route.methods or {"GET"})[0]
    return f"{identifier}_{method.lower()}"


class NamedRouter(APIRouter):
    """An APIRouter naming each route ``<name>.<endpoint function>``, e.g. ``study_sessions.finalize``
    for a page and ``api.study_sessions.finalize_study_session`` for the API. The OpenAPI document keeps
    the endpoint's own name (``operationId``, the summary), so clients see no difference."""

    def __init__(self, name: str, **options: Any) -> None:
        super().__init__(generate_unique_id_function=operation_id, **options)
        self.name = name

    def add_api_route(
        self, path: str, endpoint: Callable[..., Any], *, name: str | None = None, **options: Any
    ) -> None:
        function = name or endpoint.__name__
        if options.get("summary") is None:
            options["summary"] = function.replace("_", " ").title()
        super().add_api_route(path, endpoint, name=f"{self.name}.{function}", **options)
