"""SQL statements per request for the main pages and endpoints: a fixed number, whatever the data (no N+1).

Two jurisdictions are built side by side, a small one and one several times larger (more branches,
meetings, speeches, ledger items, checks); every endpoint is called for each and must issue exactly as
many statements for both, and no more than its budget below. A change that adds a query per row fails
here; a deliberate new query raises the budget in the same commit.
"""

from datetime import date, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.organizations.models import Organization, OrganizationKind
from app.people.models import CommitteeRole
from app.study_sessions.models import ContributionKind, StudySessionKind, StudySessionStatus
from tests import factories
from tests.fixtures.databases import QueryCounter

# endpoint → the most statements it may issue (authentication and the caller's scope included; a
# page's menu counts what is to do, 待办, in one statement)
BUDGET = {
    "/api/v1/study-sessions?organization_id={org}": 4,
    "/api/v1/study-sessions/{meeting}": 9,
    "/api/v1/study-sessions/{meeting}/indicators": 7,
    "/study-sessions/{meeting}": 20,
    "/?organization_id={org}": 7,
    "/api/v1/rectification-items?organization_id={org}": 5,
    "/ledger?organization_id={org}": 9,
    "/api/v1/spot-checks": 4,
    "/api/v1/dashboard?organization_id={org}&from_month=2015-01&to_month=2015-12": 15,
    # the page sums the figures per unit below (one more statement for the organizations)
    "/inspection?organization_id={org}&from_month=2015-01&to_month=2015-12": 19,
    "/overview?organization_id={org}&from_month=2015-01&to_month=2015-12": 19,
    "/api/v1/overview?organization_id={org}&from_month=2015-01&to_month=2015-12": 16,
    "/api/v1/todo": 4,  # the counts in one statement, then each kind with something to do
    "/todo": 5,
    "/api/v1/sampling-draws/{draw}": 3,  # the drawing inspector named by person
}


def _jurisdiction(
    client: TestClient, db: Session, code: str, *, branches: int, speeches: int
) -> dict[str, Any]:
    town = factories.create_organization(db, name=f"{code}镇党委", code=code)
    meeting_id = 0
    for b in range(branches):
        branch = factories.create_organization(
            db,
            name=f"{code}第{b}村党支部",
            code=f"{code}-{b}",
            parent=town,
            kind=OrganizationKind.branch,
            is_weak_unit=b % 2 == 0,
        )
        people = [
            factories.create_person(
                db,
                branch,
                name=f"{code}党员{b}-{i}",
                role=CommitteeRole.secretary if i == 0 else CommitteeRole.member,
            )
            for i in range(5)
        ]
        for month in (3, 6):
            meeting = factories.create_study_session(
                db,
                branch,
                kind=StudySessionKind.branch_committee_meeting,
                starts_at=datetime(2015, month, 8, 19, 0),
            )
            for person in people:
                factories.create_attendance(db, meeting, person)
            for index in range(speeches):
                factories.create_contribution(
                    db,
                    meeting,
                    people[index % 5],
                    round=index // 5 + 1,
                    kind=ContributionKind.criticism
                    if index % 4 == 0
                    else ContributionKind.exchange,
                    target=people[(index + 1) % 5] if index % 4 == 0 else None,
                )
            meeting.status = StudySessionStatus.finalized
            db.add(meeting)
            db.commit()
            meeting_id = meeting.id or 0
            check = client.post(
                "/api/v1/spot-checks",
                json={
                    "study_session_id": meeting_id,
                    "checked_on": date(2015, month, 20).isoformat(),
                    "method": "records_review",
                    "verdict": "make_up" if month == 3 else "pass",
                    "notes": "记录不全",
                },
            )
            assert check.status_code == 201, check.text
            item = client.post(
                "/api/v1/rectification-items",
                json={
                    "organization_id": branch.id,
                    "problem": f"{code}问题{b}-{month}",
                    "responsible_person_id": people[1].id,
                    "due_on": "2015-06-30",
                },
            )
            assert item.status_code == 201, item.text
    draw = client.post(
        "/api/v1/sampling-draws",
        json={
            "organization_id": town.id,
            "sample_size": 2,
            "weighting": "risk_weighted",
            "include_checked": True,  # every meeting here has been checked
        },
    )
    assert draw.status_code == 201, draw.text
    return {"org": town.id, "meeting": meeting_id, "draw": draw.json()["id"]}


def test_statements_per_request_do_not_grow_with_the_data(
    client: TestClient, db: Session, count_queries: QueryCounter
) -> None:
    small = _jurisdiction(client, db, "S", branches=1, speeches=5)
    large = _jurisdiction(client, db, "L", branches=4, speeches=30)
    counts: dict[str, tuple[int, int]] = {}
    for endpoint in BUDGET:
        measured = []
        for world in (small, large):
            with QueryCounter(count_queries.engine) as counter:
                response = client.get(endpoint.format(**world))
            assert response.status_code == 200, (endpoint, response.text[:300])
            measured.append(counter.count)
        counts[endpoint] = (measured[0], measured[1])

    growing = {e: c for e, c in counts.items() if c[0] != c[1]}
    over = {e: c for e, c in counts.items() if c[1] > BUDGET[e]}
    assert not growing, f"statements grow with the data: {growing}"
    assert not over, f"over budget: {over} (budgets {BUDGET})"


def test_the_jurisdictions_really_differ_in_size(client: TestClient, db: Session) -> None:
    """The comparison above means something only if the large world is larger on every list."""
    small = _jurisdiction(client, db, "S", branches=1, speeches=5)
    large = _jurisdiction(client, db, "L", branches=4, speeches=30)
    sizes = {}
    for name, world in (("small", small), ("large", large)):
        sessions = client.get("/api/v1/study-sessions", params={"organization_id": world["org"]})
        items = client.get("/api/v1/rectification-items", params={"organization_id": world["org"]})
        detail = client.get(f"/api/v1/study-sessions/{world['meeting']}")
        sizes[name] = (
            len(sessions.json()["items"]),
            len(items.json()["items"]),
            len(detail.json()["contributions"]),
        )
    assert sizes == {"small": (2, 2, 5), "large": (8, 8, 30)}
    assert db.get(Organization, large["org"]) is not None
