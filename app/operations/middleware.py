"""Every request gets an id (the caller's ``X-Request-ID`` when it is a plain token, else a new
one), answered in the ``X-Request-ID`` header, bound into its log lines, and counted in the metrics;
one access line is logged when it is answered."""

import logging
import re
import time
import uuid
from collections.abc import MutableMapping
from typing import Any

import structlog
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from app.operations.logs import ACCESS_LOGGER
from app.operations.metrics import Metrics, route_name

REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

access_log = logging.getLogger(ACCESS_LOGGER)


def request_id_from(header: str | None) -> str:
    if header is not None and REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(Headers(scope=scope).get("x-request-id"))
        status = 500  # unless the app answers: an exception that escaped is answered 500 outside
        started = time.perf_counter()

        async def send_with_id(message: MutableMapping[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        tokens = structlog.contextvars.bind_contextvars(request_id=request_id)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = route_name(scope)
            self.metrics.observe_request(route, scope["method"], status, seconds)
            access_log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "route": route,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 1),
                    "client": (scope.get("client") or ("", 0))[0],
                },
            )
            structlog.contextvars.reset_contextvars(**tokens)
