"""Build the default Word templates: the minutes (``templates/word/minutes.docx``) and the reports
(``templates/word/report.docx``: the monthly report) and the circular (``templates/word/circular.docx``:
a 公文 with its 版头, red rule, 落款, attachment and 版记).

The template is an ordinary .docx an office can open in Word or WPS and replace with its own (the
setting ``YANTAO_WORD_TEMPLATE_MINUTES``): its styles give the look (正文 仿宋 三号 on a 28 × 22
grid, 标题 二号, 标题 1 黑体, 标题 2 楷体, page numbers 「— 1 —」 on the outside edge), and docxtpl's
tags in its paragraphs (``{{ … }}``, ``{%p for … %}``) say where the minutes' text goes. Run it again
after changing this script: ``.venv/bin/python scripts/make_word_templates.py``.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

WORD = Path(__file__).resolve().parent.parent / "templates" / "word"
OUT = WORD / "minutes.docx"
BODY = "仿宋_GB2312"
HEI = "黑体"
KAI = "楷体_GB2312"
TITLE = "方正小标宋简体"
LINE = Pt(28.95)  # 22 lines in the 225 mm block
INDENT = Pt(31.6)  # two characters of the grid


def _fonts(style, east_asian: str, size: float, *, bold: bool = False) -> None:
    style.font.name = east_asian
    style.font.size = Pt(size)
    style.font.bold = bold
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), east_asian)


def _paragraph_style(document, name: str, base: str | None = None):
    styles = document.styles
    try:
        return styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if base:
            style.base_style = styles[base]
        return style


def _page_number(paragraph, alignment) -> None:
    """「— PAGE —」, 4号, one character in from the outside edge."""
    paragraph.alignment = alignment
    format = paragraph.paragraph_format
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        format.right_indent = Pt(15.8)
    else:
        format.left_indent = Pt(15.8)
    paragraph.add_run("— ").font.size = Pt(14)
    run = paragraph.add_run()
    run.font.size = Pt(14)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = text
            run._r.append(code)
    paragraph.add_run(" —").font.size = Pt(14)


def _styled_document() -> Document:
    """A document with the page, the styles and the page numbers of GB/T 9704."""
    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)

    normal = document.styles["Normal"]
    _fonts(normal, BODY, 16)
    body = normal.paragraph_format
    body.line_spacing_rule, body.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    body.space_before = body.space_after = Pt(0)
    body.first_line_indent = INDENT
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.widow_control = True

    plain = _paragraph_style(document, "Plain", "Normal")
    plain.paragraph_format.first_line_indent = Pt(0)
    centered = _paragraph_style(document, "Centered", "Plain")
    centered.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = document.styles["Title"]
    title.base_style = normal
    _fonts(title, TITLE, 22)
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = LINE
    for element in title.element.xpath("./w:pPr/w:pBdr"):  # Word's default title rule
        element.getparent().remove(element)
    for name, font, indent in (("Heading 1", HEI, Pt(0)), ("Heading 2", KAI, INDENT)):
        heading = document.styles[name]
        heading.base_style = normal
        _fonts(heading, font, 16)
        heading.font.color.rgb = None
        heading.paragraph_format.first_line_indent = indent
        heading.paragraph_format.space_before = heading.paragraph_format.space_after = Pt(0)
        heading.paragraph_format.keep_with_next = True
    for name, font in (("Term", HEI), ("Speaker", KAI)):
        style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        _fonts(style, font, 16)
    small = _paragraph_style(document, "Fingerprint", "Plain")
    small.font.size = Pt(9)
    table_text = _paragraph_style(document, "Table Text", "Plain")
    table_text.font.size = Pt(10.5)
    table_text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    return document


def build_report() -> None:
    """The reports: issuer, title and period, then the body (tables built in code, in the template's
    "Table Grid" and "Table Text" styles) and the anchor line."""
    document = _styled_document()
    document.add_paragraph("{{ issuer }}", style="Centered")
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("{{ period }}", style="Centered")
    document.add_paragraph("{{p body }}", style="Plain")
    document.add_paragraph("{{ anchor }}", style="Fingerprint")
    document.save(str(WORD / "report.docx"))


def _rule(style, side: str, color: str, size: int) -> None:
    """A line above or below a paragraph style (``size`` in eighths of a point): the red rule, the
    版记's rules."""
    properties = style.element.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        properties.append(borders)
    line = OxmlElement(f"w:{side}")
    for name, value in (("val", "single"), ("sz", str(size)), ("space", "6"), ("color", color)):
        line.set(qn(f"w:{name}"), value)
    borders.append(line)


def build_circular() -> None:
    """The circular: 发文机关标志 in red, 发文字号 over the red rule, title, 主送, the three sections
    (the table of figures after the first), 附件说明, 落款 and 成文日期 four characters in from the
    right, the attachment from a new page, the 版记 between rules."""
    document = _styled_document()
    styles = document.styles
    mark = _paragraph_style(document, "Issuer Mark", "Centered")
    _fonts(mark, TITLE, 30)
    mark.font.color.rgb = RGBColor(0xC0, 0, 0)
    mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    mark.paragraph_format.space_before = Mm(10)
    mark.paragraph_format.space_after = LINE
    reference = _paragraph_style(document, "Reference", "Centered")
    reference.paragraph_format.space_after = LINE
    _rule(reference, "bottom", "C00000", 12)
    signature = _paragraph_style(document, "Signature", "Plain")
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.paragraph_format.right_indent = INDENT * 2
    label = _paragraph_style(document, "Attachment Label", "Plain")
    _fonts(label, HEI, 16)
    label.paragraph_format.page_break_before = True
    imprint = _paragraph_style(document, "Imprint", "Plain")
    imprint.font.size = Pt(14)
    imprint.paragraph_format.left_indent = imprint.paragraph_format.right_indent = Pt(15.8)
    _rule(imprint, "top", "000000", 8)
    _rule(imprint, "bottom", "000000", 8)
    caption = styles["Caption"]
    caption.base_style = styles["Centered"]
    _fonts(caption, HEI, 14)
    caption.font.color.rgb = None
    caption.font.italic = False
    caption.paragraph_format.keep_with_next = True
    document.styles["Heading 1"].paragraph_format.first_line_indent = INDENT

    def paragraph(text: str, style: str = "Normal"):
        return document.add_paragraph(text, style=style)

    paragraph("{{ issuer_mark }}", "Issuer Mark")
    paragraph("{{ reference }}", "Reference")
    paragraph("{{ title }}", "Title")
    paragraph("{{ recipients }}：", "Plain")
    paragraph("{%p for section in sections %}", "Plain")
    paragraph("{{ section.heading }}", "Heading 1")
    paragraph("{%p for text in section.paragraphs %}", "Plain")
    paragraph("{{ text }}")
    paragraph("{%p endfor %}", "Plain")
    paragraph("{%p if loop.first %}", "Plain")
    paragraph("{{p summary }}", "Plain")
    paragraph("{%p endif %}", "Plain")
    paragraph("{%p endfor %}", "Plain")
    paragraph("附件：{{ attachment }}")
    paragraph("", "Plain")
    paragraph("{{ signed_by }}", "Signature")
    paragraph("{{ issued_on }}", "Signature")
    paragraph("附件", "Attachment Label")
    paragraph("{{ attachment }}", "Title")
    paragraph("{{p details }}", "Plain")
    paragraph("", "Plain")
    paragraph("{%p if copy_to %}", "Plain")
    paragraph("抄送：{{ copy_to }}", "Imprint")
    paragraph("{%p endif %}", "Plain")
    paragraph("{{ imprint }}", "Imprint")
    document.save(str(WORD / "circular.docx"))


def build() -> None:
    document = _styled_document()

    def paragraph(text: str, style: str = "Normal"):
        return document.add_paragraph(text, style=style)

    paragraph("{{ issuer }}", "Centered")
    paragraph("{{ title }}", "Title")
    paragraph("（{{ kind }}会议记录）", "Centered")
    paragraph("{%p for fact in facts %}", "Plain")
    fact = paragraph("", "Plain")
    fact.add_run("{{ fact.term }}", style="Term")
    fact.add_run("{{ fact.value }}")
    paragraph("{%p endfor %}", "Plain")
    paragraph("{%p for section in sections %}", "Plain")
    paragraph("{{ section.heading }}", "Heading 1")
    paragraph("{%p for block in section.blocks %}", "Plain")
    paragraph("{%p if block.kind == 'heading' %}", "Plain")
    paragraph("{{ block.text }}", "Heading 2")
    paragraph("{%p elif block.kind == 'lead' %}", "Plain")
    lead = paragraph("")
    lead.add_run("{{ block.lead }}", style="Speaker")
    lead.add_run("{{ block.text }}")
    paragraph("{%p elif block.kind == 'plain' %}", "Plain")
    paragraph("{{ block.text }}", "Plain")
    paragraph("{%p else %}", "Plain")
    paragraph("{{ block.text }}")
    paragraph("{%p endif %}", "Plain")
    paragraph("{%p endfor %}", "Plain")
    paragraph("{%p endfor %}", "Plain")
    paragraph("", "Plain")
    for role in ("主持人", "记录人"):
        paragraph(f"{role}（签字）：＿＿＿＿＿＿　日期：＿＿＿年＿＿月＿＿日", "Plain")
    paragraph("数据指纹（SHA-256）：{{ fingerprint }}", "Fingerprint")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(OUT))


if __name__ == "__main__":
    WORD.mkdir(parents=True, exist_ok=True)
    build()
    build_report()
    build_circular()
    print(WORD)
