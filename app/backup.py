"""Backups that can be taken while the service runs, and restored: ``yantao backup`` / ``yantao restore``.

- **SQLite**: the SQLite online backup API copies the database page by page inside one read transaction,
  so the copy is the database as of one moment, whatever writers do meanwhile (WAL mode lets them go on).
  The copy is written next to the target and renamed into place, so a failed backup never leaves a
  half-written file under the target's name. Restoring copies the backup into the configured database
  with the same API.
- **PostgreSQL**: ``pg_dump --format=custom`` (one snapshot, MVCC: writers go on) and ``pg_restore
  --clean --if-exists --no-owner --single-transaction`` (all or nothing). They come with the
  ``postgresql-client`` package, of the server's major version or newer.

A backup file says what it is: SQLite files begin ``SQLite format 3``, pg_dump's custom format
``PGDMP``; restoring one kind into the other database is refused with a readable message. After a
restore the audit chain is verified, and the row counts and a checksum per table are reported, so the
operator can compare them with ``yantao backup``'s report.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import SQLModel

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done, said in one line."""


@dataclass(frozen=True)
class TableSum:
    rows: int
    sha256: str


def _sqlite_path(url: sa.URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(url.database)


def _libpq_url(url: sa.URL) -> str:
    """The URL pg_dump understands (no ``+psycopg``), password included."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _run(arguments: list[str]) -> None:
    if shutil.which(arguments[0]) is None:
        raise BackupError(f"{arguments[0]} is missing: install the postgresql-client package")
    done = subprocess.run(arguments, capture_output=True, text=True)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise BackupError(f"{arguments[0]} failed: {lines[-1] if lines else done.returncode}")


def backup(database_url: str, target: Path) -> None:
    """Write a consistent copy of the database at ``database_url`` to ``target``."""
    url = sa.make_url(database_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        if url.get_backend_name() == "sqlite":
            source_path = _sqlite_path(url)
            if not source_path.exists():
                raise BackupError(f"no database at {source_path}")
            source = sqlite3.connect(source_path)
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
            finally:
                copy.close()
                source.close()
        else:
            _run(["pg_dump", "--format=custom", "--file", str(partial), _libpq_url(url)])
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def restore(database_url: str, source: Path) -> None:
    """Replace the database at ``database_url`` by the backup in ``source`` (stop the service first)."""
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    with source.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    url = sa.make_url(database_url)
    sqlite = url.get_backend_name() == "sqlite"
    if sqlite and not head.startswith(SQLITE_MAGIC):
        kind = "a PostgreSQL dump" if head.startswith(PG_DUMP_MAGIC) else "not a Yantao backup"
        raise BackupError(f"{source} is {kind}, and the database is SQLite")
    if not sqlite and not head.startswith(PG_DUMP_MAGIC):
        kind = "a SQLite backup" if head.startswith(SQLITE_MAGIC) else "not a Yantao backup"
        raise BackupError(f"{source} is {kind}, and the database is PostgreSQL")
    if sqlite:
        target_path = _sqlite_path(url)
        target_path.parent.mkdir(parents=True, exist_ok=True)
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        live = sqlite3.connect(target_path)
        try:
            if backup_db.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise BackupError(f"{source} fails SQLite's integrity check")
            backup_db.backup(live)
        finally:
            live.close()
            backup_db.close()
    else:
        _run(
            [
                *("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"),
                *("--dbname", _libpq_url(url), str(source)),
            ]
        )


def table_sums(engine: Engine) -> dict[str, TableSum]:
    """Rows and a SHA-256 of every table's rows in primary-key order (to compare two databases)."""
    sums: dict[str, TableSum] = {}
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            digest = hashlib.sha256()
            rows = 0
            for row in connection.execute(sa.select(table).order_by(*order)):
                digest.update(repr(tuple(row)).encode())
                rows += 1
            sums[table.name] = TableSum(rows=rows, sha256=digest.hexdigest())
    return sums
