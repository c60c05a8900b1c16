"""The printed minutes through the API."""

from fastapi import Request
from fastapi.responses import Response

from app.db import DbSession
from app.http.minutes.download import docx_response, pdf_response
from app.study_sessions.permissions import StudySessionInScope
from app.web.routing import NamedRouter

router = NamedRouter("api.minutes", tags=["minutes"])


@router.get("/study-sessions/{study_session_id}/minutes.pdf", response_class=Response)
def minutes_pdf(request: Request, db: DbSession, study_session: StudySessionInScope) -> Response:
    """The minutes as an A4 PDF (official layout). Finalized: the stored PDF/A; drafts: 草稿 watermark."""
    return pdf_response(request, db, study_session)


@router.get("/study-sessions/{study_session_id}/minutes.docx", response_class=Response)
def minutes_docx(request: Request, db: DbSession, study_session: StudySessionInScope) -> Response:
    """The minutes as a Word document (.docx) from the office's template, to finish in WPS or Word."""
    return docx_response(request, db, study_session)
