"""``plans export --format xlsx``: the tables as a workbook for people.

- Japanese headers and labels (``--lang en``: ids), a frozen header row and name column,
  column widths from the display width of the text, an autofilter on the long table;
- conflict cells coloured by their worst finding's severity, the findings as cell comments;
- a Japanese font: :data:`FONT` (游ゴシック, 11 pt), the default of Japanese Excel since
  Office 2016 (before it, ＭＳ Ｐゴシック). xlsx names one font per style, so the fallback is
  the Shift_JIS character set (128) written beside the name: where 游ゴシック is missing
  (Windows without Office 2016 or later), Windows maps the cell to a Japanese font it has
  (ＭＳ Ｐゴシック, Meiryo) instead of a Latin one, and LibreOffice asks fontconfig for a font
  with Japanese glyphs. The name is not tied to the theme (no ``<scheme>``), so it is the font
  Excel shows; rows are 18.75 pt high, as Japanese Excel makes them for this font;
- print set-up on every sheet: A3 landscape, fitted to one page wide (as many pages down as
  it takes), the header row repeated at the top of each page, page numbers in the footer;
- 状況 (status) as a drop-down list of the four statuses (data validation; an error message
  for anything else), in the sheet's language;
- with ``plans export --with-fixes``, a 修正案 (proposed) column beside 完了予定: the value
  ``plans lint --fix`` would write in that cell (:attr:`ExportData.proposed`), on a green fill.

Every cell that a spreadsheet would read as a formula is written as quote-prefixed text
(:func:`model.core.spreadsheet.xlsx_cell`).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from model.checks.finding import Finding
from model.core.national import National
from model.core.plan import STATUS_JA, STATUSES
from model.core.severity import Severity
from model.core.spreadsheet import MAY_CHANGE, xlsx_cell
from model.core.words import Words
from model.render.export_tables import (
    LONG_COLUMNS,
    LONG_JA,
    PRECISION_JA,
    SHEETS,
    ExportData,
    Options,
    display_width,
    work,
)

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

    from model.project.fixing import Fixes

FONT = {"font_name": "游ゴシック", "font_size": 11, "font_charset": 128, "font_scheme": "none"}
"""Every cell's font (the workbook's default format): see the module's words on the choice."""
ROW_HEIGHT_PX = 25  # 18.75 pt: Japanese Excel's row for 游ゴシック 11 pt
COMMENT_FONT = {"font_name": "游ゴシック", "font_size": 9}
A3 = 8  # the paper size code of A3 (ECMA-376 / Excel's page set-up)
FOOTER = "&C&P / &N"  # page / pages

FILL: dict[Severity, tuple[str, str]] = {
    Severity.ERROR: ("#FFC7CE", "#9C0006"),
    Severity.WARNING: ("#FFEB9C", "#9C5700"),
    Severity.INFO: ("#DDEBF7", "#1F4E78"),
}
"""(background, font) colours of a cell with findings, by the worst severity."""
PROPOSED_FILL = "#E2EFDA"
PROPOSED = Words("修正案", "proposed")
STATUS_ERROR = Words("状況", "Status")
STATUS_HELP = Words("{options} のいずれかを選んでください", "choose one of {options}")


def status_options(lang: str) -> list[str]:
    """The drop-down's entries: the four statuses as the sheet writes them."""
    return list(STATUSES) if lang == "en" else [STATUS_JA[s] for s in STATUSES]


def to_xlsx(data: ExportData, opts: Options) -> bytes:
    import xlsxwriter

    lang = opts.lang
    en = lang == "en"
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf, {"in_memory": True, "default_format_properties": dict(FONT), "default_row_height": ROW_HEIGHT_PX}
    )
    head = wb.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": False, "valign": "top"})

    def formats(props: dict[str, object]) -> tuple[Format, Format]:
        """The cell format, and its quote-prefixed twin (Excel's leading '): a value that looks
        like a formula is kept as written and never turns into one when the cell is edited."""
        return wb.add_format(props), wb.add_format({**props, "quote_prefix": True})

    plain = formats({"border": 1})
    sev_fmt = {s: formats({"bg_color": bg, "font_color": fg, "border": 1}) for s, (bg, fg) in FILL.items()}
    proposed_fmt = formats({"bg_color": PROPOSED_FILL, "border": 1})
    names = SHEETS["en" if en else "ja"]

    def note(fs: list[Finding]) -> str:
        return "\n".join(f"{f.code} {Severity(f.severity).label(lang)}: {f.message(lang)}" for f in fs)

    def sheet(
        name: str,
        header: list[str],
        rows: list[list[str]],
        colour: dict[tuple[int, int], list[Finding]],
        autofilter: bool,
        proposed: int | None = None,
    ) -> Worksheet:
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, header, head)
        widths = [display_width(h) for h in header]
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row):
                fs = colour.get((r - 1, c))
                if fs:
                    value, quoted = xlsx_cell(v) if v[:1] in MAY_CHANGE else (v, False)
                    ws.write_string(r, c, value, sev_fmt[max(Severity(f.severity) for f in fs)][quoted])
                    ws.write_comment(r, c, note(fs), {"x_scale": 3, "y_scale": 2, **COMMENT_FONT})
                elif v:  # an empty cell is left unwritten (a third of a long table)
                    value, quoted = xlsx_cell(v) if v[:1] in MAY_CHANGE else (v, False)
                    ws.write_string(r, c, value, (proposed_fmt if c == proposed else plain)[quoted])
                widths[c] = max(widths[c], display_width(v))
            opts.step()
        for c, w in enumerate(widths):
            ws.set_column(c, c, min(max(w + 2, 6), 60))
        ws.freeze_panes(1, 1)
        if autofilter and rows:
            ws.autofilter(0, 0, len(rows), len(header) - 1)
        page_setup(ws, repeat_header=True)
        return ws

    if opts.table in ("prefecture", "all"):
        df = data.prefecture(lang)
        phase_col = {p.id: i + 2 for i, p in enumerate(data.national.phases)}  # after code, name
        colour = {(r, phase_col[pid]): fs for (r, pid), fs in data.prefecture_findings().items() if pid in phase_col}
        sheet(names["prefecture"], df.columns, [list(r) for r in df.iter_rows()], colour, False)
    if opts.table in ("long", "all"):
        cols = [c for c, _ in LONG_COLUMNS]
        header = cols if en else [LONG_JA[c] for c in cols]
        rows = [[_label(c, r[c], data.national, lang) for c in cols] for r in data.long_rows]
        di, fi, si = cols.index("date"), cols.index("findings"), cols.index("status")
        proposed: int | None = None
        if data.proposed is not None:
            proposed = di + 1
            header.insert(proposed, PROPOSED(lang))
            for r, row in zip(data.long_rows, rows, strict=True):
                row.insert(proposed, data.proposed.get((r["municipality"], r["business"] or None, r["phase"]), ""))
            fi, si = fi + 1, si + 1
        colour = {}
        for i, fs in enumerate(data.long_findings):
            if fs:
                colour[(i, di)] = fs
                colour[(i, fi)] = fs
        ws = sheet(names["long"], header, rows, colour, True, proposed)
        if rows:
            status_list(ws, si, len(rows), lang)
    if opts.table == "all":
        ws = wb.add_worksheet(names["facts"])
        for i, fact in enumerate(data.facts.get(lang, [])):
            ws.write_string(i, 0, fact)
        ws.set_column(0, 0, max((display_width(f) for f in data.facts.get(lang, [])), default=10) + 2)
        page_setup(ws, repeat_header=False)
    wb.close()
    for _ in range(work(data, "xlsx", opts) // 2):
        opts.step()
    return buf.getvalue()


def page_setup(ws: Worksheet, *, repeat_header: bool) -> None:
    """A3 landscape, one page wide, the header row on every page, page numbers."""
    ws.set_paper(A3)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    if repeat_header:
        ws.repeat_rows(0)
    ws.set_footer(FOOTER)


def status_list(ws: Worksheet, col: int, rows: int, lang: str) -> None:
    """The status column's drop-down (rows 2 .. ``rows`` + 1): the four statuses only."""
    options = status_options(lang)
    ws.data_validation(
        1,
        col,
        rows,
        col,
        {
            "validate": "list",
            "source": options,
            "error_title": STATUS_ERROR(lang),
            "error_message": STATUS_HELP.format(options=", ".join(options))(lang),
        },
    )


def _label(col: str, value: str, nat: National, lang: str) -> str:
    """A long-table value as the xlsx shows it (Japanese labels unless --lang en)."""
    if lang == "en" or not value:
        return value
    if col == "business":
        return nat.businesses[value].name.ja
    if col == "phase":
        return nat.phase(value).column
    if col == "status":
        return STATUS_JA.get(value, value)
    if col == "precision":
        return PRECISION_JA.get(value, value)
    if col == "severity":
        return Severity(value).label("ja")
    return value


def proposed_values(fixes: Fixes) -> dict[tuple[str, str | None, str], str]:
    """The values ``plans lint --fix`` writes (the included fixes: safe ones, and unsafe ones
    when ``fixes`` was proposed with ``unsafe``), by (municipality, business, phase)."""
    return {(pf.proposal.municipality, e.business, e.phase): e.new for pf in fixes.included() for e in pf.edits}


__all__ = ["A3", "FONT", "PROPOSED", "page_setup", "proposed_values", "status_list", "status_options", "to_xlsx"]
