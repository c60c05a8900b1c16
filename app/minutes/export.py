"""Batch export of the minutes of a period as PDF files, for an office to file (``yantao export minutes``).

Each file is named after its meeting and the fingerprint of the minutes it shows, e.g.
``2015-06-12_东岭村党支部_专题组织生活会_42_7d8d4117b1ce9d03.pdf``. Files are written to a temporary name and
renamed, so an interrupted export leaves no half-written PDF, and a second run skips every file that already
exists with the same fingerprint (finalized minutes that did not change, drafts nobody touched). When a
session's minutes changed, the file with the old fingerprint is replaced.

Finalized minutes are the stored PDF/A bytes; drafts are rendered (草稿 watermark). With ``jobs > 1`` the
sessions are shared among worker processes, each with its own database connection.
"""

import os
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from multiprocessing import get_context
from pathlib import Path

from sqlmodel import Session, col, select

from app.config import Settings
from app.db import Database
from app.errors import DomainError
from app.minutes import service as minutes_service
from app.minutes.pdf import fingerprint, render_pdf
from app.organizations.models import Organization
from app.scope import Scope, in_scope
from app.study_sessions import service as study_session_service
from app.study_sessions.models import StudySession, StudySessionStatus
from app.text import safe_file_stem

EXPORTED_NAME = re.compile(r"_(\d+)_([0-9a-f]{16})\.pdf$")


@dataclass(frozen=True)
class Selection:
    """Which minutes to export: an organization (and those below it), a period, the statuses."""

    organization_path: str
    include_subtree: bool
    start: date
    end: date
    finalized_only: bool = False


@dataclass(frozen=True)
class Outcome:
    study_session_id: int
    file_name: str = ""
    written: bool = False  # False: a file with the same fingerprint was there already
    finalized: bool = False
    error: str | None = None  # why this session could not be exported (the others go on)


def session_ids(db: Session, selection: Selection) -> list[int]:
    """Held and finalized sessions of the selection, oldest first (planned ones have no minutes yet)."""
    statuses = [StudySessionStatus.finalized]
    if not selection.finalized_only:
        statuses.append(StudySessionStatus.held)
    scope = Scope(selection.organization_path, include_subtree=selection.include_subtree)
    statement = (
        select(StudySession.id)
        .join(Organization, col(Organization.id) == StudySession.organization_id)
        .where(in_scope(col(Organization.path), scope))
        .where(col(StudySession.status).in_(statuses))
        .where(col(StudySession.starts_at) >= datetime.combine(selection.start, time.min))
        .where(
            col(StudySession.starts_at) < datetime.combine(selection.end + timedelta(1), time.min)
        )
        .order_by(col(StudySession.starts_at), col(StudySession.id))
    )
    return [study_session_id for study_session_id in db.exec(statement).all() if study_session_id]


def file_name(study_session: StudySession, organization_name: str, fingerprint_hex: str) -> str:
    """``DATE_ORGANIZATION_TITLE_ID_FINGERPRINT.pdf``, safe on Linux and Windows (< 255 bytes)."""

    day = study_session.starts_at.date().isoformat()
    title = safe_file_stem(study_session.title, 40)
    organization = safe_file_stem(organization_name, 20)
    return f"{day}_{organization}_{title}_{study_session.id}_{fingerprint_hex[:16]}.pdf"


def export_one(db: Session, settings: Settings, study_session_id: int, directory: Path) -> Outcome:
    """Write (or keep) the PDF of one session in ``directory``; a failure becomes the outcome's error."""
    try:
        return _export_one(db, settings, study_session_id, directory)
    except (DomainError, OSError) as exc:
        message = exc.message if isinstance(exc, DomainError) else str(exc)
        return Outcome(study_session_id, error=message)


def _export_one(db: Session, settings: Settings, study_session_id: int, directory: Path) -> Outcome:
    study_session = study_session_service.get_study_session(
        db, Scope.everything(), study_session_id
    )
    document = minutes_service.stored(db, study_session)
    minutes = None
    if document is not None:
        fingerprint_hex = document.fingerprint or document.sha256
    else:
        minutes = study_session_service.detail(db, study_session)
        fingerprint_hex = fingerprint(minutes)
    organization = db.get(Organization, study_session.organization_id)
    name = file_name(study_session, organization.name if organization else "", fingerprint_hex)
    target = directory / name
    finalized = document is not None
    if target.exists():
        return Outcome(study_session_id, name, written=False, finalized=finalized)
    if document is not None:
        pdf = document.pdf
    else:
        assert minutes is not None
        pdf = render_pdf(minutes, settings)
    partial = directory / f".{name}.{os.getpid()}.part"
    partial.write_bytes(pdf)
    os.replace(partial, target)
    for old in directory.glob(f"*_{study_session_id}_*.pdf"):  # earlier versions of these minutes
        match = EXPORTED_NAME.search(old.name)
        if old != target and match and int(match.group(1)) == study_session_id:
            old.unlink()
    return Outcome(study_session_id, name, written=True, finalized=finalized)


# Worker processes: one database connection each, opened once.
_worker: tuple[Database, Settings] | None = None


def _start_worker(settings: Settings) -> None:
    global _worker
    _worker = (Database(settings), settings)


def _export_in_worker(study_session_id: int, directory: Path) -> Outcome:
    assert _worker is not None
    database, settings = _worker
    with database.session(write=False) as db:
        return export_one(db, settings, study_session_id, directory)


def export(
    settings: Settings, ids: list[int], directory: Path, *, jobs: int = 1
) -> Iterator[Outcome]:
    """Export ``ids`` into ``directory``, yielding each outcome as it is done (for a progress bar)."""
    directory.mkdir(parents=True, exist_ok=True)
    # This command's own processes do the rendering (``jobs``), not the web app's rendering pool;
    # each document is printed once, so no draft is worth keeping in memory.
    settings = settings.model_copy(update={"pdf_workers": 0, "pdf_cache_mb": 0})
    if jobs <= 1:
        database = Database(settings)
        try:
            for study_session_id in ids:
                with database.session(write=False) as db:
                    yield export_one(db, settings, study_session_id, directory)
        finally:
            database.dispose()
        return
    # "spawn": a clean interpreter per worker, sharing no connection or font state with this process.
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=get_context("spawn"),
        initializer=_start_worker,
        initargs=(settings,),
    ) as pool:
        futures = [pool.submit(_export_in_worker, i, directory) for i in ids]
        for future in as_completed(futures):
            yield future.result()
