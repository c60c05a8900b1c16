"""A secretary's evening in the browser: plan, hold, record, finalize (refused, fixed, done) — in Chinese."""

import re

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.models import Role
from app.people.models import CommitteeRole
from tests import factories
from tests.fixtures.accounts import ADMIN_PASSWORD, make_account


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match
    return match.group(1)


def test_plan_hold_record_and_finalize_in_the_browser(
    anonymous_client: TestClient, db: Session
) -> None:
    browser = anonymous_client
    branch = factories.create_organization(db, name="东岭村党支部")
    secretary = factories.create_person(db, branch, name="韩明华", role=CommitteeRole.secretary)
    member = factories.create_person(db, branch, name="曹丽娟", role=CommitteeRole.committee_member)
    veteran = factories.create_person(db, branch, name="邓永福")
    make_account(db, branch.id or 0, login="hmh", role=Role.secretary)
    db.commit()
    token = _csrf(browser.get("/login").text)
    browser.post("/login", data={"login": "hmh", "password": ADMIN_PASSWORD, "csrf_token": token})

    csrf = _csrf(browser.get("/study-sessions/new").text)  # one token per login session

    def post(url: str, **form: str):
        return browser.post(url, data=form | {"csrf_token": csrf}, follow_redirects=False)

    planned = post(
        "/study-sessions",
        organization_id=str(branch.id),
        kind="branch_general_meeting",
        title="支部党员大会：学习“三严三实”",
        starts_at="2015-08-26T19:00",
    )
    assert planned.status_code == 303, planned.text
    url = planned.headers["location"]
    assert post(f"{url}/hold").status_code == 303
    post(f"{url}/attendance", person_id=str(secretary.id), status="present")
    post(f"{url}/attendance", person_id=str(member.id), status="present")
    post(f"{url}/attendance", person_id=str(veteran.id), status="on_leave", reason="外出培训")

    refused = post(f"{url}/finalize")

    assert refused.status_code == 422
    assert "会议记录暂不能定稿。" in refused.text
    assert "请填写会议主持人。" in refused.text
    assert "请填写会议记录人。" in refused.text

    fixed = post(f"{url}/header", chair_id=str(secretary.id), recorder_id=str(member.id))
    assert fixed.status_code == 303, fixed.text
    confirm = browser.get(f"{url}/finalize")  # the confirmation page, without JavaScript
    assert confirm.status_code == 200
    assert "会议记录定稿</button>" in confirm.text
    finalized = post(f"{url}/finalize", confirm="yes")
    assert finalized.status_code == 303, finalized.text
    page = browser.get(url).text
    assert "已定稿" in page
    assert "会议记录定稿</button>" not in page  # nothing left to press

    version = page.split('name="version" value="')[1].split('"')[0]
    no_reason = post(f"{url}/amend", version=version, place="村党员活动室")
    assert no_reason.status_code == 422
    assert "请填写修订原因。" in no_reason.text
    amended = post(
        f"{url}/amend", version=version, reason="会议地点记错，予以更正", place="村党员活动室"
    )
    assert amended.status_code == 303, amended.text
    page = browser.get(url).text
    assert "修订记录" in page
    assert "会议地点记错，予以更正" in page
    assert "村党员活动室" in page
