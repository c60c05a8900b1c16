"""The ledger pages: the three lists, an item's page with its forms; errors next to their field, input kept."""

from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.models import Role
from app.organizations.models import Organization
from app.people.models import Person
from app.rectification.models import RectificationItem
from tests import factories
from tests.fixtures.accounts import make_account, token_for
from tests.helpers import if_match, row_counts
from tests.study_sessions.test_views_web import _field_error


@pytest.fixture
def ledger(client: TestClient, db: Session) -> dict[str, Any]:
    branch = factories.create_organization(db, name="东岭村党支部", code="DL")
    owner = factories.create_person(db, branch, name="曹丽娟")
    items = []
    for problem, due in (("村务公开不及时", "2015-06-30"), ("“三会一课”记录不规范", "2099-12-31")):
        response = client.post(
            "/api/v1/rectification-items",
            json={
                "organization_id": branch.id,
                "source": "solicited_opinion",
                "problem": problem,
                "measure": "按月公开",
                "responsible_person_id": owner.id,
                "due_on": due,
            },
        )
        items.append(response.json())
    client.post(
        f"/api/v1/rectification-items/{items[1]['id']}/close",
        headers=if_match(client, f"/api/v1/rectification-items/{items[1]['id']}"),
        json={"result": "记录已规范", "early_reason": "现场核实"},
    )
    return {"branch": branch, "owner": owner, "items": items}


def test_the_three_lists_show_the_right_items_in_chinese(
    client: TestClient, ledger: dict[str, Any]
) -> None:
    problems = client.get("/ledger")
    rectification = client.get("/ledger", params={"ledger": "rectification"})
    results = client.get("/ledger", params={"ledger": "results"})
    overdue = client.get("/ledger", params={"overdue": "true"})

    assert problems.status_code == 200
    assert "问题清单" in problems.text
    assert "村务公开不及时" in problems.text
    assert "“三会一课”记录不规范" in problems.text
    assert "征求意见" in problems.text  # the source's label
    assert "村务公开不及时" in rectification.text
    assert "“三会一课”记录不规范" not in rectification.text
    assert "逾期" in rectification.text  # due 2015-06-30, long past
    assert "记录已规范" in results.text
    assert "村务公开不及时" not in results.text
    assert "村务公开不及时" in overdue.text
    assert "“三会一课”记录不规范" not in overdue.text
    owner = ledger["owner"]
    mine = client.get("/ledger", params={"responsible_person_id": owner.id})
    nobody = client.get("/ledger", params={"responsible_person_id": 987654})
    assert "村务公开不及时" in mine.text
    assert "村务公开不及时" not in nobody.text


def test_a_bad_progress_report_is_shown_again_with_the_message_next_to_the_field(
    client: TestClient, db: Session, ledger: dict[str, Any]
) -> None:
    item = ledger["items"][0]
    before = row_counts(db)

    response = client.post(
        f"/ledger/{item['id']}/progress",
        data={"month": "2015-6", "percent": "40", "text": "已公开5月份收支"},
    )

    assert response.status_code == 422
    assert _field_error(response.text, "progress", "month")
    assert "已公开5月份收支" in response.text  # what was typed is kept
    assert row_counts(db) == before
    saved = client.post(
        f"/ledger/{item['id']}/progress",
        data={"month": "2015-06", "percent": "40", "text": "已公开5月份收支"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    page = client.get(f"/ledger/{item['id']}")
    assert "2015-06" in page.text
    assert "40%" in page.text
    assert "正在整改" in page.text


def test_the_owner_closing_their_item_sees_why_on_the_page(
    application: FastAPI, db: Session, ledger: dict[str, Any]
) -> None:
    owner: Person = ledger["owner"]
    branch: Organization = ledger["branch"]
    account = make_account(db, branch.id or 0, login="caolijuan", role=Role.secretary)
    account.person_id = owner.id
    db.add(account)
    db.commit()
    item = ledger["items"][0]
    with TestClient(
        application, headers={"Authorization": f"Bearer {token_for(db, account)}"}
    ) as as_owner:
        refused = as_owner.post(f"/ledger/{item['id']}/close", data={"result": "已公开"})
        page = as_owner.get(f"/ledger/{item['id']}")

    assert refused.status_code == 422
    assert "整改责任人不能为自己的事项销号" in refused.text
    assert "已公开" in refused.text
    assert "销号" in page.text
    assert "未启动" in page.text


def test_opening_an_item_by_hand_and_clearing_its_due_date(
    client: TestClient, ledger: dict[str, Any]
) -> None:
    branch: Organization = ledger["branch"]

    missing = client.post("/ledger", data={"organization_id": str(branch.id), "source": "ordered"})
    created = client.post(
        "/ledger",
        data={
            "organization_id": str(branch.id),
            "source": "ordered",
            "problem": "党员积分管理流于形式",
            "due_on": "2015-12-31",
        },
        follow_redirects=False,
    )
    url = created.headers["location"]
    page = client.get(url)
    version = page.text.split('name="version" value="')[1].split('"')[0]
    cleared = client.post(
        f"{url}/edit", data={"due_on": "", "status": "in_progress", "version": version}
    )

    assert missing.status_code == 422
    assert _field_error(missing.text, "item", "problem")
    assert created.status_code == 303
    assert "党员积分管理流于形式" in page.text
    assert "2015年12月31日" in page.text
    assert cleared.status_code == 200  # followed the redirect back to the item
    assert "2015年12月31日" not in cleared.text
    assert "正在整改" in cleared.text


def test_closing_an_item_asks_first_and_keeps_the_result_through_the_question(
    client: TestClient, ledger: dict[str, Any]
) -> None:
    item = ledger["items"][0]
    url = f"/ledger/{item['id']}/close"
    version = str(client.get(f"/api/v1/rectification-items/{item['id']}").json()["version"])

    early_reason = "群众已确认"
    question = client.post(
        url, data={"result": "村务公开栏按月更新", "early_reason": early_reason, "version": version}
    )

    assert question.status_code == 200
    assert "确定为这一事项销号吗？" in question.text
    assert 'name="result" value="村务公开栏按月更新"' in question.text
    assert client.get(f"/api/v1/rectification-items/{item['id']}").json()["status"] != "closed"
    done = client.post(
        url,
        data={
            "result": "村务公开栏按月更新",
            "early_reason": early_reason,
            "version": version,
            "confirm": "yes",
        },
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert client.get(f"/api/v1/rectification-items/{item['id']}").json()["status"] == "closed"


def test_the_closing_time_and_the_early_reason_are_shown_as_the_office_reads_them(
    client: TestClient, db: Session, ledger: dict[str, Any]
) -> None:
    closed = db.get(RectificationItem, ledger["items"][1]["id"])
    assert closed is not None
    closed.closed_at = datetime(2015, 10, 30, 8, 0)  # UTC, as stored
    db.add(closed)
    db.commit()

    page = client.get(f"/ledger/{closed.id}")

    assert "2015年10月30日 16:00" in page.text  # Beijing time
    assert "提前销号原因" in page.text
    assert "现场核实" in page.text
