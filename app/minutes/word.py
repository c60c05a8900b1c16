"""The minutes as a Word document (.docx), for an office to finish in WPS or Word.

Rendered with docxtpl from a Word template (``templates/word/minutes.docx`` by default, or the
office's own: ``YANTAO_WORD_TEMPLATE_MINUTES``): the template's styles give the look, its docxtpl tags
say where the text goes. The text is the printed minutes' (the same facts, sections numbered from what
is present, （一）…, paragraphs as typed), in the document language.
"""

import html
import re
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from app.config import PROJECT_ROOT, Settings
from app.i18n import in_locale
from app.minutes.pdf import fingerprint
from app.study_sessions.models import AttendanceStatus
from app.study_sessions.schemas import AttendancePublic, StudySessionDetail
from app.text import chinese_numeral, paragraphs_of
from app.web.labels import label
from app.web.templating import format_datetime, templates

DEFAULT_TEMPLATE = PROJECT_ROOT / "templates" / "word" / "minutes.docx"


@dataclass
class Block:
    kind: str  # "heading" (标题 2), "lead" (a label in 楷体 running into the text), "plain", "text"
    text: str
    lead: str = ""


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)


def _text(value: str, lead: str = "") -> list[Block]:
    lines = paragraphs_of(value) or [""]
    first = Block("lead", lines[0], lead) if lead else Block("text", lines[0])
    return [first] + [Block("text", line) for line in lines[1:]]


def _names(rows: list[AttendancePublic], *, reasons: bool = False) -> str:
    return "、".join(
        f"{a.person_name}（{a.reason}）" if reasons and a.reason else a.person_name for a in rows
    )


def _facts(m: StudySessionDetail) -> list[dict[str, str]]:
    voting = [a for a in m.attendance if not a.is_non_voting]
    by = {status: [a for a in voting if a.status == status] for status in AttendanceStatus}
    when = format_datetime(m.starts_at)
    if m.ends_at:
        when += f" 至 {format_datetime(m.ends_at)}"
    chair = m.chair.name if m.chair else "—"
    recorder = m.recorder.name if m.recorder else "—"
    facts = [
        ("时　　间：", when),
        ("地　　点：", m.place or "—"),
        ("主 持 人：", f"{chair}　　记 录 人：{recorder}"),
        ("应到人数：", f"{m.expected}　　实到人数：{m.present}"),
        ("出席人员：", _names(by[AttendanceStatus.present] + by[AttendanceStatus.late]) or "无"),
    ]
    if by[AttendanceStatus.late]:
        facts.append(("迟到人员：", _names(by[AttendanceStatus.late])))
    facts.append(("请假人员：", _names(by[AttendanceStatus.on_leave], reasons=True) or "无"))
    facts.append(("缺席人员：", _names(by[AttendanceStatus.absent], reasons=True) or "无"))
    if by[AttendanceStatus.not_expected]:
        facts.append(("不计应到：", _names(by[AttendanceStatus.not_expected], reasons=True)))
    sitting_in = [a for a in m.attendance if a.is_non_voting]
    if sitting_in:
        facts.append(("列席人员：", _names(sitting_in)))
    if m.campaign_name:
        theme = f"　专题：{m.theme_title}" if m.theme_title else ""
        facts.append(("专题教育：", f"{m.campaign_name}{theme}"))
    return [{"term": term, "value": value} for term, value in facts]


def _amendment_blocks(m: StudySessionDetail) -> list[Block]:
    """The amendment record as the printed minutes word it (the same template macros), a paragraph
    per line of it."""
    macros = templates.env.get_template("_amendment.html").module
    blocks: list[Block] = []
    for a in m.amendments:
        heading = re.sub(r"\s+", "", str(macros.heading(a)))  # type: ignore[attr-defined]
        blocks.append(Block("plain", html.unescape(f"{heading}：{a.reason}")))
        changes = str(macros.changes(a))  # type: ignore[attr-defined]
        for line in re.split(r"</?(?:li|p|div)[^>]*>", changes):
            text = html.unescape(re.sub(r"<[^>]+>", "", line)).strip()
            if text:
                blocks.append(Block("plain", re.sub(r"\s+", " ", text)))
    return blocks


def _sections(m: StudySessionDetail) -> list[Section]:
    sections: list[Section] = []
    if m.topics:
        sections.append(
            Section(
                "研讨题目", [Block("text", f"{n}. {t.title}") for n, t in enumerate(m.topics, 1)]
            )
        )
    if m.outlines:
        outlines = Section("发言提纲")
        for n, o in enumerate(m.outlines, 1):
            day = format_datetime(o.submitted_at, "date")
            outlines.blocks.append(
                Block("heading", f"（{chinese_numeral(n)}）{o.author_name}（{day}提交）")
            )
            outlines.blocks += _text(o.body)
        sections.append(outlines)
    speeches = Section("发言情况")
    rounds: dict[int, list[Any]] = {}
    for c in m.contributions:
        rounds.setdefault(c.round, []).append(c)
    for n, (number, round_speeches) in enumerate(sorted(rounds.items()), 1):
        speeches.blocks.append(
            Block("heading", f"（{chinese_numeral(n)}）第{chinese_numeral(number)}轮")
        )
        for c in round_speeches:
            target = f"，对{c.target_name}" if c.target_name else ""
            speeches.blocks += _text(c.content, f"{c.speaker_name}（{label(c.kind)}{target}）：")
    if not rounds:
        speeches.blocks.append(Block("text", "无发言记录。"))
    sections.append(speeches)
    if m.findings:
        problems = Section("查摆问题、原因剖析及整改措施")
        chair = m.chair.name if m.chair else "—"
        for n, f in enumerate(m.findings, 1):
            problems.blocks.append(
                Block("heading", f"（{chinese_numeral(n)}）{f.person_name or '领导班子'}")
            )
            problems.blocks += _text(f.description, "问题：")
            problems.blocks += _text(f.cause or "—", "原因：")
            problems.blocks += _text(f.measure or "—", "措施：")
            due = format_datetime(f.due_on, "date") if f.due_on else "—"
            responsible = f.responsible_name or f.person_name or chair
            problems.blocks.append(Block("text", f"责任人：{responsible}　　完成时限：{due}"))
        sections.append(problems)
    conclusions = [t for t in m.topics if t.conclusion]
    if conclusions:
        opinions = Section("形成意见")
        for t in conclusions:
            opinions.blocks += _text(t.conclusion, f"{t.title}：")
        sections.append(opinions)
    if m.amendments:
        sections.append(Section("修订记录", _amendment_blocks(m)))
    for n, section in enumerate(sections, 1):
        section.heading = f"{chinese_numeral(n)}、{section.heading}"
    return sections


def template_path(settings: Settings) -> Path:
    return (
        Path(settings.word_template_minutes) if settings.word_template_minutes else DEFAULT_TEMPLATE
    )


def render_docx(minutes: StudySessionDetail, settings: Settings) -> bytes:
    """The minutes as .docx bytes from the configured Word template."""
    document = DocxTemplate(str(template_path(settings)))
    with in_locale(settings.document_locale):
        context = {
            "issuer": minutes.organization_name,
            "title": minutes.title,
            "kind": label(minutes.kind),
            "facts": _facts(minutes),
            "sections": _sections(minutes),
            "fingerprint": fingerprint(minutes),
        }
        document.render(context, autoescape=True)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
