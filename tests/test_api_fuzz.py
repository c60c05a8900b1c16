"""Schemathesis against ``/openapi.json``: every API operation, generated inputs valid and invalid,
with the token of each role, on the demo county in a database of its own (SQLite and PostgreSQL).

Each operation must answer below 500, with a status, content type, headers and body the document
declares — every 4xx an ``{"error": {code, message, fields?}}``. Examples per operation are bounded and
the seed is fixed (``YANTAO_FUZZ_EXAMPLES``, ``YANTAO_FUZZ_SEED`` to explore further locally).
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import hypothesis
import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
)
from sqlmodel import select
from starlette.types import Receive, Scope, Send

from app.auth import service as auth_service
from app.auth.models import Account, Role
from app.config import Settings
from app.main import create_app
from tests.fixtures.databases import BACKENDS
from tests.live import demo_database_url

EXAMPLES = int(os.environ.get("YANTAO_FUZZ_EXAMPLES", "6"))
SEED = int(os.environ.get("YANTAO_FUZZ_SEED", "2015"))
DEMO_LOGINS = ("admin", "inspector", "secretary", "viewer")  # one demo account per role


def _settings(url: str) -> Settings:
    return Settings(
        environment="test",
        database_url=url,
        secret_key="fuzz-secret-key-0123456789",
        sqlite_busy_timeout_ms=3000,
        pdf_workers=0,
    )


class CurrentWorld:
    """The ASGI application schemathesis calls: it hands each request to the world of the running
    test (SQLite's or PostgreSQL's). Lifespan events end here; each world's app is built ready."""

    def __init__(self) -> None:
        self.app: FastAPI | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        assert self.app is not None, "no world chosen"
        await self.app(scope, receive, send)


CURRENT_WORLD = CurrentWorld()
# Leaving out a required header is refused as schemathesis expects — or, for ``If-Match``, with the
# status made for it: 428 Precondition Required (RFC 6585).
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "missing_required_header": {"expected-statuses": [400, 401, 403, 406, 415, 422, 428]}
        }
    }
)
# The document does not depend on the database: one schema, one pytest item per operation.
SCHEMA = schemathesis.openapi.from_dict(
    create_app(_settings("sqlite:///unused.db")).openapi(), config=CONFIG
)
SCHEMA.app = CURRENT_WORLD


@dataclass
class Caller:
    login: str
    role: Role
    include_subtree: bool
    token: str = ""


class FuzzWorld:
    """The demo county and one caller per demo account, kept able to call: whatever the fuzzer's
    writes did to a caller (revoked its token, disabled or changed the account), it is undone
    through the services before the next operation."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.database = app.state.database
        with self.database.session() as db:
            self.callers = {
                account.login: Caller(account.login, account.role, account.include_subtree)
                for account in db.exec(select(Account).where(Account.login.in_(DEMO_LOGINS))).all()  # type: ignore[attr-defined]
            }

    def token(self, login: str) -> str:
        caller = self.callers[login]
        with self.database.session() as db:
            account = auth_service.get_account_by_login(db, login)
            if (account.active, account.role, account.include_subtree) != (
                True,
                caller.role,
                caller.include_subtree,
            ):
                auth_service.update_account(
                    db,
                    account,
                    role=caller.role,
                    active=True,
                    include_subtree=caller.include_subtree,
                )
            if not caller.token or auth_service.account_for_token(db, caller.token) is None:
                caller.token = auth_service.create_token(
                    db, account, name="fuzz", expires_in_days=None
                ).secret
            db.commit()
        return caller.token


@pytest.fixture(scope="session", params=BACKENDS)
def fuzz_world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FuzzWorld]:
    """A demo database of its own per backend and worker, for the whole run: the fuzzer's writes
    never reach the tables other tests empty and fill."""
    url = demo_database_url(request.param, "fuzz", tmp_path_factory.mktemp("fuzz"))
    app = create_app(_settings(url))
    yield FuzzWorld(app)
    app.state.database.dispose()


@pytest.fixture
def caller_token(fuzz_world: FuzzWorld, request: pytest.FixtureRequest) -> str:
    """The token of the test's caller, made able to call again before each operation."""
    CURRENT_WORLD.app = fuzz_world.app
    return fuzz_world.token(request.param)


def call_and_validate(case: schemathesis.Case[Any], token: str) -> None:
    case.call_and_validate(
        base_url="http://testserver",
        headers={"Authorization": f"Bearer {token}"},
        # A request the schema allows may still break a rule (a cursor that is not ours, an end
        # before the start): a 422 for it is right. And the schemas coerce as pydantic does ("5" is 5,
        # 0 is false) — the pages' forms, which send only strings, rely on it — so a "negative"
        # example such as ``"is_weak_unit": 0`` is accepted by design. Every other check applies.
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
    )


# The administrator reaches the most code: for them, first schemathesis' deterministic coverage
# examples (boundary values, missing and wrongly typed fields, out-of-range numbers), then random ones.
@pytest.mark.parametrize("caller_token", ["admin"], indirect=True)
@SCHEMA.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@hypothesis.seed(SEED)
def test_every_operation_answers_as_documented_to_the_administrator(
    case: schemathesis.Case[Any], caller_token: str
) -> None:
    call_and_validate(case, caller_token)


# The other roles: random examples (their writes mostly stop at the policy; their reads at the scope).
@pytest.mark.parametrize("caller_token", ["inspector", "secretary", "viewer"], indirect=True)
@SCHEMA.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@hypothesis.seed(SEED)
def test_every_operation_answers_as_documented_to_each_role(
    case: schemathesis.Case[Any], caller_token: str
) -> None:
    call_and_validate(case, caller_token)
