"""The policy table covers every route, and each route behaves as the table says for every role.

Modelled on OpenSlides' and Decidim's permission tests: every route × every role, on a record inside
the caller's scope ("own") and one outside it ("foreign").
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth import service as auth_service
from app.auth.models import Role
from app.campaigns import service as campaign_service
from app.campaigns.schemas import RequiredActionCreate
from app.config import Settings
from app.db import Database
from app.flows import spot_checks as spot_check_flows
from app.main import named_routes
from app.policy import POLICY, PUBLIC
from app.rectification import service as rectification_service
from app.rectification.schemas import ItemCreate, ProgressCreate
from app.spot_checks import sampling
from app.spot_checks.models import CheckMethod, Circular, SamplingDraw, Verdict, Weighting
from app.spot_checks.schemas import SpotCheckCreate
from app.study_sessions import parts_service
from app.study_sessions.models import AttendanceStatus, ContributionKind, StudySessionStatus
from app.study_sessions.schemas import FindingCreate, SpeechOutlineCreate, TopicCreate
from tests import factories
from tests.fixtures.accounts import make_account
from tests.fixtures.databases import empty_all_tables

ROUTES = sorted(
    (name, method, path) for name, methods, path in named_routes() for method in methods - {"HEAD"}
)


def test_every_route_is_in_the_policy_table() -> None:
    names = {name for name, _, _ in ROUTES}
    assert names, "no routes found"
    missing = sorted(names - POLICY.keys())
    stale = sorted(POLICY.keys() - names)
    assert not missing, f"routes without a policy row: {missing}"
    assert not stale, f"policy rows without a route: {stale}"


@dataclass
class World:
    own: dict[str, int]
    foreign: dict[str, int]
    token: str


class SharedWorlds:
    """One world per role, built once per database and module, for the requests that cannot change it:
    reads, and requests the policy refuses before the endpoint runs. (Building a world for each of the
    ~600 cases per database was most of the suite's time.) Tests that may write get a fresh world of
    their own; their cleanup empties the tables, so a shared world is rebuilt when its caller is gone.
    """

    def __init__(self, database: Database) -> None:
        self.database = database
        self.worlds: dict[Role, World] = {}

    def get(self, role: Role) -> World:
        world = self.worlds.get(role)
        with self.database.session() as db:
            # Ids restart after a cleanup, so the token (random) tells whether the world survived.
            if world is None or auth_service.account_for_token(db, world.token) is None:
                world = self.worlds[role] = _build_world(db, role, tag=f"-{role.value}")
        return world


@pytest.fixture(scope="module")
def shared_worlds(backend_settings: Settings) -> Iterator[SharedWorlds]:
    database = Database(backend_settings)
    yield SharedWorlds(database)
    empty_all_tables(database.engine, backend_settings.database_url)
    database.dispose()


def _build_world(db: Session, role: Role, tag: str = "") -> World:
    """R → county C → branches A, B; R → county D → branch X. The caller's records are in A.

    ``tag`` goes into the codes and logins, so that worlds for several roles can live side by side.
    """
    root = factories.create_organization(db, name="市委", code=f"R{tag}")
    county = factories.create_organization(db, name="长兴县委", parent=root, code=f"C{tag}")
    branch_a = factories.create_organization(db, name="A党支部", parent=county, code=f"A{tag}")
    other_county = factories.create_organization(db, name="安吉县委", parent=root, code=f"D{tag}")
    branch_x = factories.create_organization(
        db, name="X党支部", parent=other_county, code=f"X{tag}"
    )
    records: dict[str, dict[str, int]] = {}
    for side, branch, launcher in (("own", branch_a, county), ("foreign", branch_x, other_county)):
        secretary = factories.create_person(db, branch, name=f"{side}书记")
        member = factories.create_person(db, branch, name=f"{side}党员")
        campaign = factories.create_campaign(db, launcher)
        theme = factories.create_theme(db, campaign)
        aspect = factories.create_aspect(db, theme)
        study_session = factories.create_study_session(db, branch, campaign=campaign)
        attendance = factories.create_attendance(db, study_session, secretary)
        factories.create_attendance(db, study_session, member, status=AttendanceStatus.present)
        contribution = factories.create_contribution(
            db, study_session, member, round=2, kind=ContributionKind.criticism, target=secretary
        )
        scope = factories.EVERYTHING
        topic = parts_service.create_topic(
            db, scope, study_session, TopicCreate(title="题目", aspect_id=aspect.id)
        )
        outline = parts_service.create_outline(
            db, scope, study_session, SpeechOutlineCreate(author_id=secretary.id or 0, body="提纲")
        )
        finding = parts_service.create_finding(
            db, scope, study_session, FindingCreate(description="问题")
        )
        required_action = campaign_service.create_required_action(
            db, scope, campaign, RequiredActionCreate(title="自选动作", organization_id=branch.id)
        )
        account = make_account(db, branch.id or 0, login=f"{side}-account{tag}", role=Role.viewer)
        token = auth_service.create_token(db, account, name="x", expires_in_days=None).token
        item = rectification_service.create_item(
            db, scope, ItemCreate(organization_id=branch.id or 0, problem="问题")
        )
        entry = rectification_service.add_progress(
            db, item, ProgressCreate(month="2015-06", text="进展", percent=10), account
        )
        spot_check = spot_check_flows.record_check(
            db,
            scope,
            account,
            SpotCheckCreate(
                study_session_id=study_session.id or 0,
                checked_on=date(2015, 7, 1),
                method=CheckMethod.sat_in,
                verdict=Verdict.passed,
            ),
        )
        draw = SamplingDraw(
            organization_id=branch.id or 0,
            filter={},
            weighting=Weighting.uniform,
            algorithm=sampling.ALGORITHM,
            sample_size=1,
            seed="s",
            population=[{"id": study_session.id, "weight": 1, "reasons": []}],
            selected_ids=[study_session.id],
        )
        db.add(draw)
        circular = Circular(organization_id=branch.id or 0, month="2015-06", title="通报")
        db.add(circular)
        db.flush()
        if role == Role.viewer and side == "own":
            study_session.status = StudySessionStatus.finalized
        db.commit()
        records[side] = {
            "organization_id": branch.id or 0,
            "person_id": member.id or 0,
            "campaign_id": campaign.id or 0,
            "theme_id": theme.id or 0,
            "aspect_id": aspect.id or 0,
            "action_id": required_action.id or 0,
            "study_session_id": study_session.id or 0,
            "attendance_id": attendance.id or 0,
            "topic_id": topic.id or 0,
            "outline_id": outline.id or 0,
            "contribution_id": contribution.id or 0,
            "finding_id": finding.id or 0,
            "account_id": account.id or 0,
            "token_id": token.id or 0,
            "item_id": item.id or 0,
            "entry_id": entry.id or 0,
            "spot_check_id": spot_check.id or 0,
            "draw_id": draw.id or 0,
            "circular_id": circular.id or 0,
        }
    # The caller: a secretary of A; everyone else over county C (not a root, so a real limit).
    on_branch = role == Role.secretary
    caller = make_account(
        db,
        (branch_a if on_branch else county).id or 0,
        login=f"caller{tag}",
        role=role,
        include_subtree=not on_branch,
    )
    caller_token = auth_service.create_token(db, caller, name="caller", expires_in_days=None)
    records["own"]["token_id"] = caller_token.token.id or 0
    db.commit()
    return World(
        own=records["own"],
        foreign=records["foreign"],
        token=caller_token.secret,
    )


def _fill(path: str, ids: dict[str, int]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        fixed = {"part": "topics", "kind": "people"}  # path parts that are words, not ids
        if name == "part_id":  # the row of the part named above
            return str(ids["topic_id"])
        return fixed[name] if name in fixed else str(ids[name])

    return re.sub(r"\{(\w+)(?::\w+)?\}", value, path)


ROLES = list(Role)


@pytest.mark.parametrize("role", ROLES, ids=[r.value for r in ROLES])
@pytest.mark.parametrize(("name", "method", "path"), ROUTES, ids=[f"{m} {p}" for _, m, p in ROUTES])
def test_route_obeys_the_policy_for_each_role(
    application: FastAPI,
    shared_worlds: SharedWorlds,
    request: pytest.FixtureRequest,
    role: Role,
    name: str,
    method: str,
    path: str,
) -> None:
    allowed = POLICY[name]
    refused_by_policy = allowed is not PUBLIC and role not in allowed
    if method == "GET" or refused_by_policy:
        world = shared_worlds.get(role)
        application.state.database = shared_worlds.database
    else:
        database: Database = request.getfixturevalue("database")
        db: Session = request.getfixturevalue("db")
        world = _build_world(db, role)
        application.state.database = database
    headers = {"Authorization": f"Bearer {world.token}"}
    with TestClient(application, headers=headers) as client:

        def call(ids: dict[str, int]) -> int:
            url = _fill(path, ids)
            if method in ("GET", "DELETE"):
                return client.request(method, url, follow_redirects=False).status_code
            if url.startswith("/api/"):
                return client.request(method, url, json={}, follow_redirects=False).status_code
            return client.request(method, url, data={}, follow_redirects=False).status_code

        has_ids = "{" in path
        if refused_by_policy:
            assert call(world.own) == 403
            return
        if has_ids:
            # Outside the scope looks exactly like not existing: 404, or the same 422 that an invalid
            # body gets before anything is looked up.
            foreign = call(world.foreign)
            missing = call(dict.fromkeys(world.foreign, 987654))
            assert foreign == missing, f"foreign {foreign} differs from missing {missing}"
            assert foreign in (404, 422), f"foreign record answered {foreign}"
        status = call(world.own)
        refused = (
            (403, 500) if allowed is PUBLIC else (401, 403, 404, 500)
        )  # a bad login may be 401
        assert status not in refused, f"own record refused: {status}"
