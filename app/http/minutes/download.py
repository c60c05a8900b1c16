"""The minutes' PDF and Word document as HTTP answers, the same for the API and the page."""

from fastapi import Request
from fastapi.responses import Response

from app.access import account_id_of
from app.db import Session
from app.minutes import service as minutes_service
from app.minutes.word import render_docx
from app.printing import queue as printing_queue
from app.study_sessions import service as study_session_service
from app.study_sessions.models import StudySession
from app.web.downloads import disposition, download

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def pdf_response(request: Request, db: Session, study_session: StudySession) -> Response:
    """Finalized minutes: the stored bytes with an ETag (never re-rendered); drafts: rendered now."""
    headers = {"Content-Disposition": disposition(study_session.title, "pdf", inline=True)}
    with printing_queue.on_behalf_of(account_id_of(request)):
        pdf, sha256 = minutes_service.printed(db, request.app.state.settings, study_session)
    if sha256 is None:
        return Response(
            pdf, media_type="application/pdf", headers=headers | {"Cache-Control": "no-store"}
        )
    etag = f'"{sha256}"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(pdf, media_type="application/pdf", headers=headers | {"ETag": etag})


def docx_response(request: Request, db: Session, study_session: StudySession) -> Response:
    """The current version of the minutes as a Word document, from the configured template."""
    minutes = study_session_service.detail(db, study_session)
    docx = render_docx(minutes, request.app.state.settings)
    return download(docx, DOCX, study_session.title, "docx")
