"""A file the app hands out: its ``Content-Disposition`` with a name built from a safe subset of
characters (``app.text.safe_file_name``), for the browser and for the office's file system alike."""

from urllib.parse import quote

from fastapi.responses import Response

from app.text import safe_file_name


def disposition(name: str, suffix: str, *, inline: bool = False) -> str:
    """``attachment`` (or ``inline``) with the UTF-8 file name of ``name`` and ``suffix``."""
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename*=UTF-8''{quote(safe_file_name(name, suffix))}"


def download(content: bytes, media_type: str, name: str, suffix: str) -> Response:
    """The bytes of a file to save, named after ``name``."""
    headers = {"Content-Disposition": disposition(name, suffix)}
    return Response(content, media_type=media_type, headers=headers)
