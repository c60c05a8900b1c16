"""The rectification ledger: items from finalized findings and by hand, monthly progress, closure (销号)
by a reviewer who is not the owner, explicit and audited reopening, overdue at month boundaries, scope."""

from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.organizations.models import Organization
from app.people.models import CommitteeRole, Person
from app.rectification import service
from app.rectification.models import ItemStatus, RectificationItem
from app.scope import Scope
from app.study_sessions.models import StudySessionKind
from tests import factories
from tests.fixtures.accounts import make_account, token_for
from tests.helpers import field_error, if_match, row_counts

ITEMS = "/api/v1/rectification-items"


@pytest.fixture
def branch(db: Session) -> Organization:
    return factories.create_organization(db, name="东岭村党支部", code="DL")


@pytest.fixture
def owner(db: Session, branch: Organization) -> Person:
    return factories.create_person(db, branch, name="曹丽娟")


def _item(
    client: TestClient, branch: Organization, owner: Person, **fields: object
) -> dict[str, Any]:
    body = {
        "organization_id": branch.id,
        "source": "solicited_opinion",
        "problem": "村务公开栏更新不及时，财务公开只公布大项",
        "measure": "每月10日前更新村务公开栏，财务逐笔公开",
        "responsible_person_id": owner.id,
        "due_on": "2015-06-30",
        **fields,
    }
    response = client.post(ITEMS, json=body)
    assert response.status_code == 201, response.text
    item: dict[str, Any] = response.json()
    return item


def _client_for(
    application: FastAPI, db: Session, organization: Organization, role: Role, person: Person | None
) -> TestClient:
    account = make_account(
        db, organization.id or 0, login=f"{role.value}-{person.id if person else 0}", role=role
    )
    account.person_id = person.id if person else None
    db.add(account)
    db.commit()
    return TestClient(application, headers={"Authorization": f"Bearer {token_for(db, account)}"})


def test_finalizing_minutes_opens_an_item_per_finding_with_a_measure_linked_both_ways(
    client: TestClient, db: Session, branch: Organization
) -> None:
    secretary = factories.create_person(db, branch, name="韩明华", role=CommitteeRole.secretary)
    member = factories.create_person(db, branch, name="曹丽娟")
    study_session = factories.create_study_session(
        db, branch, kind=StudySessionKind.party_lecture, chair=secretary
    )
    factories.create_attendance(db, study_session, secretary)
    factories.create_attendance(db, study_session, member)
    url = f"/api/v1/study-sessions/{study_session.id}"
    client.patch(url, headers=if_match(client, url), json={"recorder_id": member.id})
    findings = [
        {
            "description": "理论学习不系统",
            "cause": "放松要求",
            "measure": "每周自学两次",
            "person_id": member.id,
        },
        {"description": "班子团结有待加强", "cause": "沟通少", "measure": "每月谈心一次"},
    ]
    for finding in findings:
        assert client.post(f"{url}/findings", json=finding).status_code == 201
    client.post(f"{url}/hold", headers=if_match(client, url))

    finalized = client.post(f"{url}/finalize", headers=if_match(client, url))

    assert finalized.status_code == 200, finalized.text
    ledger = client.get(ITEMS, params={"organization_id": branch.id}).json()["items"]
    assert [(i["number"], i["source"], i["problem"]) for i in ledger] == [
        (1, "finding", "理论学习不系统"),
        (2, "finding", "班子团结有待加强"),
    ]
    assert ledger[0]["responsible_person_name"] == "曹丽娟"
    assert ledger[1]["responsible_person_id"] is None  # the team's problem
    assert ledger[1]["responsible_leader_name"] == "韩明华"  # the chair
    assert {i["study_session_id"] for i in ledger} == {study_session.id}
    minutes = client.get(url).json()
    assert [f["rectification_item_id"] for f in minutes["findings"]] == [i["id"] for i in ledger]
    assert [i["finding_id"] for i in ledger] == [f["id"] for f in minutes["findings"]]
    # The next item, opened by hand, continues the organization's numbering.
    manual = client.post(
        ITEMS, json={"organization_id": branch.id, "source": "ordered", "problem": "责令整改的问题"}
    )
    assert manual.json()["number"] == 3


def test_items_from_findings_and_closed_items_cannot_be_made_by_hand(
    client: TestClient, db: Session, branch: Organization
) -> None:
    before = row_counts(db)

    finding = client.post(
        ITEMS, json={"organization_id": branch.id, "source": "finding", "problem": "问题"}
    )
    closed = client.post(
        ITEMS, json={"organization_id": branch.id, "problem": "问题", "status": "closed"}
    )
    blank = client.post(ITEMS, json={"organization_id": branch.id, "problem": "  "})

    assert finding.status_code == 422
    assert field_error(finding.json(), "source")["code"] == "finding_items_are_automatic"
    assert closed.status_code == 422
    assert field_error(closed.json(), "status")["code"] == "close_through_review"
    assert blank.status_code == 422
    assert field_error(blank.json(), "problem")
    assert row_counts(db) == before


def test_the_responsible_person_cannot_close_their_own_item(
    application: FastAPI, client: TestClient, db: Session, branch: Organization, owner: Person
) -> None:
    item = _item(client, branch, owner)
    with _client_for(application, db, branch, Role.secretary, owner) as as_owner:
        refused = as_owner.post(
            f"{ITEMS}/{item['id']}/close",
            headers=if_match(as_owner, f"{ITEMS}/{item['id']}"),
            json={"result": "已全部公开"},
        )

    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "owner_cannot_close"
    assert client.get(f"{ITEMS}/{item['id']}").json()["status"] == "not_started"


def test_a_reviewer_closes_with_a_result_and_a_closed_item_is_locked(
    application: FastAPI, client: TestClient, db: Session, branch: Organization, owner: Person
) -> None:
    item = _item(client, branch, owner)
    reviewer = factories.create_person(db, branch, name="韩明华", role=CommitteeRole.secretary)
    url = f"{ITEMS}/{item['id']}"
    with _client_for(application, db, branch, Role.secretary, reviewer) as as_reviewer:
        no_result = as_reviewer.post(f"{url}/close", headers=if_match(as_reviewer, url), json={})
        stale = as_reviewer.post(f"{url}/close", json={"result": "x"}, headers={"If-Match": '"7"'})
        early = as_reviewer.post(
            f"{url}/close",
            headers=if_match(as_reviewer, url),
            json={"result": "村务公开栏按月更新，群众满意"},
        )
        closed = as_reviewer.post(
            f"{url}/close",
            headers=if_match(as_reviewer, url),
            json={"result": "村务公开栏按月更新，群众满意", "early_reason": "已现场核实"},
        )
        login = "secretary-" + str(reviewer.id)

    assert no_result.status_code == 422
    assert field_error(no_result.json(), "result")
    # Not marked 已整改待销号: closed only with the reason it is closed early, which the item keeps.
    assert early.status_code == 422
    assert field_error(early.json(), "early_reason")["code"] == "closed_early_without_reason"
    assert closed.json()["closed_early_reason"] == "已现场核实"
    assert stale.status_code == 412
    assert closed.status_code == 200, closed.text
    body = closed.json()
    assert body["status"] == "closed"
    assert body["result"] == "村务公开栏按月更新，群众满意"
    assert body["closed_by"] == login
    assert body["closed_by_name"] == "韩明华"  # the person behind the account, for print
    assert "· 韩明华" in client.get(f"/ledger/{item['id']}").text
    assert body["closed_at"] is not None
    assert closed.headers["etag"] == f'"{body["version"]}"'
    assert (
        client.patch(url, headers=if_match(client, url), json={"measure": "改"}).status_code == 409
    )
    assert (
        client.post(
            f"{url}/progress", json={"month": "2015-07", "text": "x", "percent": 100}
        ).status_code
        == 409
    )
    results = client.get(ITEMS, params={"ledger": "results"}).json()["items"]
    open_items = client.get(ITEMS, params={"ledger": "rectification"}).json()["items"]
    assert [i["id"] for i in results] == [item["id"]]
    assert open_items == []


def test_reopening_is_an_explicit_audited_action_with_a_reason(
    client: TestClient, db: Session, branch: Organization, owner: Person
) -> None:
    item = _item(client, branch, owner)
    url = f"{ITEMS}/{item['id']}"
    assert (
        client.post(
            f"{url}/reopen", headers=if_match(client, url), json={"reason": "还没关"}
        ).status_code
        == 409
    )
    client.post(
        f"{url}/close",
        headers=if_match(client, url),
        json={"result": "已公开", "early_reason": "已核实"},
    )

    no_reason = client.post(f"{url}/reopen", headers=if_match(client, url), json={"reason": ""})
    reopened = client.post(
        f"{url}/reopen", headers=if_match(client, url), json={"reason": "群众反映财务明细仍未公开"}
    )

    assert no_reason.status_code == 422
    assert reopened.status_code == 200
    assert reopened.json()["status"] == "in_progress"
    assert reopened.json()["closed_by"] is None
    db.rollback()
    event = db.exec(
        select(AuditEvent)
        .where(AuditEvent.entity == "rectification_item", AuditEvent.action == "reopen")
        .order_by(col(AuditEvent.id).desc())
    ).one()
    assert event.entity_id == str(item["id"])
    assert "群众反映财务明细仍未公开" in (event.after or "")
    assert '"closed"' in (event.before or "")
    assert event.account_id is not None


def test_monthly_progress_one_report_per_month(
    client: TestClient, db: Session, branch: Organization, owner: Person
) -> None:
    item = _item(client, branch, owner)
    url = f"{ITEMS}/{item['id']}/progress"

    june = client.post(url, json={"month": "2015-06", "text": "已公开5月份收支", "percent": 40})
    again = client.post(url, json={"month": "2015-06", "text": "重复", "percent": 50})
    bad_month = client.post(url, json={"month": "2015-13", "text": "x", "percent": 50})
    too_much = client.post(url, json={"month": "2015-07", "text": "x", "percent": 101})
    fixed = client.patch(
        f"/api/v1/progress-entries/{june.json()['id']}",
        headers={"If-Match": f'"{june.json()["version"]}"'},
        json={"percent": 45},
    )

    assert june.status_code == 201
    assert june.json()["reporter"] == "admin"
    assert june.json()["reporter_name"] == "admin"  # an account without a person: its login
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "progress_month_reported"
    assert bad_month.status_code == 422
    assert field_error(bad_month.json(), "month")
    assert too_much.status_code == 422
    assert fixed.json()["percent"] == 45
    detail = client.get(f"{ITEMS}/{item['id']}").json()
    assert detail["status"] == "in_progress"  # the first report starts the item
    assert [(p["month"], p["percent"]) for p in detail["progress"]] == [("2015-06", 45)]


@pytest.mark.parametrize(
    ("on", "overdue"),
    [(date(2015, 6, 29), False), (date(2015, 6, 30), False), (date(2015, 7, 1), True)],
)
def test_overdue_from_the_day_after_the_due_date_until_closed(
    client: TestClient, db: Session, branch: Organization, owner: Person, on: date, overdue: bool
) -> None:
    item_id = _item(client, branch, owner, due_on="2015-06-30")["id"]
    db.rollback()
    item = db.get(RectificationItem, item_id)
    assert item is not None

    listed, _ = service.list_items(db, Scope.everything(), on=on, overdue=True)
    not_listed, _ = service.list_items(db, Scope.everything(), on=on, overdue=False)

    assert service.is_overdue(item, on) is overdue
    assert [i.id for i in listed] == ([item_id] if overdue else [])
    assert [i.id for i in not_listed] == ([] if overdue else [item_id])
    item.status = ItemStatus.closed
    assert service.is_overdue(item, on) is False
    db.rollback()


def test_a_secretary_can_neither_read_nor_change_another_branchs_ledger(
    application: FastAPI, client: TestClient, db: Session, branch: Organization, owner: Person
) -> None:
    other = factories.create_organization(db, name="南庄村党支部", code="NZ")
    other_owner = factories.create_person(db, other, name="林德福")
    foreign = _item(client, other, other_owner)
    own = _item(client, branch, owner)
    before = row_counts(db)
    with _client_for(application, db, branch, Role.secretary, None) as secretary:
        listed = secretary.get(ITEMS).json()["items"]
        read = secretary.get(f"{ITEMS}/{foreign['id']}")
        patched = secretary.patch(f"{ITEMS}/{foreign['id']}", json={"measure": "改"})
        progress = secretary.post(
            f"{ITEMS}/{foreign['id']}/progress",
            json={"month": "2015-06", "text": "x", "percent": 1},
        )
        closed = secretary.post(f"{ITEMS}/{foreign['id']}/close", json={"result": "x"})
        created = secretary.post(ITEMS, json={"organization_id": other.id, "problem": "问题"})
        assigned = secretary.patch(
            f"{ITEMS}/{own['id']}",
            headers=if_match(secretary, f"{ITEMS}/{own['id']}"),
            json={"responsible_person_id": other_owner.id},
        )

    assert [i["id"] for i in listed] == [own["id"]]
    assert [r.status_code for r in (read, patched, progress, closed)] == [404, 404, 404, 404]
    assert created.status_code == 404
    assert assigned.status_code == 404
    assert row_counts(db)["progress_entry"] == before["progress_entry"]
    assert row_counts(db)["rectification_item"] == before["rectification_item"]
