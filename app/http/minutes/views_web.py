"""The printed minutes, the meeting page's download link."""

from fastapi import Request
from fastapi.responses import Response

from app.db import DbSession
from app.http.minutes.download import docx_response, pdf_response
from app.study_sessions.permissions import StudySessionInScope
from app.web.routing import NamedRouter

router = NamedRouter("minutes", include_in_schema=False)


@router.get("/study-sessions/{study_session_id}/minutes.pdf")
def pdf(request: Request, db: DbSession, study_session: StudySessionInScope) -> Response:
    return pdf_response(request, db, study_session)


@router.get("/study-sessions/{study_session_id}/minutes.docx")
def docx(request: Request, db: DbSession, study_session: StudySessionInScope) -> Response:
    return docx_response(request, db, study_session)
