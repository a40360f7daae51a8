"""Import plans from a spreadsheet (xlsx) or CSV: one TOML plan per municipality.

Two shapes are read, recognised by their header row (which may sit below a title):

* wide — the survey's and the seed's shape: one row per municipality, the columns
  ``市町`` and the phases' columns (``推進体制``, ``システム概要調査``, ``標準仕様との比較分析``,
  ``移行計画作成``, ``ベンダ選定``, ``移行完了``), optionally ``団体コード``, ``都道府県``,
  ``調査時点`` and ``備考``;
* long — one row per municipality × business × phase: ``市町``, ``業務`` (empty for the
  municipal line), ``フェーズ``, ``完了予定``, ``状況`` (and what ``plans export`` adds).

Every cell is validated first (dates with :func:`model.core.dates.parse`, business and phase ids
with the national timeline, codes with their check digit); every bad cell is reported with
its sheet, row and column (``Sheet1!C7``) and then nothing is written. Plans are rendered
with tomli-w in the layout of the hand-written ``plans/*.toml``, re-read with the plan
loader, and written all or nothing.
"""

from __future__ import annotations

import difflib
import io
import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model.core import dates
from model.core.dates import DateError, Precision
from model.core.errors import PlansError, display_path
from model.core.fileio import atomic_write
from model.core.national import National
from model.core.plan import STATUS_JA, STATUSES, _check_digit, parse_plan_bytes
from model.core.words import Words

# The 19 municipalities of Yamaguchi and the file names of their shipped plans.
ROMAJI = {
    "下関市": "shimonoseki", "宇部市": "ube", "山口市": "yamaguchi", "萩市": "hagi", "防府市": "hofu",
    "下松市": "kudamatsu", "岩国市": "iwakuni", "光市": "hikari", "長門市": "nagato", "柳井市": "yanai",
    "美祢市": "mine", "周南市": "shunan", "山陽小野田市": "sanyo-onoda", "周防大島町": "suo-oshima",
    "和木町": "waki", "上関町": "kaminoseki", "田布施町": "tabuse", "平生町": "hirao", "阿武町": "abu",
}  # fmt: skip

MUNI_HEADERS = ("市町", "市町村", "市区町村", "団体名", "municipality", "Municipality")
FIELD_HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("団体コード", "code", "Code"),
    "prefecture": ("都道府県", "prefecture", "Prefecture"),
    "surveyed": ("調査時点", "surveyed", "Surveyed"),
    "business": ("業務", "business", "Business"),
    "phase": ("フェーズ", "phase", "Phase"),
    "date": ("完了予定", "date", "Date"),
    "status": ("状況", "status", "Status"),
    "note": ("メモ", "備考", "note", "Note"),
}
# columns ``plans export`` writes that are derived from the others: read and ignored
DERIVED_HEADERS = ("最早月", "最遅月", "精度", "指摘", "重大度", "start", "end", "precision", "findings", "severity")
STATUS_WORDS = {**{v: k for k, v in STATUS_JA.items()}, **{s: s for s in STATUSES}, "完了": "done"}
HEADER_SCAN_ROWS = 30
_EXCEL_DATE = re.compile(r"^(\d{4})-(\d{2})-\d{2}(?:[ T]00:00:00(?:\.0+)?)?$")
_EXCEL_INT = re.compile(r"^(\d+)\.0+$")


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell of the input with its spreadsheet coordinates (0-based here, shown 1-based)."""

    sheet: str
    row: int
    col: int

    @property
    def ref(self) -> str:
        from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell

        return f"{quote_sheetname(self.sheet)}!{xl_rowcol_to_cell(self.row, self.col)}"


@dataclass(frozen=True, slots=True)
class CellProblem:
    """A cell that cannot be imported as written, and what to write instead."""

    file: str
    cell: Cell | None
    code: str
    words: Words

    @property
    def where(self) -> str:
        return f"{self.file}:{self.cell.ref}" if self.cell else self.file

    def text(self, lang: str = "ja") -> str:
        return self.words(lang)


class ImportFailure(PlansError):
    """The input cannot be read at all (not a spreadsheet, unreadable)."""

    title = "cannot import"

    def __init__(self, message: str, problems: list[CellProblem]) -> None:
        super().__init__(message)
        self.cell_problems = problems


@dataclass(slots=True)
class Sheet:
    name: str
    rows: list[list[str | None]]
    row0: int = 0  # absolute row of rows[0]
    col0: int = 0  # absolute column of rows[r][0]

    def cell(self, r: int, c: int) -> Cell:
        return Cell(self.name, self.row0 + r, self.col0 + c)


# -- reading -------------------------------------------------------------------------


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of an xlsx file, or the one table of a CSV file, as strings."""
    file = display_path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        return _read_excel(path, file)
    if suffix in (".csv", ".txt", ".tsv"):
        return [_read_csv(path, file, "\t" if suffix == ".tsv" else ",")]
    raise ImportFailure(
        f"{file}: not a spreadsheet",
        [CellProblem(file, None, "E009", Words("xlsx か csv のファイルを指定してください", "give an xlsx or csv file"))],
    )


def _read_excel(path: Path, file: str) -> list[Sheet]:
    """Read with fastexcel (the engine under ``polars.read_excel``) directly: polars drops
    the sheet's column offset (calamine starts a range at its first used column), which
    the spreadsheet coordinates in error messages need (``available_columns().absolute_index``)."""
    import fastexcel

    try:
        reader = fastexcel.read_excel(str(path))
        out = []
        for name in reader.sheet_names:
            sh = reader.load_sheet(name, header_row=None, dtypes="string", skip_rows=0)
            cols = sh.available_columns()
            if not cols:
                continue
            df = sh.to_polars()
            col0 = cols[0].absolute_index - cols[0].index
            out.append(Sheet(name, [list(r) for r in df.iter_rows()], 0, col0))
        return out
    except (fastexcel.FastExcelError, OSError) as e:
        why = _first_line(e)
        raise ImportFailure(
            f"{file}: cannot read: {why}",
            [CellProblem(file, None, "E009", Words(f"表計算ファイル(xlsx)として読めません: {why}", f"cannot read the spreadsheet (xlsx): {why}"))],
        ) from None


def _read_csv(path: Path, file: str, sep: str) -> Sheet:
    """Read a CSV with polars, every cell a string. Bytes are decoded here (UTF-8 with or
    without a BOM, else Shift_JIS/cp932 as Excel saves it in Japan) because polars reads
    UTF-8 only; the column count is given so that ragged rows are kept, not cut."""
    import polars as pl

    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ImportFailure(f"{file}: {e.strerror}", [CellProblem(file, None, "E009", Words(f"読めません: {e.strerror}", f"cannot read: {e.strerror}"))]) from None
    for enc in ("utf-8-sig", "cp932"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFailure(f"{file}: not UTF-8 or Shift_JIS", [CellProblem(file, None, "E009", Words("UTF-8 か Shift_JIS で保存してください", "save the file as UTF-8 or Shift_JIS"))])
    name = path.stem
    if not text.strip():
        return Sheet(name, [])
    n = max(line.count(sep) for line in text.splitlines()) + 1
    try:
        df = pl.read_csv(
            io.BytesIO(text.encode("utf-8")),
            has_header=False,
            separator=sep,
            schema={f"c{i}": pl.String for i in range(n)},
            missing_columns="insert",
        )
    except pl.exceptions.PolarsError as e:
        why = _first_line(e)
        raise ImportFailure(
            f"{file}: {why}",
            [CellProblem(file, None, "E009", Words(f"CSVとして読めません(閉じていない引用符など): {why}", f"not valid CSV (an unclosed quote?): {why}"))],
        ) from None
    return Sheet(name, [list(r) for r in df.iter_rows()])


def _first_line(e: BaseException) -> str:
    """A library's error in one line (polars and calamine add pages of advice)."""
    text = str(e).strip()
    return text.splitlines()[0][:200] if text else type(e).__name__


def _clean(v: str | None) -> str:
    """A cell as text: trimmed; an Excel date cell (2022-10-01 00:00:00) as its month
    (2022-10); an Excel whole number (352021.0) without the ``.0``."""
    if v is None:
        return ""
    s = str(v).strip()
    if not s[:1].isdigit():
        return s
    if m := _EXCEL_DATE.match(s):
        return f"{m.group(1)}-{m.group(2)}"
    if m := _EXCEL_INT.match(s):
        return m.group(1)
    return s


# -- recognising headers -------------------------------------------------------------


@dataclass(slots=True)
class Layout:
    shape: str  # "wide" | "long"
    header_row: int  # index into Sheet.rows
    fields: dict[str, int]  # field -> column index
    phases: dict[str, int]  # wide: phase id -> column index
    ignored: list[int] = field(default_factory=list)


def _norm(h: str) -> str:
    return unicodedata.normalize("NFKC", h).strip().replace(" ", "").replace("　", "")


def phase_aliases(nat: National) -> dict[str, str]:
    """Every way a phase may be named in a header or a cell -> its id."""
    out: dict[str, str] = {}
    for p in nat.phases:
        for a in (p.id, p.column, *p.name):
            out[_norm(a)] = p.id
    return out


def business_aliases(nat: National) -> dict[str, str]:
    out: dict[str, str] = {}
    for b in nat.businesses.values():
        for a in (b.id, *b.name):
            out[_norm(a)] = b.id
    return out


def find_layout(sheet: Sheet, nat: National, file: str, problems: list[CellProblem]) -> Layout | None:
    """The header row and what each column holds; None when the sheet has no header row."""
    muni = {_norm(h) for h in MUNI_HEADERS}
    for r, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        cells = [_norm(_clean(v)) for v in row]
        if not any(c in muni for c in cells):
            continue
        fields: dict[str, int] = {}
        phases: dict[str, int] = {}
        ignored: list[int] = []
        palias = phase_aliases(nat)
        falias = {_norm(a): f for f, names in FIELD_HEADERS.items() for a in names}
        derived = {_norm(h) for h in DERIVED_HEADERS}
        for c, h in enumerate(cells):
            if not h:
                if any(_clean(x[c] if c < len(x) else None) for x in sheet.rows[r + 1 :]):
                    problems.append(CellProblem(file, sheet.cell(r, c), "E007", Words("列見出しがありません。この列の見出しを書くか、列を削除してください", "this column has no header; add one or delete the column")))
                continue
            if h in muni:
                target, key = fields, "municipality"
            elif h in falias:
                target, key = fields, falias[h]
            elif h in palias:
                target, key = phases, palias[h]
            elif h in derived:
                ignored.append(c)
                continue
            else:
                known = [*MUNI_HEADERS[:1], *(n[0] for n in FIELD_HEADERS.values()), *(p.column for p in nat.phases)]
                close = difflib.get_close_matches(h, known, n=1)
                hint_ja = f"「{close[0]}」の誤りではありませんか" if close else f"使える見出し: {', '.join(known)}"
                hint_en = f"did you mean {close[0]!r}?" if close else f"known headers: {', '.join(known)}"
                problems.append(CellProblem(file, sheet.cell(r, c), "E002", Words(f"未知の列見出し「{h}」です。{hint_ja}", f"unknown column header {h!r}; {hint_en}")))
                continue
            if key in target:
                problems.append(CellProblem(file, sheet.cell(r, c), "E006", Words(f"列見出し「{h}」が重複しています", f"the column {h!r} appears twice")))
                continue
            target[key] = c
        shape = "long" if "phase" in fields else "wide"
        if shape == "long":
            for need in ("date",):
                if need not in fields:
                    problems.append(CellProblem(file, sheet.cell(r, 0), "E007", Words("「完了予定」の列がありません", "no 完了予定 (date) column")))
            for pid, c in phases.items():
                problems.append(CellProblem(file, sheet.cell(r, c), "E002", Words(f"明細形式(フェーズ列あり)にフェーズの列「{pid}」は書けません", f"a long table (with a phase column) cannot also have the phase column {pid!r}")))
        elif not phases:
            problems.append(CellProblem(file, sheet.cell(r, fields["municipality"]), "E007", Words("フェーズの列(推進体制、…、移行完了)がありません", "no phase columns (推進体制 … 移行完了)")))
        return Layout(shape, r, fields, phases, ignored)
    return None


# -- building plans -------------------------------------------------------------------


@dataclass(slots=True)
class Draft:
    """One municipality's plan as read, with where each value came from."""

    municipality: str
    origin: Cell  # the municipality cell of its first row
    code: str | None = None
    prefecture: str | None = None
    surveyed: str | None = None
    note: str | None = None
    phases: dict[str, str] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    business: dict[str, dict[str, Any]] = field(default_factory=dict)
    seen: dict[str, Cell] = field(default_factory=dict)  # "code"/"business.phase" -> first cell
    rows: int = 0  # input rows read into it

    def to_dict(self, nat: National) -> dict[str, Any]:
        d: dict[str, Any] = {"municipality": self.municipality}
        for k in ("code", "prefecture", "surveyed", "note"):
            if (v := getattr(self, k)) is not None:
                d[k] = v
        order = [p.id for p in nat.phases]

        def sort(t: dict[str, str]) -> dict[str, str]:
            return {k: t[k] for k in order if k in t}

        if self.phases:
            d["phases"] = sort(self.phases)
        if self.status:
            d["status"] = sort(self.status)
        if self.notes:
            d["notes"] = sort(self.notes)
        if self.business:
            bt: dict[str, Any] = {}
            for bid in nat.businesses:
                if bid not in self.business:
                    continue
                b = self.business[bid]
                t: dict[str, Any] = sort(b.get("phases", {}))
                if b.get("status"):
                    t["status"] = sort(b["status"])
                if b.get("notes"):
                    t["notes"] = sort(b["notes"])
                bt[bid] = t
            d["business"] = bt
        return d


@dataclass(slots=True)
class Target:
    path: Path
    municipality: str
    text: str
    exists: bool
    origin: Cell


@dataclass(slots=True)
class ImportPlan:
    """What an import would write, or why it cannot."""

    file: str
    targets: list[Target] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    sheets: dict[str, str] = field(default_factory=dict)  # sheet -> shape used ("wide"/"long"/"skipped")

    @property
    def ok(self) -> bool:
        return not self.problems


class _Ctx:
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

    def bad(self, cell: Cell | None, code: str, ja: str, en: str) -> None:
        self.problems.append(CellProblem(self.file, cell, code, Words(ja, en)))

    def date(self, cell: Cell, text: str, phase: str, surveyed: str | None) -> str | None:
        sm = self._surveyed_month(surveyed)
        try:
            d = dates.parse(text, surveyed=sm)
        except DateError as e:
            self.bad(cell, "E004", e.text("ja"), e.text("en"))
            return None
        if d.is_done and not surveyed:
            self.bad(cell, "E007", "「完了」を使うには調査時点が必要です。「調査時点」の列を加えるか --surveyed R3.12 を指定してください", "using 完了 needs the survey date: add a 調査時点 column or give --surveyed R3.12")
            return None
        if d.is_na and text.strip() == dates.NA_CURRENT_VENDOR and phase != "vendor_selection":
            self.bad(cell, "E008", "「現行ベンダで標準化」はベンダ選定の列にだけ書けます", "現行ベンダで標準化 is only valid for vendor selection")
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
            self.bad(cell, "E004", f"調査時点: {e.text('ja')}", f"survey date: {e.text('en')}")
            return None
        if d.precision not in (Precision.MONTH, Precision.FISCAL_YEAR):
            self.bad(cell, "E008", "調査時点は年月で書いてください(例: R3.12)", "write the survey date as a month, e.g. R3.12")
            return None
        return text

    def code_ok(self, cell: Cell, text: str) -> str | None:
        c = unicodedata.normalize("NFKC", text)
        if not (c.isascii() and c.isdigit() and len(c) in (5, 6)):
            self.bad(cell, "E008", "団体コードは5桁か6桁の数字です(例: 352021)", "a municipality code is 5 or 6 digits, e.g. 352021")
            return None
        if len(c) == 6 and _check_digit(c[:5]) != int(c[5]):
            self.bad(cell, "E008", f"団体コードの検査数字が違います。{c[:5]}{_check_digit(c[:5])} ではありませんか", f"wrong check digit; did you mean {c[:5]}{_check_digit(c[:5])}?")
            return None
        return c

    def status_ok(self, cell: Cell, text: str) -> str | None:
        s = STATUS_WORDS.get(_norm(text))
        if s is None:
            self.bad(cell, "E008", f"状況は {', '.join(STATUS_JA.values())} のいずれかです", f"status must be one of {', '.join(STATUSES)}")
        return s

    def draft(self, name: str, cell: Cell) -> Draft:
        if name not in self.drafts:
            self.drafts[name] = Draft(name, cell)
        return self.drafts[name]

    def same(self, d: Draft, key: str, value: str | None, cell: Cell) -> None:
        """A per-municipality value (code, prefecture, surveyed) given on several rows."""
        if value is None:
            return
        cur = getattr(d, key)
        if cur is None:
            setattr(d, key, value)
            d.seen[key] = cell
        elif cur != value:
            first = d.seen.get(key)
            self.bad(cell, "E008", f"{d.municipality}の{key}が {first.ref if first else ''} の「{cur}」と違います", f"{key} of {d.municipality} differs from {cur!r} at {first.ref if first else ''}")


def _row_empty(row: list[str | None]) -> bool:
    return not any(_clean(v) for v in row)


def _get(row: list[str | None], c: int | None) -> str:
    if c is None or c >= len(row):
        return ""
    return _clean(row[c])


def _read_common(cx: _Ctx, sheet: Sheet, r: int, row: list[str | None], lay: Layout, d: Draft) -> str | None:
    """code, prefecture and surveyed of a row (the command-line defaults fill gaps)."""
    f = lay.fields
    if v := _get(row, f.get("code")):
        c = cx.valid.get(("code", v)) or cx.code_ok(sheet.cell(r, f["code"]), v)
        if c:
            cx.valid["code", v] = c
            if d.code != c:
                cx.same(d, "code", c, sheet.cell(r, f["code"]))
    if (v := _get(row, f.get("prefecture"))) and d.prefecture != v:
        cx.same(d, "prefecture", v, sheet.cell(r, f["prefecture"]))
    surveyed = _get(row, f.get("surveyed"))
    if surveyed:
        ok = cx.valid.get(("surveyed", surveyed)) or cx.surveyed_ok(sheet.cell(r, f["surveyed"]), surveyed)
        if ok:
            cx.valid["surveyed", surveyed] = ok
        surveyed = ok or ""
        if d.surveyed != (surveyed or None):
            cx.same(d, "surveyed", surveyed or None, sheet.cell(r, f["surveyed"]))
    return surveyed or d.surveyed or cx.default_surveyed


def _wide(cx: _Ctx, sheet: Sheet, lay: Layout, on_step: Callable[[], None] | None) -> None:
    mc = lay.fields["municipality"]
    for r in range(lay.header_row + 1, len(sheet.rows)):
        row = sheet.rows[r]
        if on_step:
            on_step()
        if _row_empty(row):
            continue
        name = _get(row, mc)
        if name[:1] in ("※", "＊", "*", "注") and not any(_get(row, c) for c in lay.phases.values()):
            continue  # a footnote under the table (the seed has them)
        cell = sheet.cell(r, mc)
        if not name:
            cx.bad(cell, "E007", "市町名がありません", "the municipality name is missing")
            continue
        if name in cx.drafts:
            cx.bad(cell, "E006", f"{name}は {cx.drafts[name].origin.ref} にもあります。1市町1行にしてください", f"{name} already appears at {cx.drafts[name].origin.ref}; one row per municipality")
            continue
        d = cx.draft(name, cell)
        d.rows += 1
        surveyed = _read_common(cx, sheet, r, row, lay, d)
        if v := _get(row, lay.fields.get("note")):
            d.note = v
        for pid, c in lay.phases.items():
            if (v := _get(row, c)) and (ok := cx.date(sheet.cell(r, c), v, pid, surveyed)) is not None:
                d.phases[pid] = ok


def _long(cx: _Ctx, sheet: Sheet, lay: Layout, on_step: Callable[[], None] | None) -> None:
    f = lay.fields
    mc = f["municipality"]
    for r in range(lay.header_row + 1, len(sheet.rows)):
        row = sheet.rows[r]
        if on_step:
            on_step()
        if _row_empty(row):
            continue
        name = _get(row, mc)
        cell = sheet.cell(r, mc)
        if not name:
            cx.bad(cell, "E007", "市町名がありません", "the municipality name is missing")
            continue
        d = cx.draft(name, cell)
        d.rows += 1
        surveyed = _read_common(cx, sheet, r, row, lay, d)
        bid: str | None = None
        if bname := _get(row, f.get("business")):
            bid = cx.businesses.get(_norm(bname))
            if bid is None:
                close = difflib.get_close_matches(bname, [*cx.nat.businesses, *(b.name.ja for b in cx.nat.businesses.values())], n=1)
                cx.bad(sheet.cell(r, f["business"]), "E005", f"未知の業務「{bname}」です" + (f"。「{close[0]}」の誤りではありませんか" if close else ""), f"unknown business {bname!r}" + (f"; did you mean {close[0]!r}?" if close else ""))
                continue
        pname = _get(row, f.get("phase"))
        pcell = sheet.cell(r, f["phase"])
        pid = cx.phases.get(_norm(pname)) if pname else None
        if pid is None:
            opts = [p.column for p in cx.nat.phases]
            close = difflib.get_close_matches(pname, [*opts, *(p.id for p in cx.nat.phases)], n=1)
            what = f"未知のフェーズ「{pname}」です" if pname else "フェーズがありません"
            cx.bad(pcell, "E005" if pname else "E007", what + (f"。「{close[0]}」の誤りではありませんか" if close else f"。{', '.join(opts)} のいずれかです"), (f"unknown phase {pname!r}" if pname else "no phase") + (f"; did you mean {close[0]!r}?" if close else f"; one of {', '.join(p.id for p in cx.nat.phases)}"))
            continue
        key = f"{bid or ''}.{pid}"
        if key in d.seen:
            cx.bad(pcell, "E006", f"{name}の{bname or '全業務'}・{pname}は {d.seen[key].ref} にもあります", f"{name} {bid or 'municipal line'} {pid} already appears at {d.seen[key].ref}")
            continue
        d.seen[key] = pcell
        target: dict[str, Any] = {"phases": d.phases, "status": d.status, "notes": d.notes}
        if bid is not None:
            target = d.business.setdefault(bid, {"phases": {}, "status": {}, "notes": {}})
        if (v := _get(row, f.get("date"))) and (ok := cx.date(sheet.cell(r, f["date"]), v, pid, surveyed)) is not None:
            target["phases"][pid] = ok
        if (v := _get(row, f.get("status"))) and (st := cx.status_ok(sheet.cell(r, f["status"]), v)):
            target["status"][pid] = st
        if v := _get(row, f.get("note")):
            target["notes"][pid] = v


# -- rendering -----------------------------------------------------------------------


def render(d: Draft, nat: National, source: str) -> str:
    """The plan file's text: tomli-w, then the hand-written layout of ``[phases]`` (aligned
    values, each phase's survey column as a comment) and a comment header."""
    import tomli_w

    body = tomli_w.dumps(d.to_dict(nat))
    out: list[str] = [f"# {d.municipality}の標準準拠システム移行計画", f"# plans import: {source}"]
    section = ""
    width = max(len(p.id) for p in nat.phases)
    for line in body.splitlines():
        if line.startswith("["):
            section = line
            if line == "[phases]":
                line = "[phases]  # 各フェーズの完了予定"
        elif section == "[phases]" and (m := re.match(r"^(\w+) = (\".*\")$", line)) and m.group(1) in nat.phase_index:
            pid, val = m.groups()
            line = f"{pid.ljust(width)} = {val.ljust(15)} # {nat.phase(pid).column}"
        out.append(line)
    return "\n".join(out).rstrip("\n") + "\n"


_SAFE = re.compile(r"[^\w\-]+")


def file_name(d: Draft, existing: dict[str, Path]) -> str:
    """The plan's file name: the existing plan of this municipality, its romanized name,
    its 団体コード, or a slug of the name; never a path."""
    if d.municipality in existing:
        return existing[d.municipality].name
    if d.municipality in ROMAJI:
        return f"{ROMAJI[d.municipality]}.toml"
    if d.code:
        return f"{d.code}.toml"
    slug = _SAFE.sub("-", unicodedata.normalize("NFKC", d.municipality)).strip("-_.")[:60]
    return f"{slug or 'plan'}.toml"


def existing_plans(out_dir: Path) -> dict[str, Path]:
    """Municipality -> file of the plans already in ``out_dir`` (unreadable ones skipped:
    they are not overwritten unless named the same, which --force governs)."""
    found: dict[str, Path] = {}
    if not out_dir.is_dir():
        return found
    for p in sorted(out_dir.glob("*.toml")):
        if p.name == "national.toml":
            continue
        try:
            name = tomllib.loads(p.read_text("utf-8")).get("municipality")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        if isinstance(name, str):
            found.setdefault(name.strip(), p)
    return found


def plan_import(
    path: Path,
    nat: National,
    out_dir: Path,
    *,
    force: bool = False,
    surveyed: str | None = None,
    prefecture: str | None = None,
    sheet: str | None = None,
    on_step: Callable[[], None] | None = None,
    sheets: list[Sheet] | None = None,
) -> ImportPlan:
    """Read and validate ``path``; the files an import would write, or every problem.

    Raises ImportFailure when the file cannot be read as a table at all. ``sheets`` are the
    file's sheets if already read (:func:`read_sheets`); ``on_step`` is called once per input
    row while validating and once per row again as its plan is rendered and re-read, so a
    progress bar of ``2 * rows(sheets)`` steps ends when the import plan is ready.
    """
    file = display_path(path)
    cx = _Ctx(file, nat, surveyed, prefecture)
    res = ImportPlan(file)
    if surveyed is not None and cx.surveyed_ok(None, surveyed) is None:
        res.problems = cx.problems
        return res
    if sheets is None:
        sheets = read_sheets(path)
    if sheet is not None:
        chosen = [s for s in sheets if s.name == sheet]
        if not chosen:
            cx.bad(None, "E005", f"シート「{sheet}」がありません(あるのは {', '.join(s.name for s in sheets)})", f"no sheet {sheet!r} (found: {', '.join(s.name for s in sheets)})")
            res.problems = cx.problems
            return res
        sheets = chosen
    layouts: list[tuple[Sheet, Layout]] = []
    for s in sheets:
        lay = find_layout(s, nat, file, cx.problems)
        if lay is None:
            res.sheets[s.name] = "skipped"
        else:
            layouts.append((s, lay))
    if not layouts:
        cx.bad(None, "E007", f"「{MUNI_HEADERS[0]}」の列見出しのある表が見つかりません", f"no table with a {MUNI_HEADERS[0]} (municipality) header found")
    # a workbook from `plans export` has both shapes: the long one carries everything
    if layouts and not any(len(s.rows) > lay.header_row + 1 and not all(_row_empty(r) for r in s.rows[lay.header_row + 1 :]) for s, lay in layouts):
        s, lay = layouts[0]
        cx.bad(s.cell(lay.header_row, lay.fields["municipality"]), "E007", "見出しの下に市町の行がありません", "no municipality rows under the header")
    if any(lay.shape == "long" for _, lay in layouts):
        for s, lay in layouts:
            if lay.shape == "wide":
                res.sheets[s.name] = "skipped"
        layouts = [(s, lay) for s, lay in layouts if lay.shape == "long"]
    for s, lay in layouts:
        res.sheets[s.name] = lay.shape
        (_long if lay.shape == "long" else _wide)(cx, s, lay, on_step)
    cells_bad = bool(cx.problems)  # still look for existing files, to report everything at once
    existing = existing_plans(out_dir)
    root = out_dir.resolve()
    names: dict[str, Draft] = {}
    for d in cx.drafts.values():
        if d.prefecture is None and prefecture:
            d.prefecture = prefecture
        if d.surveyed is None and surveyed:
            d.surveyed = surveyed
        name = file_name(d, existing)
        target = out_dir / name
        if target.resolve().parent != root or not name.endswith(".toml"):
            cx.bad(d.origin, "E008", f"ファイル名「{name}」は出力フォルダの外を指します", f"the file name {name!r} points outside the output folder")
            continue
        if name in names:
            cx.bad(d.origin, "E006", f"{d.municipality}と{names[name].municipality}({names[name].origin.ref})が同じファイル {name} になります。団体コードを加えてください", f"{d.municipality} and {names[name].municipality} ({names[name].origin.ref}) map to the same file {name}; add 団体コード")
            continue
        names[name] = d
        exists = target.exists()
        if exists and not force:
            cx.bad(d.origin, "E006", f"{display_path(target)} が既にあります。上書きするには --force を指定してください", f"{display_path(target)} exists; give --force to overwrite it")
            continue
        if cells_bad:
            continue
        text = render(d, nat, f"{file} {d.origin.ref}")
        check = parse_plan_bytes(text.encode("utf-8"), display_path(target), nat)
        for p in check.problems:
            cx.bad(d.origin, p.code, f"{d.municipality}: {p.words.ja}", f"{d.municipality}: {p.words.en}")
        res.targets.append(Target(target, d.municipality, text, exists, d.origin))
        if on_step:
            for _ in range(d.rows):
                on_step()
    res.problems = cx.problems
    if res.problems:
        res.targets = []
    return res


def write_import(plan: ImportPlan, *, on_step: Callable[[], None] | None = None) -> list[Path]:
    """Write every target, all or nothing: each file atomically; if one write fails, the
    files already written are put back as they were (removed, or their old bytes restored)
    and the OSError is raised."""
    if not plan.ok:
        raise ValueError("an import with problems is never written")
    done: list[tuple[Path, bytes | None]] = []
    try:
        for t in plan.targets:
            old = t.path.read_bytes() if t.path.exists() else None
            t.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(t.path, t.text.encode("utf-8"))
            done.append((t.path, old))
            if on_step:
                on_step()
    except OSError:
        for p, old in reversed(done):
            if old is None:
                p.unlink(missing_ok=True)
            else:
                atomic_write(p, old)
        raise
    return [p for p, _ in done]


def rows(sheets: list[Sheet]) -> int:
    return sum(len(s.rows) for s in sheets)
