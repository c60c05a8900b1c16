"""Application factory: routers, error handlers, static files."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from app.campaigns.views_api import router as campaigns_api
from app.config import PROJECT_ROOT, Settings, get_settings
from app.db import Database
from app.errors import install_error_handlers
from app.health import router as health_router
from app.organizations.views_api import router as organizations_api
from app.people.views_api import router as people_api
from app.study_sessions.views_api import router as study_sessions_api
from app.study_sessions.views_api_parts import router as minutes_parts_api
from app.study_sessions.views_web import router as study_sessions_web
from app.web import LocaleMiddleware


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application for ``settings`` (the environment's by default)."""
    settings = settings or get_settings()
    database = Database(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        database.dispose()

    app = FastAPI(
        title="Yantao (研讨)",
        summary="Study and discussion meetings of Party organizations: minutes, spot checks, print.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = database

    api = APIRouter(prefix="/api/v1")
    for router in (
        organizations_api,
        people_api,
        campaigns_api,
        study_sessions_api,
        minutes_parts_api,
    ):
        api.include_router(router)
    app.include_router(api)
    app.include_router(health_router)
    app.include_router(study_sessions_web)
    app.mount("/static", StaticFiles(directory=str(PROJECT_ROOT / "static")), name="static")
    app.add_middleware(LocaleMiddleware, default_locale=settings.default_locale)
    install_error_handlers(app)
    return app
