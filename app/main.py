"""Application factory: routers, authorization, error handlers, middleware, static files."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from app.auth.dependencies import authorize
from app.config import PROJECT_ROOT, Settings, get_settings
from app.db import Database
from app.docs import install_openapi
from app.errors import ERROR_RESPONSES
from app.http.audit import views_api as audit_api
from app.http.audit import views_web as audit_web
from app.http.auth import views_api as auth_api
from app.http.auth import views_web as auth_web
from app.http.campaigns import views_api as campaigns_api
from app.http.campaigns import views_web as campaigns_web
from app.http.circulars import views_api as circulars_api
from app.http.circulars import views_web as circulars_web
from app.http.imports import views_api as imports_api
from app.http.imports import views_web as imports_web
from app.http.minutes import views_api as minutes_api
from app.http.minutes import views_web as minutes_web
from app.http.organizations import views_api as organizations_api
from app.http.organizations import views_web as organizations_web
from app.http.people import views_api as people_api
from app.http.people import views_web as people_web
from app.http.rectification import views_api as rectification_api
from app.http.rectification import views_web as rectification_web
from app.http.reports import views_api as reports_api
from app.http.reports import views_web as reports_web
from app.http.search import views_api as search_api
from app.http.search import views_web as search_web
from app.http.spot_checks import views_api as spot_checks_api
from app.http.spot_checks import views_web as spot_checks_web
from app.http.study_sessions import views_api as study_sessions_api
from app.http.study_sessions import views_web as study_sessions_web
from app.http.system import views_api as system_api
from app.http.system import views_web as system_web
from app.http.todo import views_api as todo_api
from app.http.todo import views_web as todo_web
from app.operations.metrics import Metrics
from app.operations.middleware import RequestMiddleware
from app.printing import workers as rendering_workers
from app.security import RequestLimitsMiddleware, SecurityHeadersMiddleware
from app.web.errors import install_error_handlers
from app.web.locale import LocaleMiddleware
from app.web.templating import install_todo_counter

# Under /api/v1, in the order of the API documentation.
API_ROUTERS = (
    organizations_api.router,
    people_api.router,
    campaigns_api.router,
    study_sessions_api.router,
    study_sessions_api.parts_router,
    auth_api.router,
    audit_api.router,
    minutes_api.router,
    rectification_api.router,
    reports_api.router,
    imports_api.router,
    spot_checks_api.router,
    circulars_api.router,
    search_api.router,
    todo_api.router,
)
WEB_ROUTERS = (
    system_api.router,
    system_web.router,
    auth_web.router,
    minutes_web.router,
    study_sessions_web.router,
    audit_web.router,
    rectification_web.router,
    reports_web.router,
    imports_web.router,
    organizations_web.router,
    people_web.router,
    campaigns_web.router,
    spot_checks_web.router,
    circulars_web.router,
    search_web.router,
    todo_web.router,
)
API_PREFIX = "/api/v1"
SESSION_COOKIE = "yantao_session"


def named_routes() -> list[tuple[str, frozenset[str], str]]:
    """Every route of the app as (name, methods, full path): what the policy table must cover."""
    found = []
    for prefix, routers in ((API_PREFIX, API_ROUTERS), ("", WEB_ROUTERS)):
        for router in routers:
            for route in router.routes:
                if isinstance(route, APIRoute):
                    found.append((route.name, frozenset(route.methods or ()), prefix + route.path))
    return found


class SessionCookieMiddleware:
    """Starlette's signed session cookie (HttpOnly, SameSite=Lax), marked Secure on https requests."""

    def __init__(self, app: ASGIApp, /, **options: Any) -> None:
        self.plain = SessionMiddleware(app, https_only=False, **options)
        self.secure = SessionMiddleware(app, https_only=True, **options)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        middleware = self.secure if scope.get("scheme") == "https" else self.plain
        await middleware(scope, receive, send)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application for ``settings`` (the environment's by default)."""
    settings = settings or get_settings()
    database = Database(settings)
    metrics = Metrics(database)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        metrics.watch_printing()
        yield
        metrics.stop_watching()
        database.dispose()
        rendering_workers.shutdown()

    app = FastAPI(
        title="Yantao (研讨)",
        summary="Study and discussion meetings of Party organizations: minutes, spot checks, print.",
        version="0.1.0",
        lifespan=lifespan,
        # Served by app.docs behind login; the stock pages load scripts from a CDN and inline.
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(authorize)],
    )
    app.state.settings = settings
    app.state.database = database
    app.state.metrics = metrics
    api = APIRouter(prefix=API_PREFIX, responses=ERROR_RESPONSES)
    for router in API_ROUTERS:
        api.include_router(router)
    app.include_router(api)
    for router in WEB_ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(PROJECT_ROOT / "static")), name="static")

    app.add_middleware(RequestLimitsMiddleware, max_body_bytes=settings.max_request_bytes)
    app.add_middleware(LocaleMiddleware, default_locale=settings.default_locale)
    app.add_middleware(
        SessionCookieMiddleware,
        secret_key=settings.secret_key,
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_lifetime_hours * 3600,
        same_site="lax",
    )
    app.add_middleware(SecurityHeadersMiddleware)
    # Outermost: it sees every answer, the refusals of the middlewares inside included.
    app.add_middleware(RequestMiddleware, metrics=metrics)
    install_error_handlers(app)
    install_todo_counter(todo_web.menu_count)
    install_openapi(app)
    return app
