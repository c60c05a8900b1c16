"""Alembic environment: the URL comes from the settings (or from the caller), the metadata from app.models."""

from logging.config import fileConfig
from typing import Any

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers every table on SQLModel.metadata)
from app.config import get_settings
from app.db import build_engine

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata


def database_url() -> str:
    return str(config.attributes.get("database_url") or get_settings().database_url)


def run_migrations_offline() -> None:
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = build_engine(database_url())
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode copies a table and drops the old one; with foreign keys on, dropping a table that
        # other rows refer to fails. Switch them off for the migration (outside any transaction, where
        # SQLite honours it) and check every reference afterwards instead.
        _sqlite_driver(connection).execute("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=_include_object,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    if sqlite:
        connection.commit()
        driver = _sqlite_driver(connection)
        violations = driver.execute("PRAGMA foreign_key_check").fetchall()
        driver.execute("PRAGMA foreign_keys=ON")
        if violations:
            raise RuntimeError(f"foreign key violations after migrating: {violations[:5]}")


def _include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """What the database keeps beside the models is left out of the comparison: the search index's
    FTS5 table and its shadow tables (SQLite), its stored tsvector and that column's index
    (PostgreSQL; before 0022 an expression index)."""
    del obj, reflected, compare_to
    if type_ == "table" and name is not None and name.startswith("search_entry_fts"):
        return False
    if type_ == "column" and name == "terms_vector":
        return False
    return not (type_ == "index" and name in ("ix_search_entry_terms", "ix_search_entry_vector"))


def _sqlite_driver(connection: Connection) -> Any:
    return connection.connection.driver_connection


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
