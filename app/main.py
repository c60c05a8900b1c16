"""Application factory: routers, authorization, error handlers, middleware, static files."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from app.audit.views import api_router as audit_api
from app.audit.views import web_router as audit_web
from app.auth.views_api import router as accounts_api
from app.auth.views_web import router as auth_web
from app.campaigns.views_api import router as campaigns_api
from app.campaigns.views_completeness import api_router as completeness_api
from app.campaigns.views_completeness import web_router as completeness_web
from app.config import PROJECT_ROOT, Settings, get_settings
from app.db import Database
from app.docs import install_openapi
from app.docs import router as docs_router
from app.errors import ERROR_RESPONSES
from app.health import router as health_router
from app.minutes.views import api_router as minutes_api
from app.minutes.views import web_router as minutes_web
from app.organizations.views_admin import router as admin_web
from app.organizations.views_api import router as organizations_api
from app.organizations.views_imports import api_router as imports_api
from app.organizations.views_imports import web_router as imports_web
from app.people.views_api import router as people_api
from app.policy import authorize
from app.printing import workers as rendering_workers
from app.rectification.views_api import router as rectification_api
from app.rectification.views_reports import router as reports_web
from app.rectification.views_web import router as rectification_web
from app.security import RequestLimitsMiddleware, SecurityHeadersMiddleware
from app.spot_checks.views_api import router as spot_checks_api
from app.spot_checks.views_dashboard import router as dashboard_web
from app.spot_checks.views_web import router as spot_checks_web
from app.study_sessions.views_api import router as study_sessions_api
from app.study_sessions.views_api_parts import router as minutes_parts_api
from app.study_sessions.views_web import router as study_sessions_web
from app.web.errors import install_error_handlers
from app.web.locale import LocaleMiddleware

API_ROUTERS = (
    organizations_api,
    people_api,
    campaigns_api,
    study_sessions_api,
    minutes_parts_api,
    accounts_api,
    audit_api,
    minutes_api,
    rectification_api,
    completeness_api,
    imports_api,
    spot_checks_api,
)
WEB_ROUTERS = (
    health_router,
    docs_router,
    auth_web,
    minutes_web,
    study_sessions_web,
    audit_web,
    rectification_web,
    reports_web,
    completeness_web,
    imports_web,
    admin_web,
    dashboard_web,
    spot_checks_web,
)
SESSION_COOKIE = "yantao_session"


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

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
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
    # endpoint → full path template; the policy table is keyed by it (see app.policy.route_key).
    route_paths: dict[Callable[..., Any], str] = {}
    app.state.route_paths = route_paths

    api = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)
    for router in API_ROUTERS:
        api.include_router(router)
        _record_paths(route_paths, router, "/api/v1")
    app.include_router(api)
    for router in WEB_ROUTERS:
        app.include_router(router)
        _record_paths(route_paths, router, "")
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
    install_error_handlers(app)
    install_openapi(app)
    return app


def _record_paths(paths: dict[Callable[..., Any], str], router: APIRouter, prefix: str) -> None:
    for route in router.routes:
        if isinstance(route, APIRoute):
            paths[route.endpoint] = (
                prefix + route.path
            )  # route.path already holds its router's prefix
