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
from app.spot_checks.sampling import select_ids
from app.spot_checks.schemas import Candidate
from app.study_sessions.models import StudySession, StudySessionKind
from tests import factories
from tests.fixtures.accounts import make_account, token_for
from tests.helpers import field_error, if_match, row_counts


def _held_lecture(client: TestClient, db: Session, branch: Organization, title: str) -> int:
    secretary = factories.create_person(db, branch, name="韩明华", role=CommitteeRole.secretary)
    study_session = factories.create_study_session(
        db, branch, kind=StudySessionKind.party_lecture, chair=secretary, title=title
    )
    factories.create_attendance(db, study_session, secretary)
    url = f"/api/v1/study-sessions/{study_session.id}"
    assert (
        client.patch(
            url, headers=if_match(client, url), json={"recorder_id": secretary.id}
        ).status_code
        == 200
    )
    assert client.post(f"{url}/hold", headers=if_match(client, url)).status_code == 200
    return study_session.id or 0


def _client(
    application: FastAPI, db: Session, organization: Organization, role: Role, subtree: bool
) -> TestClient:
    account = make_account(
        db, organization.id or 0, login=role.value, role=role, include_subtree=subtree
    )
    db.commit()
    return TestClient(application, headers={"Authorization": f"Bearer {token_for(db, account)}"})


def _seed_selecting(population: list[int], wanted: int, sample_size: int) -> str:
    """A seed whose draw includes ``wanted`` (ids differ between database runs; the draw is the API's)."""
    candidates = [Candidate(id=i, weight=1, reasons=[]) for i in population]
    return next(
        seed
        for seed in (f"2015-07-{n}" for n in range(1, 1000))
        if wanted in select_ids(candidates, seed, sample_size)
    )


def test_the_rework_flag_from_spot_check_to_resolution(
    application: FastAPI, client: TestClient, db: Session
) -> None:
    """Acceptance: finalized meeting → a seeded draw selects it → spot check with 补课 → the flag is open and
    the secretary sees it → make-up planned and linked → finalized → the inspector passes it → resolved."""
    county = factories.create_organization(db, name="长兴县委", code="CX")
    branch = factories.create_organization(db, name="东岭村党支部", parent=county, code="DL")
    neighbour = factories.create_organization(db, name="西岭村党支部", parent=county, code="XL")
    original = _held_lecture(client, db, branch, "支部书记讲党课")
    assert (
        client.post(
            f"/api/v1/study-sessions/{original}/finalize",
            headers=if_match(client, f"/api/v1/study-sessions/{original}"),
        ).status_code
        == 200
    )
    others = [_held_lecture(client, db, neighbour, f"党课（{n}）") for n in range(3)]
    for other in others:
        held = db.get(StudySession, other)
        assert held is not None
        factories.attend_all(db, held)  # each lecture's secretary is a member of the others too
        assert (
            client.post(
                f"/api/v1/study-sessions/{other}/finalize",
                headers=if_match(client, f"/api/v1/study-sessions/{other}"),
            ).status_code
            == 200
        )
    seed = _seed_selecting(sorted([original, *others]), original, 2)
    inspector = _client(application, db, county, Role.inspector, True)
    secretary = _client(application, db, branch, Role.secretary, False)
    steps: list[Any] = []
    with inspector, secretary:
        draw = inspector.post(
            "/api/v1/sampling-draws",
            json={"organization_id": county.id, "sample_size": 2, "seed": seed},
        ).json()
        [planned] = [
            c
            for c in inspector.get(
                "/api/v1/spot-checks", params={"sampling_draw_id": draw["id"]}
            ).json()["items"]
            if c["study_session_id"] == original
        ]
        criteria = inspector.get("/api/v1/spot-check-criteria").json()
        suggested = {
            s["code"]: s["score"]
            for s in inspector.get(f"/api/v1/study-sessions/{original}/suggested-scores").json()
        }
        check = inspector.post(
            f"/api/v1/spot-checks/{planned['id']}/record",
            headers={"If-Match": f'"{planned["version"]}"'},
            json={
                "checked_on": "2015-07-10",
                "method": "records_review",
                "scores": {criteria[0]["code"]: 40, criteria[2]["code"]: 30},
                "override_reasons": {criteria[2]["code"]: "书记一人讲课，但会后交流时人人表了态"},
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
        factories.attend_all(db, make_up_session)
        url = f"/api/v1/study-sessions/{make_up_id}"
        secretary.patch(
            url,
            headers=if_match(secretary, url),
            json={"chair_id": lecturer.id, "recorder_id": lecturer.id},
        )
        secretary.post(f"{url}/hold", headers=if_match(secretary, url))
        finalized = secretary.post(f"{url}/finalize", headers=if_match(secretary, url))
        held = secretary.get(f"/api/v1/study-sessions/{original}").json()["rework_flag"]
        passed = inspector.post(f"/api/v1/study-sessions/{original}/rework/resolve")
        final = secretary.get(f"/api/v1/study-sessions/{original}").json()

    assert original in draw["selected_ids"]
    assert planned["status"] == "assigned"
    assert suggested[criteria[2]["code"]] == 0  # nobody present gave a key speech
    assert check.json()["status"] == "recorded"
    assert check.json()["sampling_draw_id"] == draw["id"]
    assert check.json()["suggested_scores"][criteria[2]["code"]] == 0
    assert check.json()["override_reasons"] == {
        criteria[2]["code"]: "书记一人讲课，但会后交流时人人表了态"
    }
    assert check.status_code == 200, check.text
    assert check.json()["verdict"] == "make_up"
    assert check.json()["inspector"] == "inspector"
    weights = criteria[0]["weight"], criteria[2]["weight"]
    expected_total = (40 * weights[0] + 30 * weights[1]) / (weights[0] + weights[1])
    assert check.json()["total"] == round(expected_total, 1)
    assert seen_by_secretary["rework_flag"] == "open"
    assert seen_by_secretary["rework_due_on"] == "2015-08-09"  # no deadline given: a month later
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
        select(AuditEvent.action, AuditEvent.after)
        .where(
            col(AuditEvent.action).in_(["rework_flag", "resolve_rework"]),
            AuditEvent.entity_id == str(original),
        )
        .order_by(col(AuditEvent.id))
    ).all()
    assert [json.loads(after or "{}")["rework_flag"] for _, after in flags] == [
        "open",
        "make_up_scheduled",
        "make_up_held",
        "resolved",
    ]
    assert [action for action, _ in flags][-1] == "resolve_rework"  # the inspector's acceptance
    audited = set(db.exec(select(AuditEvent.entity)).all())
    assert {"sampling_draw", "spot_check", "study_session"} <= audited


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
        # Inspectors read minutes; they never write them.
        inspector_edits = inspector.patch(
            f"/api/v1/study-sessions/{ours}",
            headers=if_match(inspector, f"/api/v1/study-sessions/{ours}"),
            json={"place": "x"},
        )
        inspector_speaks = inspector.post(
            f"/api/v1/study-sessions/{ours}/contributions",
            json={"speaker_id": 1, "round": 1, "kind": "exchange", "content": "x"},
        )

    assert foreign.status_code == 404
    assert bad_score.status_code == 422
    assert field_error(bad_score.json(), "scores.no_such_criterion")
    assert by_secretary.status_code == 403
    assert inspector_edits.status_code == 403
    assert inspector_speaks.status_code == 403
    assert row_counts(db) == before


def test_a_check_orders_rectification_and_a_talk_with_the_top_leader(
    application: FastAPI, client: TestClient, db: Session
) -> None:
    county = factories.create_organization(db, name="长兴县委", code="CX")
    branch = factories.create_organization(db, name="东岭村党支部", parent=county, code="DL")
    other = factories.create_organization(db, name="西岭村党支部", parent=county, code="XL")
    meeting = _held_lecture(client, db, branch, "支部书记讲党课")
    leader = factories.create_person(db, branch, name="李国强", role=CommitteeRole.secretary)
    outsider = factories.create_person(db, other, name="周海燕", role=CommitteeRole.secretary)
    inspector = _client(application, db, county, Role.inspector, True)
    secretary = _client(application, db, branch, Role.secretary, False)
    with inspector, secretary:
        check = inspector.post(
            "/api/v1/spot-checks",
            json={
                "study_session_id": meeting,
                "checked_on": "2015-07-10",
                "method": "unannounced_visit",
                "verdict": "reconvene",
                "notes": "会议走过场",
            },
        ).json()
        item = inspector.post(
            f"/api/v1/spot-checks/{check['id']}/rectification-items",
            json={"problem": "组织生活会走过场", "measure": "重新召开", "due_on": "2015-08-31"},
        )
        talk = inspector.post(
            f"/api/v1/organizations/{branch.id}/admonitions",
            json={
                "person_id": leader.id,
                "level": "reminder",
                "talked_on": "2015-07-12",
                "held_by": "县委组织部副部长 王立新",
                "notes": "指出会议准备不足，要求月底前重新召开",
                "spot_check_id": check["id"],
            },
        )
        wrong_person = inspector.post(
            f"/api/v1/organizations/{branch.id}/admonitions",
            json={
                "person_id": outsider.id,
                "level": "talk",
                "talked_on": "2015-07-12",
                "held_by": "王立新",
            },
        )
        blank_by = inspector.post(
            f"/api/v1/organizations/{branch.id}/admonitions",
            json={
                "person_id": leader.id,
                "level": "talk",
                "talked_on": "2015-07-12",
                "held_by": " ",
            },
        )
        by_secretary = secretary.post(
            f"/api/v1/organizations/{branch.id}/admonitions",
            json={
                "person_id": leader.id,
                "level": "talk",
                "talked_on": "2015-07-12",
                "held_by": "x",
            },
        )
        talks_seen_by_secretary = secretary.get(
            f"/api/v1/organizations/{branch.id}/admonitions"
        ).json()["items"]
        ledger = secretary.get("/api/v1/rectification-items").json()["items"]
        second_record = inspector.post(
            f"/api/v1/spot-checks/{check['id']}/record",
            headers=if_match(inspector, f"/api/v1/spot-checks/{check['id']}"),
            json={"checked_on": "2015-07-11", "method": "sat_in", "verdict": "pass"},
        )

    assert item.status_code == 201, item.text
    assert item.json()["source"] == "spot_check"
    assert item.json()["spot_check_id"] == check["id"]
    assert item.json()["ordered_by_id"] is not None
    assert item.json()["organization_id"] == branch.id
    assert talk.status_code == 201, talk.text
    assert talk.json()["person"] == "李国强"
    assert field_error(wrong_person.json(), "person_id")
    assert field_error(blank_by.json(), "held_by")
    assert by_secretary.status_code == 403
    assert [t["level"] for t in talks_seen_by_secretary] == ["reminder"]
    assert [i["problem"] for i in ledger] == ["组织生活会走过场"]
    assert second_record.status_code == 409  # a recorded check is not rewritten


def test_a_score_against_the_indicators_needs_a_reason(
    application: FastAPI, client: TestClient, db: Session
) -> None:
    county = factories.create_organization(db, name="长兴县委", code="CX")
    branch = factories.create_organization(db, name="东岭村党支部", parent=county, code="DL")
    meeting = _held_lecture(client, db, branch, "党课")
    inspector = _client(application, db, county, Role.inspector, True)
    body = {"study_session_id": meeting, "checked_on": "2015-07-10", "method": "sat_in"}
    before = row_counts(db)
    with inspector:
        suggested = inspector.get(f"/api/v1/study-sessions/{meeting}/suggested-scores").json()
        refused = inspector.post(
            "/api/v1/spot-checks",
            json=body | {"verdict": "pass", "scores": {"everyone_spoke": 90}},
        )
        blank_reason = inspector.post(
            "/api/v1/spot-checks",
            json=body
            | {
                "verdict": "pass",
                "scores": {"everyone_spoke": 90},
                "override_reasons": {"everyone_spoke": "  "},
            },
        )
    after_refusals = row_counts(db)
    with inspector:
        agreed = inspector.post(
            "/api/v1/spot-checks",
            json=body | {"verdict": "pass", "scores": {"everyone_spoke": 0, "preparation": 70}},
        )

    by_code = {s["code"]: s for s in suggested}
    assert by_code["everyone_spoke"]["score"] == 0
    assert by_code["everyone_spoke"]["basis"] == "0 / 1"
    assert (
        by_code["preparation"]["score"] is None
    )  # the indicators cannot say: the inspector judges
    assert field_error(refused.json(), "override_reasons.everyone_spoke")
    assert refused.status_code == 422
    assert blank_reason.status_code == 422
    assert after_refusals == before
    assert agreed.status_code == 201, agreed.text
    assert agreed.json()["override_reasons"] == {}


def test_a_check_of_an_organization_as_a_whole(
    application: FastAPI, client: TestClient, db: Session
) -> None:
    county = factories.create_organization(db, name="长兴县委", code="CX")
    branch = factories.create_organization(db, name="东岭村党支部", parent=county, code="DL")
    inspector = _client(application, db, county, Role.inspector, True)
    secretary = _client(application, db, branch, Role.secretary, False)
    body = {"checked_on": "2015-07-10", "method": "records_review"}
    with inspector, secretary:
        passed = inspector.post(
            "/api/v1/spot-checks",
            json=body | {"organization_id": branch.id, "verdict": "pass", "notes": "台账齐全"},
        )
        make_up = inspector.post(
            "/api/v1/spot-checks",
            json=body | {"organization_id": branch.id, "verdict": "make_up"},
        )
        nothing = inspector.post("/api/v1/spot-checks", json=body | {"verdict": "pass"})
        seen = secretary.get("/api/v1/spot-checks").json()["items"]
        page = inspector.get("/spot-checks")

    assert passed.status_code == 201, passed.text
    assert passed.json()["study_session_id"] is None
    assert passed.json()["organization_id"] == branch.id
    assert field_error(make_up.json(), "study_session_id")
    assert field_error(nothing.json(), "study_session_id")
    assert [c["notes"] for c in seen] == ["台账齐全"]
    assert "党组织整体: 台账齐全" in page.text
    assert "东岭村党支部" in page.text


def test_a_make_up_has_a_deadline_and_is_overdue_after_it(
    application: FastAPI, client: TestClient, db: Session
) -> None:
    """责令重新召开 with a deadline: the dashboard, the list and the meeting page say when it is due and,
    once the deadline has passed without a make-up, that it is overdue; a deadline before the check is
    refused next to its field, and nothing is written."""
    county = factories.create_organization(db, name="长兴县委", code="CX")
    branch = factories.create_organization(db, name="东岭村党支部", parent=county, code="DL")
    late = _held_lecture(client, db, branch, "支部书记讲党课")
    timely = _held_lecture(client, db, branch, "专题组织生活会")
    inspector = _client(application, db, county, Role.inspector, True)
    body = {"checked_on": "2015-07-10", "method": "sat_in", "verdict": "reconvene"}
    with inspector:
        before = row_counts(db)
        refused = inspector.post(
            "/api/v1/spot-checks",
            json=body | {"study_session_id": late, "rework_due_on": "2015-07-09"},
        )
        unchanged = row_counts(db)
        for meeting, due in ((late, "2015-08-01"), (timely, "2999-12-31")):
            done = inspector.post(
                "/api/v1/spot-checks",
                json=body | {"study_session_id": meeting, "rework_due_on": due},
            )
            assert done.status_code == 201, done.text
        dashboard = inspector.get(
            "/inspection",
            params={"organization_id": county.id, "from_month": "2015-07", "to_month": "2015-09"},
        )
        listed = client.get("/", params={"organization_id": branch.id})
        page = client.get(f"/study-sessions/{late}")

    assert refused.status_code == 422
    assert field_error(refused.json(), "rework_due_on")
    assert unchanged == before
    assert db.get(StudySession, late) is not None
    rows = {
        row.split("</td>")[1]: row for row in dashboard.text.split("<tr>") if "flag-open" in row
    }
    [late_row] = [row for title, row in rows.items() if "支部书记讲党课" in title]
    [timely_row] = [row for title, row in rows.items() if "专题组织生活会" in title]
    assert "2015年8月1日" in late_row
    assert "已逾期" in late_row
    assert "2999年12月31日" in timely_row
    assert "已逾期" not in timely_row
    assert "2015年8月1日起逾期" in listed.text
    assert "限2999年12月31日前" in listed.text
    assert "2015年8月1日起逾期" in page.text


def test_a_filter_naming_a_foreign_record_answers_404_like_reading_it(
    application: FastAPI, client: TestClient, db: Session
) -> None:
    """docs/decisions/0014: a list filtered by a record the caller may not read answers 404 naming the
    filter, as the record's own GET does; a value filter with no match is an empty page."""
    county = factories.create_organization(db, name="长兴县委", code="CX")
    branch = factories.create_organization(db, name="东岭村党支部", parent=county, code="DL")
    neighbour = factories.create_organization(db, name="西岭村党支部", parent=county, code="XL")
    theirs = _held_lecture(client, db, neighbour, "西岭党课")
    person = factories.create_person(db, neighbour, name="曹丽娟")
    secretary = _client(application, db, branch, Role.secretary, False)
    with secretary:
        meeting = secretary.get(f"/api/v1/study-sessions/{theirs}")
        checks = secretary.get("/api/v1/spot-checks", params={"study_session_id": theirs})
        items = secretary.get(
            "/api/v1/rectification-items", params={"responsible_person_id": person.id}
        )
        draws = secretary.get("/api/v1/spot-checks", params={"sampling_draw_id": 999_999})
        no_match = secretary.get("/api/v1/spot-checks", params={"verdict": "reconvene"})

    assert meeting.status_code == 404
    assert checks.status_code == 404
    assert field_error(checks.json(), "study_session_id")
    assert checks.json()["error"]["code"] == meeting.json()["error"]["code"]
    assert items.status_code == 404
    assert field_error(items.json(), "responsible_person_id")
    assert draws.status_code == 404
    assert no_match.status_code == 200
    assert no_match.json()["items"] == []
