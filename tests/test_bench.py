"""``python -m benchmarks.seed``: the benchmark jurisdiction is written in bulk and the app reads it like
any other."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, func, select

from app.db import Database
from app.organizations.models import Organization
from app.study_sessions.models import Contribution, SearchEntry, StudySession
from tests.fixtures.databases import Backend
from tests.helpers import run_cli

# The seeder is a command on a connection of its own: this test commits for real.
pytestmark = pytest.mark.commits


def test_bench_seed_writes_a_jurisdiction_the_app_reads(
    backend: Backend, database: Database, client: TestClient, db: Session
) -> None:
    seeded = run_cli(
        backend.url,
        *("--orgs", "60", "--sessions", "240", "--contributions", "2400"),
        module="benchmarks.seed",
    )
    again = run_cli(backend.url, "--orgs", "1", "--sessions", "1", module="benchmarks.seed")

    assert seeded.returncode == 0, seeded.stderr
    assert "63 organizations" in seeded.stdout  # 60 branches, 2 towns, the county
    assert again.returncode == 1
    assert "exists already" in again.stderr
    assert "Traceback" not in again.stderr
    root = db.exec(select(Organization).where(Organization.code == "bench")).one()
    meetings = db.exec(select(func.count()).select_from(StudySession)).one()
    speeches = db.exec(select(func.count()).select_from(Contribution)).one()
    assert (meetings, speeches) == (240, 2400)
    # The search index is written as the app's hook writes it: every title and speech, found.
    entries = db.exec(select(func.count()).select_from(SearchEntry)).one()
    assert entries == 240 + 2400
    rare = client.get("/api/v1/search", params={"q": "低保", "limit": 200})
    assert rare.status_code == 200, rare.text
    assert rare.json()["items"]
    assert {hit["match"] for hit in rare.json()["items"]} == {"低保"}
    page = client.get("/api/v1/study-sessions", params={"organization_id": root.id, "limit": 100})
    detail = client.get(f"/api/v1/study-sessions/{page.json()['items'][0]['id']}")
    assert page.status_code == 200
    assert len(page.json()["items"]) == 100
    assert len(detail.json()["contributions"]) == 10
    # New rows after the bulk insert get fresh ids (PostgreSQL's sequences were moved past them).
    created = client.post(
        "/api/v1/organizations",
        json={"code": "after-bench", "name": "新支部", "kind": "branch", "parent_id": root.id},
    )
    assert created.status_code == 201, created.text
    assert (
        created.json()["id"]
        > db.exec(
            select(func.max(col(Organization.id))).where(Organization.code != "after-bench")
        ).one()
    )
