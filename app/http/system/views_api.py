"""Liveness and readiness probes (no credentials), and the OpenAPI document (behind login)."""

from fastapi import Request
from fastapi.responses import JSONResponse

from app.health import database_problem
from app.web.routing import NamedRouter

router = NamedRouter("system", tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """200 while the process is up."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    """200 when the database answers and its schema is at the newest migration; 503 with the reason."""
    problem = database_problem(request.app.state.database)
    if problem is not None:
        return JSONResponse({"status": "unavailable", "reason": problem}, status_code=503)
    return JSONResponse({"status": "ok"})


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi())
