"""PDFs render in worker processes: a rendering that runs too long is stopped with a clear 503, and the
next one works."""

import os

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.main import create_app
from app.printing import workers
from tests import factories
from tests.fixtures.accounts import make_account, token_for
from tests.helpers import row_counts


def test_rendering_runs_in_another_process_unless_turned_off(settings: Settings) -> None:
    pooled = workers.run(settings.model_copy(update={"pdf_workers": 1}), os.getpid)
    inline = workers.run(settings.model_copy(update={"pdf_workers": 0}), os.getpid)

    assert pooled != os.getpid()
    assert inline == os.getpid()


def test_a_rendering_process_that_dies_is_a_503_and_the_next_rendering_works(
    settings: Settings,
) -> None:
    pooled = settings.model_copy(update={"pdf_workers": 1})

    with pytest.raises(workers.RenderingFailed) as failed:
        workers.run(pooled, os._exit, 1)  # the process ends as if killed (out of memory, say)

    assert failed.value.status_code == 503
    assert workers.run(pooled, os.getpid) != os.getpid()


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def test_a_rendering_that_needs_more_memory_than_allowed_is_a_503_and_the_next_works(
    settings: Settings,
) -> None:
    bounded = settings.model_copy(update={"pdf_workers": 1, "pdf_memory_mb": 256})

    with pytest.raises(workers.RenderingTooLarge) as refused:
        workers.run(bounded, _allocate, 512)
    fits = workers.run(bounded, _allocate, 16)

    assert refused.value.status_code == 503
    assert refused.value.code == "pdf_too_large"
    assert fits == 16 * 1024 * 1024
    # Only the rendering process is bounded, never the server's own.
    assert _allocate(512) == 512 * 1024 * 1024


def test_a_rendering_past_the_time_limit_is_stopped_with_a_503_and_nothing_is_lost(
    settings: Settings, database: Database, client: TestClient, db: Session
) -> None:
    branch = factories.create_organization(db, name="和平镇东岭村党支部")
    secretary = factories.create_person(db, branch, name="韩明华")
    study_session = factories.create_study_session(db, branch, title="支部学习", chair=secretary)
    factories.create_attendance(db, study_session, secretary)
    factories.create_contribution(db, study_session, secretary, content="我先对照要求作检查。")
    account = make_account(db, branch.id or 0, login="ganbu", role=Role.secretary)
    db.commit()
    url = f"/api/v1/study-sessions/{study_session.id}/minutes.pdf"
    headers = {"Authorization": f"Bearer {token_for(db, account)}"}
    hasty = create_app(settings.model_copy(update={"pdf_timeout_seconds": 0.001}))
    hasty.state.database = database
    before = row_counts(db)

    with TestClient(hasty, headers=headers) as impatient:
        stopped = impatient.get(url)
        page = impatient.get(url.removeprefix("/api/v1"))
    again = client.get(url)

    assert stopped.status_code == 503
    assert stopped.json()["error"]["code"] == "pdf_timeout"
    assert "too long" in stopped.json()["error"]["message"]
    assert page.status_code == 503
    assert "Traceback" not in page.text
    assert again.status_code == 200
    assert again.content.startswith(b"%PDF-")
    assert row_counts(db) == before
