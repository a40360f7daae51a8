"""The pieces of a Gantt SVG, shared by the single picture (:mod:`.svg`) and the A3
handout (:mod:`.html`, one SVG per block): colours and sizes, escaping, the geometry
(:class:`Frame`: month → x, column widths, made once per chart), and the parts — the
fiscal-year axis, the headings, the vertical lines, the legend (a row is :mod:`.svg_row`).

Written by hand rather than with a plotting library: a handout needs exact control of Japanese
text, the uncertain-span hatching and stable attributes for tests. Elements carry data attributes:
``<g class="municipality" data-municipality="宇部市">``, ``<g class="lane" data-row="group.jumin">``,
``<rect class="bar work|uncertain|done|…" data-row= data-phase= data-business=>``. Text is
escaped; the font names CJK fonts (Noto Sans CJK JP, IPAexGothic, Hiragino Sans, …).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from model.core.dates import Month, render_month, ym
from model.core.printable import printable
from model.core.severity import Severity
from model.core.words import Words
from model.render.gantt.cells import text_width
from model.render.gantt.chart import Chart
from model.render.gantt.layout import GanttLayout, Row, Scale, Zoom

FONT_FAMILY = "'Noto Sans CJK JP', 'Noto Sans JP', 'IPAexGothic', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic', 'Meiryo', sans-serif"

COLOURS = {
    "work": "#1f6fd1",
    "done": "#2e7d32",
    "pilot": "#8aa4c8",
    "vendor": "#8aa4c8",
    "available": "#8aa4c8",
    "mark": "#e08a00",
    "ready": "#5d7fae",
    "deadline": "#c62828",
    "extended": "#ef8f00",
    "evaluation": "#00897b",
    "grid": "#d9dde3",
    "band": "#f3f5f8",
    "text": "#1d232b",
    "muted": "#5f6b7a",
}
"""Fills and strokes by what is drawn (a span or line kind, or a part of the picture)."""

SEVERITY_FILL: dict[Severity, str] = {Severity.ERROR: "#c62828", Severity.WARNING: "#ef8f00", Severity.INFO: "#0288d1"}
"""A phase's bar, date and a municipality's worst-finding tag, by severity."""

FONT = 11  # px
ROW_H = 18
MONTH_W = {Zoom.MONTH: 12.0, Zoom.QUARTER: 6.0, Zoom.YEAR: 3.0}  # px per month
PAD = 16


def xml_text(text: str) -> str:
    """Text as XML character data; control characters (which XML 1.0 cannot hold) escaped
    as ``\\x1b`` by :func:`model.core.printable.printable`, as in every text output."""
    return escape(printable(text))


def xml_attr(text: str) -> str:
    """Text as a quoted XML attribute value, control characters escaped as in :func:`xml_text`."""
    return quoteattr(printable(text))


def px_width(text: str) -> float:
    """Approximate rendered width of ``text`` at :data:`FONT` px: a wide (CJK) character is
    one em, a narrow one about half (the picture only needs it to size the label column)."""
    return text_width(text) * FONT * 0.6


def text_el(
    x: float,
    y: float,
    text: str,
    *,
    cls: str = "",
    anchor: str = "start",
    size: int = FONT,
    weight: str = "",
    fill: str = "",
) -> str:
    attrs = [f'x="{x:.1f}"', f'y="{y:.1f}"', f'font-size="{size}"']
    if cls:
        attrs.append(f'class="{cls}"')
    if anchor != "start":
        attrs.append(f'text-anchor="{anchor}"')
    if weight:
        attrs.append(f'font-weight="{weight}"')
    if fill:
        attrs.append(f'fill="{fill}"')
    return f"<text {' '.join(attrs)}>{xml_text(text)}</text>"


Entry = tuple[str, "Row | None", "GanttLayout | None"]
"""One line of the picture: ``("section", None, None)`` (the national heading), ``("muni",
None, layout)`` (a municipality's heading) or ``("row", row, layout)``."""


@dataclass(frozen=True, slots=True)
class Frame:
    """The geometry every SVG of one chart shares (the single picture, or the handout's
    header, blocks and legend): the month → x mapping and the columns' widths. Made once per
    chart by :func:`frame`, so that the handout's separate pictures line up."""

    chart: Chart
    zoom: Zoom
    scale: Scale
    mw: float  # px per month
    x0: float  # x of the first month
    chart_w: float  # px of the months
    width: float  # px of the whole picture

    @property
    def lang(self) -> str:
        return self.chart.lang

    def mx(self, m: Month) -> float:
        return self.x0 + (m - self.chart.start) * self.mw


def label_of(r: Row, lang: str) -> str:
    """A row's label, a business's indented under its phase."""
    return ("    " if r.depth else "") + r.text(lang)


def entries(ch: Chart) -> list[Entry]:
    """Every line of the picture top to bottom: the national heading and lanes, then each
    municipality's heading and rows."""
    out: list[Entry] = [("section", None, None)]
    out += [("row", r, ch.national) for r in ch.national.national]
    for t in ch.plans:
        out.append(("muni", None, t))
        out += [("row", r, t) for r in t.rows(True, national=False)]
    return out


def frame(ch: Chart, zoom: Zoom, rows_all: Sequence[Entry]) -> Frame:
    """The geometry of ``ch`` at ``zoom``: label and date columns as wide as the widest of
    ``rows_all`` (:func:`entries`), the months after them."""
    lang = ch.lang
    label_w = (
        max(
            [px_width(label_of(r, lang)) for kind, r, _ in rows_all if r is not None]
            + [px_width(t.municipality or "") + 20 for t in ch.plans]
            + [120]
        )
        + 12
    )
    date_w = max([px_width(r.date_text) for kind, r, _ in rows_all if r is not None and not r.na] + [30]) + 14
    x0 = PAD + label_w + date_w
    chart_w = (ch.end - ch.start + 1) * MONTH_W[zoom]
    width = max(x0 + chart_w + 60, _legend_width(lang) + 2 * PAD)
    return Frame(ch, zoom, Scale(ch.start, ch.end, zoom, margin=0), MONTH_W[zoom], x0, chart_w, width)


def svg_open(fr: Frame, height: float, cls: str = "") -> str:
    """The ``<svg>`` start tag of a picture ``fr.width`` wide and ``height`` high."""
    ch = fr.chart
    klass = f' class="{cls}"' if cls else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg"{klass} width="{fr.width:.0f}" height="{height:.0f}" viewBox="0 0 {fr.width:.0f} {height:.0f}" '
        f'font-family={xml_attr(FONT_FAMILY)} lang="{"en" if ch.lang == "en" else "ja"}" data-start="{render_month(ch.start)}" data-end="{render_month(ch.end)}">'
    )


def defs() -> list[str]:
    """The hatch patterns of uncertain spans, one per colour in use."""
    colours = {COLOURS["work"], *SEVERITY_FILL.values()}
    out = ["<defs>"]
    for c in sorted(colours):
        out.append(
            f'<pattern id="hatch-{c[1:]}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">'
            f'<rect width="6" height="6" fill="{c}" fill-opacity="0.18"/><line x1="0" y1="0" x2="0" y2="6" stroke="{c}" stroke-width="2.4"/></pattern>'
        )
    out.append("</defs>")
    return out


BACKGROUND = '<rect width="100%" height="100%" fill="#ffffff"/>'


def subtitle(ch: Chart) -> str:
    """The evaluation date and the deadline, as the picture's subtitle."""
    ev = next((ln for ln in ch.lines() if ln.kind == "evaluation"), None)
    sub = []
    if ev is not None:
        sub.append(ev.text(ch.lang))
    sub.append(next(ln for ln in ch.lines() if ln.kind == "deadline").text(ch.lang))
    return "  ".join(sub)


def axis(fr: Frame, y: float, h: float, *, labels: bool = True, cls: str = "axis") -> list[str]:
    """Every other fiscal year's band and a grid line at each year's start, ``h`` high from
    ``y``; with ``labels``, the years (R3年度 / FY2021) and the months or quarters under them."""
    ch, lang, zoom, mw, mx = fr.chart, fr.lang, fr.zoom, fr.mw, fr.mx
    scale = fr.scale
    out = [f'<g class="{cls}">']
    for i, hd in enumerate(scale.years(lang)):
        fy_lo = ch.start + (hd.col // scale.cells) * scale.unit
        fy_hi = min(fy_lo + 11, ch.end)
        x_a, x_b = mx(fy_lo), mx(fy_hi + 1)
        if i % 2 == 0:
            out.append(
                f'<rect class="band" x="{x_a:.1f}" y="{y:.1f}" width="{x_b - x_a:.1f}" height="{h:.1f}" fill="{COLOURS["band"]}"/>'
            )
        out.append(f'<line x1="{x_a:.1f}" y1="{y:.1f}" x2="{x_a:.1f}" y2="{y + h:.1f}" stroke="{COLOURS["grid"]}"/>')
        if labels:
            label = (
                hd.label if not hd.label.endswith("年度") or (x_b - x_a) >= px_width(hd.label) + 4 else hd.label[:-2]
            )
            out.append(
                text_el((x_a + x_b) / 2, y + 13, label, anchor="middle", weight="bold", fill=COLOURS["text"], cls="fy")
            )
    if labels and zoom is not Zoom.YEAR:
        m = ch.start
        while m <= ch.end:
            mo = ym(m)[1]
            if zoom is Zoom.MONTH or (m - ch.start) % 3 == 0:
                label = str(mo) if zoom is Zoom.MONTH else f"Q{((mo - 4) % 12) // 3 + 1}"
                span = 1 if zoom is Zoom.MONTH else 3
                out.append(
                    text_el(
                        mx(m) + span * mw / 2,
                        y + ROW_H + 12,
                        label,
                        anchor="middle",
                        size=8 if zoom is Zoom.MONTH else 9,
                        fill=COLOURS["muted"],
                        cls="unit",
                    )
                )
            m += 1
    out.append("</g>")
    return out


def national_heading(fr: Frame, y: float) -> list[str]:
    """The heading over the national lanes."""
    text = "国の動き・標準仕様書・ガバメントクラウド" if fr.lang != "en" else "National timeline"
    return ['<g class="section national">', text_el(PAD, y + 13, text, weight="bold", fill=COLOURS["text"]), "</g>"]


def municipality_heading(fr: Frame, t: GanttLayout, y: float) -> list[str]:
    """A municipality's group opened (``<g class="municipality">``, closed by the caller) with
    its rule, name and worst finding."""
    worst = t.worst()
    out = [
        f'<g class="municipality" data-municipality={xml_attr(t.municipality or "")} data-file={xml_attr(t.file or "")}>'
    ]
    out.append(
        f'<line x1="{PAD}" y1="{y:.1f}" x2="{fr.x0 + fr.chart_w:.1f}" y2="{y:.1f}" stroke="{COLOURS["muted"]}" stroke-width="0.8"/>'
    )
    out.append(
        text_el(PAD, y + 13, t.municipality or "", weight="bold", size=12, fill=COLOURS["text"], cls="muni-name")
    )
    if worst:
        out.append(
            text_el(
                PAD + px_width(t.municipality or "") * 12 / FONT + 10,
                y + 13,
                f"● {worst.label(fr.lang)}",
                fill=SEVERITY_FILL[worst],
                cls="muni-worst",
            )
        )
    return out


def vlines(fr: Frame, y1: float, y2: float, label_y: float | None) -> list[str]:
    """The deadline, extended deadlines and evaluation date from ``y1`` to ``y2``, each
    labelled at ``label_y`` (None: unlabelled)."""
    out = ['<g class="lines">']
    for ln in fr.chart.lines():
        x = fr.mx(ln.month) + (fr.mw if ln.edge == "end" else 0)
        dash = "" if ln.kind == "deadline" else ' stroke-dasharray="4 3"'
        width_px = 2 if ln.kind == "deadline" else 1.2
        label = ""
        if label_y is not None:
            text = ln.text(fr.lang)
            if x + 3 + px_width(text) < fr.width - PAD:
                label = text_el(x + 3, label_y, text, fill=COLOURS[ln.kind], size=10)
            else:
                label = text_el(x - 3, label_y, text, anchor="end", fill=COLOURS[ln.kind], size=10)
        out.append(
            f'<g class="vline {ln.kind}" data-kind="{ln.kind}" data-month="{render_month(ln.month)}">'
            f'<line x1="{x:.1f}" y1="{y1:.1f}" x2="{x:.1f}" y2="{y2:.1f}" stroke="{COLOURS[ln.kind]}" stroke-width="{width_px}"{dash}/>'
            + label
            + "</g>"
        )
    out.append("</g>")
    return out


def legend(fr: Frame, ly: float) -> list[str]:
    """The legend's line at ``ly``: each fill with its words, then the slack note."""
    out = ['<g class="legend">']
    lx = float(PAD)
    for fill, text in _legend_items(fr.lang):
        out.append(f'<rect x="{lx:.1f}" y="{ly:.1f}" width="18" height="10" fill="{fill}"/>')
        out.append(text_el(lx + 22, ly + 9, text, size=10, fill=COLOURS["text"]))
        lx += 22 + px_width(text) * 10 / FONT + 18
    out.append(text_el(lx, ly + 9, SLACK_NOTE(fr.lang), size=10, fill=COLOURS["muted"]))
    out.append("</g>")
    return out


def hatch(colour: str) -> str:
    """The fill of an uncertain span (a pattern of ``<defs>``) in ``colour``."""
    return f"url(#hatch-{colour[1:]})"


LEGEND: tuple[tuple[str, Words], ...] = (
    (COLOURS["work"], Words("計画(完了月まで)", "planned (to the completion month)")),
    (hatch(COLOURS["work"]), Words("年度のみの完了予定(12か月の幅)", "year-only completion (any of 12 months)")),
    (COLOURS["done"], Words("完了", "done")),
    (COLOURS["vendor"], Words("ベンダのパッケージ開発(作業仮定)", "vendor development (assumed)")),
    (SEVERITY_FILL[Severity.ERROR], Words("エラーのあるフェーズ", "phase with an error")),
    (SEVERITY_FILL[Severity.WARNING], Words("警告のあるフェーズ", "phase with a warning")),
)
"""(fill, words) of the legend's entries."""
SLACK_NOTE = Words("+n / −n: 期限までの余裕(か月)", "+n / −n: slack to the deadline (months)")


def _legend_items(lang: str) -> list[tuple[str, str]]:
    return [(fill, words(lang)) for fill, words in LEGEND]


def _legend_width(lang: str) -> float:
    return (
        sum(22 + px_width(text) * 10 / FONT + 18 for _, text in _legend_items(lang))
        + px_width(SLACK_NOTE(lang)) * 10 / FONT
    )


def row_height(r: Row | None) -> int:
    return 2 * ROW_H if r is not None and r.kind == "policy" else ROW_H


__all__ = [
    "BACKGROUND",
    "COLOURS",
    "FONT",
    "FONT_FAMILY",
    "MONTH_W",
    "PAD",
    "ROW_H",
    "SEVERITY_FILL",
    "Frame",
    "axis",
    "defs",
    "entries",
    "frame",
    "hatch",
    "label_of",
    "legend",
    "municipality_heading",
    "national_heading",
    "px_width",
    "row_height",
    "subtitle",
    "svg_open",
    "text_el",
    "vlines",
    "xml_attr",
    "xml_text",
]
