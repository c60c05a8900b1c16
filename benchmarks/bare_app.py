"""The floor for benchmarks/http_detail.py: a bare FastAPI endpoint sending prepared JSON bytes.

It checks the Authorization header exists (as cheaply as possible) and returns the bytes our endpoint
produced for the same meeting, read once at start from ``$BENCH_BODIES/{draft,finalized}.json``.
"""

import os
from pathlib import Path

from fastapi import FastAPI, Header, HTTPException
from fastapi.responses import Response

BODIES = {
    name: (Path(os.environ["BENCH_BODIES"]) / f"{name}.json").read_bytes()
    for name in ("draft", "finalized")
}
app = FastAPI()


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/detail/{name}")
def detail(name: str, authorization: str | None = Header(default=None)) -> Response:
    if not authorization or name not in BODIES:
        raise HTTPException(status_code=404)
    return Response(BODIES[name], media_type="application/json")
