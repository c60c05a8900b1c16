"""The API description, behind login: the OpenAPI document and a plain page that lists it."""

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response

from app.web.templating import render

router = APIRouter(include_in_schema=False)

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


@router.get("/openapi.json")
def openapi(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi())


@router.get("/docs")
def docs(request: Request) -> Response:
    """Every operation with its summary; a page without scripts (the CSP allows none inline)."""
    schema: dict[str, Any] = request.app.openapi()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "doc": op.get("description", ""),
        }
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    ]
    return render(
        request, "docs.html", {"operations": operations, "title": schema["info"]["title"]}
    )
