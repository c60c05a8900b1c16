"""The API description, behind login: the OpenAPI document and a plain page that lists it."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from app.web import render

router = APIRouter(include_in_schema=False)


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
