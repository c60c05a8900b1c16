"""The minutes' PDF as an HTTP answer, the same for the API and the page."""

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import Response

from app.db import Session
from app.minutes import service as minutes_service
from app.study_sessions.models import StudySession


def pdf_response(request: Request, db: Session, study_session: StudySession) -> Response:
    """Finalized minutes: the stored bytes with an ETag (never re-rendered); drafts: rendered now."""
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
