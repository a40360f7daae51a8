"""A Gantt picture as plain text: the glyphs of the terminal view (█ planned, ░ year-only,
▓ done, ┃ deadline, ┊ evaluation), a label column with the date as written and the worst
finding, one block per municipality. Names and dates from files are printed with their
control characters escaped (:func:`model.core.printable.printable`)."""

from __future__ import annotations

from collections.abc import Callable

from model.core.printable import printable
from model.core.severity import SEVERITIES
from model.core.words import Words
from model.render.gantt.cells import cells_text, char_width, fit, paint, text_width
from model.render.gantt.chart import Chart
from model.render.gantt.layout import GLYPH, Row, Scale, Zoom

_KEY = Words(
    f"{GLYPH['work']} 計画  {GLYPH['uncertain']} 年度のみ(12か月の幅)  {GLYPH['done']} 完了  {GLYPH['vendor']} ベンダ開発  "
    f"{GLYPH['mark']} 国の節目  {GLYPH['deadline']} 期限  {GLYPH['evaluation']} 評価日  ",
    f"{GLYPH['work']} planned  {GLYPH['uncertain']} year-only (12 months)  {GLYPH['done']} done  {GLYPH['vendor']} vendor development  "
    f"{GLYPH['mark']} milestone  {GLYPH['deadline']} deadline  {GLYPH['evaluation']} evaluation  ",
)
_SLACK = Words("  +n 余裕(か月)", "  +n slack (months)")


def legend(lang: str) -> str:
    """The key under the chart: the glyphs, the severity icons, the slack."""
    sep = " " if lang == "en" else ""  # "✖ error ▲ warning" / "✖エラー ▲警告"
    icons = " ".join(f"{s.icon}{sep}{s.label(lang)}" for s in SEVERITIES)
    return _KEY(lang) + icons + _SLACK(lang)


def to_text(
    ch: Chart, zoom: Zoom = Zoom.QUARTER, width: Callable[[str], int] = char_width, label_cells: int = 30
) -> str:
    """The chart as text. ``width`` measures characters (pass ``rich.cells.cell_len`` where
    rich is available)."""
    lang = ch.lang
    scale = Scale(ch.start, ch.end, zoom)
    lines = ch.lines()
    out = [printable(ch.title), ""]
    pad = " " * label_cells

    def header() -> list[str]:
        years = [" "] * scale.width
        for h in scale.years(lang):
            _write(years, h.col, fit(h.label, h.width, width).rstrip(), width)
        units = [" "] * scale.width
        for u in scale.units():
            _write(units, u.col, u.label.rjust(u.width), width)
        for ln in lines:
            c = scale.line_col(ln)
            if c is not None and units[c] == " ":
                units[c] = "▼"
        return [pad + "".join(years).rstrip(), pad + "".join(units).rstrip()]

    def row_line(r: Row) -> str:
        sev = r.severity.icon if r.severity else " "
        date = "" if r.national else ("—" if r.na else (printable(r.date_text) or "?"))
        name_cells = label_cells - text_width(date, width) - 4
        text = printable(r.text(lang))
        name = fit(("  " if r.depth else "") + text, max(name_cells, 4), width)
        label = f"{name} {sev} {date} " if not r.national else fit(text, label_cells, width)
        label = fit(label, label_cells, width)
        return (label + cells_text(paint(r, scale, lines, lang=lang, width=width))).rstrip()

    out += header()
    out += [row_line(r) for r in ch.national.national]
    for t in ch.plans:
        out.append("")
        worst = t.worst()
        tag = f" [{worst.label(lang)}]" if worst else ""
        out.append(f"■ {printable(t.municipality or '')}{tag}")
        out += [row_line(r) for r in t.rows(True, national=False)]
        ch.step()
    out.append("")
    out.append(legend(lang))
    return "\n".join(out) + "\n"


def _write(buf: list[str], col: int, text: str, width: Callable[[str], int]) -> None:
    """Write ``text`` into a list of cells (a wide character takes its cell and an empty one)."""
    i = col
    for ch in text:
        w = width(ch)
        if w == 0 or i + w > len(buf):
            continue
        buf[i] = ch
        for j in range(1, w):
            buf[i + j] = ""
        i += w


__all__ = ["legend", "to_text"]
