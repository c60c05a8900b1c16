"""The page language: ``?lang=`` (remembered in a cookie), the cookie, or the default."""

from collections.abc import MutableMapping
from typing import Any

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from app.config import Locale
from app.i18n import LOCALE_COOKIE, current_locale, negotiate


class LocaleMiddleware:
    """Chooses the page language and sets it for the request (``app.i18n.current_locale``)."""

    def __init__(self, app: ASGIApp, default_locale: Locale) -> None:
        self.app = app
        self.default_locale = default_locale

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        asked = request.query_params.get("lang")
        locale = negotiate(asked or request.cookies.get(LOCALE_COOKIE), self.default_locale)
        token = current_locale.set(locale)
        scope.setdefault("state", {})["locale"] = locale

        async def send_with_cookie(message: MutableMapping[str, Any]) -> None:
            if asked and message["type"] == "http.response.start":
                cookie = f"{LOCALE_COOKIE}={locale}; Path=/; Max-Age=31536000; SameSite=Lax"
                message.setdefault("headers", []).append((b"set-cookie", cookie.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_cookie)
        finally:
            current_locale.reset(token)
