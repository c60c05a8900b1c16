"""Benchmark data: a jurisdiction of the size a province reaches, written fast (``python -m benchmarks.seed``).

Rows go in with bulk INSERTs in batches and explicit ids (the ORM and the audit log are bypassed: this is
load for measurements, never real records). Texts are real Chinese speech paragraphs of the demo's length
(100–400 characters), so row sizes and index sizes are realistic. The shape: one county (the root) with
towns of up to 50 branches; five people per branch (the first one the secretary); meetings spread over
2015 in every kind, 70 % finalized and 30 % held; five attendees per meeting; the contributions spread
evenly over the meetings in rounds of five speakers, every fourth a criticism naming the next speaker.
"""

import itertools
import math
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from app.clock import utcnow
from app.organizations.models import Organization, OrganizationKind
from app.people.models import CommitteeRole, Person
from app.study_sessions.models import (
    Attendance,
    AttendanceStatus,
    Contribution,
    ContributionKind,
    SearchEntry,
    StudySession,
    StudySessionKind,
    StudySessionStatus,
)
from app.text import search_terms

BATCH = 5000
BRANCHES_PER_TOWN = 50
PEOPLE_PER_BRANCH = 5
PARAGRAPHS = (
    "对照“三严三实”要求，我在严以修身方面还有差距：理论学习满足于读文件、记笔记，联系思想实际不够，"
    "遇到矛盾问题习惯于按老办法处理，创新意识不强。今后要把学习贯穿于工作全过程，做到学思践悟。",
    "我给书记提一条意见：村务公开栏有时两三个月才更新一次，财务公开只公布大项，群众看不明白。"
    "希望书记带头抓好村务公开，每月按时更新，重大开支逐笔说明，让群众放心。",
    "剖析问题产生的根源，主要是理想信念有所弱化，宗旨意识有所淡化，对自己要求有所放松。"
    "在今后的工作中，要坚持把纪律挺在前面，从小事小节上严格要求自己，自觉接受党员群众监督。",
    "作为班子成员，我在抓分管工作落实上存在“重部署、轻督查”的问题，有的工作安排了就算完成了，"
    "跟踪问效不够，导致一些群众反映强烈的问题迟迟没有解决。下一步要建立台账，逐项销号。",
    "联系群众方面，下村入户的次数少了，与老党员、困难群众谈心谈话不够，对群众的急难愁盼了解不深不透。"
    "今后每月至少两次进村入户，面对面听取意见，能解决的马上解决，一时解决不了的说明情况。",
)
# One speech in RARE_EVERY mentions 低保: a rare word, as most searched words are (the common ones —
# 群众, 公开 — stand in nearly every speech of the seed).
RARE = "低保户评定要公开透明，我建议村里把低保名单在公开栏张贴，接受群众监督。"
RARE_EVERY = 1000
KINDS = list(StudySessionKind)


@dataclass(frozen=True)
class SeedSummary:
    organizations: int
    people: int
    study_sessions: int
    attendance: int
    contributions: int

    def __str__(self) -> str:
        return (
            f"{self.organizations} organizations, {self.people} people, {self.study_sessions} "
            f"meetings, {self.attendance} attendance rows, {self.contributions} contributions"
        )


def _next_id(connection: sa.Connection, table: sa.Table) -> int:
    return (
        int(
            connection.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar_one()
        )
        + 1
    )


def _insert(connection: sa.Connection, table: sa.Table, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, BATCH)):
        connection.execute(table.insert(), batch)
        count += len(batch)
    return count


def _tables() -> tuple[sa.Table, sa.Table, sa.Table, sa.Table, sa.Table]:
    return (
        Organization.__table__,  # type: ignore[attr-defined]
        Person.__table__,  # type: ignore[attr-defined]
        StudySession.__table__,  # type: ignore[attr-defined]
        Attendance.__table__,  # type: ignore[attr-defined]
        Contribution.__table__,  # type: ignore[attr-defined]
    )


def seed(
    engine: Engine, *, organizations: int, sessions: int, contributions: int, code: str = "bench"
) -> SeedSummary:
    """Write ``organizations`` branches (plus their towns and one county), ``sessions`` meetings and
    ``contributions`` speeches under a new root organization with the code ``code``."""
    organization_table, person_table, session_table, attendance_table, contribution_table = (
        _tables()
    )
    now = utcnow()
    with engine.begin() as connection:
        exists = connection.execute(
            sa.select(organization_table.c.id).where(organization_table.c.code == code)
        ).first()
        if exists is not None:
            raise ValueError(f"an organization with the code {code!r} exists already")
        first_org = _next_id(connection, organization_table)
        towns = max(1, math.ceil(organizations / BRANCHES_PER_TOWN))
        county_id = first_org
        org_rows = [
            _organization(
                county_id,
                None,
                f"/{county_id}/",
                code,
                "基准县委",
                OrganizationKind.party_committee,
                now,
            )
        ]
        town_ids = [county_id + 1 + t for t in range(towns)]
        for t, town_id in enumerate(town_ids):
            org_rows.append(
                _organization(
                    town_id,
                    county_id,
                    f"/{county_id}/{town_id}/",
                    f"{code}-{t}",
                    f"第{t + 1}镇党委",
                    OrganizationKind.party_committee,
                    now,
                )
            )
        branch_ids = [county_id + 1 + towns + b for b in range(organizations)]
        for b, branch_id in enumerate(branch_ids):
            town_id = town_ids[b // BRANCHES_PER_TOWN]
            org_rows.append(
                {
                    **_organization(
                        branch_id,
                        town_id,
                        f"/{county_id}/{town_id}/{branch_id}/",
                        f"{code}-{b // BRANCHES_PER_TOWN}-{b}",
                        f"第{b + 1}村党支部",
                        OrganizationKind.branch,
                        now,
                    ),
                    "is_weak_unit": b % 20 == 0,
                    "is_key_unit": b % 25 == 0,
                }
            )
        _insert(connection, organization_table, org_rows)

        first_person = _next_id(connection, person_table)
        people = _insert(
            connection,
            person_table,
            (
                {
                    "id": first_person + b * PEOPLE_PER_BRANCH + p,
                    "organization_id": branch_id,
                    "name": f"党员{b}-{p}",
                    "post": "村党支部书记" if p == 0 else "",
                    "committee_role": CommitteeRole.secretary if p == 0 else CommitteeRole.member,
                    "is_party_member": True,
                    "is_top_leader": False,
                    "active": True,
                    "created_at": now,
                }
                for b, branch_id in enumerate(branch_ids)
                for p in range(PEOPLE_PER_BRANCH)
            ),
        )

        first_session = _next_id(connection, session_table)
        session_ids = range(first_session, first_session + sessions)
        branch_of = [s % organizations for s in range(sessions)]
        start = datetime(2015, 1, 5, 9, 0)
        _insert(
            connection,
            session_table,
            (
                {
                    "id": session_id,
                    "organization_id": branch_ids[branch_of[s]],
                    "kind": KINDS[s % len(KINDS)],
                    "campaign_id": None,
                    "theme_id": None,
                    "required_action_id": None,
                    "title": f"第{s + 1}次学习研讨",
                    "starts_at": start + timedelta(minutes=(s * 5237) % (360 * 24 * 60)),
                    "ends_at": None,
                    "place": "党员活动室",
                    "chair_id": first_person + branch_of[s] * PEOPLE_PER_BRANCH,
                    "recorder_id": first_person + branch_of[s] * PEOPLE_PER_BRANCH + 1,
                    "expected_count": PEOPLE_PER_BRANCH,
                    "status": StudySessionStatus.finalized
                    if s % 10 < 7
                    else StudySessionStatus.held,
                    "version": 1,
                    "finalized_at": now if s % 10 < 7 else None,
                    "make_up_of_id": None,
                    "rework_flag": None,
                    "created_at": now,
                    "updated_at": now,
                }
                for s, session_id in enumerate(session_ids)
            ),
        )
        attendance = _insert(
            connection,
            attendance_table,
            (
                {
                    "study_session_id": session_id,
                    "person_id": first_person + branch_of[s] * PEOPLE_PER_BRANCH + p,
                    "status": AttendanceStatus.present,
                    "reason": "",
                    "is_non_voting": False,
                    "version": 1,
                }
                for s, session_id in enumerate(session_ids)
                for p in range(PEOPLE_PER_BRANCH)
            ),
        )
        first_contribution = _next_id(connection, contribution_table)

        def speeches() -> Iterator[dict[str, Any]]:  # the same rows each time, with their ids
            rows = _contributions(
                session_ids, branch_of, first_person, sessions, contributions, now
            )
            for offset, row in enumerate(rows):
                yield {"id": first_contribution + offset, **row}

        written = _insert(connection, contribution_table, speeches())
        # The search index as the app's hook writes it (app.study_sessions.search_index): the
        # meetings' titles and the speeches, in the same transaction.
        _insert(
            connection,
            SearchEntry.__table__,  # type: ignore[attr-defined]
            _entries(connection, speeches(), session_ids, branch_ids, branch_of),
        )

        if connection.dialect.name == "postgresql":
            for table in (organization_table, person_table, session_table, contribution_table):
                connection.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT max(id) FROM {table.name}))"
                    )
                )
    with engine.connect() as connection:
        # Fresh statistics, as a running database gets from autovacuum (PostgreSQL) or ``ANALYZE``
        # (SQLite): without them the planner takes a bulk-loaded table for empty.
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
    return SeedSummary(len(org_rows), people, sessions, attendance, written)


def _entries(
    connection: sa.Connection,
    speeches: Iterable[dict[str, Any]],
    session_ids: range,
    branch_ids: list[int],
    branch_of: list[int],
) -> Iterator[dict[str, Any]]:
    """The search entries of the seeded meetings and speeches (``entry_of``'s rows, the words computed
    once per distinct text: the seed repeats a few paragraphs)."""
    terms: dict[str, str] = {}

    def terms_of(text: str) -> str:
        if text not in terms:
            terms[text] = " ".join(search_terms(text))
        return terms[text]

    organization_of = {
        session_id: branch_ids[branch_of[s]] for s, session_id in enumerate(session_ids)
    }
    sessions = StudySession.__table__.c  # type: ignore[attr-defined]
    titles = connection.execute(
        sa.select(sessions.id, sessions.title).where(
            sessions.id.between(session_ids.start, session_ids.stop - 1)
        )
    ).all()
    for session_id, title in titles:
        yield {
            "study_session_id": session_id,
            "organization_id": organization_of[session_id],
            "part": "study_session",
            "part_id": session_id,
            "person_id": None,
            "target_id": None,
            "contribution_kind": None,
            "text": title,
            "terms": terms_of(title),
        }
    for speech in speeches:
        yield {
            "study_session_id": speech["study_session_id"],
            "organization_id": organization_of[speech["study_session_id"]],
            "part": "contribution",
            "part_id": speech["id"],
            "person_id": speech["speaker_id"],
            "target_id": speech["target_id"],
            "contribution_kind": str(speech["kind"]),
            "text": speech["content"],
            "terms": terms_of(speech["content"]),
        }


def _organization(
    id_: int,
    parent: int | None,
    path: str,
    code: str,
    name: str,
    kind: OrganizationKind,
    now: datetime,
) -> dict[str, Any]:
    return {
        "id": id_,
        "code": code,
        "name": name,
        "kind": kind,
        "parent_id": parent,
        "path": path,
        "is_key_unit": False,
        "is_power_department": False,
        "is_weak_unit": False,
        "created_at": now,
    }


def _contributions(
    session_ids: range,
    branch_of: list[int],
    first_person: int,
    sessions: int,
    total: int,
    now: datetime,
) -> Iterator[dict[str, Any]]:
    per_session, extra = divmod(total, sessions) if sessions else (0, 0)
    for s, session_id in enumerate(session_ids):
        people = first_person + branch_of[s] * PEOPLE_PER_BRANCH
        for index in range(per_session + (1 if s < extra else 0)):
            speaker = index % PEOPLE_PER_BRANCH
            criticism = index % 4 == 3
            yield {
                "version": 1,
                "study_session_id": session_id,
                "speaker_id": people + speaker,
                "topic_id": None,
                "round": index // PEOPLE_PER_BRANCH + 1,
                "position": index % PEOPLE_PER_BRANCH + 1,
                "kind": ContributionKind.criticism if criticism else ContributionKind.key_speech,
                "target_id": people + (speaker + 1) % PEOPLE_PER_BRANCH if criticism else None,
                "content": RARE
                if (s * 7 + index) % RARE_EVERY == 0
                else PARAGRAPHS[(s + index) % len(PARAGRAPHS)],
                "created_at": now,
            }


def main(arguments: list[str] | None = None) -> int:
    """``python -m benchmarks.seed --orgs N --sessions N --contributions N [--code C]`` into the database
    of ``YANTAO_DATABASE_URL``; a failure is one ``error:`` line and exit status 1."""
    import argparse
    import time

    from sqlalchemy.exc import SQLAlchemyError

    from app.config import get_settings
    from app.db import Database

    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.seed",
        description="Write a benchmark jurisdiction in bulk (not audited: never into a production database).",
    )

    def at_least(lowest: int) -> Callable[[str], int]:
        def parse(text: str) -> int:
            number = int(text)
            if number < lowest:
                raise argparse.ArgumentTypeError(f"at least {lowest}")
            return number

        return parse

    parser.add_argument("--orgs", type=at_least(1), default=200, help="branches (towns of 50)")
    parser.add_argument("--sessions", type=at_least(1), default=2000, help="meetings")
    parser.add_argument("--contributions", type=at_least(0), default=20000, help="speeches")
    parser.add_argument("--code", default="bench", help="code of the new root organization")
    options = parser.parse_args(arguments)
    database = Database(get_settings())
    started = time.perf_counter()
    try:
        summary = seed(
            database.engine,
            organizations=options.orgs,
            sessions=options.sessions,
            contributions=options.contributions,
            code=options.code,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:  # e.g. a town's or branch's code taken by an earlier seed
        print(
            f"error: could not write the benchmark data ({type(exc).__name__}); try another --code",
            file=sys.stderr,
        )
        return 1
    finally:
        database.dispose()
    print(f"seeded {summary} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
