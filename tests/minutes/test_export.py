"""Batch export of a period's minutes: the right sessions, stored bytes for finalized minutes, resumable."""

import re
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.config import Settings
from app.minutes import export
from app.minutes.models import MinutesDocument
from app.organizations.models import Organization
from app.people.models import CommitteeRole
from app.study_sessions.models import StudySession, StudySessionKind
from tests import factories
from tests.fixtures.databases import DemoDatabase
from tests.helpers import if_match, run_cli
from tests.minutes.test_pdf import _text

# The export reads through connections of its own (and worker processes): these tests commit.
pytestmark = pytest.mark.commits

EXPORTED = re.compile(r"^\d{4}-\d{2}-\d{2}_.+_(\d+)_([0-9a-f]{16})\.pdf$")


def _held(
    client: TestClient, db: Session, branch: Organization, title: str, starts_at: datetime
) -> StudySession:
    secretary = factories.create_person(db, branch, role=CommitteeRole.secretary)
    study_session = factories.create_study_session(
        db,
        branch,
        title=title,
        kind=StudySessionKind.party_lecture,
        chair=secretary,
        starts_at=starts_at,
    )
    factories.create_attendance(db, study_session, secretary)
    url = f"/api/v1/study-sessions/{study_session.id}"
    assert (
        client.patch(
            url, headers=if_match(client, url), json={"recorder_id": secretary.id}
        ).status_code
        == 200
    )
    assert client.post(f"{url}/hold", headers=if_match(client, url)).status_code == 200
    return study_session


@pytest.fixture
def period(client: TestClient, db: Session) -> dict[str, int]:
    """A town with one village branch; sessions in and out of June 2015, in and out of the subtree."""
    town = factories.create_organization(db, name="和平镇党委", code="HP")
    village = factories.create_organization(db, name="东岭村党支部", parent=town, code="HP-DL")
    other = factories.create_organization(db, name="县财政局党组", code="CZ")
    sessions = {
        "town_held": _held(client, db, town, "镇党委“严以修身”专题研讨", datetime(2015, 6, 3, 9)),
        "village_held": _held(client, db, village, "支部党员大会", datetime(2015, 6, 30, 19)),
        "village_final": _held(client, db, village, "专题党课", datetime(2015, 6, 1, 8)),
        "village_july": _held(client, db, village, "七月党课", datetime(2015, 7, 1, 8)),
        "other": _held(client, db, other, "局党组专题研讨", datetime(2015, 6, 10, 9)),
        "village_planned": factories.create_study_session(
            db, village, title="计划中的会议", starts_at=datetime(2015, 6, 20, 9)
        ),
    }
    final = f"/api/v1/study-sessions/{sessions['village_final'].id}"
    factories.attend_all(db, sessions["village_final"])  # every member accounted for
    assert client.post(f"{final}/finalize", headers=if_match(client, final)).status_code == 200
    return {key: study_session.id for key, study_session in sessions.items() if study_session.id}


def _files(directory: Path) -> dict[int, str]:
    """Session id → file name of every exported PDF (and nothing else may lie there)."""
    names = sorted(path.name for path in directory.iterdir())
    matches = [EXPORTED.match(name) for name in names]
    assert all(matches), names
    return {int(match.group(1)): match.group(0) for match in matches if match}


def test_export_writes_held_and_finalized_minutes_of_the_subtree_and_period(
    settings: Settings, db: Session, period: dict[str, int], tmp_path: Path
) -> None:
    town = period["town_held"]
    out = tmp_path / "out"
    town_path = db.exec(select(Organization).where(Organization.code == "HP")).one().path
    selection = export.Selection(town_path, True, date(2015, 6, 1), date(2015, 6, 30))

    ids = export.session_ids(db, selection)
    outcomes = list(export.export(settings, ids, out))

    wanted = [period[key] for key in ("village_final", "town_held", "village_held")]
    assert ids == wanted  # oldest first; no planned, July, or other-branch sessions
    assert [o.error for o in outcomes] == [None] * 3
    files = _files(out)
    assert sorted(files) == sorted(wanted)
    final = period["village_final"]
    stored = db.exec(select(MinutesDocument).where(MinutesDocument.study_session_id == final)).one()
    assert (out / files[final]).read_bytes() == stored.pdf
    assert stored.fingerprint is not None
    assert files[final].endswith(f"_{final}_{stored.fingerprint[:16]}.pdf")
    assert "稿" not in _text(stored.pdf, tmp_path)
    draft_text = _text((out / files[town]).read_bytes(), tmp_path)
    assert "草" in draft_text
    assert "镇党委“严以修身”专题研讨" in draft_text
    only_here = export.Selection(town_path, False, date(2015, 6, 1), date(2015, 6, 30))
    assert export.session_ids(db, only_here) == [town]


def test_a_second_run_skips_unchanged_minutes_and_replaces_changed_ones(
    settings: Settings,
    client: TestClient,
    db: Session,
    period: dict[str, int],
    tmp_path: Path,
) -> None:
    village = period["village_held"]
    ids = [period["village_final"], village]
    out = tmp_path / "out"
    list(export.export(settings, ids, out))
    before = _files(out)
    mtimes = {path.name: path.stat().st_mtime_ns for path in out.iterdir()}

    again = list(export.export(settings, ids, out))
    untouched = {path.name: path.stat().st_mtime_ns for path in out.iterdir()}
    client.patch(
        f"/api/v1/study-sessions/{village}",
        headers=if_match(client, f"/api/v1/study-sessions/{village}"),
        json={"place": "村部二楼会议室"},
    )
    changed = list(export.export(settings, ids, out))

    assert [o.written for o in again] == [False, False]
    assert untouched == mtimes
    assert [(o.study_session_id, o.written) for o in changed] == [
        (ids[0], False),
        (village, True),
    ]
    after = _files(out)
    assert after[ids[0]] == before[ids[0]]
    assert after[village] != before[village]  # new fingerprint; the old file is gone
    assert "村部二楼会议室" in _text((out / after[village]).read_bytes(), tmp_path)


def test_two_worker_processes_export_the_same_files(
    settings: Settings, db: Session, period: dict[str, int], tmp_path: Path
) -> None:
    ids = list(period.values())

    one = list(export.export(settings, ids, tmp_path / "one", jobs=1))
    two = list(export.export(settings, ids, tmp_path / "two", jobs=2))

    assert sorted(o.file_name for o in one) == sorted(o.file_name for o in two)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    planned = period["village_planned"]  # exported on request by id; drafts carry the watermark
    assert planned in _files(tmp_path / "two")


def test_export_minutes_command_shows_progress_and_resumes(
    demo_database: DemoDatabase, tmp_path: Path
) -> None:
    arguments = ["export", "minutes", "--org", "cx", "--subtree", "--from", "2015-01-01"]
    arguments += ["--to", "2015-12-31", "-o", str(tmp_path / "out")]

    first = run_cli(demo_database.path, *arguments, "--jobs", "2")
    second = run_cli(demo_database.path, *arguments)

    assert first.returncode == 0, first.stderr
    exported = _files(tmp_path / "out")
    assert len(exported) >= 8
    assert re.search(rf"— {len(exported)} written, 0 unchanged, 1 finalized", first.stdout)
    assert "minutes" in first.stderr  # the progress bar's label
    assert second.returncode == 0, second.stderr
    assert f"— 0 written, {len(exported)} unchanged" in second.stdout
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "out" / exported[3])], capture_output=True, text=True
    ).stdout
    assert "A4" in info


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--org", "cx", "--from", "2015-12-31", "--to", "2015-01-01"],
            "error: --to is before --from",
        ),
        (
            ["--org", "nowhere", "--from", "2015-01-01", "--to", "2015-12-31"],
            "error: Organization not found.",
        ),
    ],
)
def test_export_minutes_refuses_bad_input_in_one_line(
    demo_database: DemoDatabase, tmp_path: Path, arguments: list[str], message: str
) -> None:
    result = run_cli(
        demo_database.path, "export", "minutes", *arguments, "-o", str(tmp_path / "out")
    )

    assert result.returncode == 1
    assert result.stderr.strip() == message
    assert not (tmp_path / "out").exists()
