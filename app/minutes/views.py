"""The minutes as PDF, for the API and the page's download link."""

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.auth.dependencies import CurrentScope
from app.db import DbSession
from app.minutes.pdf import render_pdf
from app.study_sessions import service

api_router = APIRouter(tags=["minutes"])
web_router = APIRouter(include_in_schema=False)


def _pdf_response(
    request: Request, db: DbSession, scope: CurrentScope, study_session_id: int
) -> Response:
    minutes = service.detail(db, service.get_study_session(db, scope, study_session_id))
    pdf = render_pdf(minutes, request.app.state.settings)
    filename = quote(f"{minutes.title}.pdf")
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f"inline; filename*=UTF-8''{filename}"},
    )


@api_router.get("/study-sessions/{study_session_id}/minutes.pdf", response_class=Response)
def minutes_pdf(
    request: Request, db: DbSession, scope: CurrentScope, study_session_id: int
) -> Response:
    """The minutes as an A4 PDF in official-document layout; drafts carry a 草稿 watermark."""
    return _pdf_response(request, db, scope, study_session_id)


@web_router.get("/study-sessions/{study_session_id}/minutes.pdf")
def minutes_pdf_page(
    request: Request, db: DbSession, scope: CurrentScope, study_session_id: int
) -> Response:
    return _pdf_response(request, db, scope, study_session_id)
