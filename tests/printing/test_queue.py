"""The print queue: a small document is not kept waiting behind another account's huge drafts, one
account cannot hold every rendering process or queue without end, and a draft printed before comes
from the cache — rendered once even when asked for twice at the same time."""

import threading
import time
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.main import create_app
from app.printing import queue
from tests import factories
from tests.fixtures.accounts import make_account, token_for

LIMITS = queue.Limits(processes=1, per_owner=1, waiting_per_owner=3, wait_seconds=10)


def _wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


class Printer:
    """Takes a queue slot in a thread per document and records the order they got their turn."""

    def __init__(self, print_queue: queue.PrintQueue, limits: queue.Limits = LIMITS) -> None:
        self.queue = print_queue
        self.limits = limits
        self.order: list[str] = []
        self.errors: dict[str, BaseException] = {}
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []

    def start(self, name: str, owner: int | None, size: int) -> None:
        def work() -> None:
            try:
                with self.queue.slot(owner, size, self.limits):
                    self.order.append(name)
                    self.release.wait(10)
            except BaseException as exc:
                self.errors[name] = exc

        thread = threading.Thread(target=work)
        self.threads.append(thread)
        waiting = self.queue.waiting()
        thread.start()
        # Each document is in the queue (or holding its slot) before the next is asked for.
        _wait_until(
            lambda: self.queue.waiting() > waiting or name in self.order or name in self.errors
        )

    def finish(self) -> None:
        self.release.set()
        for thread in self.threads:
            thread.join(10)


def test_a_small_document_goes_before_large_ones_that_came_first() -> None:
    printer = Printer(queue.PrintQueue())
    printer.start("huge-1", owner=1, size=400_000)  # holds the only process
    printer.start("huge-2", owner=2, size=400_000)
    printer.start("huge-3", owner=3, size=400_000)
    printer.start("small", owner=4, size=20_000)
    printer.finish()

    assert printer.order == ["huge-1", "small", "huge-2", "huge-3"]


def test_one_account_never_holds_every_process() -> None:
    two = queue.Limits(processes=2, per_owner=1, waiting_per_owner=3, wait_seconds=10)
    printer = Printer(queue.PrintQueue(), two)
    printer.start("a-1", owner=1, size=400_000)
    printer.start("a-2", owner=1, size=400_000)  # waits although a process is free
    printer.start("b-1", owner=2, size=400_000)  # takes the free process
    running_while_held = printer.order.copy()
    printer.finish()

    assert running_while_held == ["a-1", "b-1"]
    assert printer.order == ["a-1", "b-1", "a-2"]


def test_an_account_with_too_much_waiting_is_told_to_retry_later() -> None:
    limits = queue.Limits(processes=1, per_owner=1, waiting_per_owner=1, wait_seconds=10)
    printer = Printer(queue.PrintQueue(), limits)
    printer.start("a-1", owner=1, size=10)
    printer.start("a-2", owner=1, size=10)
    printer.start("a-3", owner=1, size=10)  # one running, one waiting already: refused
    printer.start("b-1", owner=2, size=10)  # somebody else still queues
    printer.finish()

    refused = printer.errors.pop("a-3")
    assert isinstance(refused, queue.PrintQueueFull)
    assert refused.status_code == 429
    assert refused.headers() == {"Retry-After": "30"}
    assert printer.errors == {}
    assert printer.order == ["a-1", "a-2", "b-1"]


def test_a_document_that_waits_past_the_time_limit_is_given_up_and_frees_its_place() -> None:
    print_queue = queue.PrintQueue()
    printer = Printer(print_queue)
    printer.start("long", owner=1, size=400_000)
    hasty = queue.Limits(processes=1, per_owner=1, waiting_per_owner=3, wait_seconds=0.05)

    with pytest.raises(queue.PrintingBusy) as busy, print_queue.slot(2, 10, hasty):
        pass  # pragma: no cover - never given a slot
    waiting_after = print_queue.waiting()
    printer.finish()

    assert busy.value.status_code == 503
    assert busy.value.headers() == {"Retry-After": "60"}
    assert waiting_after == 0
    assert print_queue.running() == 0


def test_the_systems_own_renderings_share_no_per_account_cap() -> None:
    two = queue.Limits(processes=2, per_owner=1, waiting_per_owner=0, wait_seconds=10)
    printer = Printer(queue.PrintQueue(), two)
    printer.start("finalize-1", owner=None, size=10)
    printer.start("finalize-2", owner=None, size=10)
    running = printer.order.copy()
    printer.finish()

    assert running == ["finalize-1", "finalize-2"]


def test_a_draft_printed_before_comes_from_the_cache_and_is_rendered_once_when_asked_twice() -> (
    None
):
    cache = queue.DraftCache()
    started = threading.Event()
    release = threading.Event()
    renders: list[int] = []

    def render() -> bytes:
        renders.append(1)
        started.set()
        release.wait(10)
        return b"%PDF-draft"

    results: list[bytes] = []
    first = threading.Thread(target=lambda: results.append(cache.get_or_render("k", 1000, render)))
    first.start()
    started.wait(10)
    second = threading.Thread(target=lambda: results.append(cache.get_or_render("k", 1000, render)))
    second.start()
    time.sleep(0.05)  # the second asks while the first renders
    release.set()
    first.join(10)
    second.join(10)
    third = cache.get_or_render("k", 1000, render)

    assert renders == [1]
    assert results == [b"%PDF-draft", b"%PDF-draft"]
    assert third == b"%PDF-draft"
    assert cache.stats()["misses"] == 1


def test_the_cache_keeps_within_its_budget_dropping_the_least_recently_used() -> None:
    cache = queue.DraftCache()
    for key in ("a", "b", "c"):
        cache.get_or_render(key, 250, lambda: b"x" * 100)
    cache.get_or_render("b", 250, lambda: b"not rendered again")  # b used, so a goes first
    cache.get_or_render("d", 250, lambda: b"x" * 100)
    cache.get_or_render("too-big", 250, lambda: b"x" * 300)  # printed, never kept

    assert cache.stats()["entries"] == 2
    assert cache.stats()["bytes"] == 200
    assert cache.get_or_render("b", 250, lambda: b"again") == b"x" * 100
    assert cache.get_or_render("a", 250, lambda: b"again") == b"again"


def test_a_failed_rendering_is_not_cached() -> None:
    cache = queue.DraftCache()

    def fail() -> bytes:
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError):
        cache.get_or_render("k", 1000, fail)

    assert cache.get_or_render("k", 1000, lambda: b"%PDF") == b"%PDF"


def test_the_same_draft_twice_is_rendered_once_and_a_changed_draft_again(
    settings: Settings, database: Database, db: Session
) -> None:
    branch = factories.create_organization(db, name="和平镇东岭村党支部")
    secretary = factories.create_person(db, branch, name="韩明华")
    study_session = factories.create_study_session(db, branch, title="支部学习", chair=secretary)
    factories.create_attendance(db, study_session, secretary)
    factories.create_contribution(db, study_session, secretary, content="我先对照要求作检查。")
    account = make_account(db, branch.id or 0, login="ganbu", role=Role.secretary)
    db.commit()
    app = create_app(settings.model_copy(update={"pdf_cache_mb": 8}))
    app.state.database = database
    url = f"/api/v1/study-sessions/{study_session.id}/minutes.pdf"
    queue.DRAFTS.clear()
    misses = queue.DRAFTS.stats()["misses"]

    with TestClient(app, headers={"Authorization": f"Bearer {token_for(db, account)}"}) as client:
        first = client.get(url)
        second = client.get(url)
        factories.create_contribution(db, study_session, secretary, content="再补充一点。")
        db.commit()
        changed = client.get(url)

    assert first.status_code == second.status_code == changed.status_code == 200
    assert second.content == first.content
    assert changed.content != first.content
    assert queue.DRAFTS.stats()["misses"] - misses == 2
    assert second.headers["cache-control"] == "no-store"


def test_a_print_queue_full_is_a_429_with_retry_after_on_the_api(
    settings: Settings, database: Database, db: Session
) -> None:
    branch = factories.create_organization(db, name="和平镇东岭村党支部")
    secretary = factories.create_person(db, branch, name="韩明华")
    study_session = factories.create_study_session(db, branch, title="支部学习", chair=secretary)
    account = make_account(db, branch.id or 0, login="ganbu", role=Role.secretary)
    db.commit()
    # No waiting allowed and the account's only rendering is taken: the next print is refused.
    app = create_app(settings.model_copy(update={"pdf_queue_per_account": 0, "pdf_cache_mb": 0}))
    app.state.database = database
    limits = queue.Limits(processes=8, per_owner=1, waiting_per_owner=0, wait_seconds=10)
    url = f"/api/v1/study-sessions/{study_session.id}/minutes.pdf"

    with (
        queue.QUEUE.slot(account.id, 10, limits),
        TestClient(app, headers={"Authorization": f"Bearer {token_for(db, account)}"}) as client,
    ):
        refused = client.get(url)
        page = client.get(url.removeprefix("/api/v1"))

    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "30"
    assert refused.json()["error"]["code"] == "print_queue_full"
    assert page.status_code == 429
    assert "Traceback" not in page.text
