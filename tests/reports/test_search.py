"""Searching the minutes: Chinese queries of one, two and four characters and a name, found in titles,
speeches and problems, never outside the caller's scope, the index current within the transaction."""

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from app.auth.models import Role
from app.db import Database
from app.organizations.models import OrganizationKind
from app.study_sessions import parts_service, search_index
from app.study_sessions.models import (
    Contribution,
    ContributionKind,
    SearchEntry,
    StudySessionStatus,
)
from app.study_sessions.schemas import FindingCreate
from app.text import search_terms
from tests import factories
from tests.fixtures.accounts import client_as
from tests.helpers import field_error

PARAGRAPHS = [
    line.strip()
    for line in (Path(__file__).parent.parent / "fixtures" / "speech_paragraphs.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.fixture
def county(client: TestClient, db: Session) -> dict[str, Any]:
    """County C with branches A and B. A: a finalized meeting (two speeches of the seed text, a
    criticism of 韩明华 about 低保, a problem about 低保) and a draft one (a speech on 廉洁). B: a
    finalized meeting whose speech mentions 低保."""
    c = factories.create_organization(db, name="长兴县委", code="C")
    a = factories.create_organization(
        db, name="东岭村党支部", parent=c, code="A", kind=OrganizationKind.branch
    )
    b = factories.create_organization(
        db, name="南庄村党支部", parent=c, code="B", kind=OrganizationKind.branch
    )
    han = factories.create_person(db, a, name="韩明华")
    cao = factories.create_person(db, a, name="曹丽娟")
    li = factories.create_person(db, b, name="李国强")
    finalized = factories.create_study_session(
        db, a, title="“严以修身”专题学习研讨", starts_at=datetime(2015, 6, 12, 14, 30)
    )
    seed = [factories.create_contribution(db, finalized, han, content=p) for p in PARAGRAPHS[:2]]
    criticism = factories.create_contribution(
        db,
        finalized,
        cao,
        kind=ContributionKind.criticism,
        target=han,
        content="我给韩明华同志提个意见：村里低保评定不公开，群众有意见。",
    )
    finding = parts_service.create_finding(
        db,
        factories.EVERYTHING,
        finalized,
        FindingCreate(description="低保评定程序不规范", cause="制度执行不严", measure="张榜公示"),
    )
    draft = factories.create_study_session(
        db, a, title="党风廉政建设专题组织生活会", starts_at=datetime(2015, 7, 2, 19, 0)
    )
    draft_speech = factories.create_contribution(db, draft, han, content="要守住廉洁底线。")
    other = factories.create_study_session(
        db, b, title="南庄村党支部专题学习", starts_at=datetime(2015, 6, 20, 19, 0)
    )
    other_speech = factories.create_contribution(
        db, other, li, content="我们村的低保户要逐户走访。"
    )
    for meeting in (finalized, other):
        meeting.status = StudySessionStatus.finalized
        db.add(meeting)
    db.commit()
    return {
        "c": c,
        "a": a,
        "b": b,
        "han": han,
        "finalized": finalized,
        "seed": seed,
        "criticism": criticism,
        "finding": finding,
        "draft": draft,
        "draft_speech": draft_speech,
        "other_speech": other_speech,
    }


def _found(client: TestClient, q: str, **filters: Any) -> list[tuple[str, int]]:
    response = client.get("/api/v1/search", params={"q": q, **filters})
    assert response.status_code == 200, response.text
    return [(hit["part"], hit["part_id"]) for hit in response.json()["items"]]


def test_queries_of_one_two_and_four_characters_and_a_name_are_found_within_the_scope(
    application: FastAPI, client: TestClient, db: Session, county: dict[str, Any]
) -> None:
    inspector = client_as(application, db, county["c"].id, Role.inspector, "c-inspector")
    secretary_b = client_as(application, db, county["b"].id, Role.secretary, "b-secretary")
    viewer = client_as(application, db, county["c"].id, Role.viewer, "c-viewer")
    criticism = ("contribution", county["criticism"].id)
    finding = ("finding", county["finding"].id)
    other = ("contribution", county["other_speech"].id)
    draft_speech = ("contribution", county["draft_speech"].id)
    with inspector, secretary_b, viewer:
        two = _found(inspector, "低保")
        one = _found(inspector, "廉")
        four = _found(inspector, "被动为主")
        name = _found(inspector, "韩明华")
        of_han = _found(
            inspector, "意见", target_id=county["han"].id, contribution_kind="criticism"
        )
        in_a = _found(inspector, "低保", organization_id=county["a"].id)
        until = _found(inspector, "低保", starts_until="2015-06-15")
        across = _found(inspector, "公开群众")  # the comma between them is no obstacle
        b_sees = _found(secretary_b, "低保")
        b_draft = _found(secretary_b, "廉")
        viewer_two = _found(viewer, "低保")
        viewer_one = _found(viewer, "廉")
        passage = inspector.get("/api/v1/search", params={"q": "低保评定"}).json()["items"]
        blank = inspector.get("/api/v1/search", params={"q": " ，。"})
        crafted = inspector.get("/api/v1/search", params={"q": "低保", "cursor": "W10"})
        foreign = secretary_b.get(
            "/api/v1/search", params={"q": "低保", "organization_id": county["a"].id}
        )

    assert two == [other, finding, criticism]  # newest first
    assert set(one) == {
        draft_speech,
        ("study_session", county["draft"].id),  # 党风廉政 in the title
    }
    assert four == [("contribution", county["seed"][1].id)]  # 真正变被动为主动
    assert name == [criticism]
    assert of_han == [criticism]
    assert in_a == [finding, criticism]
    assert until == [finding, criticism]
    assert across == [criticism]
    assert b_sees == [other]
    assert b_draft == []
    assert viewer_two == [other, finding, criticism]
    assert viewer_one == []  # drafts are not the viewer's
    first = passage[0]
    assert (first["match"], first["title"], first["organization_name"]) == (
        "低保评定",
        "“严以修身”专题学习研讨",
        "东岭村党支部",
    )
    assert first["anchor"] == f"findings-{county['finding'].id}"
    assert passage[1]["before"].endswith("村里")
    assert passage[1]["person_name"] == "曹丽娟"
    assert passage[1]["target_name"] == "韩明华"
    assert blank.status_code == 422
    assert field_error(blank.json(), "q")["code"] == "empty_query"
    assert field_error(crafted.json(), "cursor")["code"] == "invalid_cursor"
    assert foreign.status_code == 404


def test_the_index_follows_every_write_in_its_transaction(
    client: TestClient, db: Session, database: Database, county: dict[str, Any]
) -> None:
    with database.session() as writing:  # a transaction as a request has it
        speech = writing.get(Contribution, county["draft_speech"].id)
        assert speech is not None
        speech.content = "要做到勤政为民。"
        writing.flush()
        changed_in_transaction = _entries(writing, "勤政")
        writing.rollback()
        after_rollback = (_entries(writing, "勤政"), _entries(writing, "廉洁"))
    speech = db.get(Contribution, county["draft_speech"].id)
    assert speech is not None
    speech.content = "要做到勤政为民。"
    db.add(speech)
    db.commit()
    committed = _found(client, "勤政", organization_id=county["a"].id)
    db.delete(speech)
    db.commit()
    deleted = _found(client, "勤政", organization_id=county["a"].id)
    meeting = county["draft"]
    db.delete(db.get(type(meeting), meeting.id))
    db.commit()

    assert changed_in_transaction == 1
    assert after_rollback == (0, 1)
    assert committed == [("contribution", speech.id)]
    assert deleted == []
    assert (
        db.exec(
            select(func.count())
            .select_from(SearchEntry)
            .where(SearchEntry.study_session_id == meeting.id)
        ).one()
        == 0
    )
    total = db.exec(select(func.count()).select_from(SearchEntry)).one()
    assert search_index.rebuild(db) == total  # the hook wrote what a rebuild writes


def _entries(db: Session, text: str) -> int:
    terms = " ".join(search_terms(text))
    return db.exec(
        select(func.count())
        .select_from(SearchEntry)
        .where(
            SearchEntry.terms.contains(terms)  # type: ignore[attr-defined]
        )
    ).one()


def test_the_search_page_marks_the_match_and_links_to_the_part(
    client: TestClient, county: dict[str, Any]
) -> None:
    page = client.get("/search", params={"q": "低保", "organization_id": county["a"].id})
    empty = client.get("/search", params={"q": "。"})
    nothing = client.get("/search", params={"q": "区块链"})

    assert page.status_code == 200
    meeting, criticism = county["finalized"].id, county["criticism"].id
    assert f'href="/study-sessions/{meeting}#contributions-{criticism}"' in page.text
    assert "村里<mark>低保</mark>评定不公开" in page.text
    assert re.search(r"曹丽娟（[^<]*：韩明华）", page.text)
    assert empty.status_code == 422
    assert 'id="search-q-error"' in empty.text
    assert nothing.status_code == 200
    assert "没有找到" in nothing.text
