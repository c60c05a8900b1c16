"""Record ids as the API and the pages accept them: whole numbers the database's id columns can hold.

A larger number cannot name a record; refusing it at the door (422 naming the field) keeps it away
from the database, where SQLite cannot bind it and PostgreSQL's ``integer`` overflows.
"""

from typing import Annotated

from annotated_types import Ge, Le

MAX_ID = 2**31 - 1  # PostgreSQL ``integer``, the type of every id column

RecordId = Annotated[int, Ge(1), Le(MAX_ID)]


def parse_record_id(text: str) -> int | None:
    """A record id typed into a form or a query string, or None (``isdigit`` alone admits "²" and
    5,000 digits)."""
    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 10):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None
