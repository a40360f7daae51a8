"""Rows → plan drafts: every data row of the recognised tables read into one :class:`Draft`
per municipality, every cell validated on the way (dates with :func:`model.core.dates.parse`,
business and phase ids with the national timeline, codes with their check digit); each bad
cell is a :class:`~model.importing.cell_problems.CellProblem` at its coordinates."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from model.core.national import National
from model.core.reader import shorten
from model.core.words import Words
from model.importing.cell_problems import Cell
from model.importing.cell_values import CellReader
from model.importing.layout import (
    MUNI_HEADERS,
    Layout,
    business_aliases,
    close_match,
    find_layout,
    norm,
    phase_aliases,
)
from model.importing.sheets import Row, Sheet, cell_text, row_empty
from model.importing.survey_values import join_note

NO_NAME = Words("市町名がありません", "the municipality name is missing")
FOOTNOTE_MARKS = ("※", "＊", "*", "注", "(注", "（注", "・", "●", "○", "◆", "■", "出典", "資料")
PLAN_FIELDS = ("municipality", "code", "prefecture", "surveyed")  # one value per municipality
SENTENCE_CHARS = 20  # a lone text under a table longer than any municipality's name is a note


@dataclass(slots=True)
class Line:
    """The values of one line of a plan (the municipal line or a business), by phase id."""

    phases: dict[str, str] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Draft:
    """One municipality's plan as read, with where each value came from."""

    municipality: str
    origin: Cell  # the municipality cell of its first row
    code: str | None = None
    prefecture: str | None = None
    surveyed: str | None = None
    note: str | None = None
    line: Line = field(default_factory=Line)  # the municipal line
    business: dict[str, Line] = field(default_factory=dict)
    seen: dict[str, Cell] = field(default_factory=dict)  # "code"/"business.phase" -> first cell
    rows: int = 0  # input rows read into it

    def to_dict(self, nat: National) -> dict[str, Any]:
        """The plan as the TOML tables of a plan file, phases in the timeline's order."""
        d: dict[str, Any] = {"municipality": self.municipality}
        for k in ("code", "prefecture", "surveyed", "note"):
            if (v := getattr(self, k)) is not None:
                d[k] = v
        order = [p.id for p in nat.phases]

        def sort(t: dict[str, str]) -> dict[str, str]:
            return {k: t[k] for k in order if k in t}

        if self.line.phases:
            d["phases"] = sort(self.line.phases)
        if self.line.status:
            d["status"] = sort(self.line.status)
        if self.line.notes:
            d["notes"] = sort(self.line.notes)
        if self.business:
            bt: dict[str, Any] = {}
            for bid in nat.businesses:
                if bid not in self.business:
                    continue
                b = self.business[bid]
                t: dict[str, Any] = sort(b.phases)
                if b.status:
                    t["status"] = sort(b.status)
                if b.notes:
                    t["notes"] = sort(b.notes)
                bt[bid] = t
            d["business"] = bt
        return d


def _columns(lay: Layout, fields: tuple[str, ...]) -> list[int]:
    return [lay.fields[k] for k in fields if k in lay.fields]


def is_footnote(sheet: Sheet, r: int, row: Row, name: str, lay: Layout) -> bool:
    """Whether row ``r`` (``name`` in its name column) is a note under or inside the table, not
    a municipality: the name starts as a footnote does (※, 注, ・, 出典, …) and the row has no
    date of its own, or the name reads as a sentence (。, or longer than any name) alone in
    its row."""
    marked = name.startswith(FOOTNOTE_MARKS)
    if not (marked or "。" in name or len(name) > SENTENCE_CHARS):
        return False
    mc = lay.fields["municipality"]
    own = [c for c in range(len(row)) if c != mc and sheet.own(r, c) and cell_text(row, c)]
    if marked:
        return not any(c in lay.phases.values() or c == lay.fields.get("date") for c in own)
    return not own


class DraftReader(CellReader):
    """Reads one input's sheets into drafts; collects every problem and notice, each at its
    cell."""

    def __init__(self, file: str, nat: National, surveyed: str | None, prefecture: str | None) -> None:
        super().__init__(file)
        self.nat = nat
        self.default_surveyed = surveyed
        self.default_prefecture = prefecture
        self.drafts: dict[str, Draft] = {}
        self.phases = phase_aliases(nat)
        self.businesses = business_aliases(nat)
        self.valid: dict[tuple[str, str], str] = {}  # (field, cell text) -> value, for repeated cells

    # -- the sheets ------------------------------------------------------------------

    def read(self, sheets: list[Sheet], only: str | None, on_step: Callable[[], None] | None) -> dict[str, str] | None:
        """Read the tables of ``sheets`` (of sheet ``only`` if given); the shape used for
        each sheet ("wide", "long" or "skipped"), or None when there is no sheet ``only``.
        A workbook from ``plans export`` has both shapes: the long one carries everything."""
        if only is not None:
            chosen = [s for s in sheets if s.name == only]
            if not chosen:
                found = ", ".join(s.name for s in sheets)
                self.bad(
                    None,
                    "E005",
                    Words(
                        f"シート「{shorten(only)}」がありません(あるのは {found})",
                        f"no sheet {shorten(only)!r} (found: {found})",
                    ),
                )
                return None
            sheets = chosen
        shapes: dict[str, str] = {}
        layouts: list[tuple[Sheet, Layout]] = []
        for s in sheets:
            self.problems.extend(s.long_cell_problems(self.file))
            lay = find_layout(s, self.nat, self.file, self.problems)
            if lay is None:
                shapes[s.name] = "skipped"
            else:
                layouts.append((s, lay))
        if not layouts:
            self.bad(
                None,
                "E007",
                Words(
                    f"「{MUNI_HEADERS[0]}」の列見出しのある表が見つかりません",
                    f"no table with a {MUNI_HEADERS[0]} (municipality) header found",
                ),
            )
        if layouts and not any(
            len(s.rows) > lay.header_row + 1 and not all(row_empty(r) for r in s.rows[lay.header_row + 1 :])
            for s, lay in layouts
        ):
            s, lay = layouts[0]
            self.bad(
                s.cell(lay.header_row, lay.fields["municipality"]),
                "E007",
                Words("見出しの下に市町の行がありません", "no municipality rows under the header"),
            )
        if any(lay.shape == "long" for _, lay in layouts):
            for s, lay in layouts:
                if lay.shape == "wide":
                    shapes[s.name] = "skipped"
            layouts = [(s, lay) for s, lay in layouts if lay.shape == "long"]
        for s, lay in layouts:
            shapes[s.name] = lay.shape
            (self._long if lay.shape == "long" else self._wide)(s, lay, on_step)
            self.unread_comments(s)
        if (why := next((s.structure_unread for s in sheets if s.structure_unread), None)) is not None:
            self.notice(
                None,
                Words(
                    f"結合セルとコメントを読めませんでした({shorten(why)})。セルの値だけを読みました",
                    f"could not read merged cells and comments ({shorten(why)}); read the cell values only",
                ),
            )
        for d in self.drafts.values():
            if d.prefecture is None and self.default_prefecture:
                d.prefecture = self.default_prefecture
            if d.surveyed is None and self.default_surveyed:
                d.surveyed = self.default_surveyed
        return shapes

    def _rows(
        self, sheet: Sheet, lay: Layout, on_step: Callable[[], None] | None
    ) -> Iterator[tuple[int, Row, str, Cell]]:
        """The rows under the header, but empty and footnote rows (each footnote row with a
        notice): (row index, row, municipality, its cell)."""
        mc = lay.fields["municipality"]
        for r in range(lay.header_row + 1, len(sheet.rows)):
            row = sheet.rows[r]
            if on_step:
                on_step()
            if row_empty(row):
                continue
            name = cell_text(row, mc)
            if (name.startswith(FOOTNOTE_MARKS) or "。" in name or len(name) > SENTENCE_CHARS) and is_footnote(
                sheet, r, row, name, lay
            ):
                self.notice(
                    sheet.cell(r, mc),
                    Words(
                        f"表の注記として読み飛ばしました: {shorten(name)}",
                        f"skipped as a note to the table: {shorten(name)}",
                    ),
                )
                continue
            yield r, row, name, sheet.cell(r, mc)

    def _wide(self, sheet: Sheet, lay: Layout, on_step: Callable[[], None] | None) -> None:
        f = lay.fields
        plan_cols = _columns(lay, (*PLAN_FIELDS, "note"))  # a comment there is the plan's note
        for r, row, name, cell in self._rows(sheet, lay, on_step):
            if not name:
                self.bad(cell, "E007", NO_NAME)
                continue
            if name in self.drafts:
                first = self.drafts[name].origin.ref
                self.bad(
                    cell,
                    "E006",
                    Words(
                        f"{shorten(name)}は {first} にもあります。1市町1行にしてください",
                        f"{shorten(name)} already appears at {first}; one row per municipality",
                    ),
                )
                continue
            d = self._draft(name, cell)
            surveyed = self._common(sheet, r, row, lay, d)
            if v := cell_text(row, f.get("note")):
                d.note = v
            if note := self.comments(sheet, r, plan_cols):
                d.note = join_note(d.note, note)
            for pid, c in lay.phases.items():
                date, note = self.phase_cell(sheet, r, c, cell_text(row, c), pid, surveyed)
                if date is not None:
                    d.line.phases[pid] = date
                if note:
                    d.line.notes[pid] = note

    def _long(self, sheet: Sheet, lay: Layout, on_step: Callable[[], None] | None) -> None:
        f = lay.fields
        nat = self.nat
        plan_cols = _columns(lay, PLAN_FIELDS)  # a comment there is the plan's note
        line_cols = _columns(lay, ("business", "phase", "status", "note"))  # there, the phase's
        for r, row, name, cell in self._rows(sheet, lay, on_step):
            if not name:
                self.bad(cell, "E007", NO_NAME)
                continue
            d = self._draft(name, cell)
            surveyed = self._common(sheet, r, row, lay, d)
            bid: str | None = None
            if bname := cell_text(row, f.get("business")):
                bid = self.businesses.get(norm(bname))
                if bid is None:
                    close = close_match(bname, [*nat.businesses, *(b.name.ja for b in nat.businesses.values())])
                    hint = (
                        Words(f"。「{close}」の誤りではありませんか", f"; did you mean {close!r}?")
                        if close
                        else Words("", "")
                    )
                    self.bad(
                        sheet.cell(r, f["business"]),
                        "E005",
                        Words(f"未知の業務「{shorten(bname)}」です", f"unknown business {shorten(bname)!r}") + hint,
                    )
                    continue
            pname = cell_text(row, f.get("phase"))
            pcell = sheet.cell(r, f["phase"])
            pid = self.phases.get(norm(pname)) if pname else None
            if pid is None:
                opts = [p.column for p in nat.phases]
                close = close_match(pname, [*opts, *(p.id for p in nat.phases)])
                what = (
                    Words(f"未知のフェーズ「{shorten(pname)}」です", f"unknown phase {shorten(pname)!r}")
                    if pname
                    else Words("フェーズがありません", "no phase")
                )
                hint = (
                    Words(f"。「{close}」の誤りではありませんか", f"; did you mean {close!r}?")
                    if close
                    else Words(f"。{', '.join(opts)} のいずれかです", f"; one of {', '.join(p.id for p in nat.phases)}")
                )
                self.bad(pcell, "E005" if pname else "E007", what + hint)
                continue
            key = f"{bid or ''}.{pid}"
            if key in d.seen:
                first = d.seen[key].ref
                self.bad(
                    pcell,
                    "E006",
                    Words(
                        f"{shorten(name)}の{bname or '全業務'}・{pname}は {first} にもあります",
                        f"{shorten(name)} {bid or 'municipal line'} {pid} already appears at {first}",
                    ),
                )
                continue
            d.seen[key] = pcell
            line = d.line if bid is None else d.business.setdefault(bid, Line())
            date, note = (
                self.phase_cell(sheet, r, f["date"], cell_text(row, f["date"]), pid, surveyed)
                if "date" in f
                else (None, None)
            )
            if date is not None:
                line.phases[pid] = date
            if (v := cell_text(row, f.get("status"))) and (st := self.status_ok(sheet.cell(r, f["status"]), v)):
                line.status[pid] = st
            if more := cell_text(row, f.get("note")):
                note = join_note(note, more)
            if r in sheet.comment_rows and (more := self.comments(sheet, r, line_cols)):
                note = join_note(note, more)
            if note:
                line.notes[pid] = note
            if r in sheet.comment_rows and (plan_note := self.comments(sheet, r, plan_cols)):
                d.note = join_note(d.note, plan_note)

    def _draft(self, name: str, cell: Cell) -> Draft:
        """The draft of ``name`` (new at its first row), counting the row read into it."""
        if name not in self.drafts:
            self.drafts[name] = Draft(name, cell)
        d = self.drafts[name]
        d.rows += 1
        return d

    def _common(self, sheet: Sheet, r: int, row: Row, lay: Layout, d: Draft) -> str | None:
        """code, prefecture and surveyed of a row; the survey date that applies to the row
        (the row's, else the municipality's, else the command line's)."""
        f = lay.fields
        if v := cell_text(row, f.get("code")):
            c = self.valid.get(("code", v)) or self.code_ok(sheet.cell(r, f["code"]), v)
            if c:
                self.valid["code", v] = c
                if d.code != c:
                    self._same(d, "code", c, sheet.cell(r, f["code"]))
        if (v := cell_text(row, f.get("prefecture"))) and d.prefecture != v:
            self._same(d, "prefecture", v, sheet.cell(r, f["prefecture"]))
        surveyed = cell_text(row, f.get("surveyed"))
        if surveyed:
            ok = self.valid.get(("surveyed", surveyed))
            if ok is None:
                at = sheet.cell(r, f["surveyed"])
                ok = self.surveyed_ok(at, self.serial(sheet, at, surveyed))
            if ok:
                self.valid["surveyed", surveyed] = ok
            surveyed = ok or ""
            if d.surveyed != (surveyed or None):
                self._same(d, "surveyed", surveyed or None, sheet.cell(r, f["surveyed"]))
        return surveyed or d.surveyed or self.default_surveyed

    def _same(self, d: Draft, key: str, value: str | None, cell: Cell) -> None:
        """A per-municipality value (code, prefecture, surveyed) given on several rows."""
        if value is None:
            return
        cur = getattr(d, key)
        if cur is None:
            setattr(d, key, value)
            d.seen[key] = cell
        elif cur != value:
            first = d.seen.get(key)
            at = first.ref if first else ""
            self.bad(
                cell,
                "E008",
                Words(
                    f"{shorten(d.municipality)}の{key}が {at} の「{shorten(cur)}」と違います",
                    f"{key} of {shorten(d.municipality)} differs from {shorten(cur)!r} at {at}",
                ),
            )
