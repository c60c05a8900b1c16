"""Hostile text in every kind of field, through every way in and out: the API, the pages' forms, the
printed minutes, the ledger's spreadsheets.

What a person could type or paste — markup, template syntax, spreadsheet formulas, emoji, right-to-left
and zero-width characters, full-width spaces — is kept exactly and shown as text: nothing runs,
nothing is mangled. What nobody types — NUL and the other control characters, broken UTF-8, bodies
past the size limit — is refused with a clear error naming the field, and nothing is written.
"""

import csv
import io
import json
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import anyio
import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from markupsafe import escape
from openpyxl import load_workbook
from pydantic import BaseModel
from sqlalchemy import text as sql
from sqlmodel import Session
from starlette.types import Message, Receive, Scope, Send

from app.config import Settings
from app.db import Database
from app.main import create_app
from app.people.models import CommitteeRole
from app.security import RequestLimitsMiddleware
from app.text import InputModel
from tests import factories
from tests.helpers import field_error, if_match, row_counts

HOSTILE = {
    "script": '<script>alert("研讨")</script>',
    "attribute": '" autofocus onfocus="alert(1)" data-x="',
    "image": "<img src=x onerror=alert(1)><svg/onload=alert(2)>",
    "template": "{{ 7*7 }} {% for x in range(3) %}循环{% endfor %} ${7*7} #{7*7} <%= 7*7 %>",
    "formula": '=HYPERLINK("http://127.0.0.1:9/?d="&A1,"点此查看")',
    "formula_plus": "+1+cmd|' /C calc'!A0",
    "formula_at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "sql": "'; DROP TABLE study_session; --",
    "emoji": "支部党员点赞👍🏻，全家👨‍👩‍👧到场🇨🇳",
    "right_to_left": "发言人‮gnp.exe‬ العربية עברית",
    "zero_width": "零\u200b宽\u200c字\u200d符\ufeff与\u2060连接",
    "whitespace": "\u3000\u3000首行缩进两格。\t制表\r\n换行\n\n空行",
}
# Characters no one types: refused wherever text comes in.
CONTROL = {
    "nul": "会议\x00记录",
    "bell": "会议\x07记录",
    "escape": "\x1b[31m红色\x1b[0m",
    "vtab": "甲\x0b乙",
}
ONE_MEGABYTE = "严" * 350_000  # 1,050,000 bytes of UTF-8


@dataclass
class Minutes:
    branch_id: int
    session_id: int
    person_id: int


@pytest.fixture
def minutes(db: Session) -> Minutes:
    branch = factories.create_organization(db, name="和平镇东岭村党支部", code="DL")
    secretary = factories.create_person(db, branch, name="韩明华", role=CommitteeRole.secretary)
    study_session = factories.create_study_session(db, branch, title="专题学习", chair=secretary)
    factories.create_attendance(db, study_session, secretary)
    db.commit()
    return Minutes(branch.id or 0, study_session.id or 0, secretary.id or 0)


# Each field gets the text behind its own label, so that a field shown in the place of another, or
# one left out, is noticed.
LABELS = {
    "title": "标题",
    "place": "地点",
    "topic": "题目",
    "conclusion": "结论",
    "outline": "提纲",
    "speech": "发言",
    "description": "问题",
    "cause": "原因",
    "measure": "措施",
    "problem": "台账问题",
    "item_measure": "台账措施",
    "standard": "标准",
}


def tagged(text: str) -> dict[str, str]:
    return {field: f"{label}：{text}" for field, label in LABELS.items()}


def _write_everything(client: TestClient, minutes: Minutes, text: str) -> dict[str, Any]:
    """Put ``text`` (behind each field's label) into every text field of a meeting's minutes and of
    a ledger item."""
    value = tagged(text)
    base = f"/api/v1/study-sessions/{minutes.session_id}"
    responses = [
        client.patch(
            base,
            headers=if_match(client, base),
            json={"title": value["title"][:300], "place": value["place"][:200]},
        ),
        client.post(
            f"{base}/topics",
            json={"title": value["topic"][:300], "conclusion": value["conclusion"]},
        ),
        client.post(
            f"{base}/outlines", json={"author_id": minutes.person_id, "body": value["outline"]}
        ),
        client.post(
            f"{base}/contributions",
            json={
                "speaker_id": minutes.person_id,
                "round": 1,
                "kind": "key_speech",
                "content": value["speech"],
            },
        ),
        client.post(
            f"{base}/findings",
            json={
                "person_id": minutes.person_id,
                "description": value["description"],
                "cause": value["cause"],
                "measure": value["measure"],
            },
        ),
        client.post(
            "/api/v1/rectification-items",
            json={
                "organization_id": minutes.branch_id,
                "source": "solicited_opinion",
                "problem": value["problem"],
                "measure": value["item_measure"],
                "standard": value["standard"],
                "responsible_person_id": minutes.person_id,
                "due_on": "2015-09-30",
            },
        ),
    ]
    for response in responses:
        assert response.status_code in (200, 201), response.text
    detail = client.get(base).json()
    item = client.get(f"/api/v1/rectification-items/{responses[-1].json()['id']}").json()
    return {"detail": detail, "item": item}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_comes_back_from_the_api_exactly_as_sent(
    client: TestClient, minutes: Minutes, name: str
) -> None:
    value = tagged(HOSTILE[name])

    written = _write_everything(client, minutes, HOSTILE[name])

    detail, item = written["detail"], written["item"]
    assert detail["title"] == value["title"][:300]
    assert detail["place"] == value["place"][:200]
    assert detail["topics"][0]["title"] == value["topic"][:300]
    assert detail["topics"][0]["conclusion"] == value["conclusion"]
    assert detail["outlines"][0]["body"] == value["outline"]
    assert [speech["content"] for speech in detail["contributions"]] == [value["speech"]]
    finding = detail["findings"][0]
    assert finding["description"] == value["description"]
    assert finding["cause"] == value["cause"]
    assert finding["measure"] == value["measure"]
    assert item["problem"] == value["problem"]
    assert item["measure"] == value["item_measure"]
    assert item["standard"] == value["standard"]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_is_shown_on_the_pages_as_text(
    client: TestClient, minutes: Minutes, name: str
) -> None:
    text = HOSTILE[name]
    written = _write_everything(client, minutes, text)

    pages = [
        client.get(f"/study-sessions/{minutes.session_id}"),
        client.get("/"),
        client.get(f"/ledger/{written['item']['id']}"),
        client.get("/ledger"),
    ]

    shown_on = {
        "title": pages[:2],
        "place": pages[:1],
        "speech": pages[:1],
        "description": pages[:1],
        "problem": pages[2:],
        "item_measure": pages[2:3],
    }
    for field, on_pages in shown_on.items():
        typed = tagged(text)[field][:200]
        for page in on_pages:
            assert page.status_code == 200
            assert "content-security-policy" in page.headers
            assert str(escape(typed)) in page.text, f"{page.url} does not show the {field} escaped"
            if "<" in text or '"' in text:
                assert typed not in page.text, f"{page.url} shows the {field} unescaped"


@pytest.mark.parametrize("name", ["script", "template", "formula", "emoji", "whitespace"])
def test_a_form_keeps_hostile_text_as_typed_and_shows_it_again_escaped(
    client: TestClient, db: Session, minutes: Minutes, name: str
) -> None:
    text = HOSTILE[name]
    url = f"/study-sessions/{minutes.session_id}/contributions"
    form = {"speaker_id": str(minutes.person_id), "kind": "exchange", "content": text}

    refused = client.post(url, data={**form, "round": "0"})
    saved = client.post(url, data={**form, "round": "2"}, follow_redirects=False)

    assert refused.status_code == 422
    assert f"{escape(text)}</textarea>" in refused.text
    assert saved.status_code == 303
    contents = [
        speech["content"]
        for speech in client.get(f"/api/v1/study-sessions/{minutes.session_id}").json()[
            "contributions"
        ]
    ]
    # The form's only change: browsers send line breaks as CR LF, which the page keeps.
    assert contents == [text]


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The printed text without white space, and without the draft's 草稿 watermark, whose two
    characters pdftotext puts into whichever lines they cross."""
    path = tmp_path / "minutes.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return "".join(done.stdout.split()).replace("草", "").replace("稿", "")


@pytest.mark.parametrize("name", ["script", "image", "template", "formula", "sql", "emoji"])
def test_hostile_text_is_printed_as_text_in_the_minutes(
    client: TestClient, minutes: Minutes, name: str, tmp_path: Path
) -> None:
    text = HOSTILE[name]
    _write_everything(client, minutes, text)

    response = client.get(f"/api/v1/study-sessions/{minutes.session_id}/minutes.pdf")

    assert response.status_code == 200
    printed = _pdf_text(response.content, tmp_path)
    # Every field of the minutes is printed as typed (pdftotext drops the spaces we drop).
    for field in ("title", "place", "topic", "conclusion", "outline", "speech"):
        assert "".join(tagged(text)[field][:200].split()) in printed, field
    for field in ("description", "cause", "measure"):
        assert "".join(tagged(text)[field].split()) in printed, field


@pytest.mark.parametrize("name", ["formula", "formula_plus", "formula_at", "emoji", "zero_width"])
def test_the_ledger_spreadsheets_keep_the_text_and_never_run_a_formula(
    client: TestClient, minutes: Minutes, name: str
) -> None:
    text = HOSTILE[name]
    created = client.post(
        "/api/v1/rectification-items",
        json={
            "organization_id": minutes.branch_id,
            "source": "solicited_opinion",
            "problem": text,
            "measure": text,
            "standard": text,
            "responsible_person_id": minutes.person_id,
            "due_on": "2015-09-30",
        },
    )
    assert created.status_code == 201

    xlsx = client.get("/api/v1/rectification-items.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value == text]
    rows = list(csv.reader(io.StringIO(client.get("/api/v1/rectification-items.csv").text)))

    assert len(cells) == 3  # problem, measure, standard
    assert all(cell.data_type == "s" for cell in cells)  # a string, never a formula
    formula_like = text[0] in "=+-@"
    assert all(cell.quotePrefix == formula_like for cell in cells)
    shown = [value for row in rows[1:] for value in row if value.endswith(text)]
    assert shown == [("'" if formula_like else "") + text] * 3


@pytest.mark.parametrize("name", CONTROL)
def test_control_characters_are_refused_naming_the_field_and_nothing_is_written(
    client: TestClient, db: Session, minutes: Minutes, name: str
) -> None:
    text = CONTROL[name]
    base = f"/api/v1/study-sessions/{minutes.session_id}"
    before = row_counts(db)

    refusals = {
        "title": client.patch(base, headers=if_match(client, base), json={"title": text}),
        "content": client.post(
            f"{base}/contributions",
            json={"speaker_id": minutes.person_id, "round": 1, "kind": "exchange", "content": text},
        ),
        "problem": client.post(
            "/api/v1/rectification-items",
            json={
                "organization_id": minutes.branch_id,
                "source": "solicited_opinion",
                "problem": text,
                "measure": "按月核对",
                "due_on": "2015-09-30",
            },
        ),
        "entity": client.get("/api/v1/audit-events", params={"entity": text}),
        "cursor": client.get("/api/v1/study-sessions", params={"cursor": text}),
    }
    page = client.post(
        f"/study-sessions/{minutes.session_id}/contributions",
        data={
            "speaker_id": str(minutes.person_id),
            "round": "1",
            "kind": "exchange",
            "content": text,
        },
    )

    for field, response in refusals.items():
        assert response.status_code == 422, (field, response.text)
        assert field_error(response.json(), field)["code"] == "control_character"
        assert "control character" in response.json()["error"]["fields"][0]["message"]
    assert page.status_code == 422
    assert "不可见的控制字符" in page.text
    assert row_counts(db) == before


def test_one_megabyte_in_a_text_field_is_refused_naming_the_field(
    client: TestClient, db: Session, minutes: Minutes
) -> None:
    base = f"/api/v1/study-sessions/{minutes.session_id}"
    before = row_counts(db)

    title = client.patch(base, headers=if_match(client, base), json={"title": ONE_MEGABYTE})
    speech = client.post(
        f"{base}/contributions",
        json={
            "speaker_id": minutes.person_id,
            "round": 1,
            "kind": "exchange",
            "content": ONE_MEGABYTE,
        },
    )

    assert title.status_code == 422
    assert field_error(title.json(), "title")["code"] == "string_too_long"
    assert speech.status_code == 422
    assert field_error(speech.json(), "content")["code"] == "string_too_long"
    assert row_counts(db) == before


@pytest.fixture
def small_limit_app(
    settings: Settings, database: Database, admin_token: str
) -> Iterator[TestClient]:
    """The app with a 64 KiB body limit (the default is 8 MiB; what matters is what happens past it)."""
    app: FastAPI = create_app(settings.model_copy(update={"max_request_bytes": 64 * 1024}))
    app.state.database = database
    with TestClient(app, headers={"Authorization": f"Bearer {admin_token}"}) as limited:
        yield limited


def test_a_body_past_the_limit_is_a_413_before_anything_reads_it(
    small_limit_app: TestClient, db: Session, minutes: Minutes
) -> None:
    base = f"/api/v1/study-sessions/{minutes.session_id}"
    body = json.dumps({"title": "学习", "place": "会议室" * 40_000}).encode()
    before = row_counts(db)

    declared = small_limit_app.patch(
        base, content=body, headers={"content-type": "application/json"}
    )
    chunked = small_limit_app.patch(
        base,
        content=iter([body[:40_000], body[40_000:]]),
        headers={"content-type": "application/json"},
    )
    form = small_limit_app.post(
        f"/study-sessions/{minutes.session_id}/contributions",
        data={"speaker_id": "1", "round": "1", "kind": "exchange", "content": "发言" * 40_000},
    )
    assert row_counts(db) == before
    fits = small_limit_app.patch(
        base, headers=if_match(small_limit_app, base), json={"place": "会议室"}
    )

    for response in (declared, chunked):
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "payload_too_large"
        assert response.json()["error"]["limit_bytes"] == 64 * 1024
    assert form.status_code == 413
    assert "请求的内容过大" in form.text
    assert "Traceback" not in form.text
    # still the caller's page: their name and menu, not the logged-out one
    assert '<span class="who">admin</span>' in form.text
    assert 'href="/organizations"' in form.text
    assert fits.status_code == 200


def test_broken_utf8_is_refused_and_nothing_is_written(
    client: TestClient, db: Session, minutes: Minutes
) -> None:
    before = row_counts(db)

    api = client.patch(
        f"/api/v1/study-sessions/{minutes.session_id}",
        content=b'{"title": "\xe5\xad\xa6\xff\xfe"}',
        headers={"content-type": "application/json"},
    )
    page = client.post(
        f"/study-sessions/{minutes.session_id}/contributions",
        content=b"speaker_id=1&round=1&kind=exchange&content=%E5%AD%A6%FF%FE",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    lone_surrogate = client.patch(
        f"/api/v1/study-sessions/{minutes.session_id}",
        content=b'{"title": "\\ud800\xe5\xad\xa6"}',
        headers={"content-type": "application/json"}
        | if_match(client, f"/api/v1/study-sessions/{minutes.session_id}"),
    )

    assert api.status_code in (400, 422)
    assert "error" in api.json()
    assert page.status_code == 422
    assert "UTF-8" in page.text
    assert lone_surrogate.status_code == 422
    assert field_error(lone_surrogate.json(), "title")["code"] == "string_unicode"
    assert row_counts(db) == before


TOP_LEVEL_LISTS = [
    "/api/v1/organizations",
    "/api/v1/people",
    "/api/v1/campaigns",
    "/api/v1/study-sessions",
    "/api/v1/rectification-items",
    "/api/v1/spot-checks",
    "/api/v1/sampling-draws",
    "/api/v1/circulars",
    "/api/v1/search",
    "/api/v1/audit-events",
    "/api/v1/accounts",
    "/api/v1/tokens",
]
# What a list needs besides its page (a search its query).
REQUIRED_PARAMETERS = {"/api/v1/search": {"q": "学习"}}
# Lists returned whole, each bounded by what it belongs to (a campaign's themes, an item's monthly
# progress, a jurisdiction's inspectors — the pick list of a draw) or by the rules (the fixed
# criteria); every other list comes a page at a time.
WHOLE_LISTS = {
    "/api/v1/inspectors",
    "/api/v1/campaigns/{campaign_id}/themes",
    "/api/v1/themes/{theme_id}/aspects",
    "/api/v1/campaigns/{campaign_id}/required-actions",
    "/api/v1/study-sessions/{study_session_id}/amendments",
    "/api/v1/rectification-items/{item_id}/progress",
    "/api/v1/spot-check-criteria",
    "/api/v1/study-sessions/{study_session_id}/suggested-scores",
}


def test_every_list_of_the_api_is_paginated_or_bounded_by_its_owner(application: FastAPI) -> None:
    schemas: dict[str, dict[str, Any]] = {}
    for path, operations in application.openapi()["paths"].items():
        if "get" in operations:
            content = operations["get"]["responses"]["200"].get("content", {})
            schemas[path] = content.get("application/json", {}).get("schema", {})
    pages = {p for p, s in schemas.items() if s.get("$ref", "").split("/")[-1].startswith("Page_")}
    arrays = {p for p, s in schemas.items() if s.get("type") == "array"}

    assert arrays == WHOLE_LISTS
    assert {p for p in pages if "{" not in p} == set(TOP_LEVEL_LISTS)


@pytest.mark.parametrize("path", TOP_LEVEL_LISTS)
def test_a_list_page_holds_at_most_200_items(client: TestClient, path: str) -> None:
    needed = REQUIRED_PARAMETERS.get(path, {})
    too_many = client.get(path, params={"limit": 201, **needed})
    none = client.get(path, params={"limit": 0, **needed})
    most = client.get(path, params={"limit": 200, **needed})

    for refused in (too_many, none):
        assert refused.status_code == 422
        assert field_error(refused.json(), "limit")["code"] in (
            "less_than_equal",
            "greater_than_equal",
        )
    assert most.status_code == 200


def _models_in(annotation: object) -> Iterator[type[BaseModel]]:
    for argument in get_args(annotation):
        yield from _models_in(argument)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        for field_info in annotation.model_fields.values():
            yield from _models_in(field_info.annotation)


def test_every_schema_that_reads_input_refuses_control_characters() -> None:
    """A new body or query model that forgets to be an InputModel would let NUL through."""
    from app.main import API_ROUTERS, WEB_ROUTERS

    def dependants(dependant: Dependant) -> Iterator[Dependant]:
        yield dependant
        for sub in dependant.dependencies:
            yield from dependants(sub)

    models = {
        model
        for router in (*API_ROUTERS, *WEB_ROUTERS)
        for route in router.routes
        if isinstance(route, APIRoute)
        for dependant in dependants(route.dependant)
        for parameter in [*dependant.body_params, *dependant.query_params]
        for model in _models_in(parameter.field_info.annotation)
    }

    assert len(models) > 30
    assert [m.__name__ for m in models if not issubclass(m, InputModel)] == []


@pytest.mark.parametrize("name", ["del", "c1", "latin1_mojibake", "nonchar"])
def test_characters_no_encoding_should_hold_are_refused(
    client: TestClient, db: Session, minutes: Minutes, name: str
) -> None:
    text = {
        "del": "会议\x7f记录",
        "c1": "会议\x85记录",
        "latin1_mojibake": "会议记录".encode().decode("latin-1"),  # UTF-8 read as Latin-1
        "nonchar": "会议\ufffe记录",
    }[name]
    before = row_counts(db)

    response = client.patch(
        f"/api/v1/study-sessions/{minutes.session_id}",
        headers=if_match(client, f"/api/v1/study-sessions/{minutes.session_id}"),
        json={"title": text},
    )

    assert response.status_code == 422
    assert field_error(response.json(), "title")["code"] == "control_character"
    assert row_counts(db) == before


def test_malformed_versions_and_times_are_refused_never_a_500(
    client: TestClient, db: Session, minutes: Minutes
) -> None:
    base = f"/api/v1/study-sessions/{minutes.session_id}"
    before = row_counts(db)

    superscript = client.patch(
        base, json={"place": "礼堂"}, headers={b"If-Match": '"²"'.encode("latin-1")}
    )
    endless = client.patch(base, json={"place": "礼堂"}, headers={"If-Match": "1" * 5000})
    before_year_one = client.patch(
        base, headers=if_match(client, base), json={"starts_at": "0001-01-01T00:00:00+14:00"}
    )
    after_year_9999 = client.patch(
        base, headers=if_match(client, base), json={"starts_at": "9999-12-31T23:59:59-12:00"}
    )
    form = client.post(
        f"/study-sessions/{minutes.session_id}/header",
        data={
            "title": "学习",
            "kind": "party_lecture",
            "starts_at": "2015-06-12T14:30",
            "version": "①",
        },
        follow_redirects=False,
    )

    for response in (superscript, endless):
        assert response.status_code == 422
        assert field_error(response.json(), "If-Match")
    for response in (before_year_one, after_year_9999):
        assert response.status_code == 422
        assert field_error(response.json(), "starts_at")["code"] == "datetime_range"
    assert form.status_code in (303, 422)  # a version nobody sent is no version, never a 500
    assert row_counts(db)["audit_event"] <= before["audit_event"] + 1


def test_an_amendment_reason_with_a_control_character_is_shown_again_with_the_message(
    client: TestClient, db: Session, minutes: Minutes
) -> None:
    with db.begin():
        db.execute(
            sql("UPDATE study_session SET status = 'finalized' WHERE id = :id"),
            {"id": minutes.session_id},
        )
    before = row_counts(db)

    page = client.post(
        f"/study-sessions/{minutes.session_id}/amend",
        data={"reason": "更正\x00记录", "place": "礼堂"},
    )
    too_long = client.post(
        f"/study-sessions/{minutes.session_id}/amend", data={"reason": "长" * 6000, "place": "礼堂"}
    )

    assert page.status_code == 422
    assert "不可见的控制字符" in page.text
    assert too_long.status_code == 422
    assert "内容过长" in too_long.text or "过长" in too_long.text
    assert row_counts(db) == before


@pytest.mark.parametrize(
    "login",
    ["ad\x00min", "a" * 81, "admin\u200b"],
    ids=["nul", "too-long", "zero-width"],
)
def test_a_hostile_login_name_is_a_wrong_login_never_a_500(
    anonymous_client: TestClient, db: Session, login: str
) -> None:
    page = anonymous_client.get("/login")
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]

    response = anonymous_client.post(
        "/login", data={"login": login, "password": "x" * 10_000, "csrf_token": csrf}
    )

    assert response.status_code == 401
    assert "Traceback" not in response.text
    assert "登录名或密码错误" in response.text


def test_after_login_only_this_site_is_followed(anonymous_client: TestClient) -> None:
    for target in ("/\\evil.example", "//evil.example", "https://evil.example", "/study-sessions"):
        page = anonymous_client.get("/login", params={"next": target})
        kept = target if target == "/study-sessions" else "/"
        assert f'name="next" value="{kept}"' in page.text, target


def test_an_import_file_with_a_control_character_names_the_cell_and_writes_nothing(
    client: TestClient, db: Session, minutes: Minutes
) -> None:
    rows = "姓名,党组织代码,职务\n赵红梅,DL,党员\n王\x00建国,DL,党员\n"
    before = row_counts(db)

    response = client.post(
        "/api/v1/imports/people",
        files={"file": ("名册.csv", rows.encode("utf-8-sig"), "text/csv")},
    )

    assert response.status_code == 422
    assert "第 3 行第 1 列" in response.json()["error"]["message"]
    assert row_counts(db) == before


def test_text_stored_before_the_refusal_still_exports(
    client: TestClient, db: Session, minutes: Minutes
) -> None:
    created = client.post(
        "/api/v1/rectification-items",
        json={
            "organization_id": minutes.branch_id,
            "source": "solicited_opinion",
            "problem": "村务公开不及时",
            "measure": "每月10日前更新公开栏",
            "due_on": "2015-09-30",
        },
    )
    with db.begin():  # as an older version let it in
        db.execute(
            sql("UPDATE rectification_item SET problem = :problem WHERE id = :id"),
            {"problem": "村务\x07公开不及时", "id": created.json()["id"]},
        )

    xlsx = client.get("/api/v1/rectification-items.xlsx")

    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert "村务\ufffd公开不及时" in [cell.value for row in sheet.iter_rows() for cell in row]


def test_a_chunked_body_is_counted_across_its_chunks() -> None:
    """At the ASGI level, as uvicorn hands a chunked upload over: several messages, no length."""
    reached: list[bytes] = []

    async def endpoint(scope: Scope, receive: Receive, send: Send) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        reached.append(body)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    def run(chunks: list[bytes]) -> int:
        messages = [
            {"type": "http.request", "body": chunk, "more_body": index < len(chunks) - 1}
            for index, chunk in enumerate(chunks)
        ]
        sent: list[Message] = []

        async def receive() -> Message:
            return messages.pop(0) if messages else {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            sent.append(message)

        scope = {
            "type": "http",
            "method": "POST",
            "path": "/api/v1/x",
            "query_string": b"",
            "headers": [(b"content-type", b"application/json")],
        }
        middleware = RequestLimitsMiddleware(endpoint, max_body_bytes=100)
        # A thread of its own: the worker's thread may already run an event loop (Playwright's).
        with ThreadPoolExecutor(max_workers=1) as thread:
            thread.submit(anyio.run, middleware, scope, receive, send).result()
        return int(sent[0]["status"])

    assert run([b"x" * 40, b"x" * 40, b"x" * 40]) == 413
    assert reached == []
    assert run([b"x" * 40, b"x" * 40]) == 200
    assert reached == [b"x" * 80]
