"""The printed minutes through the API."""

from fastapi import Request
from fastapi.responses import Response

from app.db import DbSession
from app.http.minutes.download import pdf_response
from app.study_sessions.permissions import StudySessionInScope
from app.web.routing import NamedRouter

router = NamedRouter("api.minutes", tags=["minutes"])


@router.get("/study-sessions/{study_session_id}/minutes.pdf", response_class=Response)
def minutes_pdf(request: Request, db: DbSession, study_session: StudySessionInScope) -> Response:
    """The minutes as an A4 PDF (official layout). Finalized: the stored PDF/A; drafts: 草稿 watermark."""
    return pdf_response(request, db, study_session)
