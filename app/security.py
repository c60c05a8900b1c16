"""What every request passes: security headers on the response, limits on what it may carry."""

from collections.abc import MutableMapping
from typing import Any

import anyio
from fastapi import Request
from starlette.datastructures import Headers, QueryParams
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.auth.dependencies import remember_caller
from app.errors import DomainError, FieldError, InvalidInput
from app.i18n import mark
from app.text import CONTROL_CHARACTER_MESSAGE, control_character_in
from app.web.errors import error_response, is_api_request

# No inline scripts or styles anywhere: every script and stylesheet is a file under /static.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).extend(HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _refuse(error: DomainError, scope: Scope, receive: Receive, send: Send) -> None:
    """Answer with the refusal: the API's JSON error, or the user's error page with their navigation."""
    request = Request(scope)
    if not is_api_request(request):
        await anyio.to_thread.run_sync(remember_caller, request)
    await error_response(request, error)(scope, receive, send)


class PayloadTooLarge(DomainError):
    status_code = 413
    code = "payload_too_large"

    def __init__(self, limit_bytes: int) -> None:
        super().__init__(
            mark("The request is too large; send less at once (a smaller file, or fewer rows).")
        )
        self.limit_bytes = limit_bytes

    def details(self) -> dict[str, Any]:
        return {"limit_bytes": self.limit_bytes}


class UnsupportedMediaType(DomainError):
    status_code = 415
    code = "unsupported_media_type"


BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def api_media_type_accepted(content_type: str) -> bool:
    """The API reads JSON bodies, and multipart form data for uploads (imports)."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type in ("application/json", "multipart/form-data") or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


class RequestLimitsMiddleware:
    """Turns away, before any endpoint runs, a body larger than ``YANTAO_MAX_REQUEST_BYTES`` (413),
    a query parameter holding a control character (422 naming it; see app.text): query strings
    reach filters and the database as they are — and an API body that is neither JSON nor an upload
    (415; FastAPI would try to read a form or text as JSON and answer a vague 422).

    A declared ``Content-Length`` past the limit is refused without reading a byte; a chunked body is
    read up to the limit and handed on only if it fits. (FastAPI's own ``max_body_size`` answers a
    declared oversize body with a plain-text 413, not the API's JSON error or the user's page.)
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        fields = [
            FieldError(name, CONTROL_CHARACTER_MESSAGE, "control_character")
            for name, value in QueryParams(scope["query_string"]).multi_items()
            if control_character_in(name) or control_character_in(value)
        ]
        if fields:
            error = InvalidInput(mark("The request has invalid fields."), fields=fields)
            await _refuse(error, scope, receive, send)
            return
        headers = Headers(scope=scope)
        content_type = headers.get("content-type")
        if (
            content_type is not None
            and scope["method"] in BODY_METHODS
            and scope["path"].startswith("/api/")
            and not api_media_type_accepted(content_type)
        ):
            refusal = UnsupportedMediaType(
                mark("Send the body as JSON (Content-Type: application/json).")
            )
            await _refuse(refusal, scope, receive, send)
            return
        declared = headers.get("content-length")
        if declared is not None and declared.isascii() and declared.isdigit():
            if len(declared) > 18 or int(declared) > self.max_body_bytes:
                await _refuse(PayloadTooLarge(self.max_body_bytes), scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_body_bytes:
                await _refuse(PayloadTooLarge(self.max_body_bytes), scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        replay = iter(messages)

        async def buffered() -> Message:
            return next(replay, None) or await receive()

        await self.app(scope, buffered, send)
