"""Who prints next: a fair queue in front of the rendering processes, and the cache of drafts.

One secretary with four 100,000-character speeches makes each draft take half a minute; printed three
at a time, they used to hold both rendering processes while everybody else's one-page PDF waited.
So every rendering first takes a slot here:

- at most ``YANTAO_PDF_WORKERS`` renderings run at once (the pool never has a backlog of its own, so
  the order is decided here, not by the pool's first-come queue);
- one requester (an account) runs at most ``YANTAO_PDF_RENDERS_PER_ACCOUNT`` of them at a time, and may
  have at most ``YANTAO_PDF_QUEUE_PER_ACCOUNT`` more waiting — beyond that, 429 with ``Retry-After``;
- of the renderings that may start, a small document goes before a large one, and within each size
  first come, first served. A large document is passed over only while small ones wait, and no
  requester can hold more than its share of the processes, so the other processes keep serving;
- a rendering that waited ``YANTAO_PDF_TIMEOUT_SECONDS`` without a slot is given up (503, try again).

Drafts are rendered again only when what they would print changed: the PDF of each HTML document
(which holds the minutes' fingerprint, the language and the fonts) is kept in memory, up to
``YANTAO_PDF_CACHE_MB``, least recently used first out. Two requests for the same draft at once
render it once. Archival PDFs are not cached here: they are stored with the minutes.
"""

import hashlib
import itertools
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from app.errors import DomainError
from app.i18n import mark

#: Characters of HTML from which a document counts as large (a long meeting's minutes are ~60,000).
LARGE_DOCUMENT = 150_000

#: The account a rendering is for, set by the view that prints (None: the system, e.g. finalizing).
requester: ContextVar[int | None] = ContextVar("print_requester", default=None)


class PrintQueueFull(DomainError):
    status_code = 429
    code = "print_queue_full"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            mark("You are printing several documents already. Wait for them, then try again.")
        )
        self.retry_after_seconds = retry_after_seconds

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_seconds)}


class PrintingBusy(DomainError):
    status_code = 503
    code = "pdf_busy"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(mark("Printing is busy right now. Please try again in a minute."))
        self.retry_after_seconds = retry_after_seconds

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_seconds)}


@contextmanager
def on_behalf_of(account_id: int | None) -> Iterator[None]:
    """Renderings started inside count against ``account_id``'s share."""
    token = requester.set(account_id)
    try:
        yield
    finally:
        requester.reset(token)


@dataclass(eq=False)
class Ticket:
    owner: int | None
    large: bool
    sequence: int
    queued_at: float = field(default_factory=time.monotonic)


@dataclass(frozen=True)
class Limits:
    processes: int
    per_owner: int
    waiting_per_owner: int
    wait_seconds: float


class PrintQueue:
    """Slots for renderings, handed out in the order the module docstring describes."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._waiting: list[Ticket] = []
        self._running: Counter[int | None] = Counter()
        self._sequence = itertools.count()
        self.observers: list[Callable[[str, float], None]] = []

    def waiting(self) -> int:
        with self._condition:
            return len(self._waiting)

    def running(self) -> int:
        with self._condition:
            return sum(self._running.values())

    def _next(self, limits: Limits) -> Ticket | None:
        if sum(self._running.values()) >= limits.processes:
            return None
        startable = [
            ticket
            for ticket in self._waiting
            # The system's own renderings (finalizing) are not one requester: they share no cap.
            if ticket.owner is None or self._running[ticket.owner] < limits.per_owner
        ]
        return min(startable, key=lambda ticket: (ticket.large, ticket.sequence), default=None)

    def _observe(self, name: str, seconds: float) -> None:
        for observer in self.observers:
            observer(name, seconds)

    @contextmanager
    def slot(self, owner: int | None, size: int, limits: Limits) -> Iterator[None]:
        """Wait for a turn to render a document of ``size`` characters for ``owner``, then hold it."""
        with self._condition:
            queued = sum(1 for ticket in self._waiting if ticket.owner == owner)
            ticket = Ticket(owner, size >= LARGE_DOCUMENT, next(self._sequence))
            self._waiting.append(ticket)
            deadline = ticket.queued_at + limits.wait_seconds
            try:
                # Refused only when it would have to wait behind enough of its own documents.
                if (
                    owner is not None
                    and queued >= limits.waiting_per_owner
                    and self._next(limits) is not ticket
                ):
                    raise PrintQueueFull(retry_after_seconds=30)
                while self._next(limits) is not ticket:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise PrintingBusy(retry_after_seconds=60)
                    self._condition.wait(remaining)
            finally:
                self._waiting.remove(ticket)
                self._condition.notify_all()  # another ticket may be first now
            self._running[owner] += 1
        started = time.monotonic()
        self._observe("wait", started - ticket.queued_at)
        try:
            yield
        finally:
            self._observe("render", time.monotonic() - started)
            with self._condition:
                self._running[owner] -= 1
                if not self._running[owner]:
                    del self._running[owner]
                self._condition.notify_all()


class DraftCache:
    """PDF bytes by the SHA-256 of the HTML they were printed from, least recently used out first;
    a document being rendered is rendered once for everyone who asks meanwhile."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, bytes] = OrderedDict()
        self._bytes = 0
        self._pending: dict[str, Future[bytes]] = {}
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(html: str) -> str:
        return hashlib.sha256(html.encode()).hexdigest()

    def get_or_render(self, key: str, budget_bytes: int, render: Callable[[], bytes]) -> bytes:
        with self._lock:
            cached = self._entries.get(key)
            if cached is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return cached
            pending = self._pending.get(key)
            if pending is None:
                self.misses += 1
                mine: Future[bytes] = Future()
                self._pending[key] = mine
        if pending is not None:
            return pending.result()  # the same document, rendered by the request before
        try:
            pdf = render()
        except BaseException as exc:
            with self._lock:
                del self._pending[key]
            mine.set_exception(exc)
            raise
        with self._lock:
            del self._pending[key]
            if len(pdf) <= budget_bytes:
                self._entries[key] = pdf
                self._bytes += len(pdf)
                while self._bytes > budget_bytes:
                    _, dropped = self._entries.popitem(last=False)
                    self._bytes -= len(dropped)
        mine.set_result(pdf)
        return pdf

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {
                "entries": len(self._entries),
                "bytes": self._bytes,
                "hits": self.hits,
                "misses": self.misses,
            }


QUEUE = PrintQueue()
DRAFTS = DraftCache()
