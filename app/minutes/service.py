"""Storing and finding the archival PDF of finalized minutes."""

import hashlib

from sqlmodel import Session, col, select

from app.config import Settings
from app.minutes.models import MinutesDocument
from app.minutes.pdf import fingerprint, render_pdf
from app.study_sessions import service as study_session_service
from app.study_sessions.models import StudySession


def store(db: Session, settings: Settings, study_session: StudySession) -> MinutesDocument:
    """Render the current version once as PDF/A-3b with the minutes JSON inside, and keep the bytes."""
    assert study_session.id is not None
    minutes = study_session_service.detail(db, study_session)
    pdf = render_pdf(minutes, settings, archival=True)
    document = MinutesDocument(
        study_session_id=study_session.id,
        version=study_session.version,
        sha256=hashlib.sha256(pdf).hexdigest(),
        fingerprint=fingerprint(minutes),
        pdf=pdf,
    )
    db.add(document)
    db.flush()
    return document


def stored(db: Session, study_session: StudySession) -> MinutesDocument | None:
    """The stored document of the session's current version, if any."""
    statement = (
        select(MinutesDocument)
        .where(
            MinutesDocument.study_session_id == study_session.id,
            MinutesDocument.version == study_session.version,
        )
        .order_by(col(MinutesDocument.id).desc())
    )
    return db.exec(statement).first()


def printed(
    db: Session, settings: Settings, study_session: StudySession
) -> tuple[bytes, str | None]:
    """The PDF to hand out and, for stored minutes, its SHA-256 (the ETag).

    Finalized minutes are the stored bytes, never re-rendered; drafts are rendered now (草稿 watermark).
    """
    document = stored(db, study_session)
    if document is not None:
        return document.pdf, document.sha256
    return render_pdf(study_session_service.detail(db, study_session), settings), None
