"""A circular's PDF and Word document as HTTP answers, the same for the API and the pages: an issued
circular's stored bytes with their ETag, a draft's printed now (never cached by the browser)."""

from fastapi import Request
from fastapi.responses import Response

from app.access import account_id_of
from app.db import Session
from app.flows import circulars as flows
from app.printing import queue as printing_queue
from app.scope import Scope
from app.spot_checks.models import Circular, CircularStatus
from app.web.downloads import disposition

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _answer(
    request: Request, circular: Circular, content: bytes, media_type: str, suffix: str
) -> Response:
    name = (
        circular.title if circular.status == CircularStatus.issued else f"{circular.title}（草稿）"
    )
    headers = {"Content-Disposition": disposition(name, suffix, inline=suffix == "pdf")}
    if circular.status != CircularStatus.issued:
        return Response(
            content, media_type=media_type, headers=headers | {"Cache-Control": "no-store"}
        )
    etag = f'"{circular.sha256}-{suffix}"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(content, media_type=media_type, headers=headers | {"ETag": etag})


def pdf_response(request: Request, db: Session, scope: Scope, circular: Circular) -> Response:
    with printing_queue.on_behalf_of(account_id_of(request)):
        pdf = flows.pdf(db, request.app.state.settings, scope, circular)
    return _answer(request, circular, pdf, "application/pdf", "pdf")


def docx_response(request: Request, db: Session, scope: Scope, circular: Circular) -> Response:
    docx = flows.docx(db, request.app.state.settings, scope, circular)
    return _answer(request, circular, docx, DOCX, "docx")
