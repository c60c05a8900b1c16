"""Time: system timestamps in UTC, meeting times in local wall-clock time.

Both are stored without tzinfo so SQLite and PostgreSQL behave the same. Meetings are recorded as the
clock on the meeting-room wall showed (China Standard Time); an offset given by a client is converted.
"""

from datetime import UTC, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, PlainSerializer
from pydantic_core import PydanticCustomError

LOCAL_TIMEZONE = ZoneInfo("Asia/Shanghai")


def utcnow() -> datetime:
    """Current UTC time without tzinfo (created_at, updated_at)."""
    return datetime.now(UTC).replace(tzinfo=None)


def local_now() -> datetime:
    """Current local wall-clock time without tzinfo (times people see as meeting times)."""
    return datetime.now(LOCAL_TIMEZONE).replace(tzinfo=None)


def utc_to_local(value: datetime) -> datetime:
    """A stored (naive UTC) system timestamp as Beijing wall-clock time, for people to read."""
    return value.replace(tzinfo=UTC).astimezone(LOCAL_TIMEZONE).replace(tzinfo=None)


def _to_local_wall_time(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value
    try:
        return value.astimezone(LOCAL_TIMEZONE).replace(tzinfo=None)
    except OverflowError:  # e.g. 0001-01-01T00:00+14:00 lies before the year 1 in China
        raise PydanticCustomError("datetime_range", "This time is out of range.") from None


LocalDateTime = Annotated[datetime, AfterValidator(_to_local_wall_time)]


def local_to_utc(value: datetime) -> datetime:
    """A local wall-clock time as the naive UTC time system timestamps are stored in."""
    return value.replace(tzinfo=LOCAL_TIMEZONE).astimezone(UTC).replace(tzinfo=None)


# In JSON every time carries its offset (RFC 3339), so that no client has to guess which clock it is:
# system timestamps end in ``Z``, meeting times in ``+08:00``.
UtcTimestamp = Annotated[
    datetime,
    PlainSerializer(
        lambda value: value.replace(tzinfo=UTC), return_type=datetime, when_used="json"
    ),
]
LocalTimestamp = Annotated[
    datetime,
    PlainSerializer(
        lambda value: value.replace(tzinfo=LOCAL_TIMEZONE), return_type=datetime, when_used="json"
    ),
]
