"""Migrations build the schema from empty and match the models, on each database."""

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

from app.health import alembic_config
from tests.conftest import Backend


def _config(url: str):
    config = alembic_config(url)
    config.attributes["configure_logger"] = False
    return config


def test_models_and_migrations_do_not_drift(backend: Backend) -> None:
    # The backend fixture ran `alembic upgrade head` on an empty database; `check` raises on any drift.
    command.check(_config(backend.url))


def test_downgrade_to_empty_and_upgrade_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
    config = _config(url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    engine = create_engine(url)
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    command.upgrade(config, "head")
    assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()
