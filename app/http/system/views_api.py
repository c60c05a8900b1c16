"""Liveness and readiness probes (no credentials), the metrics for Prometheus (their own token), and
the OpenAPI document (behind login)."""

import secrets

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from app.errors import NotFound
from app.health import database_problem
from app.i18n import mark
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


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """Prometheus' text format, for the bearer token ``YANTAO_METRICS_TOKEN`` (unset: no such page)."""
    expected = request.app.state.settings.metrics_token
    if not expected:
        raise NotFound(mark("This page does not exist, or is not in your scope."))
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.encode(), expected.encode()):
        return Response(
            "401 the metrics need YANTAO_METRICS_TOKEN as a bearer token\n",
            status_code=401,
            media_type="text/plain",
            headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
        )
    return Response(
        generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST
    )


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi())
