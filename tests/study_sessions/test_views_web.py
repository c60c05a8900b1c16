"""The pages in a browser's shoes: Chinese by default, errors next to their field, input kept."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.people.models import CommitteeRole
from app.study_sessions.models import AttendanceStatus, ContributionKind
from tests import factories
from tests.helpers import row_counts


@pytest.fixture
def minutes(db: Session):
    branch = factories.create_organization(db, name="和平镇机关党支部")
    secretary = factories.create_person(db, branch, name="李明华", role=CommitteeRole.secretary)
    member = factories.create_person(db, branch, name="赵红梅")
    study_session = factories.create_study_session(
        db, branch, title="“严以修身”专题学习研讨会", chair=secretary
    )
    factories.create_attendance(db, study_session, secretary)
    factories.create_contribution(
        db, study_session, secretary, round=1, content="带头对照检查，查摆自身问题。"
    )
    factories.create_contribution(
        db,
        study_session,
        member,
        round=2,
        kind=ContributionKind.criticism,
        target=secretary,
        content="调查研究不够深入。",
    )
    return {"session": study_session, "secretary": secretary, "member": member}


def _field_error(html: str, form: str, field: str) -> str:
    """The message shown next to a field (fails the test when there is none)."""
    match = re.search(rf'id="{form}-{field}-error"[^>]*>([^<]+)<', html)
    assert match, f"no error next to {form}-{field}"
    assert f'aria-describedby="{form}-{field}-error"' in html
    return match.group(1)


def test_list_page_is_in_chinese_by_default(client: TestClient, minutes) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert '<html lang="zh-CN">' in response.text
    assert "学习研讨" in response.text
    assert "“严以修身”专题学习研讨会" in response.text
    assert "专题研讨" in response.text  # the kind's label


def test_language_switch_is_remembered(client: TestClient, minutes) -> None:
    english = client.get("/", params={"lang": "en"})
    assert "Study sessions" in english.text
    assert "yantao_locale=en" in english.headers["set-cookie"]

    again = client.get("/")
    assert '<html lang="en">' in again.text


def test_detail_page_shows_rounds_and_speeches_in_order(client: TestClient, minutes) -> None:
    html = client.get(f"/study-sessions/{minutes['session'].id}").text

    assert (
        html.index("第 1 轮")
        < html.index("带头对照检查")
        < html.index("第 2 轮")
        < html.index("调查研究不够深入")
    )
    assert "赵红梅</strong> · 批评 → 李明华" in html


def test_attendance_form_error_is_next_to_the_field_and_input_is_kept(
    client: TestClient, db: Session, minutes
) -> None:
    member = minutes["member"]
    before = row_counts(db)

    response = client.post(
        f"/study-sessions/{minutes['session'].id}/attendance",
        data={"person_id": str(member.id), "status": "absent", "reason": ""},
    )

    assert response.status_code == 422
    assert _field_error(response.text, "attendance", "reason") == "请填写请假或缺席原因。"
    assert f'<option value="{member.id}" selected>赵红梅</option>' in response.text
    assert '<option value="absent" selected>缺席</option>' in response.text
    assert row_counts(db) == before


def test_speech_form_keeps_the_text_when_the_round_is_wrong(client: TestClient, minutes) -> None:
    response = client.post(
        f"/study-sessions/{minutes['session'].id}/contributions",
        data={
            "speaker_id": str(minutes["member"].id),
            "round": "0",
            "kind": "exchange",
            "content": "学习体会：要严以律己。",
        },
    )

    assert response.status_code == 422
    assert _field_error(response.text, "contributions", "round") == "数值过小。"
    assert "学习体会：要严以律己。</textarea>" in response.text


def test_criticism_without_target_is_explained_next_to_the_target(
    client: TestClient, minutes
) -> None:
    response = client.post(
        f"/study-sessions/{minutes['session'].id}/contributions",
        data={
            "speaker_id": str(minutes["member"].id),
            "round": "2",
            "kind": "criticism",
            "content": "批评意见。",
        },
    )

    assert response.status_code == 422
    assert _field_error(response.text, "contributions", "target_id") == "批评发言须注明被批评人。"


def test_a_valid_form_saves_and_returns_to_its_section(client: TestClient, minutes) -> None:
    study_session = minutes["session"]
    response = client.post(
        f"/study-sessions/{study_session.id}/attendance",
        data={
            "person_id": str(minutes["member"].id),
            "status": "on_leave",
            "reason": "外出参加市里培训",
        },
        follow_redirects=False,
    )

    assert response.status_code == 303
    # Back to its section, the form open again for the next entry.
    assert (
        response.headers["location"]
        == f"/study-sessions/{study_session.id}?again=attendance#attendance"
    )
    detail = client.get(f"/api/v1/study-sessions/{study_session.id}").json()
    assert [(a["person_name"], a["status"], a["reason"]) for a in detail["attendance"]][-1] == (
        "赵红梅",
        AttendanceStatus.on_leave.value,
        "外出参加市里培训",
    )


def test_plan_form_shows_end_before_start_next_to_the_end(
    client: TestClient, db: Session, minutes
) -> None:
    organization_id = minutes["session"].organization_id
    before = row_counts(db)
    response = client.post(
        "/study-sessions",
        data={
            "organization_id": str(organization_id),
            "kind": "branch_general_meeting",
            "title": "七月支部党员大会",
            "starts_at": "2015-07-01T14:30",
            "ends_at": "2015-07-01T09:00",
        },
    )

    assert response.status_code == 422
    assert _field_error(response.text, "plan", "ends_at") == "会议结束时间早于开始时间。"
    assert 'value="七月支部党员大会"' in response.text
    assert row_counts(db) == before


def test_unknown_session_page_is_a_friendly_404(client: TestClient) -> None:
    response = client.get("/study-sessions/987654")
    assert response.status_code == 404
    assert "页面不存在，或不在您的权限范围内。" in response.text
    assert "Traceback" not in response.text


def test_detail_page_shows_depth_indicators_with_their_inputs(client: TestClient, minutes) -> None:
    html = client.get(f"/study-sessions/{minutes['session'].id}").text
    api = client.get(f"/api/v1/study-sessions/{minutes['session'].id}/indicators").json()

    assert "研讨深度指标" in html
    assert "供阅读会议记录参考，不作为评判结论。" in html
    assert api["rounds"]["value"] == 2
    # 1 present (the secretary), who gave the one key speech: 100% (1 / 1)
    assert api["key_speech_participation"] == {"numerator": 1, "denominator": 1, "value": 1.0}
    assert "100% <small>(1 / 1)</small>" in html


def test_page_title_is_the_meetings_title(client: TestClient, minutes) -> None:
    html = client.get(f"/study-sessions/{minutes['session'].id}").text
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None
    assert title.group(1) == "“严以修身”专题学习研讨会 · 研讨"


def test_the_planning_form_takes_any_make_up_reference_without_breaking(client: TestClient) -> None:
    """A hand-edited address (``make_up_of_id=1/2``) shows the form, and posting it names the field."""
    page = client.get("/study-sessions/new", params={"make_up_of_id": "1/2"})
    posted = client.post(
        "/study-sessions",
        data={
            "organization_id": "1",
            "kind": "party_lecture",
            "title": "补课",
            "starts_at": "2015-07-20T09:00",
            "place": "会议室",
            "make_up_of_id": "a/b",
        },
    )

    assert page.status_code == 200
    assert 'name="make_up_of_id" value="1/2"' in page.text
    assert posted.status_code == 422
    assert "Traceback" not in posted.text
