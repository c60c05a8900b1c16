"""At the size of a province: keyset lists deep in the data, a 2,000-branch subtree, concurrent writers.

For each database (SQLite in a temporary file; PostgreSQL when a server answers at
``$YANTAO_BENCH_POSTGRESQL_URL``, by default the local one, in a database ``yantao_bench`` that is dropped
and created afresh) the data comes from ``python -m benchmarks.seed`` and every request goes over HTTP to
``yantao serve --workers 2`` on loopback, the way a deployment runs:

1. **Deep pages.** The meetings list (newest first, 20 a page) walked to page 1,000 by its cursors; then
   page 1 and page 1,000 alternately, 25 times each: medians and their ratio (keyset pagination: no
   OFFSET, so page 1,000 should cost what page 1 costs).
2. **Subtree.** Page 1 of the list filtered by the county (its subtree: all 2,000 branches and their
   towns), by one town (50 branches), by one branch (with its subtree, the filter a secretary's scope
   adds), against the unfiltered list: medians.
3. **Search.** Page 1 of ``GET /api/v1/search`` for a two-character word found in one speech in a
   thousand (低保) and one found in nearly every speech (群众), alternating with page 1 of the meetings
   list: medians and the ratios (the seed writes the search index as the app's hook does).
4. **Writers.** One writer adding 200 speeches alone, then 8 writers at once adding 500 each to 8
   draft meetings (4,000 writes): writes per second, the responses that were not 201, and the rows
   counted afterwards.

Run: ``.venv/bin/python -m benchmarks.scale [--full] [--database sqlite|postgresql]`` (part of
``make bench``); writes ``benchmarks/results/scale.json`` (``scale_full.json`` with ``--full``).
"""

import argparse
import json
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from app.config import PROJECT_ROOT
from benchmarks.common import (
    DEFAULT_POSTGRESQL_URL,
    machine,
    median_ms,
    prepare,
    serve_yantao,
    serving,
)

RESULTS = PROJECT_ROOT / "benchmarks" / "results" / "scale.json"
RESULTS_FULL = PROJECT_ROOT / "benchmarks" / "results" / "scale_full.json"
SIZES = {
    "reduced": {"organizations": 2000, "sessions": 25_000, "contributions": 250_000},
    "full": {"organizations": 2000, "sessions": 100_000, "contributions": 1_000_000},
}
PAGE = 20
DEEP = 1000
REPEAT = 25
WRITERS = 8
WRITES = 500
SOLO_WRITES = 200
SPEECH = "我给书记提一条意见：村务公开栏有时两三个月才更新一次，财务公开只公布大项，群众看不明白。"


def postgresql_url() -> str | None:
    """The benchmark's PostgreSQL URL if a server answers there, else None."""
    url = os.environ.get("YANTAO_BENCH_POSTGRESQL_URL", DEFAULT_POSTGRESQL_URL)
    engine = sa.create_engine(sa.make_url(url).set(database="postgres"))
    try:
        with engine.connect():
            return url
    except sa.exc.OperationalError:
        return None
    finally:
        engine.dispose()


def deep_pages(client: httpx.Client) -> dict[str, float]:
    cursor: str | None = None
    walk_started = time.perf_counter()
    for _ in range(DEEP - 1):
        params: dict[str, Any] = {"limit": PAGE, **({"cursor": cursor} if cursor else {})}
        cursor = (
            client.get("/api/v1/study-sessions", params=params)
            .raise_for_status()
            .json()["next_cursor"]
        )
        assert cursor, "fewer meetings than the deepest page"
    walk_ms = (time.perf_counter() - walk_started) * 1000 / (DEEP - 1)
    first: list[float] = []
    deep: list[float] = []
    for _ in range(REPEAT):
        first.append(
            median_ms(lambda: client.get("/api/v1/study-sessions", params={"limit": PAGE}), 1)
        )
        deep.append(
            median_ms(
                lambda: client.get(
                    "/api/v1/study-sessions", params={"limit": PAGE, "cursor": cursor}
                ).raise_for_status(),
                1,
            )
        )
    first.sort()
    deep.sort()
    return {
        "page_1_ms": first[REPEAT // 2],
        "page_1000_ms": deep[REPEAT // 2],
        "walk_mean_ms": walk_ms,
    }


def subtree(client: httpx.Client, engine: sa.Engine) -> dict[str, float]:
    with engine.connect() as connection:

        def org(code: str) -> int:
            return int(
                connection.execute(
                    sa.text("SELECT id FROM organization WHERE code = :code"), {"code": code}
                ).scalar_one()
            )

        county, town, branch = org("bench"), org("bench-0"), org("bench-0-0")
        subtree_size = int(
            connection.execute(
                sa.text("SELECT count(*) FROM organization WHERE path LIKE :p"),
                {"p": f"/{county}/%"},
            ).scalar_one()
        )
    filters: dict[str, dict[str, Any]] = {
        "unfiltered": {},
        "county": {"organization_id": county},
        "town": {"organization_id": town},
        "branch": {"organization_id": branch},
    }
    samples: dict[str, list[float]] = {name: [] for name in filters}
    for _ in range(REPEAT):
        for name, params in filters.items():
            samples[name].append(
                median_ms(
                    lambda params=params: client.get(  # type: ignore[misc]
                        "/api/v1/study-sessions", params={"limit": PAGE, **params}
                    ).raise_for_status(),
                    1,
                )
            )
    result = {f"{name}_ms": sorted(values)[REPEAT // 2] for name, values in samples.items()}
    result["county_organizations"] = float(subtree_size)
    return result


SEARCHES = {"rare": "低保", "common": "群众"}  # 1 speech in 1,000 / nearly every speech


def search(client: httpx.Client) -> dict[str, float]:
    """Page 1 of a two-character search (a rare word and a common one) side by side with page 1 of
    the meetings list: the same client, requests alternating, medians."""
    list_times: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in SEARCHES}
    found: dict[str, int] = {}
    for _ in range(REPEAT):
        started = time.perf_counter()
        client.get("/api/v1/study-sessions", params={"limit": PAGE}).raise_for_status()
        list_times.append(time.perf_counter() - started)
        for name, word in SEARCHES.items():
            started = time.perf_counter()
            answer = client.get("/api/v1/search", params={"q": word, "limit": PAGE})
            times[name].append(time.perf_counter() - started)
            found[name] = len(answer.raise_for_status().json()["items"])
    result = {"list_ms": statistics.median(list_times) * 1000}
    for name in SEARCHES:
        result[f"{name}_ms"] = statistics.median(times[name]) * 1000
        result[f"{name}_found"] = found[name]
    return result


def _write(base: str, token: str, meeting: int, speaker: int, count: int, out: list[int]) -> None:
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as client:
        for index in range(count):
            try:
                response = client.post(
                    f"/api/v1/study-sessions/{meeting}/contributions",
                    json={
                        "speaker_id": speaker,
                        "round": 9,
                        "kind": "exchange",
                        "content": f"{SPEECH}（{index + 1}）",
                    },
                    timeout=120,
                )
                out.append(response.status_code)
            except httpx.HTTPError:
                out.append(0)


def writers(base: str, token: str, engine: sa.Engine) -> dict[str, float]:
    with engine.connect() as connection:
        meetings = [
            (int(meeting), int(speaker))
            for meeting, speaker in connection.execute(
                sa.text(
                    "SELECT s.id, min(a.person_id) FROM study_session s "
                    "JOIN attendance a ON a.study_session_id = s.id "
                    "WHERE s.status = 'held' GROUP BY s.id ORDER BY s.id LIMIT :n"
                ),
                {"n": WRITERS + 1},
            )
        ]

    def rows() -> int:
        ids = ",".join(str(meeting) for meeting, _ in meetings)
        with engine.connect() as connection:
            return int(
                connection.execute(
                    sa.text(
                        f"SELECT count(*) FROM contribution WHERE study_session_id IN ({ids}) "
                        "AND round = 9"
                    )
                ).scalar_one()
            )

    solo: list[int] = []
    started = time.perf_counter()
    _write(base, token, *meetings[-1], SOLO_WRITES, solo)
    solo_seconds = time.perf_counter() - started
    statuses: list[int] = []
    threads = [
        threading.Thread(target=_write, args=(base, token, meeting, speaker, WRITES, statuses))
        for meeting, speaker in meetings[:WRITERS]
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return {
        "solo_writes_per_s": SOLO_WRITES / solo_seconds,
        "writes_per_s": len(statuses) / seconds,
        "writes": float(len(statuses)),
        "errors": float(sum(1 for status in statuses + solo if status != 201)),
        "rows": float(rows()),
        "expected_rows": float(WRITERS * WRITES + SOLO_WRITES),
    }


def measure_database(url: str, size: dict[str, int]) -> dict[str, Any]:
    prepared = prepare(url, **size)
    engine = sa.create_engine(url)
    command, port = serve_yantao(prepared.env, workers=2)
    try:
        with serving(command, prepared.env, port) as base:
            headers = {"Authorization": f"Bearer {prepared.token}"}
            with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
                client.get("/api/v1/study-sessions", params={"limit": PAGE}).raise_for_status()
                result: dict[str, Any] = {"seed_s": prepared.seconds}
                result["pages"] = deep_pages(client)
                result["subtree"] = subtree(client, engine)
                result["search"] = search(client)
            result["writers"] = writers(base, prepared.token, engine)
    finally:
        engine.dispose()
    return result


def table(results: dict[str, Any]) -> str:
    databases = [name for name in ("sqlite", "postgresql") if name in results]
    header = "| measure | " + " | ".join(databases) + " | goal |"
    lines = [header, "| --- |" + " --- |" * len(databases) + " --- |"]

    def row(label: str, cell: Any, goal: str = "") -> None:
        lines.append(
            f"| {label} | " + " | ".join(cell(results[db]) for db in databases) + f" | {goal} |"
        )

    row("seed (bench seed)", lambda r: f"{r['seed_s']:.0f} s")
    row(
        "meetings list page 1 / page 1,000",
        lambda r: f"{r['pages']['page_1_ms']:.1f} / {r['pages']['page_1000_ms']:.1f} ms",
    )
    row(
        "page 1,000 ÷ page 1",
        lambda r: f"{r['pages']['page_1000_ms'] / r['pages']['page_1_ms']:.2f}",
        "≤ 1.5",
    )
    row(
        "page 1: unfiltered / county subtree / town / branch",
        lambda r: (
            " / ".join(
                f"{r['subtree'][f'{name}_ms']:.1f}"
                for name in ("unfiltered", "county", "town", "branch")
            )
            + " ms"
        ),
    )
    row(
        "county subtree ÷ unfiltered",
        lambda r: (
            f"{r['subtree']['county_ms'] / r['subtree']['unfiltered_ms']:.2f} "
            f"({r['subtree']['county_organizations']:.0f} organizations)"
        ),
    )
    row(
        "search page 1: 低保 (rare) / 群众 (common) / meetings list page 1",
        lambda r: (
            f"{r['search']['rare_ms']:.1f} / {r['search']['common_ms']:.1f} / "
            f"{r['search']['list_ms']:.1f} ms"
        ),
    )
    row(
        "search ÷ meetings list page 1: rare / common",
        lambda r: (
            f"{r['search']['rare_ms'] / r['search']['list_ms']:.2f} / "
            f"{r['search']['common_ms'] / r['search']['list_ms']:.2f}"
        ),
        "≤ 3",
    )
    row(
        "1 writer alone / 8 writers at once",
        lambda r: (
            f"{r['writers']['solo_writes_per_s']:.0f} / {r['writers']['writes_per_s']:.0f} writes/s"
        ),
    )
    row(
        "writes refused or failed; rows found / written",
        lambda r: (
            f"{r['writers']['errors']:.0f}; {r['writers']['rows']:.0f} / "
            f"{r['writers']['expected_rows']:.0f}"
        ),
        "0 errors, none lost",
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--full", action="store_true", help="100,000 meetings, 1,000,000 speeches")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], action="append")
    arguments = parser.parse_args()
    size_name = "full" if arguments.full else "reduced"
    size = SIZES[size_name]
    databases = arguments.database or ["sqlite", "postgresql"]
    results: dict[str, Any] = {"size": {"name": size_name, **size}}
    with tempfile.TemporaryDirectory() as tmp:
        for database in databases:
            if database == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'bench.db'}"
            else:
                found = postgresql_url()
                if found is None:
                    print("PostgreSQL does not answer: its column is left out")
                    continue
                url = found
            print(f"{database}: seeding {size} …", flush=True)
            results[database] = measure_database(url, size)
    results["machine"] = machine()
    target = RESULTS_FULL if arguments.full else RESULTS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(
        f"\nScale ({size_name}: {size['organizations']:,} branches, {size['sessions']:,} meetings, "
        f"{size['contributions']:,} speeches)\n"
    )
    print(table(results))
    print(f"\n{results['machine']}; raw numbers in {target.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main()
