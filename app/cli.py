"""The ``yantao`` command (also ``python -m app``)."""

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import typer
import uvicorn
from alembic import command
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

import app.models  # noqa: F401  (every mapper, so foreign keys between domains resolve)
from app import backup as backups
from app.audit.service import Anchor, VerifyResult, verify
from app.auth import service as auth_service
from app.auth.models import Role
from app.config import Settings, get_settings
from app.db import Database
from app.demo import is_empty, load_demo
from app.errors import DomainError
from app.health import alembic_config, database_problem
from app.imports.service import ImportKind, import_rows, read_table
from app.minutes import export
from app.minutes import service as minutes_service
from app.minutes.word import render_docx
from app.operations import logs
from app.organizations import service as organization_service
from app.printing import fonts
from app.rectification.schemas import MONTH
from app.rectification.service import today
from app.reports import monthly
from app.scope import Scope
from app.study_sessions import service as study_session_service

cli = typer.Typer(
    help="Yantao (研讨): study and discussion meetings — minutes, spot checks, print.",
    no_args_is_help=True,
)
db_cli = typer.Typer(help="Database schema.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
users_cli = typer.Typer(help="Accounts and their tokens.", no_args_is_help=True)
cli.add_typer(users_cli, name="users")
audit_cli = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
cli.add_typer(audit_cli, name="audit")
minutes_cli = typer.Typer(help="The printed minutes.", no_args_is_help=True)
cli.add_typer(minutes_cli, name="minutes")
export_cli = typer.Typer(help="Batch exports for filing.", no_args_is_help=True)
cli.add_typer(export_cli, name="export")
report_cli = typer.Typer(help="Reports of the rectification ledger.", no_args_is_help=True)
cli.add_typer(report_cli, name="report")
import_cli = typer.Typer(
    help="Organizations and people from CSV or XLSX files.", no_args_is_help=True
)
cli.add_typer(import_cli, name="import")


class CommandError(Exception):
    """A failure to report as one readable line and exit status 1."""


@contextmanager
def connected(settings: Settings | None = None) -> Iterator[Database]:
    """The configured database for one command; its connections are closed at the end."""
    database = Database(settings or get_settings())
    try:
        yield database
    finally:
        database.dispose()


@contextmanager
def unit_of_work(settings: Settings | None = None, *, write: bool = True) -> Iterator[Session]:
    """One transaction of a command: committed when the block ends normally (for a write), rolled
    back when it raises."""
    with connected(settings) as database, database.session(write=write) as db:
        yield db
        if write:
            db.commit()


def _ensure_sqlite_directory(database_url: str) -> None:
    prefix = "sqlite:///"
    if database_url.startswith(prefix) and ":memory:" not in database_url:
        Path(database_url[len(prefix) :]).parent.mkdir(parents=True, exist_ok=True)


@db_cli.command("upgrade")
def db_upgrade(revision: str = typer.Argument("head", help="Target revision.")) -> None:
    """Migrate the database schema (creates it from empty)."""
    settings = get_settings()
    _ensure_sqlite_directory(settings.database_url)
    config = alembic_config(settings.database_url)
    config.attributes["configure_logger"] = False
    command.upgrade(config, revision)
    typer.echo(f"database at {revision}: {settings.database_url.split('@')[-1]}")


@cli.command()
def demo(
    if_empty: bool = typer.Option(
        False, "--if-empty", help="Do nothing (and succeed) when data exists."
    ),
) -> None:
    """Load realistic Chinese demo data (a county, its branches, the 三严三实 campaign) into an empty database."""
    with unit_of_work() as db:
        if not is_empty(db):
            if if_empty:
                typer.echo("demo: the database already has data; nothing loaded")
                return
            raise CommandError(
                "the database already has data; the demo loads only into an empty database"
            )
        summary = load_demo(db, get_settings())
    typer.echo(f"demo loaded: {summary}")


@users_cli.command("create")
def users_create(
    login: str = typer.Option(..., help="Login name."),
    role: Role = typer.Option(..., help="admin, inspector, secretary or viewer."),
    org: str = typer.Option(..., help="Code of the scope organization."),
    subtree: bool = typer.Option(
        False, "--subtree", help="Include everything below the organization."
    ),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from stdin."
    ),
) -> None:
    """Create an account; the password is asked for (twice) or read from stdin."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with unit_of_work() as db:
        organization = organization_service.get_by_code(db, Scope.everything(), org)
        assert organization.id is not None
        account = auth_service.create_account(
            db,
            login=login,
            password=password,
            role=role,
            organization_id=organization.id,
            include_subtree=subtree,
        )
    scope = f"{organization.name}{' and below' if subtree else ''}"
    typer.echo(f"account {account.login} ({account.role.value}) created; scope: {scope}")


@users_cli.command("token")
def users_token(
    login: str = typer.Option(..., help="Login name of the account."),
    name: str = typer.Option("cli", help="A name to recognise the token by."),
    days: int | None = typer.Option(None, min=1, help="Days until it expires (default: setting)."),
) -> None:
    """Create a personal access token and print it; it is shown only this once."""
    settings = get_settings()
    with unit_of_work(settings) as db:
        account = auth_service.get_account_by_login(db, login)
        issued = auth_service.create_token(
            db, account, name=name, expires_in_days=days or settings.token_days_default
        )
    typer.echo(issued.secret)


def _verify_chain(settings: Settings, anchors: Sequence[Anchor] = ()) -> VerifyResult:
    with unit_of_work(settings, write=False) as db:
        return verify(db, anchors=anchors)


def _parse_anchor(text: str) -> Anchor:
    try:
        return Anchor.parse(text)
    except ValueError as exc:
        raise CommandError(f"--anchor {exc}") from exc


@audit_cli.command("verify")
def audit_verify(
    anchor: list[str] = typer.Option(
        [],
        "--anchor",
        help="EVENT_ID:HASH printed by an earlier run and kept outside the database; the log must "
        "still hold that event with that hash. Repeatable.",
    ),
) -> None:
    """Walk the hash chain; exit 1 naming the first event that does not verify. The last line is
    the anchor to write down (in the office's log book, on a filed report) for a later --anchor."""
    anchors = [_parse_anchor(text) for text in anchor]
    result = _verify_chain(get_settings(), anchors)
    if not result.ok:
        raise CommandError(
            f"audit event {result.first_bad_id} does not verify: {result.reason} "
            f"({result.checked} events before it verified)"
        )
    anchored = f", {len(anchors)} anchor(s) hold" if anchors else ""
    typer.echo(f"audit log verified: {result.checked} events, chain intact{anchored}")
    if result.newest is not None:
        typer.echo(f"anchor: {result.newest}")


@cli.command()
def backup(
    file: Path = typer.Argument(..., help="Where to write the backup (replaced if it exists)."),
) -> None:
    """Back up the database while the service runs: a consistent copy as of one moment (SQLite's online
    backup; pg_dump for PostgreSQL)."""
    settings = get_settings()
    try:
        backups.backup(settings.database_url, file)
    except backups.BackupError as exc:
        raise CommandError(str(exc)) from exc
    typer.echo(f"backup written: {file} ({file.stat().st_size:,} bytes)")


@cli.command()
def restore(
    file: Path = typer.Argument(..., help="A backup written by ``yantao backup``."),
    yes: bool = typer.Option(False, "--yes", help="Confirm: the database is replaced."),
) -> None:
    """Replace the database by a backup (stop the service first); then verify the audit chain."""
    settings = get_settings()
    if not yes:
        raise CommandError(
            f"restore replaces everything in {settings.database_url.split('@')[-1]}; "
            "stop the service, then run again with --yes"
        )
    try:
        backups.restore(settings.database_url, file)
    except backups.BackupError as exc:
        raise CommandError(str(exc)) from exc
    with connected(settings) as database:
        sums = backups.table_sums(database.engine)
    result = _verify_chain(settings)
    if not result.ok:
        raise CommandError(
            f"restored, but audit event {result.first_bad_id} does not verify: {result.reason}"
        )
    rows = sum(table.rows for table in sums.values())
    typer.echo(
        f"restored {file}: {rows:,} rows in {len(sums)} tables; "
        f"audit log verified: {result.checked} events, chain intact"
    )


@minutes_cli.command("pdf")
def minutes_pdf(
    study_session_id: int = typer.Argument(..., help="Id of the study session."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the PDF."),
) -> None:
    """Write the minutes of one session as PDF: finalized minutes as stored (PDF/A), drafts rendered
    with a 草稿 watermark."""
    settings = get_settings()
    with unit_of_work(settings, write=False) as db:
        study_session = study_session_service.get_study_session(
            db, Scope.everything(), study_session_id
        )
        pdf, _ = minutes_service.printed(db, settings, study_session)
        title = study_session.title
    output.write_bytes(pdf)
    typer.echo(f"{output}: {title}")


@minutes_cli.command("docx")
def minutes_docx(
    study_session_id: int = typer.Argument(..., help="Id of the study session."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the .docx."),
) -> None:
    """Write the minutes of one session as a Word document, from the Word template
    (YANTAO_WORD_TEMPLATE_MINUTES), for an office to finish in WPS or Word."""
    settings = get_settings()
    with unit_of_work(settings, write=False) as db:
        study_session = study_session_service.get_study_session(
            db, Scope.everything(), study_session_id
        )
        docx = render_docx(study_session_service.detail(db, study_session), settings)
        title = study_session.title
    output.write_bytes(docx)
    typer.echo(f"{output}: {title}")


@export_cli.command("minutes")
def export_minutes(
    org: str = typer.Option(..., help="Code of the organization."),
    subtree: bool = typer.Option(False, "--subtree", help="Include everything below it."),
    start: datetime = typer.Option(
        ..., "--from", formats=["%Y-%m-%d"], help="First day (YYYY-MM-DD)."
    ),
    end: datetime = typer.Option(..., "--to", formats=["%Y-%m-%d"], help="Last day (YYYY-MM-DD)."),
    output: Path = typer.Option(..., "-o", "--output", help="Directory for the PDF files."),
    jobs: int = typer.Option(1, "--jobs", min=1, max=64, help="Worker processes."),
    finalized_only: bool = typer.Option(False, "--finalized-only", help="Skip drafts."),
) -> None:
    """Write the minutes of held and finalized meetings of a period as PDF files, one per meeting.

    Finalized minutes are the stored PDF/A; drafts are rendered with a 草稿 watermark. Run it again to
    resume: files already written with the same fingerprint are skipped."""
    if end < start:
        raise CommandError("--to is before --from")
    if output.exists() and not output.is_dir():
        raise CommandError(f"{output} exists and is not a directory")
    settings = get_settings()
    fonts.require_chinese(settings)
    with unit_of_work(settings, write=False) as db:
        organization = organization_service.get_by_code(db, Scope.everything(), org)
        selection = export.Selection(
            organization.path, subtree, start.date(), end.date(), finalized_only
        )
        ids = export.session_ids(db, selection)
    written = kept = finalized = 0
    failures: list[str] = []
    with typer.progressbar(length=len(ids), label="minutes", file=sys.stderr) as progress:
        for outcome in export.export(settings, ids, output, jobs=jobs):
            if outcome.error is not None:
                failures.append(f"session {outcome.study_session_id}: {outcome.error}")
            elif outcome.written:
                written += 1
            else:
                kept += 1
            finalized += outcome.finalized
            progress.update(1)
    typer.echo(
        f"{output}: {len(ids)} minutes of {organization.name}{' and below' if subtree else ''}, "
        f"{start.date()} to {end.date()} — {written} written, {kept} unchanged, "
        f"{finalized} finalized (stored PDF/A), {len(ids) - finalized - len(failures)} drafts"
    )
    if failures:
        raise CommandError(f"{len(failures)} not exported: {'; '.join(failures[:3])}")


@report_cli.command("monthly")
def report_monthly(
    month: str = typer.Option(..., help="The month, YYYY-MM."),
    org: str = typer.Option(..., help="Code of the organization."),
    subtree: bool = typer.Option(False, "--subtree", help="Include everything below it."),
    output: Path = typer.Option(..., "-o", "--output", help="FILE.pdf, FILE.xlsx or FILE.docx."),
) -> None:
    """Write the monthly report of the ledger (opened, closed, overdue, progress) as PDF or XLSX."""
    if not MONTH.match(month):
        raise CommandError(f"--month {month!r}: give a month as YYYY-MM, e.g. 2015-06")
    suffix = output.suffix.lower()
    if suffix not in (".pdf", ".xlsx", ".docx"):
        raise CommandError(f"{output}: the file name must end in .pdf, .xlsx or .docx")
    settings = get_settings()
    with unit_of_work(settings, write=False) as db:
        organization = organization_service.get_by_code(db, Scope.everything(), org)
        report = monthly.monthly_report(
            db, Scope.everything(), organization, month, include_subtree=subtree, today=today()
        )
    writers = {
        ".pdf": lambda: monthly.to_pdf(report, settings),
        ".xlsx": lambda: monthly.to_xlsx(report),
        ".docx": lambda: monthly.to_docx(report, settings),
    }
    content = writers[suffix]()
    output.write_bytes(content)
    typer.echo(
        f"{output}: {report.organization_name}{' and below' if subtree else ''}, {month} — "
        f"{len(report.opened)} opened, {len(report.closed)} closed, {len(report.overdue)} overdue, "
        f"{len(report.progress)} progress reports, {len(report.without_progress)} without"
    )


def _import(kind: str, path: Path, dry_run: bool) -> None:
    rows = read_table(path.read_bytes(), path.name)
    with unit_of_work() as db:  # a dry run writes nothing; a bad row rolls everything back
        result = import_rows(db, Scope.everything(), ImportKind(kind), rows, dry_run=dry_run)
        if not result.ok:
            for error in result.errors:
                typer.echo(f"row {error.row}, {error.field}: {error.reason}")
            bad = len({error.row for error in result.errors})
            raise CommandError(f"{bad} of {result.rows} rows are invalid; nothing was imported")
    if dry_run:
        typer.echo(f"{result.rows} rows checked, all valid; dry run: nothing written")
    else:
        typer.echo(f"{result.rows} rows checked, all valid; {result.created} {kind} imported")


@import_cli.command("organizations")
def import_organizations(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="CSV or XLSX file."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only check; write nothing."),
) -> None:
    """Import organizations (代码, 名称, 类型, 上级代码, 重点单位, 权力部门, 软弱涣散), all or nothing."""
    _import("organizations", path, dry_run)


@import_cli.command("people")
def import_people(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="CSV or XLSX file."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only check; write nothing."),
) -> None:
    """Import people (姓名, 党组织代码, 职务, 委员职务, 党员, 一把手), all or nothing."""
    _import("people", path, dry_run)


@cli.command()
def doctor() -> None:
    """Check what the service needs: the database and its schema, the fonts the PDF prints with,
    fast font subsetting. Exits 1 when something would fail."""
    from weasyprint import __version__ as weasyprint_version
    from weasyprint.text.ffi import harfbuzz_subset

    settings = get_settings()
    problems: list[str] = []

    def line(state: str, topic: str, text: str) -> None:
        typer.echo(f"{state:<8} {topic:<11} {text}")

    with connected(settings) as database:
        problem = database_problem(database)
    where = settings.database_url.split("@")[-1]
    hint = " — run `yantao db upgrade`" if problem else ""
    line(
        "problem" if problem else "ok",
        "database",
        f"{problem}{hint}" if problem else f"{where}, schema current",
    )
    if problem:
        problems.append(problem)

    found = fonts.inspect(settings.pdf_font_serif, settings.pdf_font_sans, settings.pdf_font_kai)
    for choice in found.choices:
        if not choice.covers_chinese:
            state, text = "problem", f"{choice.role}: no font with Chinese glyphs"
        elif not choice.requested_found:
            state = "warning"
            text = f"{choice.role}: none of {', '.join(choice.requested)} installed; fontconfig substitutes {choice.family} ({choice.file})"
        else:
            state, text = "ok", f"{choice.role}: {choice.family} ({choice.file})"
        line(state, "pdf fonts", text)
    if not found.ok:
        problems.append(fonts.NO_CHINESE_FONT)
    if harfbuzz_subset is None:
        line(
            "warning",
            "pdf subset",
            "libharfbuzz-subset0 missing: WeasyPrint falls back to fontTools (~60x slower)",
        )
    else:
        line("ok", "pdf subset", f"HarfBuzz subsetting, WeasyPrint {weasyprint_version}")
    if problems:
        raise CommandError(
            problems[0]
            if len(problems) == 1
            else f"{len(problems)} problems: {'; '.join(problems)}"
        )


@cli.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, min=1, help="Worker processes."),
    reload: bool = typer.Option(False, help="Reload on code changes (development)."),
) -> None:
    """Serve the web pages and the API."""
    settings = get_settings()
    _ensure_sqlite_directory(settings.database_url)
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        log_level=settings.log_level,
        log_config=logs.uvicorn_config(settings.log_format, settings.log_level),
        access_log=False,  # RequestMiddleware logs each request, with its id
        # Forwarded headers only from the proxies the settings name (uvicorn trusts 127.0.0.1 else).
        proxy_headers=bool(settings.trusted_proxies.strip()),
        forwarded_allow_ips=settings.trusted_proxies.strip() or None,
    )


def main() -> None:
    """Entry point: usage errors are Typer's; our failures become one ``error:`` line and status 1."""
    try:
        cli()
    except (CommandError, DomainError, SQLAlchemyError, OSError, ValueError) as exc:
        message = exc.message if isinstance(exc, DomainError) else str(exc).splitlines()[0]
        typer.echo(f"error: {message}", err=True)
        sys.exit(1)
