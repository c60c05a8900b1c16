"""The figures ``/metrics`` shows, in one registry per application (so two apps in one process, as in
the tests, never count each other's requests):

- ``yantao_http_requests_total`` and ``yantao_http_request_duration_seconds`` by route *name* (e.g.
  ``study_sessions.detail``; never the path, whose ids would make a series per record), method and
  status — a request no route matched counts as ``unmatched``;
- the print queue (app.printing.queue): documents waiting and rendering now, how long each waited for
  its turn and took to render, and the draft cache's size, hits and misses;
- the database pool: connections in use, idle and the pool's size.

With ``yantao serve --workers N`` each process keeps its own figures; a scrape sees the process that
answers it (run one process per container, or scrape each).
"""

from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from app.db import Database
from app.printing import queue

REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
PDF_BUCKETS = (0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


class _Live(Collector):
    """Figures read at scrape time: the print queue, the draft cache, the database pool."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def collect(self) -> Iterator[Metric]:
        yield GaugeMetricFamily(
            "yantao_pdf_queue_waiting",
            "Documents waiting for a rendering slot.",
            queue.QUEUE.waiting(),
        )
        yield GaugeMetricFamily(
            "yantao_pdf_renders_running", "Documents rendering now.", queue.QUEUE.running()
        )
        cache = queue.DRAFTS.stats()
        yield GaugeMetricFamily(
            "yantao_pdf_draft_cache_bytes", "Bytes of drafts kept rendered.", cache["bytes"]
        )
        yield GaugeMetricFamily(
            "yantao_pdf_draft_cache_entries", "Drafts kept rendered.", cache["entries"]
        )
        yield CounterMetricFamily(
            "yantao_pdf_draft_cache_hits", "Drafts answered from the cache.", cache["hits"]
        )
        yield CounterMetricFamily(
            "yantao_pdf_draft_cache_misses", "Drafts rendered for the cache.", cache["misses"]
        )
        pool = self.database.engine.pool
        for name, help_text, reader in (
            ("in_use", "Database connections checked out now.", "checkedout"),
            ("idle", "Database connections open and idle.", "checkedin"),
            ("size", "The database pool's configured size.", "size"),
        ):
            value = getattr(pool, reader, None)
            if callable(value):
                yield GaugeMetricFamily(f"yantao_db_pool_{name}", help_text, value())


class Metrics:
    def __init__(self, database: Database) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "yantao_http_requests",
            "Requests answered, by route name, method and status.",
            ("route", "method", "status"),
            registry=self.registry,
        )
        self.request_seconds = Histogram(
            "yantao_http_request_duration_seconds",
            "Time to answer a request, by route name and method.",
            ("route", "method"),
            buckets=REQUEST_BUCKETS,
            registry=self.registry,
        )
        self.pdf_seconds = Histogram(
            "yantao_pdf_seconds",
            "A document's time waiting for its turn (stage=wait) and rendering (stage=render).",
            ("stage",),
            buckets=PDF_BUCKETS,
            registry=self.registry,
        )
        self.registry.register(_Live(database))

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        self.requests.labels(route, method, str(status)).inc()
        self.request_seconds.labels(route, method).observe(seconds)

    def observe_printing(self, stage: str, seconds: float) -> None:
        self.pdf_seconds.labels(stage).observe(seconds)

    def watch_printing(self) -> None:
        """Count the print queue's waits and renders (until ``stop_watching``)."""
        queue.QUEUE.observers.append(self.observe_printing)

    def stop_watching(self) -> None:
        if self.observe_printing in queue.QUEUE.observers:
            queue.QUEUE.observers.remove(self.observe_printing)


def route_name(scope: dict[str, Any] | Any) -> str:
    route = scope.get("route")
    return getattr(route, "name", None) or "unmatched"
