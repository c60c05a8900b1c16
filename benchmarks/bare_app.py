"""The floor for benchmarks/http_detail.py: bare FastAPI endpoints on the same machine.

- ``/detail/{draft,finalized}``: the JSON bytes our endpoint produced for the same meeting, read once at
  start from ``$BENCH_BODIES``; it checks that an Authorization header exists, as cheaply as possible.
- ``/naive/{id}``: the tutorial's SQLModel endpoint — a session per request (a sync dependency), one row
  read by primary key, returned as the model — on the benchmark's database (``$YANTAO_DATABASE_URL``).
  The issue quotes 0.10–0.15× of the bare endpoint for such an endpoint; measuring it here says what a
  database-backed endpoint can reach on this machine at all.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from fastapi.responses import Response
from sqlmodel import Session, create_engine

from app.study_sessions.models import StudySession

BODIES = {
    name: (Path(os.environ["BENCH_BODIES"]) / f"{name}.json").read_bytes()
    for name in ("draft", "finalized")
}
engine = create_engine(os.environ["YANTAO_DATABASE_URL"], connect_args={"check_same_thread": False})
app = FastAPI()


def get_session() -> Iterator[Session]:
    with Session(engine) as session:
        yield session


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/detail/{name}")
def detail(name: str, authorization: str | None = Header(default=None)) -> Response:
    if not authorization or name not in BODIES:
        raise HTTPException(status_code=404)
    return Response(BODIES[name], media_type="application/json")


@app.get("/naive/{study_session_id}")
def naive(study_session_id: int, session: Annotated[Session, Depends(get_session)]) -> StudySession:
    row = session.get(StudySession, study_session_id)
    if row is None:
        raise HTTPException(status_code=404)
    return row
