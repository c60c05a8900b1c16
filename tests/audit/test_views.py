"""The audit log end to end: writes through the API are recorded, tampering is named by the CLI."""

import json
import subprocess

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, col, select

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.db import Database
from tests import factories
from tests.fixtures.accounts import make_account, token_for
from tests.fixtures.databases import Backend
from tests.helpers import run_cli


def _verify(backend: Backend) -> subprocess.CompletedProcess[str]:
    return run_cli(backend.url, "audit", "verify")


def test_api_writes_are_recorded_with_the_account(client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db, name="南庄村党支部")

    created = client.post(
        "/api/v1/people",
        json={"organization_id": branch.id, "name": "林德福", "post": "村党支部书记"},
    ).json()
    client.patch(f"/api/v1/people/{created['id']}", json={"post": "村党支部书记、村委会主任"})

    db.rollback()
    events = db.exec(
        select(AuditEvent).where(AuditEvent.entity == "person").order_by(col(AuditEvent.id))
    ).all()
    assert [e.action for e in events] == ["create", "update"]
    assert all(e.account_id is not None for e in events)
    assert json.loads(events[1].before or "{}")["post"] == "村党支部书记"
    assert json.loads(events[1].after or "{}")["post"] == "村党支部书记、村委会主任"


@pytest.mark.commits
def test_raw_sql_tampering_is_named_by_audit_verify(
    client: TestClient, db: Session, backend: Backend
) -> None:
    branch = factories.create_organization(db, name="东岭村党支部")
    for name in ("韩明华", "曹丽娟", "邓永福"):
        client.post("/api/v1/people", json={"organization_id": branch.id, "name": name})
    intact = _verify(backend)
    assert intact.returncode == 0, intact.stderr
    assert "chain intact" in intact.stdout

    db.rollback()
    target = db.exec(
        select(AuditEvent).where(AuditEvent.entity == "person").order_by(col(AuditEvent.id))
    ).all()[1]
    db.execute(
        text("UPDATE audit_event SET after = :after WHERE id = :id"),
        {
            "after": target.after.replace("曹丽娟", "某某") if target.after else "{}",
            "id": target.id,
        },
    )
    db.commit()
    broken = _verify(backend)

    assert broken.returncode == 1
    assert f"audit event {target.id} does not verify" in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1


@pytest.mark.commits
def test_an_anchor_written_down_catches_the_newest_events_cut_off(
    client: TestClient, db: Session, backend: Backend
) -> None:
    branch = factories.create_organization(db, name="东岭村党支部")
    for name in ("韩明华", "曹丽娟"):
        client.post("/api/v1/people", json={"organization_id": branch.id, "name": name})
    before = _verify(backend)
    anchor = before.stdout.strip().splitlines()[-1].removeprefix("anchor: ")
    db.rollback()
    newest = db.exec(select(AuditEvent).order_by(col(AuditEvent.id).desc())).first()
    assert newest is not None
    assert anchor == f"{newest.id}:{newest.hash}"

    db.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": newest.id})
    db.commit()
    without_anchor = _verify(backend)
    with_anchor = run_cli(backend.url, "audit", "verify", "--anchor", anchor)
    garbled = run_cli(backend.url, "audit", "verify", "--anchor", anchor[:-1])

    assert without_anchor.returncode == 0  # the shorter chain still verifies …
    assert with_anchor.returncode == 1  # … but not against what was written down
    assert f"audit event {newest.id} does not verify: the anchored event is missing" in (
        with_anchor.stderr
    )
    assert garbled.returncode == 1
    for refused in (with_anchor, garbled):
        assert len(refused.stderr.strip().splitlines()) == 1


def test_logins_are_recorded(anonymous_client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db, name="南庄村党支部")
    make_account(db, branch.id or 0, login="sec", role=Role.secretary)
    db.commit()
    page = anonymous_client.get("/login").text
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    anonymous_client.post(
        "/login", data={"login": "sec", "password": "wrong-password", "csrf_token": csrf}
    )

    db.rollback()
    actions = [
        e.action for e in db.exec(select(AuditEvent).where(AuditEvent.entity == "account")).all()
    ]
    assert "login_failure" in actions


def test_inspector_sees_the_events_of_the_jurisdiction_only(
    client: TestClient, application: FastAPI, database: Database, db: Session
) -> None:
    town = factories.create_organization(db, name="和平镇党委")
    branch = factories.create_organization(db, name="南庄村党支部", parent=town)
    secretary = make_account(db, branch.id or 0, login="sec", role=Role.secretary)
    inspector = make_account(
        db, town.id or 0, login="insp", role=Role.inspector, include_subtree=True
    )
    db.commit()
    client.post("/api/v1/people", json={"organization_id": branch.id, "name": "管理员添加"})
    application.state.database = database
    with TestClient(
        application, headers={"Authorization": f"Bearer {token_for(db, secretary)}"}
    ) as sec:
        sec.post(
            "/api/v1/study-sessions",
            json={
                "organization_id": branch.id,
                "kind": "party_lecture",
                "title": "支部书记讲党课",
                "starts_at": "2015-07-01T09:00",
            },
        )
    with TestClient(
        application, headers={"Authorization": f"Bearer {token_for(db, inspector)}"}
    ) as insp:
        items = insp.get("/api/v1/audit-events", params={"limit": 200}).json()["items"]
        page = insp.get("/audit")
        refused = TestClient(
            application, headers={"Authorization": f"Bearer {token_for(db, secretary)}"}
        ).get("/audit")

    assert {e["login"] for e in items} == {"sec"}
    assert {e["entity"] for e in items} == {"study_session"}
    assert page.status_code == 200
    assert "study_session" in page.text
    assert refused.status_code == 403
