"""The minutes as PDF, for the API and the page's download link."""

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.auth.dependencies import CurrentScope
from app.db import DbSession
from app.ids import RecordId
from app.minutes import service as minutes_service
from app.study_sessions import service

api_router = APIRouter(tags=["minutes"])
web_router = APIRouter(include_in_schema=False)


def _pdf_response(
    request: Request, db: DbSession, scope: CurrentScope, study_session_id: RecordId
) -> Response:
    """Finalized minutes: the stored bytes with an ETag (never re-rendered); drafts: rendered now."""
    study_session = service.get_study_session(db, scope, study_session_id)
    filename = quote(f"{study_session.title}.pdf")
    headers = {"Content-Disposition": f"inline; filename*=UTF-8''{filename}"}
    pdf, sha256 = minutes_service.printed(db, request.app.state.settings, study_session)
    if sha256 is None:
        return Response(
            pdf, media_type="application/pdf", headers=headers | {"Cache-Control": "no-store"}
        )
    etag = f'"{sha256}"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(pdf, media_type="application/pdf", headers=headers | {"ETag": etag})


@api_router.get("/study-sessions/{study_session_id}/minutes.pdf", response_class=Response)
def minutes_pdf(
    request: Request, db: DbSession, scope: CurrentScope, study_session_id: RecordId
) -> Response:
    """The minutes as an A4 PDF (official layout). Finalized: the stored PDF/A; drafts: 草稿 watermark."""
    return _pdf_response(request, db, scope, study_session_id)


@web_router.get("/study-sessions/{study_session_id}/minutes.pdf")
def minutes_pdf_page(
    request: Request, db: DbSession, scope: CurrentScope, study_session_id: RecordId
) -> Response:
    return _pdf_response(request, db, scope, study_session_id)
