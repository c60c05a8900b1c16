"""Concurrent writers: no "database is locked", no lost or duplicated positions."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests import factories

# Concurrent requests need connections of their own, so these tests commit for real.
pytestmark = pytest.mark.commits

WRITERS = 8
WRITES_EACH = 10


def test_concurrent_writers_all_succeed_in_order(client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db, name="县国土资源局机关党支部")
    speakers = [factories.create_person(db, branch, name=f"党员{i}") for i in range(WRITERS)]
    study_session = factories.create_study_session(db, branch)
    url = f"/api/v1/study-sessions/{study_session.id}/contributions"

    def write(speaker_id: int) -> list[int]:
        statuses = []
        for n in range(WRITES_EACH):
            body = {
                "speaker_id": speaker_id,
                "round": 1,
                "kind": "exchange",
                "content": f"第{n}次交流发言。",
            }
            statuses.append(client.post(url, json=body).status_code)
        return statuses

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        results = list(pool.map(write, [s.id for s in speakers]))

    assert all(code == 201 for statuses in results for code in statuses), results
    positions = [
        c["position"]
        for c in client.get(f"/api/v1/study-sessions/{study_session.id}").json()["contributions"]
    ]
    assert positions == list(range(1, WRITERS * WRITES_EACH + 1))
