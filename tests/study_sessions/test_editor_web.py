"""The minutes editor in a browser's shoes: every row corrected, deleted (after a question) or moved on
the page, refusals that name the item and link to it, and no 405 after a reload."""

import re
import subprocess
import zipfile
from datetime import datetime
from html import escape
from io import BytesIO
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.auth.models import Role
from app.clock import utc_to_local, utcnow
from app.main import named_routes
from app.organizations.models import Organization
from app.people.models import CommitteeRole
from app.study_sessions import parts_service
from app.study_sessions.models import (
    Attendance,
    AttendanceStatus,
    Contribution,
    StudySessionKind,
)
from app.study_sessions.schemas import FindingCreate, SpeechOutlineCreate
from tests import factories
from tests.factories import EVERYTHING
from tests.fixtures.accounts import ADMIN_PASSWORD, make_account, token_for
from tests.helpers import if_match, row_counts


@pytest.fixture
def meeting(db: Session):
    branch = factories.create_organization(db, name="东岭村党支部")
    secretary = factories.create_person(db, branch, name="韩明华", role=CommitteeRole.secretary)
    member = factories.create_person(db, branch, name="曹丽娟")
    veteran = factories.create_person(db, branch, name="邓永福")
    study_session = factories.create_study_session(
        db, branch, title="“严以用权”专题党课", kind=StudySessionKind.party_lecture, chair=secretary
    )
    for person in (secretary, member, veteran):
        factories.create_attendance(db, study_session, person)
    speeches = [
        factories.create_contribution(db, study_session, person, content=f"{person.name}的发言。")
        for person in (secretary, member, veteran)
    ]
    return {
        "session": study_session,
        "url": f"/study-sessions/{study_session.id}",
        "secretary": secretary,
        "member": member,
        "veteran": veteran,
        "speeches": speeches,
    }


def _speech_form(speech: Contribution, **changes: str) -> dict[str, str]:
    """What a speech's edit form posts: every field it shows, as the page filled it in."""
    return {
        "version": str(speech.version),
        "speaker_id": str(speech.speaker_id),
        "round": str(speech.round),
        "kind": str(speech.kind),
        "target_id": "",
        "topic_id": "",
        "content": speech.content,
    } | changes


def _speakers_in_order(db: Session, meeting) -> list[str]:
    db.expire_all()
    names = {p.id: p.name for p in (meeting["secretary"], meeting["member"], meeting["veteran"])}
    rows = db.exec(
        select(Contribution)
        .where(Contribution.study_session_id == meeting["session"].id)
        .order_by(Contribution.round, Contribution.position)  # type: ignore[arg-type]
    ).all()
    return [f"{r.round}.{r.position} {names[r.speaker_id]}" for r in rows]


def test_a_speech_with_the_wrong_speaker_is_corrected_in_place(
    client: TestClient, db: Session, meeting
) -> None:
    speech = meeting["speeches"][1]
    page = client.get(meeting["url"]).text
    assert f'action="{meeting["url"]}/contributions/{speech.id}"' in page  # its edit form is there

    saved = client.post(
        f"{meeting['url']}/contributions/{speech.id}",
        data=_speech_form(speech, speaker_id=str(meeting["veteran"].id)),
        follow_redirects=False,
    )

    assert saved.status_code == 303
    assert saved.headers["location"] == f"{meeting['url']}#contributions-{speech.id}"
    page = client.get(meeting["url"]).text
    assert 'class="flash" role="status">已保存。' in page
    assert _speakers_in_order(db, meeting) == ["1.1 韩明华", "1.2 邓永福", "1.3 邓永福"]
    assert 'class="flash"' not in client.get(meeting["url"]).text  # shown once


def test_a_refused_edit_opens_that_row_again_with_the_typed_text(
    client: TestClient, db: Session, meeting
) -> None:
    speech = meeting["speeches"][1]
    before = row_counts(db)

    refused = client.post(
        f"{meeting['url']}/contributions/{speech.id}",
        data=_speech_form(speech, kind="criticism", content="韩书记调研不够深入。"),
    )

    assert refused.status_code == 422
    form_id = f"contributions-{speech.id}"
    assert re.search(
        rf'id="{form_id}-target_id-error"[^>]*>批评发言须注明被批评人。<', refused.text
    )
    assert "韩书记调研不够深入。</textarea>" in refused.text
    assert '<details class="edit" open>' in refused.text
    assert row_counts(db) == before
    db.expire_all()
    assert db.get(Contribution, speech.id).content == "曹丽娟的发言。"  # type: ignore[union-attr]


def test_an_edit_from_an_older_page_is_refused_and_keeps_the_input(
    client: TestClient, meeting
) -> None:
    speech = meeting["speeches"][0]
    url = f"{meeting['url']}/contributions/{speech.id}"
    assert client.post(url, data=_speech_form(speech, content="第一次更正。")).status_code == 200

    stale = client.post(url, data=_speech_form(speech, content="第二个人的更正。"))

    assert stale.status_code == 422
    assert "这一条刚被他人修改过" in stale.text
    assert "第二个人的更正。</textarea>" in stale.text


def test_delete_asks_first_then_removes_and_renumbers(
    client: TestClient, db: Session, meeting
) -> None:
    first = meeting["speeches"][0]
    delete = f"{meeting['url']}/contributions/{first.id}/delete"

    question = client.get(delete)  # the confirmation page (no JavaScript)
    assert question.status_code == 200
    assert "删除这条发言？" in question.text
    assert "韩明华：韩明华的发言。" in question.text
    unconfirmed = client.post(delete, data={"version": str(first.version)})
    assert unconfirmed.status_code == 200
    assert 'name="confirm" value="yes"' in unconfirmed.text
    assert len(_speakers_in_order(db, meeting)) == 3

    done = client.post(
        delete, data={"version": str(first.version), "confirm": "yes"}, follow_redirects=False
    )

    assert done.status_code == 303
    assert _speakers_in_order(db, meeting) == ["1.1 曹丽娟", "1.2 邓永福"]
    assert "已删除。" in client.get(meeting["url"]).text


def test_a_topic_speeches_refer_to_is_not_deleted_and_the_page_says_why(
    client: TestClient, db: Session, meeting
) -> None:
    created = client.post(f"{meeting['url']}/topics", data={"title": "如何严以用权"})
    assert created.status_code == 200
    topic_id = int(re.findall(r'id="topics-(\d+)"', client.get(meeting["url"]).text)[0])
    speech = meeting["speeches"][0]
    client.post(
        f"{meeting['url']}/contributions/{speech.id}",
        data=_speech_form(speech, topic_id=str(topic_id)),
    )

    refused = client.post(
        f"{meeting['url']}/topics/{topic_id}/delete", data={"confirm": "yes", "version": "1"}
    )

    assert refused.status_code == 409
    assert "已有发言关联该研讨题目。" in refused.text


def test_speeches_move_up_and_down_and_to_another_round(
    client: TestClient, db: Session, meeting
) -> None:
    last = meeting["speeches"][2]
    moved = client.post(
        f"{meeting['url']}/contributions/{last.id}/move",
        data={"direction": "up"},
        follow_redirects=False,
    )
    assert moved.status_code == 303
    assert _speakers_in_order(db, meeting) == ["1.1 韩明华", "1.2 邓永福", "1.3 曹丽娟"]

    first = meeting["speeches"][0]
    client.post(f"{meeting['url']}/contributions/{first.id}/move", data={"direction": "up"})
    assert _speakers_in_order(db, meeting)[0] == "1.1 韩明华"  # the top one stays on top

    db.refresh(first)
    client.post(f"{meeting['url']}/contributions/{first.id}", data=_speech_form(first, round="2"))
    assert _speakers_in_order(db, meeting) == ["1.1 邓永福", "1.2 曹丽娟", "2.1 韩明华"]


def test_a_problem_without_a_cause_is_named_by_its_number_and_fixed_on_the_page(
    client: TestClient, db: Session, meeting
) -> None:
    study_session = meeting["session"]
    url = meeting["url"]
    client.post(f"{url}/header", data={"recorder_id": str(meeting["member"].id), "version": "1"})
    for description, cause in (("学习不够深入", "重业务轻学习"), ("调研不够经常", "")):
        data = FindingCreate(description=description, cause=cause, measure="每月调研一次")
        parts_service.create_finding(db, EVERYTHING, study_session, data)
    db.commit()
    client.post(f"{url}/hold")
    finding_id = int(re.findall(r'id="findings-(\d+)"', client.get(url).text)[1])

    refused = client.post(f"{url}/finalize")

    assert refused.status_code == 422
    assert f'<a href="#findings-{finding_id}">第2条查摆问题缺少原因剖析。</a>' in refused.text
    fixed = client.post(
        f"{url}/findings/{finding_id}",
        data={
            "version": "1",
            "description": "调研不够经常",
            "cause": "宗旨意识有所淡化",
            "measure": "每月调研一次",
        },
        follow_redirects=False,
    )
    assert fixed.status_code == 303
    question = client.get(f"{url}/finalize")
    assert question.status_code == 200
    assert "确定将会议记录定稿吗？" in question.text
    done = client.post(f"{url}/finalize", data={"confirm": "yes"}, follow_redirects=False)
    assert done.status_code == 303
    assert "会议记录已定稿。" in client.get(url).text


def test_the_secretary_first_rule_compares_the_dates_handed_in(
    client: TestClient, db: Session, meeting
) -> None:
    study_session = meeting["session"]
    url = meeting["url"]
    early = SpeechOutlineCreate(
        author_id=meeting["member"].id, body="一、学习体会", submitted_at=datetime(2015, 6, 1)
    )
    outline = parts_service.create_outline(db, EVERYTHING, study_session, early)
    secretary_data = SpeechOutlineCreate(author_id=meeting["secretary"].id, body="一、带头查摆")
    secretary_outline = parts_service.create_outline(db, EVERYTHING, study_session, secretary_data)
    db.commit()
    # Without a date an outline counts as handed in for the meeting (its start), not when typed.
    assert secretary_outline.submitted_at == datetime(2015, 6, 12, 14, 30)
    api = f"/api/v1/study-sessions/{study_session.id}/review"
    study_session.kind = StudySessionKind.special_seminar
    db.add(study_session)
    db.commit()

    problems = client.get(api).json()["problems"]
    late = [p for p in problems if p["code"] == "secretary_outline_not_first"]
    assert late == [
        {
            "code": "secretary_outline_not_first",
            "message": "曹丽娟的发言提纲日期早于书记的提纲：书记的提纲应当最先提交（请更正提纲的提交日期）。",
            "part": "outlines",
            "part_id": outline.id,
        }
    ]
    page = client.get(url).text
    assert "2015年6月1日提交" in page
    assert "2015年6月12日提交" in page

    fixed = client.post(
        f"{url}/outlines/{outline.id}",
        data={"version": "1", "body": "一、学习体会", "submitted_at": "2015-06-12"},
        follow_redirects=False,
    )

    assert fixed.status_code == 303
    codes = [p["code"] for p in client.get(api).json()["problems"]]
    assert "secretary_outline_not_first" not in codes


def test_a_speech_keeps_its_paragraphs_on_the_page(
    client: TestClient, db: Session, meeting
) -> None:
    lines = [f"　　第{n}段：对照检查，深刻剖析。  " for n in range(1, 13)]
    created = client.post(
        f"{meeting['url']}/contributions",
        data={
            "speaker_id": str(meeting["member"].id),
            "round": "2",
            "kind": "exchange",
            "content": "\r\n".join(lines[:6]) + "\r\n\r\n" + "\r\n".join(lines[6:]),
        },
    )
    assert created.status_code == 200

    page = client.get(meeting["url"]).text
    speech = page[page.index("第1段") - 200 : page.index("第12段") + 40]

    paragraphs = re.findall(r"<p>(第\d+段：对照检查，深刻剖析。)</p>", speech)
    assert len(paragraphs) == 12
    assert '<div class="text"><p>第1段' in speech  # the indent is the page's, not typed spaces


def _reload_path(path: str) -> str:
    return re.sub(r"\{part\}", "topics", re.sub(r"\{\w*id(?::int)?\}", "1", path))


def test_reloading_the_address_of_any_form_goes_back_to_its_page(
    client: TestClient, meeting
) -> None:
    """A refused post leaves its URL in the address bar; reloading it is a GET, never a 405."""
    methods: dict[str, set[str]] = {}
    for _name, route_methods, path in named_routes():
        methods.setdefault(path, set()).update(route_methods)
    checked = 0
    for path, offered in methods.items():
        if "POST" not in offered or path.startswith("/api/") or "GET" in offered:
            continue
        concrete = _reload_path(path)
        response = client.get(concrete, follow_redirects=False)
        if response.status_code == 200:  # a GET of its own (a confirmation page)
            continue
        assert response.status_code == 303, (path, response.status_code)
        assert concrete.startswith(response.headers["location"].rstrip("/")), path
        checked += 1
    assert checked >= 15
    assert client.get("/api/v1/study-sessions/1/hold").status_code == 405  # the API stays exact


def test_the_roster_records_everyone_in_one_save_and_names_each_missing_reason(
    client: TestClient, db: Session, meeting
) -> None:
    url = meeting["url"]
    branch = db.get(Organization, meeting["session"].organization_id)
    assert branch is not None
    newcomer = factories.create_person(db, branch, name="许国平")
    page = client.get(url).text
    assert f'id="roster-status-{newcomer.id}"' in page  # every member is listed, present by default
    ids = {name: meeting[name].id for name in ("secretary", "member", "veteran")}
    posted = {
        f"status-{ids['secretary']}": "present",
        f"status-{ids['member']}": "on_leave",
        f"reason-{ids['member']}": "",
        f"status-{ids['veteran']}": "late",
        f"status-{newcomer.id}": "absent",
        f"reason-{newcomer.id}": "",
    }
    before = row_counts(db)

    refused = client.post(f"{url}/roster", data=posted)

    assert refused.status_code == 422
    for person_id in (ids["member"], newcomer.id):
        assert f'id="roster-reason-{person_id}-error"' in refused.text
    assert '<option value="late" selected>迟到</option>' in refused.text  # what was chosen stays
    assert row_counts(db) == before

    posted |= {f"reason-{ids['member']}": "外出培训", f"reason-{newcomer.id}": "联系不上"}
    saved = client.post(f"{url}/roster", data=posted, follow_redirects=False)

    assert saved.status_code == 303
    detail = client.get(f"/api/v1/study-sessions/{meeting['session'].id}").json()
    statuses = {a["person_name"]: (a["status"], a["reason"]) for a in detail["attendance"]}
    assert statuses == {
        "韩明华": ("present", ""),
        "曹丽娟": ("on_leave", "外出培训"),
        "邓永福": ("late", ""),
        "许国平": ("absent", "联系不上"),
    }
    assert (detail["expected"], detail["present"]) == (4, 2)


def test_finalize_names_a_member_whose_attendance_is_missing(
    client: TestClient, db: Session, meeting
) -> None:
    url = meeting["url"]
    branch = db.get(Organization, meeting["session"].organization_id)
    assert branch is not None
    factories.create_person(db, branch, name="许国平")
    client.post(f"{url}/header", data={"recorder_id": str(meeting["member"].id), "version": "1"})
    client.post(f"{url}/hold")

    refused = client.post(f"{url}/finalize")

    assert refused.status_code == 422
    assert '<a href="#attendance">未记录许国平的出席情况。</a>' in refused.text
    review = client.get(f"/api/v1/study-sessions/{meeting['session'].id}/review").json()
    assert [p["code"] for p in review["problems"]] == ["member_not_accounted"]


def test_a_typo_in_a_finalized_speech_is_amended_and_the_stored_pdf_shows_it(
    client: TestClient, db: Session, meeting, tmp_path
) -> None:
    """After finalizing, any row is corrected by an amendment: the reason, the old and new text, the
    amender's name and Beijing time, on the page and in the stored PDF/A."""
    branch_id = meeting["session"].organization_id
    account = make_account(db, branch_id, login="hmh", role=Role.secretary)
    account.person_id = meeting["secretary"].id
    db.add(account)
    db.commit()
    client.headers["Authorization"] = f"Bearer {token_for(db, account)}"  # the secretary now
    url = meeting["url"]
    client.post(f"{url}/header", data={"recorder_id": str(meeting["member"].id), "version": "1"})
    client.post(f"{url}/hold")
    assert client.post(f"{url}/finalize", data={"confirm": "yes"}).status_code == 200
    speech = meeting["speeches"][1]
    db.expire_all()
    version = str(db.get(type(meeting["session"]), meeting["session"].id).version)  # type: ignore[union-attr]
    amend = f"{url}/contributions/{speech.id}/amend"
    fields = _speech_form(speech, content="曹丽娟的发言：要严以律己。", version=version)

    no_reason = client.post(amend, data=fields)
    assert no_reason.status_code == 422
    assert "曹丽娟的发言：要严以律己。</textarea>" in no_reason.text  # typed text kept
    before = utcnow()
    saved = client.post(amend, data=fields | {"reason": "发言记录有错字"}, follow_redirects=False)

    assert saved.status_code == 303
    page = client.get(url).text
    assert "第1次修订（" in page
    assert "，韩明华）" in page
    assert "第 1 轮 曹丽娟的发言 · 发言内容：" in page
    assert "<p>曹丽娟的发言。</p>" in page  # the old text beside the new
    detail = client.get(f"/api/v1/study-sessions/{meeting['session'].id}").json()
    assert "曹丽娟的发言：要严以律己。" in [c["content"] for c in detail["contributions"]]
    pdf = client.get(f"/api/v1/study-sessions/{meeting['session'].id}/minutes.pdf")
    path = tmp_path / "amended.pdf"
    path.write_bytes(pdf.content)
    text = re.sub(
        r"\s+",
        "",
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout,
    )
    beijing = utc_to_local(before)
    assert f"第1次修订（{beijing.year}年{beijing.month}月{beijing.day}日" in text
    assert "韩明华）：发言记录有错字" in text
    assert "曹丽娟（重点发言）：曹丽娟的发言：要严以律己。" in text


def test_a_problem_amended_after_finalizing_updates_its_ledger_item_through_the_amendment(
    client: TestClient, db: Session, meeting
) -> None:
    study_session = meeting["session"]
    url = meeting["url"]
    data = FindingCreate(description="调研不经常", cause="宗旨意识淡化", measure="每月调研一次")
    finding = parts_service.create_finding(db, EVERYTHING, study_session, data)
    db.commit()
    client.post(f"{url}/header", data={"recorder_id": str(meeting["member"].id), "version": "1"})
    client.post(f"{url}/hold")
    assert client.post(f"{url}/finalize", data={"confirm": "yes"}).status_code == 200
    version = client.get(f"/api/v1/study-sessions/{study_session.id}").json()["version"]
    form = {
        "version": str(version),
        "reason": "整改措施记录不完整",
        "description": "调研不经常",
        "cause": "宗旨意识淡化",
        "measure": "每月到联系点调研一次，形成调研报告",
    }

    saved = client.post(f"{url}/findings/{finding.id}/amend", data=form, follow_redirects=False)

    assert saved.status_code == 303
    items = client.get("/api/v1/rectification-items").json()["items"]
    item = next(i for i in items if i["finding_id"] == finding.id)
    assert item["measure"] == "每月到联系点调研一次，形成调研报告"
    unchanged = client.post(
        f"{url}/findings/{finding.id}/amend", data=form | {"version": str(version + 1)}
    )
    assert unchanged.status_code == 422
    assert "本次修订没有改动任何内容。" in unchanged.text


RECORD = Path(__file__).parent.parent / "fixtures" / "record_16_speeches.txt"
ROSTER = ("韩明华", "曹丽娟", "邓永福", "许国平", "周海燕", "李建军", "王小红", "陈志强")


def _docx(text: str) -> bytes:
    """A Word document holding ``text``, one paragraph per line, as Word writes the essentials."""
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in text.splitlines()
    )
    word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document xmlns:w="{word}"><w:body>{body}</w:body></w:document>',
        )
    return buffer.getvalue()


def _posted_back(html: str) -> dict[str, str]:
    """What the browser posts back from a paste preview: every field as shown (checkboxes unticked),
    the textareas' text and each select's chosen option."""
    values = {
        name: value
        for name, value in re.findall(r'name="([\w-]+-\d+|rows)" value="([^"]*)"', html)
        if not name.startswith("skip-")
    }
    values |= dict(re.findall(r'name="((?:content|body)-\d+)"[^>]*>([^<]*)</textarea>', html))
    values |= dict(
        re.findall(
            r'<select id="paste-([\w]+-\d+)" name="[^"]+"[^>]*>(?:(?!</select>).)*?<option value="([^"]*)" selected>',
            html,
            re.S,
        )
    )
    return values


@pytest.fixture
def seminar(db: Session):
    branch = factories.create_organization(db, name="和平镇东岭村党支部")
    people = {
        name: factories.create_person(
            db,
            branch,
            name=name,
            role=CommitteeRole.secretary if name == "韩明华" else CommitteeRole.member,
        )
        for name in ROSTER
    }
    study_session = factories.create_study_session(db, branch, title="“严以律己”专题研讨")
    return {
        "session": study_session,
        "url": f"/study-sessions/{study_session.id}",
        "people": people,
    }


@pytest.mark.parametrize("source", ["pasted", "docx"])
def test_a_typed_record_becomes_sixteen_speeches_after_a_preview(
    client: TestClient, db: Session, seminar, source: str
) -> None:
    url = seminar["url"]
    text = RECORD.read_text(encoding="utf-8")
    before = row_counts(db)
    if source == "pasted":
        preview = client.post(f"{url}/paste", data={"text": text})
    else:
        upload = {"file": ("记录.docx", _docx(text), "application/octet-stream")}
        preview = client.post(f"{url}/paste", data={"text": ""}, files=upload)

    assert preview.status_code == 200
    assert row_counts(db) == before  # a preview saves nothing
    html = preview.text
    assert "识别出17条发言" in html
    assert "第1行：会议由支部书记韩明华主持" in html  # shown, not dropped
    assert "第20行：王大力：这位不在名单上" in html  # a name not on the roster
    values = _posted_back(html)
    assert values["rows"] == "17"
    unknown = next(n for n in range(1, 18) if values.get(f"written-{n}") == "王大力")
    assert values.get(f"speaker_id-{unknown}", "") == ""
    values[f"skip-{unknown}"] = "on"  # the secretary leaves the stray one out

    saved = client.post(f"{url}/paste/save", data=values, follow_redirects=False)

    assert saved.status_code == 303, re.findall(r"(?:field|form)-error[^>]*>([^<]*)<", saved.text)
    detail = client.get(f"/api/v1/study-sessions/{seminar['session'].id}").json()
    speeches = [(c["round"], c["speaker_name"], c["kind"]) for c in detail["contributions"]]
    assert len(speeches) == 16
    assert [s for s in speeches if s[0] == 1] == [(1, name, "key_speech") for name in ROSTER]
    assert speeches[8:] == [
        (2, "曹丽娟", "criticism"),
        (2, "邓永福", "criticism"),
        (2, "韩明华", "self_criticism"),
        (2, "许国平", "exchange"),
        (2, "周海燕", "criticism"),
        (2, "李建军", "response"),
        (2, "陈志强", "exchange"),
        (2, "韩明华", "summary"),
    ]
    targets = [c["target_name"] for c in detail["contributions"] if c["kind"] == "criticism"]
    assert targets == ["韩明华", "曹丽娟", "李建军"]
    first = detail["contributions"][0]["content"]
    assert first.split("\n") == [
        "我先带头对照检查。",
        "一是理论学习不够系统，满足于读文件、听报告。",
        "二是调查研究不够深入，到群众中去得少。",
    ]


OUTLINES = """请各位同志会前提交发言提纲：
韩明华同志发言提纲
2015年7月18日
一、学习体会
认真学习了“三严三实”的要求。
二、存在问题
曹丽娟：一、对照检查
（2015年7月20日）
在严以律己方面做得不够。
邓永福同志对照检查发言提纲
二、整改措施
王大力同志发言提纲
不在名单上。
"""


@pytest.mark.parametrize("source", ["pasted", "docx"])
def test_pasted_outlines_become_one_per_author_dated_as_the_text_says(
    client: TestClient, db: Session, seminar, source: str
) -> None:
    url = seminar["url"]
    before = row_counts(db)
    if source == "pasted":
        preview = client.post(f"{url}/paste-outlines", data={"text": OUTLINES})
    else:
        upload = {"file": ("提纲.docx", _docx(OUTLINES), "application/octet-stream")}
        preview = client.post(f"{url}/paste-outlines", data={"text": ""}, files=upload)

    assert preview.status_code == 200
    assert row_counts(db) == before
    html = preview.text
    assert "共读取 4 份提纲" in html
    assert "第1行：请各位同志会前提交发言提纲：" in html  # before the first author: shown
    assert "第12行：王大力同志发言提纲" in html  # no one on the roster
    values = _posted_back(html)
    assert values["submitted_at-1"] == "2015-07-18"
    assert values["submitted_at-3"] == ""  # no date given: the day of the meeting
    # The secretary picks someone for the unknown author who already has one: refused, as one write.
    values["author_id-4"] = values["author_id-1"]
    refused = client.post(f"{url}/paste-outlines/save", data=values)
    assert refused.status_code == 422
    assert 'id="paste-author_id-4-error"' in refused.text
    assert "已提交过该人员的发言提纲。" in refused.text
    assert row_counts(db) == before

    values["skip-4"] = "on"
    saved = client.post(f"{url}/paste-outlines/save", data=values, follow_redirects=False)

    assert saved.status_code == 303
    detail = client.get(f"/api/v1/study-sessions/{seminar['session'].id}").json()
    outlines = {
        o["author_name"]: (o["submitted_at"][:10], o["body"].split("\n"))
        for o in detail["outlines"]
    }
    starts = seminar["session"].starts_at.date().isoformat()
    assert outlines == {
        "韩明华": ("2015-07-18", ["一、学习体会", "认真学习了“三严三实”的要求。", "二、存在问题"]),
        "曹丽娟": ("2015-07-20", ["一、对照检查", "在严以律己方面做得不够。"]),
        "邓永福": (starts, ["二、整改措施"]),
    }


def test_a_problem_names_who_is_responsible_and_by_when_and_its_ledger_item_takes_both(
    client: TestClient, db: Session, meeting
) -> None:
    url = meeting["url"]
    client.post(f"{url}/header", data={"recorder_id": str(meeting["member"].id), "version": "1"})
    added = client.post(
        f"{url}/findings",
        data={
            "person_id": str(meeting["member"].id),
            "description": "村务公开不及时",
            "cause": "制度执行不严",
            "measure": "每月5日前公开上月收支",
            "responsible_id": str(meeting["veteran"].id),
            "due_on": "2015-12-31",
        },
        follow_redirects=False,
    )
    assert added.status_code == 303
    page = client.get(url).text
    assert "责任人：</span>邓永福" in page
    assert "完成时限：</span>2015年12月31日" in page
    client.post(f"{url}/hold")
    assert client.post(f"{url}/finalize", data={"confirm": "yes"}).status_code == 200

    items = client.get("/api/v1/rectification-items").json()["items"]
    item = next(i for i in items if i["problem"] == "村务公开不及时")
    assert item["responsible_person_id"] == meeting["veteran"].id
    assert item["due_on"] == "2015-12-31"


def test_every_rule_finalizing_checks_points_at_what_to_fix(
    client: TestClient, db: Session
) -> None:
    """Each unmet rule names the part of the minutes (and the row, when it is about one) to fix."""
    branch = factories.create_organization(db, name="南岭村党支部")
    secretary = factories.create_person(db, branch, name="孙国华", role=CommitteeRole.secretary)
    members = [factories.create_person(db, branch, name=n) for n in ("钱多多", "赵小兵", "李大山")]
    seminar = factories.create_study_session(db, branch, expected_count=9)
    review = f"/api/v1/study-sessions/{seminar.id}/review"
    empty = {p["code"]: p["part"] for p in client.get(review).json()["problems"]}
    assert empty == {
        "chair_missing": "header",
        "recorder_missing": "header",
        "attendance_missing": "attendance",
        "secretary_outline_missing": "outlines",
    }
    # An absence without its reason (the forms refuse one; older records may hold it).
    absent = Attendance(
        study_session_id=seminar.id or 0,
        person_id=members[0].id or 0,
        status=AttendanceStatus.absent,
        reason="",
    )
    db.add(absent)
    db.commit()
    outline = parts_service.create_outline(
        db,
        EVERYTHING,
        seminar,
        SpeechOutlineCreate(
            author_id=members[1].id, body="一、体会", submitted_at=datetime(2015, 6, 1)
        ),
    )
    parts_service.create_outline(
        db, EVERYTHING, seminar, SpeechOutlineCreate(author_id=secretary.id, body="一、带头")
    )
    finding = parts_service.create_finding(
        db, EVERYTHING, seminar, FindingCreate(description="学习不深", measure="每周学习")
    )
    db.commit()

    found = {(p["code"], p["part"], p["part_id"]) for p in client.get(review).json()["problems"]}

    assert {
        ("absence_without_reason", "attendance", absent.id),
        ("member_not_accounted", "attendance", None),
        ("expected_count_mismatch", "header", None),
        ("secretary_outline_not_first", "outlines", outline.id),
        ("finding_incomplete", "findings", finding.id),
    } <= found
    assert all(part for _, part, _ in found)
    general = factories.create_study_session(
        db, branch, kind=StudySessionKind.branch_general_meeting
    )
    factories.create_attendance(db, general, secretary)
    for member in members:
        factories.create_attendance(
            db, general, member, status=AttendanceStatus.on_leave, reason="外出"
        )
    quorum = client.get(f"/api/v1/study-sessions/{general.id}/review").json()["problems"]
    assert [(p["code"], p["part"]) for p in quorum if p["code"] == "quorum_not_met"] == [
        ("quorum_not_met", "attendance")
    ]


def test_a_meeting_corrects_its_title_start_and_kind_on_the_page_until_finalized(
    client: TestClient, db: Session
) -> None:
    branch = factories.create_organization(db, name="北岭村党支部")
    planned = factories.create_study_session(db, branch, title="十一月党课")
    url = f"/study-sessions/{planned.id}"
    assert 'id="header-starts_at"' in client.get(url).text

    saved = client.post(
        f"{url}/header",
        data={
            "version": "1",
            "title": "十二月党课：严以用权",
            "kind": "party_lecture",
            "starts_at": "2015-12-03T19:30",
        },
        follow_redirects=False,
    )

    assert saved.status_code == 303
    meeting = client.get(f"/api/v1/study-sessions/{planned.id}").json()
    assert (meeting["title"], meeting["kind"]) == ("十二月党课：严以用权", "party_lecture")
    assert meeting["starts_at"].startswith("2015-12-03T19:30")
    client.post(f"{url}/hold")
    assert 'id="header-starts_at"' in client.get(url).text  # held: still correctable


def test_a_speech_posted_after_the_login_expired_is_kept_through_the_re_login(
    anonymous_client: TestClient, db: Session, meeting
) -> None:
    browser = anonymous_client
    account = make_account(db, meeting["session"].organization_id, login="hmh", role=Role.secretary)
    assert account.id is not None
    speech = "　　我的发言很长。\n第二段：对照检查。\n第三段：整改措施。"
    posted = {
        "speaker_id": str(meeting["member"].id),
        "round": "2",
        "kind": "exchange",
        "content": speech,
        "csrf_token": "from-the-expired-session",
    }

    expired = browser.post(f"{meeting['url']}/contributions", data=posted, follow_redirects=False)

    assert expired.status_code == 401
    assert 'name="resume.content"' in expired.text
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', expired.text))
    assert hidden["resume_action"] == f"{meeting['url']}/contributions"
    logged_in = browser.post(
        "/login", data=hidden | {"login": "hmh", "password": ADMIN_PASSWORD}, follow_redirects=False
    )
    assert logged_in.status_code == 200
    assert "第三段：整改措施。</textarea>" in logged_in.text  # the text, shown and kept
    resumed = dict(
        re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', logged_in.text)
    )
    resumed["content"] = re.search(r"<textarea[^>]*>([^<]*)</textarea>", logged_in.text).group(1)  # type: ignore[union-attr]
    saved = browser.post(f"{meeting['url']}/contributions", data=resumed, follow_redirects=False)

    assert saved.status_code == 303
    detail = browser.get(f"/api/v1/study-sessions/{meeting['session'].id}")
    contents = [c["content"] for c in detail.json()["contributions"]]
    assert any("第三段：整改措施。" in c and "第二段" in c for c in contents)


def test_someone_from_the_committee_above_sits_in_and_may_speak_but_never_votes(
    application: FastAPI, db: Session, client: TestClient
) -> None:
    """A secretary records a non-member as 列席: the people of the organizations above the branch are
    offered (an inspector of the town committee), a sibling branch's people are not; such a guest
    sits in only, and once recorded may speak."""
    town = factories.create_organization(db, name="和平镇党委")
    branch = factories.create_organization(db, name="东岭村党支部", parent=town)
    sibling = factories.create_organization(db, name="西岭村党支部", parent=town)
    secretary = factories.create_person(db, branch, name="韩明华", role=CommitteeRole.secretary)
    inspector = factories.create_person(db, town, name="周志刚")
    stranger = factories.create_person(db, sibling, name="周海燕")
    study_session = factories.create_study_session(db, branch, chair=secretary)
    account = make_account(db, branch.id or 0, login="hmh", role=Role.secretary)
    secretary_client = TestClient(
        application, headers={"Authorization": f"Bearer {token_for(db, account)}"}
    )
    url = f"/study-sessions/{study_session.id}"

    page = secretary_client.get(url).text
    assert f'<option value="{inspector.id}">周志刚（和平镇党委）</option>' in page
    assert "周海燕" not in page

    voting = secretary_client.post(
        f"{url}/attendance", data={"person_id": str(inspector.id), "status": "present"}
    )
    assert voting.status_code == 422
    assert "上级组织的人员只能作为列席人员记录" in voting.text
    assert 'id="attendance-is_non_voting-error"' in voting.text
    foreign = secretary_client.post(
        f"{url}/attendance",
        data={"person_id": str(stranger.id), "status": "present", "is_non_voting": "on"},
    )
    assert foreign.status_code == 422
    assert db.exec(select(Attendance).where(Attendance.person_id == stranger.id)).first() is None

    sat_in = secretary_client.post(
        f"{url}/attendance",
        data={"person_id": str(inspector.id), "status": "present", "is_non_voting": "on"},
        follow_redirects=False,
    )
    assert sat_in.status_code == 303
    row = db.exec(select(Attendance).where(Attendance.person_id == inspector.id)).one()
    assert row.is_non_voting
    api = f"/api/v1/study-sessions/{study_session.id}"
    row_url = f"/api/v1/attendance/{row.id}"
    no_vote = secretary_client.patch(
        row_url, headers=if_match(secretary_client, row_url), json={"is_non_voting": False}
    )
    assert no_vote.status_code == 422, no_vote.text
    assert no_vote.json()["error"]["code"] == "guest_sits_in"
    assert [f["field"] for f in no_vote.json()["error"]["fields"]] == ["is_non_voting"]
    spoke = secretary_client.post(
        f"{api}/contributions",
        json={"speaker_id": inspector.id, "round": 1, "kind": "exchange", "content": "点评。"},
    )
    assert spoke.status_code == 201, spoke.text
    page = secretary_client.get(url).text
    row_html = page[page.index(f'id="attendance-{row.id}"') :]
    assert re.match(r'[^>]*>\s*<th[^>]*>周志刚 <span class="tag">列席</span>', row_html)
    assert "周志刚（和平镇党委）" not in page  # recorded: no longer offered


def test_any_row_of_finalized_minutes_is_amended_through_the_api_too(
    client: TestClient, db: Session, meeting
) -> None:
    """The API's amendments of a row: only the fields sent change, through the part's own checks;
    If-Match is the row's ETag; a problem's correction reaches its ledger item."""
    study_session = meeting["session"]
    url = meeting["url"]
    data = FindingCreate(description="调研不经常", cause="宗旨意识淡化", measure="每月调研一次")
    finding = parts_service.create_finding(db, EVERYTHING, study_session, data)
    db.commit()
    client.post(f"{url}/header", data={"recorder_id": str(meeting["member"].id), "version": "1"})
    client.post(f"{url}/hold")
    assert client.post(f"{url}/finalize", data={"confirm": "yes"}).status_code == 200
    minutes = f"/api/v1/study-sessions/{study_session.id}"
    speech = meeting["speeches"][1]
    row = f"/api/v1/contributions/{speech.id}"
    amend = f"{row}/amendments"
    before = row_counts(db)

    stale = client.post(
        amend,
        headers={"If-Match": '"7"'},
        json={"reason": "错字", "changes": {"content": "改正后的发言。"}},
    )
    assert stale.status_code == 412
    self_target = client.post(
        amend,
        headers=if_match(client, row),
        json={
            "reason": "改为批评",
            "changes": {"kind": "criticism", "target_id": speech.speaker_id},
        },
    )
    assert self_target.status_code == 422
    assert self_target.json()["error"]["code"] == "target_is_speaker"
    assert row_counts(db) == before  # refused: nothing written

    saved = client.post(
        amend,
        headers=if_match(client, row),
        json={"reason": "发言记录有错字", "changes": {"content": "曹丽娟的发言：要严以律己。"}},
    )

    assert saved.status_code == 201, saved.text
    amendment = saved.json()
    assert amendment["number"] == 1
    assert client.get(f"{minutes}/amendments").json() == [amendment]
    assert amendment["changes"] == {
        f"contribution.{speech.id}.content": {
            "from": "曹丽娟的发言。",
            "to": "曹丽娟的发言：要严以律己。",
            "round": 1,
            "person": "曹丽娟",
        }
    }
    problem = client.post(
        f"/api/v1/findings/{finding.id}/amendments",
        headers=if_match(client, f"/api/v1/findings/{finding.id}"),
        json={"reason": "整改措施记录不完整", "changes": {"measure": "每月到联系点调研一次"}},
    )
    assert problem.status_code == 201, problem.text
    items = client.get("/api/v1/rectification-items").json()["items"]
    assert (
        next(i for i in items if i["finding_id"] == finding.id)["measure"] == "每月到联系点调研一次"
    )
    attendance = client.get(minutes).json()["attendance"][0]["id"]
    nothing = client.post(
        f"/api/v1/attendance/{attendance}/amendments",
        headers=if_match(client, f"/api/v1/attendance/{attendance}"),
        json={"reason": "核对", "changes": {}},
    )
    assert nothing.status_code == 422
    assert nothing.json()["error"]["code"] == "no_change"
