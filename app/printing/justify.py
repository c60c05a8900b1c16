"""Inter-character justification for Chinese (CSS ``text-justify: inter-character``), which WeasyPrint
lacks: it widens only spaces, so a justified line of Chinese — which has none — ends short of the
right edge, and a line with one space ("WeChat group") opens an 8 mm hole there.

For a line holding Chinese, the room left is shared out as letter spacing over every character of the
line instead (the last one's share stays at the edge, under 0.1 character). The characters are the
same glyphs in the same order, so the text stays extractable and searchable; only their positions
move. Lines without Chinese keep WeasyPrint's own justification.

This replaces one function of WeasyPrint's inline layout (``justify_line``) and teaches its Pango
layout to carry the extra spacing to drawing; ``install`` checks both exist and otherwise leaves
WeasyPrint as it is (the print tests then fail on the right edge, naming what changed).
"""

import re
from collections.abc import Iterator
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text import line_break
from weasyprint.text.ffi import TO_UNITS, ffi, pango

CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_installed = False


def _text_boxes(box: Any) -> Iterator[Any]:
    if isinstance(box, boxes.TextBox):
        yield box
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from _text_boxes(child)


def _spread(context: Any, box: Any, spacing: float, x_advance: float) -> float:
    """Move ``box`` by ``x_advance`` and widen each of its characters by ``spacing``; the advance
    for what follows."""
    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        layout = line_break.create_layout(
            box.text, box.style, context, max_width=None, justification_spacing=0
        )
        layout.letter_justification = spacing
        layout.deactivate()
        box.pango_layout = layout
        extra = spacing * len(box.text)
        box.width += extra
        return x_advance + extra
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        before = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _spread(context, child, spacing, x_advance)
        box.width += x_advance - before
        return x_advance
    box.translate(x_advance, 0)  # an atomic inline box moves along
    return x_advance


def justify_line(context: Any, line: Any, extra_width: float) -> None:
    texts = list(_text_boxes(line))
    if not any(CHINESE.search(box.text) for box in texts):
        _weasyprint_justify_line(context, line, extra_width)
        return
    characters = sum(len(box.text) for box in texts)
    if characters and extra_width > 0:
        _spread(context, line, extra_width / characters, 0)


def _set_text(self: Any, text: str, justify: bool = False) -> None:
    _weasyprint_set_text(self, text, justify)
    spacing = getattr(self, "letter_justification", 0)
    if not (justify and spacing and self.text):
        return
    letter_spacing = self.style["letter_spacing"]
    base = 0 if letter_spacing == "normal" else letter_spacing
    attributes = pango.pango_layout_get_attributes(self.layout)
    if attributes == ffi.NULL:
        attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    attribute = pango.pango_attr_letter_spacing_new(int((base + spacing) * TO_UNITS))
    attribute.start_index, attribute.end_index = 0, len(self.text.encode())
    pango.pango_attr_list_change(attributes, attribute)
    pango.pango_layout_set_attributes(self.layout, attributes)


_weasyprint_justify_line: Any = getattr(inline, "justify_line", None)
_weasyprint_set_text: Any = getattr(line_break.Layout, "set_text", None)


def install() -> bool:
    """Use inter-character justification for Chinese lines from now on (idempotent); False when this
    WeasyPrint lacks the functions it replaces."""
    global _installed
    if _installed:
        return True
    if _weasyprint_justify_line is None or _weasyprint_set_text is None:
        return False
    inline.justify_line = justify_line
    line_break.Layout.set_text = _set_text
    _installed = True
    return True
