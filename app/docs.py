"""The API description: FastAPI's OpenAPI document plus the bearer-token scheme (served behind login by
``app.http.system``)."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

BEARER = "bearerAuth"


def _require_if_match(operation: dict[str, Any]) -> None:
    """``If-Match`` is required where it is taken (app.etag answers 428 without it); FastAPI's
    document calls it optional, since the dependency, not FastAPI, refuses its absence."""
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "header" and parameter["name"].lower() == "if-match":
            parameter["required"] = True
            parameter["schema"] = {"type": "string"}


def install_openapi(app: FastAPI) -> None:
    """FastAPI's document, plus what our own dependencies cannot tell it: every API operation takes
    a personal access token (``Authorization: Bearer yt_…``), and writes to versioned records need
    ``If-Match``."""

    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, summary=app.summary, routes=app.routes
            )
            schema.setdefault("components", {})["securitySchemes"] = {
                BEARER: {"type": "http", "scheme": "bearer", "description": "yantao users token"}
            }
            for path, operations in schema["paths"].items():
                if path.startswith("/api/"):
                    for operation in operations.values():
                        operation["security"] = [{BEARER: []}]
                        _require_if_match(operation)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = build  # type: ignore[method-assign]
