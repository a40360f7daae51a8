"""Rows → plan drafts: every data row of the recognised tables read into one :class:`Draft`
per municipality, every cell validated on the way (dates with :func:`model.core.dates.parse`,
business and phase ids with the national timeline, codes with their check digit); each bad
cell is a :class:`~model.importing.sheets.CellProblem` at its coordinates."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from model.core import dates
from model.core.dates import DateError, Precision
from model.core.national import National
from model.core.plan import STATUS_JA, STATUSES
from model.core.reader import shorten
from model.core.words import Words
from model.importing.layout import (
    MUNI_HEADERS,
    Layout,
    business_aliases,
    check_code,
    close_match,
    find_layout,
    norm,
    phase_aliases,
)
from model.importing.sheets import Cell, CellProblem, Row, Sheet, cell_text, row_empty

STATUS_WORDS = {**{v: k for k, v in STATUS_JA.items()}, **{s: s for s in STATUSES}, "完了": "done"}
NO_NAME = Words("市町名がありません", "the municipality name is missing")
FOOTNOTE_MARKS = ("※", "＊", "*", "注")


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


def _data_rows(sheet: Sheet, lay: Layout, on_step: Callable[[], None] | None) -> Iterator[tuple[int, Row, str, Cell]]:
    """The non-empty rows under the header: (row index, row, municipality, its cell)."""
    mc = lay.fields["municipality"]
    for r in range(lay.header_row + 1, len(sheet.rows)):
        row = sheet.rows[r]
        if on_step:
            on_step()
        if row_empty(row):
            continue
        yield r, row, cell_text(row, mc), sheet.cell(r, mc)


class DraftReader:
    """Reads one input's sheets into drafts; collects every problem, each at its cell."""

    def __init__(self, file: str, nat: National, surveyed: str | None, prefecture: str | None) -> None:
        self.file = file
        self.nat = nat
        self.default_surveyed = surveyed
        self.default_prefecture = prefecture
        self.problems: list[CellProblem] = []
        self.drafts: dict[str, Draft] = {}
        self.phases = phase_aliases(nat)
        self.businesses = business_aliases(nat)
        self._surveyed: dict[str, int | None] = {}
        self.valid: dict[tuple[str, str], str] = {}  # (field, cell text) -> value, for repeated cells

    def bad(self, cell: Cell | None, code: str, words: Words) -> None:
        self.problems.append(CellProblem(self.file, cell, code, words))

    # -- the sheets ------------------------------------------------------------------

    def read(self, sheets: list[Sheet], only: str | None, on_step: Callable[[], None] | None) -> dict[str, str] | None:
        """Read the tables of ``sheets`` (of sheet ``only`` if given); the shape used for
        each sheet ("wide", "long" or "skipped"), or None when there is no sheet ``only``.
        A workbook from ``plans export`` has both shapes: the long one carries everything."""
        if only is not None:
            chosen = [s for s in sheets if s.name == only]
            if not chosen:
                found = ", ".join(s.name for s in sheets)
                self.bad(None, "E005", Words(f"シート「{shorten(only)}」がありません(あるのは {found})", f"no sheet {shorten(only)!r} (found: {found})"))
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
            self.bad(None, "E007", Words(f"「{MUNI_HEADERS[0]}」の列見出しのある表が見つかりません", f"no table with a {MUNI_HEADERS[0]} (municipality) header found"))
        if layouts and not any(len(s.rows) > lay.header_row + 1 and not all(row_empty(r) for r in s.rows[lay.header_row + 1 :]) for s, lay in layouts):
            s, lay = layouts[0]
            self.bad(s.cell(lay.header_row, lay.fields["municipality"]), "E007", Words("見出しの下に市町の行がありません", "no municipality rows under the header"))
        if any(lay.shape == "long" for _, lay in layouts):
            for s, lay in layouts:
                if lay.shape == "wide":
                    shapes[s.name] = "skipped"
            layouts = [(s, lay) for s, lay in layouts if lay.shape == "long"]
        for s, lay in layouts:
            shapes[s.name] = lay.shape
            (self._long if lay.shape == "long" else self._wide)(s, lay, on_step)
        for d in self.drafts.values():
            if d.prefecture is None and self.default_prefecture:
                d.prefecture = self.default_prefecture
            if d.surveyed is None and self.default_surveyed:
                d.surveyed = self.default_surveyed
        return shapes

    def _wide(self, sheet: Sheet, lay: Layout, on_step: Callable[[], None] | None) -> None:
        for r, row, name, cell in _data_rows(sheet, lay, on_step):
            if name[:1] in FOOTNOTE_MARKS and not any(cell_text(row, c) for c in lay.phases.values()):
                continue  # a footnote under the table (the seed has them)
            if not name:
                self.bad(cell, "E007", NO_NAME)
                continue
            if name in self.drafts:
                first = self.drafts[name].origin.ref
                self.bad(cell, "E006", Words(f"{shorten(name)}は {first} にもあります。1市町1行にしてください", f"{shorten(name)} already appears at {first}; one row per municipality"))
                continue
            d = self._draft(name, cell)
            surveyed = self._common(sheet, r, row, lay, d)
            if v := cell_text(row, lay.fields.get("note")):
                d.note = v
            for pid, c in lay.phases.items():
                if (v := cell_text(row, c)) and (ok := self.date(sheet.cell(r, c), v, pid, surveyed)) is not None:
                    d.line.phases[pid] = ok

    def _long(self, sheet: Sheet, lay: Layout, on_step: Callable[[], None] | None) -> None:
        f = lay.fields
        nat = self.nat
        for r, row, name, cell in _data_rows(sheet, lay, on_step):
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
                    hint = Words(f"。「{close}」の誤りではありませんか", f"; did you mean {close!r}?") if close else Words("", "")
                    self.bad(sheet.cell(r, f["business"]), "E005", Words(f"未知の業務「{shorten(bname)}」です", f"unknown business {shorten(bname)!r}") + hint)
                    continue
            pname = cell_text(row, f.get("phase"))
            pcell = sheet.cell(r, f["phase"])
            pid = self.phases.get(norm(pname)) if pname else None
            if pid is None:
                opts = [p.column for p in nat.phases]
                close = close_match(pname, [*opts, *(p.id for p in nat.phases)])
                what = Words(f"未知のフェーズ「{shorten(pname)}」です", f"unknown phase {shorten(pname)!r}") if pname else Words("フェーズがありません", "no phase")
                hint = Words(f"。「{close}」の誤りではありませんか", f"; did you mean {close!r}?") if close else Words(f"。{', '.join(opts)} のいずれかです", f"; one of {', '.join(p.id for p in nat.phases)}")
                self.bad(pcell, "E005" if pname else "E007", what + hint)
                continue
            key = f"{bid or ''}.{pid}"
            if key in d.seen:
                first = d.seen[key].ref
                self.bad(pcell, "E006", Words(f"{shorten(name)}の{bname or '全業務'}・{pname}は {first} にもあります", f"{shorten(name)} {bid or 'municipal line'} {pid} already appears at {first}"))
                continue
            d.seen[key] = pcell
            line = d.line if bid is None else d.business.setdefault(bid, Line())
            if (v := cell_text(row, f.get("date"))) and (ok := self.date(sheet.cell(r, f["date"]), v, pid, surveyed)) is not None:
                line.phases[pid] = ok
            if (v := cell_text(row, f.get("status"))) and (st := self.status_ok(sheet.cell(r, f["status"]), v)):
                line.status[pid] = st
            if v := cell_text(row, f.get("note")):
                line.notes[pid] = v

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
            ok = self.valid.get(("surveyed", surveyed)) or self.surveyed_ok(sheet.cell(r, f["surveyed"]), surveyed)
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
            self.bad(cell, "E008", Words(f"{shorten(d.municipality)}の{key}が {at} の「{shorten(cur)}」と違います", f"{key} of {shorten(d.municipality)} differs from {shorten(cur)!r} at {at}"))

    # -- values ------------------------------------------------------------------------

    def date(self, cell: Cell, text: str, phase: str, surveyed: str | None) -> str | None:
        sm = self._surveyed_month(surveyed)
        try:
            d = dates.parse(text, surveyed=sm)
        except DateError as e:
            self.bad(cell, "E004", _date_words(e))
            return None
        if d.is_done and not surveyed:
            self.bad(cell, "E007", Words("「完了」を使うには調査時点が必要です。「調査時点」の列を加えるか --surveyed R3.12 を指定してください", "using 完了 needs the survey date: add a 調査時点 column or give --surveyed R3.12"))
            return None
        if d.is_na and text.strip() == dates.NA_CURRENT_VENDOR and phase != "vendor_selection":
            self.bad(cell, "E008", Words("「現行ベンダで標準化」はベンダ選定の列にだけ書けます", "現行ベンダで標準化 is only valid for vendor selection"))
            return None
        return text

    def _surveyed_month(self, surveyed: str | None) -> int | None:
        if not surveyed:
            return None
        if surveyed not in self._surveyed:
            try:
                self._surveyed[surveyed] = dates.parse(surveyed).hi
            except DateError:
                self._surveyed[surveyed] = None
        return self._surveyed[surveyed]

    def surveyed_ok(self, cell: Cell | None, text: str) -> str | None:
        try:
            d = dates.parse(text)
        except DateError as e:
            self.bad(cell, "E004", Words("調査時点: ", "survey date: ") + _date_words(e))
            return None
        if d.precision not in (Precision.MONTH, Precision.FISCAL_YEAR):
            self.bad(cell, "E008", Words("調査時点は年月で書いてください(例: R3.12)", "write the survey date as a month, e.g. R3.12"))
            return None
        return text

    def code_ok(self, cell: Cell, text: str) -> str | None:
        c, why = check_code(text)
        if why is not None:
            self.bad(cell, "E008", why)
        return c

    def status_ok(self, cell: Cell, text: str) -> str | None:
        s = STATUS_WORDS.get(norm(text))
        if s is None:
            self.bad(cell, "E008", Words(f"状況は {', '.join(STATUS_JA.values())} のいずれかです", f"status must be one of {', '.join(STATUSES)}"))
        return s


def _date_words(e: DateError) -> Words:
    return Words(e.text("ja"), e.text("en"))
