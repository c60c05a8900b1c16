"""Migrations build the schema from empty and match the models, on each database."""

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

from app.health import alembic_config
from tests.fixtures.databases import Backend


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


def test_migrating_a_database_that_holds_minutes_keeps_every_row(tmp_path: Path) -> None:
    """SQLite alters tables by copying them; referenced rows must survive (foreign keys stay valid)."""
    url = f"sqlite:///{tmp_path / 'with-data.db'}"
    config = _config(url)
    command.upgrade(config, "0005")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO organization (id, code, name, kind, path, is_key_unit, is_power_department,"
            " is_weak_unit, created_at) VALUES (1, 'b', '支部', 'branch', '/1/', 0, 0, 0, '2015-01-01')"
        )
        connection.exec_driver_sql(
            "INSERT INTO person (id, organization_id, name, post, committee_role, is_party_member,"
            " is_top_leader, active, created_at) VALUES (1, 1, '林德福', '', 'secretary', 1, 0, 1, '2015-01-01')"
        )
        connection.exec_driver_sql(
            "INSERT INTO study_session (id, organization_id, kind, title, starts_at, place, status,"
            " version, created_at, updated_at) VALUES (1, 1, 'special_seminar', '研讨', '2015-06-01',"
            " '', 'held', 1, '2015-01-01', '2015-01-01')"
        )
        connection.exec_driver_sql(
            "INSERT INTO topic (id, study_session_id, position, title, conclusion) VALUES (1, 1, 1, '题目', '')"
        )
        connection.exec_driver_sql(
            "INSERT INTO contribution (id, study_session_id, speaker_id, topic_id, round, position, kind,"
            " content, created_at) VALUES (1, 1, 1, 1, 1, 1, 'key_speech', '发言', '2015-01-01')"
        )
    engine.dispose()

    command.upgrade(config, "head")

    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT id, topic_id, version FROM contribution"
        ).fetchall()
        violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    engine.dispose()
    assert [tuple(row) for row in rows] == [(1, 1, 1)]
    assert violations == []
