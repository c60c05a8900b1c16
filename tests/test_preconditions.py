"""Every API write to an existing versioned record needs ``If-Match``: without it the answer is 428
``precondition_required`` naming the header and nothing changes; with the ETag just read it goes
through; the OpenAPI document marks the header required on exactly those operations."""

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.models import Role
from app.flows import spot_checks as spot_check_flows
from app.main import create_app
from app.rectification import service as rectification_service
from app.rectification.schemas import ItemCreate, ProgressCreate
from app.spot_checks.models import CheckMethod, Circular, Verdict
from app.spot_checks.schemas import SpotCheckCreate
from app.study_sessions import parts_service
from app.study_sessions.schemas import FindingCreate, SpeechOutlineCreate, TopicCreate
from tests import factories
from tests.fixtures.accounts import make_account
from tests.helpers import field_error, row_counts

DOCUMENT = create_app().openapi()
VERSIONED_WRITES = sorted(
    (method.upper(), path)
    for path, operations in DOCUMENT["paths"].items()
    for method, operation in operations.items()
    if any(
        parameter["in"] == "header" and parameter["name"] == "if-match" and parameter["required"]
        for parameter in operation.get("parameters", [])
    )
)
# Where the ETag of the record a write changes is read (a progress entry carries its version).
READ_PATH = {
    "study_session_id": "/api/v1/study-sessions/{study_session_id}",
    "attendance_id": "/api/v1/attendance/{attendance_id}",
    "topic_id": "/api/v1/topics/{topic_id}",
    "outline_id": "/api/v1/outlines/{outline_id}",
    "contribution_id": "/api/v1/contributions/{contribution_id}",
    "finding_id": "/api/v1/findings/{finding_id}",
    "item_id": "/api/v1/rectification-items/{item_id}",
    "spot_check_id": "/api/v1/spot-checks/{spot_check_id}",
    "circular_id": "/api/v1/circulars/{circular_id}",
}
BODIES = {
    "/api/v1/study-sessions/{study_session_id}/amendments": {
        "reason": "地点写错",
        "changes": {"place": "党员活动室"},
    },
    "/api/v1/attendance/{attendance_id}/amendments": {
        "reason": "核对",
        "changes": {"reason": "补记"},
    },
    "/api/v1/topics/{topic_id}/amendments": {"reason": "核对", "changes": {"title": "严以律己"}},
    "/api/v1/outlines/{outline_id}/amendments": {"reason": "核对", "changes": {"body": "提纲全文"}},
    "/api/v1/contributions/{contribution_id}/amendments": {
        "reason": "错字",
        "changes": {"content": "更正后的发言"},
    },
    "/api/v1/findings/{finding_id}/amendments": {"reason": "核对", "changes": {"cause": "原因"}},
    "/api/v1/rectification-items/{item_id}/close": {"result": "已整改", "early_reason": "核实"},
    "/api/v1/rectification-items/{item_id}/reopen": {"reason": "复查未过"},
    "/api/v1/spot-checks/{spot_check_id}/record": {
        "checked_on": "2015-07-02",
        "method": "sat_in",
        "verdict": "pass",
    },
    "/api/v1/circulars/{circular_id}": {"title": "关于2015年6月学习研讨抽查情况的通报"},
}


def test_the_document_requires_if_match_on_every_write_to_a_versioned_record() -> None:
    versioned = re.compile(
        r"/(study-sessions|attendance|topics|outlines|contributions|findings|"
        r"rectification-items|progress-entries|circulars)/\{\w+\}$"
    )
    changes_in_place = {
        (method.upper(), path)
        for path, operations in DOCUMENT["paths"].items()
        for method in operations
        if method in ("put", "patch", "delete") and versioned.search(path)
    }
    transitions = {
        ("POST", "/api/v1/study-sessions/{study_session_id}/hold"),
        ("POST", "/api/v1/study-sessions/{study_session_id}/finalize"),
        ("POST", "/api/v1/study-sessions/{study_session_id}/amendments"),
        ("POST", "/api/v1/attendance/{attendance_id}/amendments"),
        ("POST", "/api/v1/topics/{topic_id}/amendments"),
        ("POST", "/api/v1/outlines/{outline_id}/amendments"),
        ("POST", "/api/v1/contributions/{contribution_id}/amendments"),
        ("POST", "/api/v1/findings/{finding_id}/amendments"),
        ("POST", "/api/v1/rectification-items/{item_id}/close"),
        ("POST", "/api/v1/rectification-items/{item_id}/reopen"),
        ("POST", "/api/v1/spot-checks/{spot_check_id}/record"),
        ("POST", "/api/v1/circulars/{circular_id}/issue"),
    }

    assert set(VERSIONED_WRITES) == changes_in_place | transitions
    for method, path in VERSIONED_WRITES:
        responses = DOCUMENT["paths"][path][method.lower()]["responses"]
        assert "428" in responses, f"{method} {path} does not document 428"


def _world(db: Session) -> dict[str, int]:
    branch = factories.create_organization(db, name="东岭村党支部")
    secretary = factories.create_person(db, branch, name="韩明华")
    member = factories.create_person(db, branch, name="曹丽娟")
    meeting = factories.create_study_session(db, branch, chair=secretary)
    attendance = factories.create_attendance(db, meeting, secretary)
    contribution = factories.create_contribution(db, meeting, secretary)
    scope = factories.EVERYTHING
    topic = parts_service.create_topic(db, scope, meeting, TopicCreate(title="严以修身"))
    outline = parts_service.create_outline(
        db, scope, meeting, SpeechOutlineCreate(author_id=secretary.id or 0, body="提纲")
    )
    finding = parts_service.create_finding(db, scope, meeting, FindingCreate(description="问题"))
    account = make_account(db, branch.id or 0, login="reporter", role=Role.secretary)
    item = rectification_service.create_item(
        db, scope, ItemCreate(organization_id=branch.id or 0, problem="学习不够系统")
    )
    entry = rectification_service.add_progress(
        db, item, ProgressCreate(month="2015-06", text="已制定学习计划", percent=10), account
    )
    check = spot_check_flows.record_check(
        db,
        scope,
        account,
        SpotCheckCreate(
            study_session_id=meeting.id or 0,
            checked_on=date(2015, 7, 1),
            method=CheckMethod.sat_in,
            verdict=Verdict.passed,
        ),
    )
    circular = Circular(organization_id=branch.id or 0, month="2015-06", title="通报")
    db.add(circular)
    db.commit()
    return {
        "circular_id": circular.id or 0,
        "study_session_id": meeting.id or 0,
        "attendance_id": attendance.id or 0,
        "topic_id": topic.id or 0,
        "outline_id": outline.id or 0,
        "contribution_id": contribution.id or 0,
        "finding_id": finding.id or 0,
        "item_id": item.id or 0,
        "entry_id": entry.id or 0,
        "spot_check_id": check.id or 0,
        "member_id": member.id or 0,
    }


def _fill(path: str, ids: dict[str, int]) -> str:
    return re.sub(r"\{(\w+)\}", lambda match: str(ids[match.group(1)]), path)


@pytest.mark.parametrize(
    ("method", "path"), VERSIONED_WRITES, ids=[f"{m} {p}" for m, p in VERSIONED_WRITES]
)
def test_a_versioned_write_without_if_match_is_428_and_changes_nothing(
    client: TestClient, db: Session, method: str, path: str
) -> None:
    ids = _world(db)
    url = _fill(path, ids)
    body = BODIES.get(path, {} if method != "DELETE" else None)
    before = row_counts(db)

    missing = client.request(method, url, json=body)
    unreadable = client.request(method, url, json=body, headers={"If-Match": "latest"})

    assert missing.status_code == 428, missing.text
    assert missing.json()["error"]["code"] == "precondition_required"
    assert field_error(missing.json(), "If-Match")["code"] == "precondition_required"
    assert unreadable.status_code == 422
    assert field_error(unreadable.json(), "If-Match")
    assert row_counts(db) == before
    if "{entry_id}" in path:
        progress = client.get(_fill("/api/v1/rectification-items/{item_id}/progress", ids))
        etag = f'"{progress.json()[0]["version"]}"'
    else:
        key = re.findall(r"\{(\w+)\}", path)[0]
        etag = client.get(_fill(READ_PATH[key], ids)).headers["ETag"]
    with_etag = client.request(method, url, json=body, headers={"If-Match": etag})
    assert with_etag.status_code not in (412, 428), with_etag.text
    assert with_etag.status_code < 500
