"""Hostile minutes: nothing typed into a meeting record can make the PDF renderer read a file, call the
network or embed an attachment (WeasyPrint advisories GHSA-35jj-wx47-4w8r, GHSA-983w-rhvv-gwmv,
GHSA-jf6q-chmf-3h3v). A local canary server counts every request that reaches it."""

import base64
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session
from weasyprint import HTML

from app.config import PROJECT_ROOT
from app.people.models import CommitteeRole
from app.printing.pdf import BASE_URL, AppResources, RefusedURL, static_file
from tests import factories
from tests.helpers import if_match
from tests.minutes.test_pdf import _text

# A 1×1 PNG, as a data: URL the fetcher may serve.
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
    )
).decode()


class Canary:
    """An HTTP server on loopback that records the path of every request it gets."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        canary = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                canary.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                self.wfile.write(base64.b64decode(PIXEL))

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def canary() -> Iterator[Canary]:
    canary = Canary()
    thread = threading.Thread(target=canary.server.serve_forever, daemon=True)
    thread.start()
    yield canary
    canary.server.shutdown()
    canary.server.server_close()


def hostile_snippets(canary_url: str) -> list[str]:
    return [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/passwd">',
        f'<img src="{canary_url}/img.png">',
        f'<link rel="stylesheet" href="{canary_url}/style.css">',
        f"<style>@import url({canary_url}/import.css);</style>",
        "<script>document.title='PWNED'</script>",
        "{{ 7 * 7 }}",
    ]


def _attachments(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "attachments.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdfdetach", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout


def _images(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "images.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    return [row[2] for row in rows if row[2] == "image"]  # soft masks are part of an image


def test_hostile_text_in_every_part_is_printed_escaped_and_fetches_nothing(
    client: TestClient, db: Session, canary: Canary, tmp_path: Path
) -> None:
    snippets = hostile_snippets(canary.url)
    hostile = "".join(snippets)
    branch = factories.create_organization(db, name="东岭村党支部")
    secretary = factories.create_person(db, branch, name="韩明华", role=CommitteeRole.secretary)
    study_session = factories.create_study_session(db, branch, chair=secretary)
    factories.create_attendance(db, study_session, secretary)
    url = f"/api/v1/study-sessions/{study_session.id}"
    responses = [
        client.patch(
            url,
            headers=if_match(client, url),
            json={"title": f"组织生活会{snippets[0]}", "place": hostile[:200]},
        ),
        client.post(f"{url}/topics", json={"title": snippets[2], "conclusion": hostile}),
        client.post(f"{url}/outlines", json={"author_id": secretary.id, "body": hostile}),
        client.post(
            f"{url}/contributions",
            json={
                "speaker_id": secretary.id,
                "round": 1,
                "kind": "self_criticism",
                "content": hostile,
            },
        ),
        client.post(
            f"{url}/findings", json={"description": hostile, "cause": hostile, "measure": hostile}
        ),
    ]
    assert [r.status_code for r in responses] == [200, 201, 201, 201, 201], responses[-1].text

    response = client.get(f"{url}/minutes.pdf")

    assert response.status_code == 200
    assert canary.requests == []
    assert "0 embedded files" in _attachments(response.content, tmp_path)
    assert _images(response.content, tmp_path) == []
    text = _text(response.content, tmp_path)
    assert "root:x:0:0" not in text
    for snippet in snippets:  # printed as the characters typed, whitespace aside
        assert "".join(snippet.split()) in text


def test_the_fetcher_refuses_files_and_network_even_in_raw_html(
    canary: Canary, tmp_path: Path
) -> None:
    """Defence in depth: were escaping ever lost, the renderer's fetcher still fetches nothing."""
    body = "".join(hostile_snippets(canary.url))
    html = f'<html lang="zh-CN"><body><p>正文</p>{body}<img src="static/app.css"></body></html>'

    pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=AppResources()).write_pdf()

    assert canary.requests == []
    assert "0 embedded files" in _attachments(pdf, tmp_path)
    assert _images(pdf, tmp_path) == []  # app.css is served but is no image; passwd is never read
    assert "root:x:0:0" not in _text(pdf, tmp_path)


def test_the_fetcher_serves_data_urls_and_the_apps_static_files(tmp_path: Path) -> None:
    html = f'<html lang="zh-CN"><body><img src="data:image/png;base64,{PIXEL}"></body></html>'

    pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=AppResources()).write_pdf()

    assert len(_images(pdf, tmp_path)) == 1
    css = AppResources().fetch(BASE_URL + "static/app.css")
    assert css.read() == (PROJECT_ROOT / "static" / "app.css").read_bytes()
    assert css.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        BASE_URL + "static/../app/config.py",
        BASE_URL + "static/%2e%2e/pyproject.toml",
        BASE_URL + "static/",
        "file://example.org/static/app.css",
    ],
)
def test_static_files_cannot_be_escaped(url: str) -> None:
    with pytest.raises(RefusedURL):
        static_file(url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x.png", "https://example.org/", "ftp://x/y"])
def test_network_urls_are_refused(url: str) -> None:
    with pytest.raises(RefusedURL):
        AppResources().fetch(url)
