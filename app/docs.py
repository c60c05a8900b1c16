"""The API description: FastAPI's OpenAPI document plus the bearer-token scheme (served behind login by
``app.http.system``)."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

BEARER = "bearerAuth"


def install_openapi(app: FastAPI) -> None:
    """FastAPI's document, plus what our own auth dependency cannot tell it: every API operation
    takes a personal access token (``Authorization: Bearer yt_…``)."""

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
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = build  # type: ignore[method-assign]
