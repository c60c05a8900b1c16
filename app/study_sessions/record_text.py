"""Reading a meeting's typed record (pasted text or a .docx) into speeches, and its outlines.

The record is written the way secretaries write it: a round heading (「第一轮」「第二轮：相互批评」), then each
speech starting with the speaker's name and a colon — 「韩明华：」, 「韩明华（重点发言）：」,
「曹丽娟（批评韩明华）：」 — and running on over the following lines until the next speaker. Outlines are
collected the same way, one per author: each starts with a line naming its author (「韩明华：」 or a
heading 「韩明华同志发言提纲」), and a line holding only a date (「2015年7月20日」) is the day it was handed
in. Nothing is dropped: a line before the first speaker or author, or a name nobody on the roster is
called, is reported so the secretary sees it in the preview and corrects it.
"""

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from xml.etree import ElementTree

from app.study_sessions.models import ContributionKind
from app.text import paragraphs_of

_NUMERALS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_ROUND = re.compile(
    r"^[（(]?[一二三四五六七八九十\d]*[)）、.．]?\s*第([一二三四五六七八九十\d]+)轮"
)
# A name of 2–5 letters (Chinese names, 欧阳 included, or a Latin one), an optional note in brackets,
# a colon (full-width or not).
_SPEAKER = re.compile(
    r"^([\u4e00-\u9fffA-Za-z·]{2,12})\s*(?:[（(]([^）)]{1,30})[）)])?\s*[：:]\s*(.*)$"
)
_NAME_LIKE = re.compile(r"[\u4e00-\u9fff]{2,4}")
_KINDS: tuple[tuple[str, ContributionKind], ...] = (
    ("自我批评", ContributionKind.self_criticism),
    ("批评", ContributionKind.criticism),
    ("重点发言", ContributionKind.key_speech),
    ("交流发言", ContributionKind.exchange),
    ("表态发言", ContributionKind.response),
    ("表态", ContributionKind.response),
    ("小结", ContributionKind.summary),
    ("总结", ContributionKind.summary),
)


@dataclass
class ParsedSpeech:
    """A speech as read from the record: who (as written, and the person if the roster has them), its
    round, kind and target, and its paragraphs."""

    line: int  # where it starts in the record, 1-based
    speaker_name: str
    speaker_id: int | None
    round: int
    kind: ContributionKind
    target_name: str = ""
    target_id: int | None = None
    paragraphs: list[str] = field(default_factory=list)

    @property
    def content(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class UnmatchedLine:
    line: int
    text: str
    why: str  # "before_first_speaker", "unknown_speaker"


@dataclass
class ParsedRecord:
    speeches: list[ParsedSpeech]
    unmatched: list[UnmatchedLine]


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _NUMERALS.get(text[1:], 0)
    if text.endswith("十"):
        return _NUMERALS.get(text[:-1], 1) * 10
    if "十" in text:
        tens, ones = text.split("十", 1)
        return _NUMERALS.get(tens, 1) * 10 + _NUMERALS.get(ones, 0)
    return _NUMERALS.get(text, 1)


def _kind_and_target(
    note: str, round_: int, people: dict[str, int]
) -> tuple[ContributionKind, str, int | None]:
    """The kind a note in brackets names (「重点发言」「批评韩明华」「对韩明华的批评」), and the person criticised."""
    for word, kind in _KINDS:
        if word in note:
            if kind != ContributionKind.criticism:
                return kind, "", None
            target = next((name for name in people if name in note), "")
            return kind, target, people.get(target)
    # No kind written: the first round is customarily the key speeches, later rounds exchanges.
    return (ContributionKind.key_speech if round_ == 1 else ContributionKind.exchange), "", None


def parse_record(text: str, people: dict[str, int]) -> ParsedRecord:
    """Speeches and unmatched lines of a typed record; ``people`` maps the roster's names to ids."""
    speeches: list[ParsedSpeech] = []
    unmatched: list[UnmatchedLine] = []
    round_ = 1
    current: ParsedSpeech | None = None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, 1):
        line = " ".join(paragraphs_of(raw))
        if not line:
            continue
        heading = _ROUND.match(line)
        if heading and len(line) <= 30:
            round_ = _number(heading.group(1))
            current = None
            continue
        speaker = _SPEAKER.match(line)
        written = speaker.group(1) if speaker else ""
        # 「韩明华书记：」「曹丽娟同志：」: the roster's name followed by a title.
        name = next(
            (n for n in sorted(people, key=len, reverse=True) if written.startswith(n)), written
        )
        # A speaker: on the roster, or with a note in brackets, or a name-like 2–4 characters before
        # the colon (「王大力：」) — shown as not on the roster rather than run into the speech before.
        if speaker and (
            name in people or speaker.group(2) is not None or _NAME_LIKE.fullmatch(written)
        ):
            note, rest = speaker.group(2) or "", speaker.group(3)
            kind, target, target_id = _kind_and_target(note, round_, people)
            current = ParsedSpeech(number, name, people.get(name), round_, kind, target, target_id)
            if rest:
                current.paragraphs.append(rest)
            speeches.append(current)
            if name not in people:
                unmatched.append(UnmatchedLine(number, line, "unknown_speaker"))
            continue
        if current is None:
            unmatched.append(UnmatchedLine(number, line, "before_first_speaker"))
            continue
        current.paragraphs.append(line)
    return ParsedRecord(speeches, unmatched)


@dataclass
class ParsedOutline:
    """An outline as read: its author (as written, and the person if on the roster), the day it was
    handed in when the text gives one, and its paragraphs."""

    line: int
    author_name: str
    author_id: int | None
    submitted_on: date | None = None
    paragraphs: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class ParsedOutlines:
    outlines: list[ParsedOutline]
    unmatched: list[UnmatchedLine]


_DATE_LINE = re.compile(
    r"^[（(]?(?:提交(?:日期|时间)\s*[：:]\s*)?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[)）]?$"
)
_HEADING_AT_MOST = 40  # characters: a longer line with 提纲 in it is text, not a heading


def _roster_name(text: str, people: dict[str, int], *, anywhere: bool = False) -> str:
    """The longest roster name ``text`` starts with (or holds, when ``anywhere``); "" if none."""
    for name in sorted(people, key=len, reverse=True):
        if (name in text) if anywhere else text.startswith(name):
            return name
    return ""


def _outline_start(line: str, people: dict[str, int]) -> tuple[str, str] | None:
    """(author as named, the rest of the line) when ``line`` starts an outline: a roster name before
    a colon (「韩明华：」「韩明华同志：」), a short heading with 提纲 in it naming someone on the roster
    (「发言提纲（曹丽娟）」), or a heading ending in 提纲 that names someone else (「王大力同志发言提纲」;
    a sentence such as 「请会前提交发言提纲：」 ends in punctuation and is not one)."""
    speaker = _SPEAKER.match(line)
    if speaker:
        name = _roster_name(speaker.group(1), people)
        if name:
            return name, speaker.group(3)
    if len(line) <= _HEADING_AT_MOST and "提纲" in line:
        name = _roster_name(line, people, anywhere=True)
        if name or line.endswith("提纲"):
            return name or line, ""
    return None


def _day(match: re.Match[str]) -> date | None:
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def parse_outlines(text: str, people: dict[str, int]) -> ParsedOutlines:
    """Outlines (one per author) and unmatched lines of a typed text of outlines."""
    outlines: list[ParsedOutline] = []
    unmatched: list[UnmatchedLine] = []
    current: ParsedOutline | None = None
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        line = " ".join(paragraphs_of(raw))
        if not line:
            continue
        start = _outline_start(line, people)
        if start is not None:
            name, rest = start
            # A heading 「韩明华同志发言提纲」 followed by 「韩明华：…」 is one outline.
            if current is None or current.paragraphs or current.author_name != name:
                current = ParsedOutline(number, name, people.get(name))
                outlines.append(current)
                if name not in people:
                    unmatched.append(UnmatchedLine(number, line, "unknown_author"))
            if rest:
                current.paragraphs.append(rest)
            continue
        if current is None:
            unmatched.append(UnmatchedLine(number, line, "before_first_author"))
            continue
        dated = _DATE_LINE.match(line)
        day = _day(dated) if dated else None
        if day is not None and current.submitted_on is None:
            current.submitted_on = day
            continue
        current.paragraphs.append(line)
    return ParsedOutlines(outlines, unmatched)


_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_DOCX_TEXT = 20 * 1024 * 1024  # bytes of document.xml read at most (a zip bomb stops here)


class NotADocx(ValueError):
    """The upload is not a Word (.docx) document."""


def docx_text(data: bytes) -> str:
    """The text of a .docx, one line per paragraph (line breaks inside a paragraph kept as lines).

    Read with the standard library: a .docx is a zip whose ``word/document.xml`` holds paragraphs
    (``w:p``) of runs of text (``w:t``), tabs and breaks — all that is needed here."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_TEXT:
                raise NotADocx("document too large")
            xml = archive.read(info)
        root = ElementTree.fromstring(xml)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise NotADocx(str(exc)) from None
    lines: list[str] = []
    for paragraph in root.iter(f"{_WORD}p"):
        parts: list[str] = []
        for node in paragraph.iter():
            if node.tag == f"{_WORD}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_WORD}tab":
                parts.append("\t")
            elif node.tag in (f"{_WORD}br", f"{_WORD}cr"):
                parts.append("\n")
        lines.append("".join(parts))
    return "\n".join(lines)
