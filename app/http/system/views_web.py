"""The API's documentation page: every operation with its summary, without scripts (the CSP allows
none inline)."""

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from app.web.routing import NamedRouter
from app.web.templating import render

router = NamedRouter("system", include_in_schema=False)


@router.get("/docs")
def docs(request: Request) -> Response:
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
