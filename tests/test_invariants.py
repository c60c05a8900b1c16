"""The core promises of the API, as a Hypothesis state machine: random sequences of the two branch
secretaries' calls — plan, edit, stale edit, add speeches, delete; reads and writes across the branch
line — checked after every step against a model of what each secretary may see.

- Scope isolation: a secretary lists exactly their own branch's meetings; the other branch's answer
  404 to reads and writes alike, and stay as they were.
- Versions: each write to a meeting raises its version by exactly one; a write with a stale version is
  refused (412) and changes nothing.
- The audit log's hash chain verifies after every step.
"""

from dataclasses import dataclass
from itertools import count

from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    rule,
    run_state_machine_as_test,
)

from app.audit import service as audit_service
from app.auth.models import Role
from app.db import Database
from tests import factories
from tests.fixtures.accounts import make_account, token_for

SIDES = ("A", "B")
TITLES = st.text(
    alphabet=st.sampled_from("严以修身用权律己谋事要实创业做人 <>&\"'{}%👍\u3000"),
    min_size=1,
    max_size=40,
).filter(str.strip)
_worlds = count(1)


@dataclass
class Meeting:
    id: int
    side: str
    version: int
    title: str


def test_scope_versions_and_the_audit_chain_hold_for_any_sequence_of_calls(
    application: FastAPI, database: Database
) -> None:
    application.state.database = database

    class Secretaries(RuleBasedStateMachine):
        meetings = Bundle("meetings")

        def __init__(self) -> None:
            super().__init__()
            world = next(_worlds)
            self.clients: dict[str, TestClient] = {}
            self.branch: dict[str, int] = {}
            self.speaker: dict[str, int] = {}
            self.model: dict[int, Meeting] = {}
            with database.session() as db:
                county = factories.create_organization(db, name="长兴县委", code=f"C{world}")
                for side in SIDES:
                    branch = factories.create_organization(
                        db, name=f"{side}党支部", parent=county, code=f"{side}{world}"
                    )
                    person = factories.create_person(db, branch, name=f"{side}书记")
                    account = make_account(
                        db, branch.id or 0, login=f"sec-{side}-{world}", role=Role.secretary
                    )
                    self.branch[side], self.speaker[side] = branch.id or 0, person.id or 0
                    self.clients[side] = TestClient(
                        application, headers={"Authorization": f"Bearer {token_for(db, account)}"}
                    )

        @staticmethod
        def other(side: str) -> str:
            return "B" if side == "A" else "A"

        @rule(target=meetings, side=st.sampled_from(SIDES), title=TITLES)
        def plan(self, side: str, title: str) -> Meeting:
            response = self.clients[side].post(
                "/api/v1/study-sessions",
                json={
                    "organization_id": self.branch[side],
                    "kind": "party_group_meeting",
                    "title": title,
                    "starts_at": "2015-06-12T14:30:00",
                    "status": "held",
                },
            )
            assert response.status_code == 201, response.text
            meeting = Meeting(response.json()["id"], side, response.json()["version"], title)
            self.model[meeting.id] = meeting
            return meeting

        @rule(meeting=meetings, title=TITLES)
        def edit(self, meeting: Meeting, title: str) -> None:
            if meeting.id not in self.model:
                return
            response = self.clients[meeting.side].patch(
                f"/api/v1/study-sessions/{meeting.id}",
                json={"title": title},
                headers={"If-Match": f'"{meeting.version}"'},
            )
            assert response.status_code == 200, response.text
            assert response.json()["version"] == meeting.version + 1
            assert response.headers["ETag"] == f'"{meeting.version + 1}"'
            meeting.version, meeting.title = meeting.version + 1, title

        @rule(meeting=meetings, title=TITLES)
        def edit_with_a_stale_version(self, meeting: Meeting, title: str) -> None:
            if meeting.id not in self.model or meeting.version < 2:
                return
            response = self.clients[meeting.side].patch(
                f"/api/v1/study-sessions/{meeting.id}",
                json={"title": title},
                headers={"If-Match": f'"{meeting.version - 1}"'},
            )
            assert response.status_code == 412, response.text
            assert response.json()["error"]["code"] == "version_conflict"

        @rule(meeting=meetings)
        def add_a_speech(self, meeting: Meeting) -> None:
            if meeting.id not in self.model:
                return
            response = self.clients[meeting.side].post(
                f"/api/v1/study-sessions/{meeting.id}/contributions",
                json={
                    "speaker_id": self.speaker[meeting.side],
                    "round": 1,
                    "kind": "key_speech",
                    "content": "对照检查，立行立改。",
                },
            )
            assert response.status_code == 201, response.text

        @rule(meeting=meetings, title=TITLES)
        def reach_across_the_branch_line(self, meeting: Meeting, title: str) -> None:
            stranger = self.clients[self.other(meeting.side)]
            url = f"/api/v1/study-sessions/{meeting.id}"
            for response in (
                stranger.get(url),
                stranger.get(f"{url}/contributions"),
                stranger.patch(url, json={"title": title}),
                stranger.post(
                    f"{url}/contributions",
                    json={
                        "speaker_id": self.speaker[meeting.side],
                        "round": 1,
                        "kind": "exchange",
                        "content": "越权写入",
                    },
                ),
                stranger.delete(url),
            ):
                assert response.status_code == 404, response.text

        @rule(meeting=consumes(meetings))
        def delete(self, meeting: Meeting) -> None:
            if meeting.id not in self.model:
                return
            response = self.clients[meeting.side].delete(
                f"/api/v1/study-sessions/{meeting.id}",
                headers={"If-Match": f'"{meeting.version}"'},
            )
            assert response.status_code == 204, response.text
            del self.model[meeting.id]

        @invariant()
        def each_secretary_sees_exactly_their_own_branch(self) -> None:
            for side in SIDES:
                listed = self.clients[side].get("/api/v1/study-sessions", params={"limit": 200})
                seen = {item["id"]: item for item in listed.json()["items"]}
                expected = {m.id: m for m in self.model.values() if m.side == side}
                assert seen.keys() == expected.keys()
                for meeting_id, meeting in expected.items():
                    assert seen[meeting_id]["version"] == meeting.version
                    assert seen[meeting_id]["title"] == meeting.title

        @invariant()
        def the_audit_chain_verifies(self) -> None:
            with database.session(write=False) as db:
                result = audit_service.verify(db)
            assert result.ok, result.reason

        def teardown(self) -> None:
            for client in self.clients.values():
                client.close()

    run_state_machine_as_test(
        Secretaries,
        settings=settings(
            max_examples=8,
            stateful_step_count=15,
            deadline=None,
            database=None,
            derandomize=True,
            # No shrinking: a failing sequence is at most 15 steps, readable as it is, and shrinking one
            # that makes HTTP calls and walks the audit chain at every step takes minutes.
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
