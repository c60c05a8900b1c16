"""Spot check → 补课 → make-up session → finalized → inspector passes it: the rework flag's whole way, audited."""

import json
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.organizations.models import Organization
from app.people.models import CommitteeRole
from app.study_sessions.models import StudySession, StudySessionKind
from tests import factories
from tests.conftest import make_account, token_for
from tests.helpers import field_error, row_counts


def _held_lecture(client: TestClient, db: Session, branch: Organization, title: str) -> int:
    secretary = factories.create_person(db, branch, name="韩明华", role=CommitteeRole.secretary)
    study_session = factories.create_study_session(
        db, branch, kind=StudySessionKind.party_lecture, chair=secretary, title=title
    )
    factories.create_attendance(db, study_session, secretary)
    url = f"/api/v1/study-sessions/{study_session.id}"
    assert client.patch(url, json={"recorder_id": secretary.id}).status_code == 200
    assert client.post(f"{url}/hold").status_code == 200
    return study_session.id or 0


def _client(
    application: FastAPI, db: Session, organization: Organization, role: Role, subtree: bool
) -> TestClient:
    account = make_account(
        db, organization.id or 0, login=role.value, role=role, include_subtree=subtree
    )
    db.commit()
    return TestClient(application, headers={"Authorization": f"Bearer {token_for(db, account)}"})


def test_the_rework_flag_from_spot_check_to_resolution(
    application: FastAPI, client: TestClient, db: Session
) -> None:
    county = factories.create_organization(db, name="长兴县委", code="CX")
    branch = factories.create_organization(db, name="东岭村党支部", parent=county, code="DL")
    original = _held_lecture(client, db, branch, "支部书记讲党课")
    assert client.post(f"/api/v1/study-sessions/{original}/finalize").status_code == 200
    inspector = _client(application, db, county, Role.inspector, True)
    secretary = _client(application, db, branch, Role.secretary, False)
    steps: list[Any] = []
    with inspector, secretary:
        criteria = inspector.get("/api/v1/spot-check-criteria").json()
        check = inspector.post(
            "/api/v1/spot-checks",
            json={
                "study_session_id": original,
                "checked_on": "2015-07-10",
                "method": "records_review",
                "scores": {criteria[0]["code"]: 40, criteria[2]["code"]: 30},
                "notes": "发言提纲照抄照搬，批评和自我批评辣味不足",
                "verdict": "make_up",
            },
        )
        steps.append(check)
        seen_by_secretary = secretary.get(f"/api/v1/study-sessions/{original}").json()
        notes = secretary.get("/api/v1/spot-checks", params={"study_session_id": original}).json()
        too_early = inspector.post(f"/api/v1/study-sessions/{original}/rework/resolve")
        make_up = secretary.post(
            "/api/v1/study-sessions",
            json={
                "organization_id": branch.id,
                "kind": "party_lecture",
                "title": "支部书记讲党课（补课）",
                "starts_at": "2015-07-20T19:00",
                "make_up_of_id": original,
            },
        )
        scheduled = secretary.get(f"/api/v1/study-sessions/{original}").json()["rework_flag"]
        make_up_id = make_up.json()["id"]
        db.rollback()
        make_up_session = db.get(StudySession, make_up_id)
        assert make_up_session is not None
        lecturer = factories.create_person(db, branch, name="曹丽娟", role=CommitteeRole.secretary)
        factories.create_attendance(db, make_up_session, lecturer)
        url = f"/api/v1/study-sessions/{make_up_id}"
        secretary.patch(url, json={"chair_id": lecturer.id, "recorder_id": lecturer.id})
        secretary.post(f"{url}/hold")
        finalized = secretary.post(f"{url}/finalize")
        held = secretary.get(f"/api/v1/study-sessions/{original}").json()["rework_flag"]
        passed = inspector.post(f"/api/v1/study-sessions/{original}/rework/resolve")
        final = secretary.get(f"/api/v1/study-sessions/{original}").json()

    assert check.status_code == 201, check.text
    assert check.json()["verdict"] == "make_up"
    assert check.json()["inspector"] == "inspector"
    weights = criteria[0]["weight"], criteria[2]["weight"]
    expected_total = (40 * weights[0] + 30 * weights[1]) / (weights[0] + weights[1])
    assert check.json()["total"] == round(expected_total, 1)
    assert seen_by_secretary["rework_flag"] == "open"
    assert seen_by_secretary["status"] == "finalized"  # the minutes themselves are untouched
    assert notes["items"][0]["notes"] == "发言提纲照抄照搬，批评和自我批评辣味不足"
    assert too_early.status_code == 409
    assert make_up.status_code == 201, make_up.text
    assert scheduled == "make_up_scheduled"
    assert finalized.status_code == 200, finalized.text
    assert held == "make_up_held"
    assert passed.status_code == 200
    assert final["rework_flag"] == "resolved"
    db.rollback()
    flags = db.exec(
        select(AuditEvent.after)
        .where(AuditEvent.action == "rework_flag", AuditEvent.entity_id == str(original))
        .order_by(col(AuditEvent.id))
    ).all()
    assert [json.loads(after or "{}")["rework_flag"] for after in flags] == [
        "open",
        "make_up_scheduled",
        "make_up_held",
        "resolved",
    ]
    assert db.exec(select(AuditEvent).where(AuditEvent.entity == "spot_check")).first() is not None


def test_only_inspectors_check_and_only_in_their_jurisdiction(
    application: FastAPI, client: TestClient, db: Session
) -> None:
    county = factories.create_organization(db, name="长兴县委", code="CX")
    branch = factories.create_organization(db, name="东岭村党支部", parent=county, code="DL")
    other = factories.create_organization(db, name="安吉县委", code="AJ")
    ours = _held_lecture(client, db, branch, "党课")
    theirs = _held_lecture(client, db, other, "党课")
    body = {"checked_on": "2015-07-10", "method": "sat_in", "verdict": "pass"}
    inspector = _client(application, db, county, Role.inspector, True)
    secretary = _client(application, db, branch, Role.secretary, False)
    before = row_counts(db)
    with inspector, secretary:
        foreign = inspector.post("/api/v1/spot-checks", json=body | {"study_session_id": theirs})
        bad_score = inspector.post(
            "/api/v1/spot-checks",
            json=body | {"study_session_id": ours, "scores": {"no_such_criterion": 50}},
        )
        by_secretary = secretary.post("/api/v1/spot-checks", json=body | {"study_session_id": ours})

    assert foreign.status_code == 404
    assert bad_score.status_code == 422
    assert field_error(bad_score.json(), "scores.no_such_criterion")
    assert by_secretary.status_code == 403
    assert row_counts(db) == before
