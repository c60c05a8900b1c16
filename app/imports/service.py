"""Importing organizations and people from a CSV or XLSX file, all or nothing.

Every row is checked first (required columns, known kinds and roles, codes unique in the file and the
database, parents and organizations that exist — earlier rows of the same file count — and lie in the
caller's scope). If any row is bad, nothing is written and every bad row is listed with its reason; a
dry run checks and writes nothing either way. Column headers may be Chinese or English.
"""

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from openpyxl import load_workbook
from pydantic import BaseModel, ValidationError
from sqlmodel import Session, select

from app.errors import DomainError
from app.i18n import gettext, mark
from app.organizations import service as organization_service
from app.organizations.models import Organization, OrganizationKind
from app.organizations.schemas import OrganizationCreate
from app.people import service as people_service
from app.people.models import CommitteeRole
from app.people.schemas import PersonCreate
from app.scope import Scope
from app.text import control_character_in
from app.web.forms import PYDANTIC_MESSAGES


class ImportKind(StrEnum):
    organizations = "organizations"
    people = "people"


# Header (Chinese or English) → field.
ORGANIZATION_COLUMNS = {
    "代码": "code", "code": "code",
    "名称": "name", "name": "name",
    "类型": "kind", "kind": "kind",
    "上级代码": "parent_code", "parent_code": "parent_code",
    "重点单位": "is_key_unit", "is_key_unit": "is_key_unit",
    "权力部门": "is_power_department", "is_power_department": "is_power_department",
    "软弱涣散": "is_weak_unit", "is_weak_unit": "is_weak_unit",
}  # fmt: skip
PEOPLE_COLUMNS = {
    "姓名": "name", "name": "name",
    "党员编号": "member_number", "member_number": "member_number",
    "党组织代码": "organization_code", "organization_code": "organization_code",
    "职务": "post", "post": "post",
    "委员职务": "committee_role", "committee_role": "committee_role",
    "党员": "is_party_member", "is_party_member": "is_party_member",
    "一把手": "is_top_leader", "is_top_leader": "is_top_leader",
}  # fmt: skip
CHINESE_HEADERS = {
    field: header
    for columns in (ORGANIZATION_COLUMNS, PEOPLE_COLUMNS)
    for header, field in columns.items()
    if not header.isascii()
}
KIND_NAMES = {
    "党委": OrganizationKind.party_committee,
    "党组": OrganizationKind.party_group,
    "党总支": OrganizationKind.general_branch,
    "党支部": OrganizationKind.branch,
    "组织部": OrganizationKind.organization_department,
}
ROLE_NAMES = {
    "书记": CommitteeRole.secretary,
    "副书记": CommitteeRole.deputy_secretary,
    "委员": CommitteeRole.committee_member,
    "党员": CommitteeRole.member,
    "": CommitteeRole.member,
}
YES = {"是", "yes", "true", "1", "y"}
NO = {"否", "no", "false", "0", "n", ""}
MAX_ROWS = 10_000


def _(message: str, **values: object) -> str:
    """Translate now (rows are reported in the reader's language) and fill in the values."""
    return gettext(message) % values if values else gettext(message)


class ImportFileError(DomainError):
    status_code = 422
    code = "import_file_unreadable"


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    field: str
    reason: str  # in the reader's language

    @property
    def column(self) -> str:
        """The column's Chinese header (what the office's file most likely calls it)."""
        return CHINESE_HEADERS.get(self.field, self.field)


@dataclass
class ImportResult:
    kind: ImportKind
    rows: int
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportRowsInvalid(DomainError):
    """Some rows are bad: nothing was imported; the body lists every bad row."""

    status_code = 422
    code = "import_rows_invalid"

    def __init__(self, result: ImportResult) -> None:
        super().__init__(mark("Some rows are invalid; nothing was imported."))
        self.result = result

    def details(self) -> dict[str, Any]:
        return {
            "rows": [
                {"row": e.row, "field": e.field, "column": e.column, "reason": e.reason}
                for e in self.result.errors
            ]
        }


def read_table(content: bytes, filename: str) -> list[dict[str, str]]:
    """Rows of a CSV (UTF-8, with or without BOM; or GB18030 as saved by older Excel) or XLSX file."""
    try:
        if filename.lower().endswith(".xlsx"):
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
            if sheet is None:
                raise ImportFileError(mark("The workbook has no sheet."))
            values = [
                ["" if v is None else str(v).strip() for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
        else:
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = content.decode("gb18030")
            values = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl and csv raise many kinds: "not a table we can read"
        raise ImportFileError(mark("The file cannot be read as CSV or XLSX.")) from exc
    if not values:
        raise ImportFileError(mark("The file is empty."))
    for row_number, row in enumerate(values, start=1):
        for column_number, cell in enumerate(row, start=1):
            if control_character_in(cell):
                raise ImportFileError(
                    _(
                        "Row %(row)s, column %(column)s contains an invisible control character; remove it.",
                        row=row_number,
                        column=column_number,
                    )
                )
    if len(values) > MAX_ROWS + 1:
        raise ImportFileError(mark("At most 10,000 rows per file."))
    header = values[0]
    return [
        {header[i]: (row[i] if i < len(row) else "") for i in range(len(header))}
        for row in values[1:]
        if any(cell for cell in row)
    ]


def _fields(raw: dict[str, str], columns: dict[str, str]) -> dict[str, str]:
    """A row keyed by field name; unknown columns are ignored."""
    fields = {}
    for header, value in raw.items():
        name = columns.get(header.strip()) or columns.get(header.strip().lower())
        if name:
            fields[name] = value
    return fields


def _flag(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    raise ValueError("是 or 否")


def _validated(
    schema: type[BaseModel],
    data: dict[str, Any],
    number: int,
    errors: list[RowError],
    *,
    reported: frozenset[str] = frozenset(),
) -> Any:
    """The row as ``schema``, or None with its errors added (except for the ``reported`` fields,
    whose problem the caller has named already)."""
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "row"
            if name in reported:
                continue
            message = PYDANTIC_MESSAGES.get(error["type"], mark("This value is not valid."))
            errors.append(RowError(number, name, gettext(message)))
        return None


def import_rows(
    db: Session, scope: Scope, kind: ImportKind, rows: list[dict[str, str]], *, dry_run: bool
) -> ImportResult:
    """Check every row; write them all (flush only; the caller commits) only if all are good."""
    check: Callable[..., Iterator[Callable[[], None]]] = (
        _organization_rows if kind == ImportKind.organizations else _people_rows
    )
    result = ImportResult(kind=kind, rows=len(rows), dry_run=dry_run)
    writes = list(check(db, scope, rows, result.errors))
    if result.errors or dry_run:
        return result
    for write in writes:
        write()
    result.created = len(writes)
    return result


def _organization_rows(
    db: Session, scope: Scope, rows: list[dict[str, str]], errors: list[RowError]
) -> Iterator[Callable[[], None]]:
    seen: dict[str, int] = {}  # code → row number
    existing = set(db.exec(select(Organization.code)).all())
    for number, raw in enumerate(rows, start=2):
        values = _fields(raw, ORGANIZATION_COLUMNS)
        code, parent_code = values.get("code", ""), values.get("parent_code", "")
        if code in existing:
            errors.append(RowError(number, "code", _("Code %(code)s already exists.", code=code)))
        elif code in seen:
            errors.append(
                RowError(
                    number,
                    "code",
                    _("Code %(code)s repeats row %(row)s.", code=code, row=seen[code]),
                )
            )
        seen.setdefault(code, number)
        kind = KIND_NAMES.get(values.get("kind", ""), values.get("kind", ""))
        data: dict[str, Any] = {"code": code, "name": values.get("name", ""), "kind": kind}
        for flag in ("is_key_unit", "is_power_department", "is_weak_unit"):
            try:
                data[flag] = _flag(values.get(flag, ""))
            except ValueError:
                errors.append(RowError(number, flag, _("Write 是 or 否.")))
        parent: Organization | None = None
        if not parent_code:
            errors.append(
                RowError(
                    number, "parent_code", _("Every imported organization needs a parent code.")
                )
            )
        elif parent_code in seen and seen[parent_code] < number:
            pass  # created by an earlier row of this file
        else:
            try:
                parent = organization_service.get_by_code(db, scope, parent_code)
            except DomainError:
                errors.append(
                    RowError(
                        number,
                        "parent_code",
                        _("No organization %(code)s in your scope.", code=parent_code),
                    )
                )
        checked = _validated(OrganizationCreate, data, number, errors)
        if checked is not None:
            yield _create_organization(db, scope, checked, parent, parent_code)


def _create_organization(
    db: Session,
    scope: Scope,
    data: OrganizationCreate,
    parent: Organization | None,
    parent_code: str,
) -> Callable[[], None]:
    def write() -> None:
        owner = parent or organization_service.get_by_code(db, scope, parent_code)
        organization_service.create_organization(
            db, scope, data.model_copy(update={"parent_id": owner.id})
        )

    return write


class _Namesakes:
    """Who is on file already, to keep an import from adding somebody twice (the same file uploaded
    again, or a list that overlaps the roster): the same member number (党员编号) in scope, or — with
    no number — the same name in the same organization. Earlier rows of the file count too."""

    def __init__(self, db: Session, scope: Scope) -> None:
        self.db, self.scope = db, scope
        self.numbers: dict[str, str] = {}  # member number → "name（organization）" or "row n"
        self.names: dict[tuple[int, str], str] = {}  # (organization, name) → the same
        self.loaded: set[int] = set()

    def _load(self, organization: Organization) -> None:
        if organization.id in self.loaded:
            return
        self.loaded.add(organization.id or 0)
        for person in people_service.everyone_of(self.db, organization.id or 0):
            where = _(
                "%(name)s of %(organization)s", name=person.name, organization=organization.name
            )
            self.names.setdefault((organization.id or 0, person.name), where)

    def _number_known(self, member_number: str) -> str | None:
        if member_number not in self.numbers:
            found = people_service.by_member_number(self.db, self.scope, member_number)
            if found is not None:
                person, organization_name = found
                self.numbers[member_number] = _(
                    "%(name)s of %(organization)s", name=person.name, organization=organization_name
                )
        return self.numbers.get(member_number)

    def duplicate(self, organization: Organization, name: str, member_number: str) -> str | None:
        """Why the row repeats somebody (None: it does not); remembers it for the next rows."""
        self._load(organization)
        if member_number:
            known = self._number_known(member_number)
            if known is not None:
                return _(
                    "Member number %(number)s is %(who)s already.", number=member_number, who=known
                )
            return None
        return self.names.get((organization.id or 0, name))

    def remember(self, organization: Organization, name: str, member_number: str, row: int) -> None:
        where = _("row %(row)s", row=row)
        if member_number:
            self.numbers.setdefault(member_number, where)
        self.names.setdefault((organization.id or 0, name), where)


def _people_rows(
    db: Session, scope: Scope, rows: list[dict[str, str]], errors: list[RowError]
) -> Iterator[Callable[[], None]]:
    organizations: dict[str, Organization | None] = {}
    namesakes = _Namesakes(db, scope)
    for number, raw in enumerate(rows, start=2):
        values = _fields(raw, PEOPLE_COLUMNS)
        code = values.get("organization_code", "")
        if code not in organizations:
            try:
                organizations[code] = organization_service.get_by_code(db, scope, code)
            except DomainError:
                organizations[code] = None
        organization = organizations[code]
        if organization is None:
            errors.append(
                RowError(
                    number,
                    "organization_code",
                    _("No organization %(code)s in your scope.", code=code or "—"),
                )
            )
        name, member_number = values.get("name", ""), values.get("member_number", "")
        if organization is not None and name:
            repeated = namesakes.duplicate(organization, name, member_number)
            if repeated is not None and member_number:
                errors.append(RowError(number, "member_number", repeated))
            elif repeated is not None:
                errors.append(
                    RowError(
                        number,
                        "name",
                        _(
                            "Already on file: %(who)s. Leave the row out — or, for two people of "
                            "the same name, add a 党员编号 column.",
                            who=repeated,
                        ),
                    )
                )
            namesakes.remember(organization, name, member_number, number)
        role = ROLE_NAMES.get(values.get("committee_role", ""), values.get("committee_role", ""))
        data: dict[str, Any] = {
            "organization_id": organization.id if organization else None,
            "name": name,
            "post": values.get("post", ""),
            "member_number": member_number,
            "committee_role": role,
        }
        for flag, default in (("is_party_member", "是"), ("is_top_leader", "否")):
            try:
                data[flag] = _flag(values.get(flag, "") or default)
            except ValueError:
                errors.append(RowError(number, flag, _("Write 是 or 否.")))
        reported = frozenset() if organization else frozenset({"organization_id"})
        checked = _validated(PersonCreate, data, number, errors, reported=reported)
        if checked is not None and organization is not None:
            yield _create_person(db, scope, checked)


def _create_person(db: Session, scope: Scope, data: PersonCreate) -> Callable[[], None]:
    def write() -> None:
        people_service.create_person(db, scope, data)

    return write
