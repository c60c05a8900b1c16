"""Small SVG charts drawn on the server: they print in the PDF (WeasyPrint draws inline SVG), need no
JavaScript, and every label is escaped. ``font_family`` is a CSS family list: WeasyPrint does not take a
page's fonts into SVG, so the PDF passes its configured Chinese font stack explicitly."""

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

COLORS = ("#2f7d32", "#b26a00", "#b3261e", "#4a6fa5")


def stacked_bars(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    title: str,
    height: int = 220,
    font_family: str = "sans-serif",
) -> Markup:
    """One bar per category, stacked by series (label, values); a legend below; the numbers as text.
    Each category is as wide as its label needs (11 px per character), so names never overlap."""
    slot = max([48, *(11 * len(category) + 8 for category in categories)])
    width = max(360, slot * len(categories) + 60)
    top, bottom, left = 24, 44, 36
    plot = height - top - bottom
    totals = [sum(values[i] for _, values in series) for i in range(len(categories))]
    peak = max([*totals, 1])
    bar = (width - left - 10) / max(len(categories), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" font-family="{escape(font_family)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{top + plot}" x2="{width - 10}" y2="{top + plot}" stroke="#999"/>',
    ]
    for index, category in enumerate(categories):
        x = left + index * bar + bar * 0.15
        y: float = top + plot
        for (label, values), color in zip(series, COLORS, strict=False):
            value = values[index]
            if value:
                h = plot * value / peak
                y -= h
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar * 0.7:.1f}" height="{h:.1f}" '
                    f'fill="{color}"><title>{escape(category)} {escape(label)}: {value}</title></rect>'
                )
        parts.append(
            f'<text x="{x + bar * 0.35:.1f}" y="{y - 4:.1f}" font-size="11" text-anchor="middle">'
            f"{totals[index]}</text>"
        )
        parts.append(
            f'<text x="{x + bar * 0.35:.1f}" y="{top + plot + 14}" font-size="11" '
            f'text-anchor="middle">{escape(category)}</text>'
        )
    legend_x = left
    for (label, _), color in zip(series, COLORS, strict=False):
        parts.append(
            f'<rect x="{legend_x}" y="{height - 16}" width="10" height="10" fill="{color}"/>'
            f'<text x="{legend_x + 14}" y="{height - 7}" font-size="11">{escape(label)}</text>'
        )
        legend_x += 14 + 13 * len(label) + 16
    parts.append("</svg>")
    return Markup("".join(parts))


def horizontal_bars(
    rows: Sequence[tuple[str, int]], *, title: str, font_family: str = "sans-serif"
) -> Markup:
    """One labelled bar per row (e.g. overdue items per organization), longest first as given."""
    label_width, bar_width, row_height = 190, 260, 22
    height = row_height * max(len(rows), 1) + 30
    width = label_width + bar_width + 50
    peak = max([value for _, value in rows] + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" font-family="{escape(font_family)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(rows):
        y = 10 + index * row_height
        length = bar_width * value / peak
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" font-size="12" text-anchor="end">'
            f"{escape(label[:16])}</text>"
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="14" fill="{COLORS[2]}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 14}" font-size="12">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
