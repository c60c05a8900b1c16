"""What the readiness probe and ``yantao doctor`` check: the database answers and its schema is at the
newest migration."""

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.config import PROJECT_ROOT
from app.db import Database


def alembic_config(database_url: str | None = None) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    if database_url is not None:
        config.attributes["database_url"] = database_url
    return config


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def database_problem(database: Database) -> str | None:
    """Why the database cannot serve (unreachable, schema not at the newest migration), or None."""
    try:
        with database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            current = set(MigrationContext.configure(connection).get_current_heads())
    except SQLAlchemyError as exc:
        return f"database unreachable: {type(exc).__name__}"
    heads = head_revisions()
    if current != heads:
        return f"migrations not current: database at {sorted(current) or 'empty'}, code at {sorted(heads)}"
    return None
