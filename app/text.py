"""Text field rules shared by every schema that reads input."""

import re
import unicodedata
from itertools import pairwise

from pydantic import AfterValidator, BaseModel, ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from app.i18n import mark


def _not_blank(value: str) -> str:
    # Only checked, never stripped: Chinese paragraphs begin with full-width spaces that must survive.
    if not value.strip():
        raise PydanticCustomError("blank", "This field cannot be empty.")
    return value


NotBlank = AfterValidator(_not_blank)


# C0 control characters other than tab, line feed and carriage return, DEL and the C1 controls, and the
# noncharacters U+FFFE and U+FFFF: PostgreSQL cannot store NUL, XML (the XLSX sheets) allows none of the
# C0 ones nor U+FFFE/U+FFFF, and nobody types any of them — they come from a broken copy and paste, a
# form decoded in the wrong charset (UTF-8 read as Latin-1 is full of C1 controls) or an attack.
# Refused at the door, so every database and every export agrees.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Half of a UTF-16 pair, which JSON's ``\ud800`` escapes can produce: no text encoding can store it.
LONE_SURROGATES = re.compile(r"[\ud800-\udfff]")
CONTROL_CHARACTER_MESSAGE = mark("This text contains an invisible control character; remove it.")


def control_character_in(value: object) -> str | None:
    """The first forbidden control character anywhere in ``value`` (strings inside lists and dicts,
    keys included), or None."""
    if isinstance(value, str):
        found = CONTROL_CHARACTERS.search(value) or LONE_SURROGATES.search(value)
        return found.group() if found else None
    if isinstance(value, dict):
        items: list[object] = [*value.keys(), *value.values()]
        return next(filter(None, map(control_character_in, items)), None)
    if isinstance(value, list | tuple | set | frozenset):
        return next(filter(None, map(control_character_in, value)), None)
    if isinstance(value, BaseModel):
        return next(filter(None, map(control_character_in, dict(value).values())), None)
    return None


class InputModel(BaseModel):
    """Base of every schema that reads input — API bodies, query models and the pages' forms."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: object) -> object:
        character = control_character_in(value)
        if character is not None and LONE_SURROGATES.match(character):
            raise PydanticCustomError("string_unicode", "Input should be a valid string")
        if character is not None:
            raise PydanticCustomError("control_character", CONTROL_CHARACTER_MESSAGE)
        return value


class BodyModel(InputModel):
    """A request body (what a client creates or changes): a field it does not have is refused, so a
    change nobody can make (moving a meeting to another organization) is never silently ignored."""

    model_config = ConfigDict(extra="forbid")


# Everything but letters of any script (Chinese included), digits, "_" and "-".
_UNSAFE_IN_FILE_NAMES = re.compile(r"[^\w\-]+")


def safe_file_stem(text: str, length: int = 60) -> str:
    """A piece of a file name made from ``text`` (a title, an organization's name): every run of
    characters that is not a letter, a digit or ``-`` becomes one ``_``, so no path, dot, quote or
    control character survives; never empty."""
    stem = _UNSAFE_IN_FILE_NAMES.sub("_", text).strip("_-")
    return stem[:length].strip("_-") or "_"


def safe_file_name(text: str, suffix: str, length: int = 60) -> str:
    """``safe_file_stem(text)`` with its suffix, e.g. ``专题组织生活会_对照_三严三实.pdf``."""
    return f"{safe_file_stem(text, length)}.{suffix}"


# Spaces a paragraph may begin or end with when pasted: ASCII and full-width spaces, tabs, no-break
# and ideographic spaces (a Word indent is two U+3000).
_EDGE_SPACES = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"


def paragraphs_of(text: str) -> list[str]:
    """The paragraphs of typed or pasted text: one per line, its indent and trailing spaces removed
    (the page and the print indent each paragraph themselves), runs of spaces inside kept as one, and
    empty lines dropped. No other character is lost."""
    found: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = re.sub(r"[ \t\u00a0]{2,}", " ", line.strip(_EDGE_SPACES))
        if line:
            found.append(line)
    return found


_DIGITS = "零一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99): the numbering of 公文 headings
    (一、 and （一）)."""
    if number < 10:
        return _DIGITS[number]
    tens, ones = divmod(number, 10)
    return f"{'' if tens == 1 else _DIGITS[tens]}十{_DIGITS[ones] if ones else ''}"


# Where a title may break without splitting a word, lacking a dictionary: after closing quotes and
# punctuation, before opening ones, and around the words that join a title's parts.
_BREAK_AFTER = "”’》）)，、：:—"
_BREAK_BEFORE = "“‘《（("
_JOINING_WORDS = ("专题", "民主生活会", "组织生活会", "研讨", "暨", "学习", "会议", "党课")


def balanced_lines(title: str, per_line: int) -> list[str]:
    """A title too long for one line, split into lines of about equal length at a place that splits
    no word (see ``_BREAK_AFTER`` and ``_JOINING_WORDS``); the middle when no such place fits."""
    if len(title) <= per_line:
        return [title]
    count = -(-len(title) // per_line)
    cuts: list[int] = []
    start = 0
    for line in range(1, count):
        target = start + (len(title) - start) // (count - line + 1)
        candidates = [
            i
            for i in range(start + 1, len(title))
            if i - start <= per_line
            and len(title) - i <= per_line * (count - line)
            and (
                title[i - 1] in _BREAK_AFTER
                or title[i] in _BREAK_BEFORE
                or any(title.startswith(word, i) for word in _JOINING_WORDS)
            )
        ]
        cut = min(candidates, key=lambda i: abs(i - target), default=min(target, start + per_line))
        cuts.append(cut)
        start = cut
    edges = [0, *cuts, len(title)]
    return [title[a:b] for a, b in pairwise(edges)]


def search_terms(text: str) -> list[str]:
    """The words the search index keeps of a text, in order: every Chinese character (any letter or
    digit outside ASCII) on its own — written ``u`` + its code point in hex, so that every database's
    tokenizer keeps it whole whatever its locale — and each run of ASCII letters and digits, lowercased;
    punctuation and spaces separate. Full-width forms count as their ASCII letters (NFKC). A query is
    cut the same way and matches where its words stand side by side: no word segmentation needed."""
    terms: list[str] = []
    word: list[str] = []
    for character in unicodedata.normalize("NFKC", text):
        if character.isascii() and character.isalnum():
            word.append(character.lower())
            continue
        if word:
            terms.append("".join(word))
            word = []
        if not character.isascii() and unicodedata.category(character)[0] in "LN":
            terms.append(f"u{ord(character):x}")
    if word:
        terms.append("".join(word))
    return terms
