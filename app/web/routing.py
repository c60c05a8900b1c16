"""Routers whose routes carry the names the policy table, ``url`` and ``can`` use."""

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter


class NamedRouter(APIRouter):
    """An APIRouter naming each route ``<name>.<endpoint function>``, e.g. ``study_sessions.finalize``
    for a page and ``api.study_sessions.finalize`` for the API."""

    def __init__(self, name: str, **options: Any) -> None:
        super().__init__(**options)
        self.name = name

    def add_api_route(
        self, path: str, endpoint: Callable[..., Any], *, name: str | None = None, **options: Any
    ) -> None:
        super().add_api_route(
            path, endpoint, name=f"{self.name}.{name or endpoint.__name__}", **options
        )
