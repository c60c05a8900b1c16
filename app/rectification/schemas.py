"""What the ledger API reads and writes."""

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from app.clock import UtcTimestamp
from app.ids import RecordId
from app.rectification.models import ItemSource, ItemStatus
from app.text import BodyModel, NotBlank

Text = Field(min_length=1, max_length=100_000)
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _month(value: str) -> str:
    # Years 1000–9998: every month has a next month that Python's dates can hold.
    if not MONTH.match(value) or not 1000 <= int(value[:4]) <= 9998:
        raise PydanticCustomError("month", "Enter a month as YYYY-MM, e.g. 2015-06.")
    return value


Month = Annotated[str, AfterValidator(_month)]
# Items are opened by hand from these sources; findings open theirs when the minutes are finalized.
MANUAL_SOURCES = (ItemSource.spot_check, ItemSource.solicited_opinion, ItemSource.ordered)
# A closed item is closed through POST …/close (a reviewer and a result), never by setting the status.
OPEN_STATUSES = tuple(status for status in ItemStatus if status != ItemStatus.closed)


class ItemCreate(BodyModel):
    organization_id: RecordId
    source: ItemSource = ItemSource.ordered
    problem: Annotated[str, NotBlank] = Text
    measure: str = Field(default="", max_length=100_000)
    standard: str = Field(default="", max_length=100_000)
    responsible_leader_id: RecordId | None = None
    responsible_person_id: RecordId | None = None
    due_on: date | None = None
    status: ItemStatus = ItemStatus.not_started
    campaign_id: RecordId | None = None
    required_action_id: RecordId | None = None


class ItemUpdate(BodyModel):
    problem: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=100_000)
    measure: str | None = Field(default=None, max_length=100_000)
    standard: str | None = Field(default=None, max_length=100_000)
    responsible_leader_id: RecordId | None = None
    responsible_person_id: RecordId | None = None
    due_on: date | None = None
    status: ItemStatus | None = None
    result: str | None = Field(default=None, max_length=100_000)
    evidence: str | None = Field(default=None, max_length=100_000)
    campaign_id: RecordId | None = None
    required_action_id: RecordId | None = None


class ItemClose(BodyModel):
    result: Annotated[str, NotBlank] = Text
    evidence: str = Field(default="", max_length=100_000)
    early_reason: str = Field(
        default="",
        max_length=2000,
        description="why the item is closed before it is 已整改待销号 (required then)",
    )


class ItemReopen(BodyModel):
    reason: Annotated[str, NotBlank] = Field(min_length=1, max_length=5000)


class ProgressCreate(BodyModel):
    month: Month
    text: Annotated[str, NotBlank] = Text
    percent: int = Field(ge=0, le=100)


class ProgressUpdate(BodyModel):
    text: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=100_000)
    percent: int | None = Field(default=None, ge=0, le=100)


class ProgressPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    version: int
    item_id: RecordId
    month: str
    text: str
    percent: int
    reporter: str | None = None  # login of the account that reported
    reporter_name: str | None = None  # the person behind that account, else its login
    created_at: UtcTimestamp


class ItemPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    version: int
    organization_id: RecordId
    organization_name: str = ""
    number: int
    source: ItemSource
    finding_id: RecordId | None
    study_session_id: RecordId | None = None  # the meeting whose finding opened the item
    spot_check_id: RecordId | None = None  # the spot check that ordered it (责令整改)
    ordered_by_id: RecordId | None = None  # the inspector's account
    campaign_id: RecordId | None
    required_action_id: RecordId | None = None
    problem: str
    measure: str
    standard: str
    responsible_leader_id: RecordId | None
    responsible_leader_name: str | None = None
    responsible_person_id: RecordId | None
    responsible_person_name: str | None = None
    due_on: date | None
    status: ItemStatus
    overdue: bool = False
    result: str
    evidence: str
    closed_by: str | None = None  # login of the account that closed the item
    closed_by_name: str | None = None  # the person behind that account, else its login
    closed_at: UtcTimestamp | None
    closed_early_reason: str
    created_at: UtcTimestamp


class ItemDetail(ItemPublic):
    progress: list[ProgressPublic] = []
