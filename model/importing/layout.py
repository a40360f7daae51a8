"""Recognising a table's header row: where it sits (below a title is fine), its shape (wide:
one row per municipality with the phases as columns; long: a ``フェーズ`` column, one row per
municipality × business × phase) and what each column holds."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from model.core.national import National
from model.core.plan_reader import _check_digit
from model.core.reader import shorten
from model.core.words import Words
from model.importing.sheets import CellProblem, Sheet, clean

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
HEADER_SCAN_ROWS = 30

Shape = Literal["wide", "long"]


@dataclass(slots=True)
class Layout:
    shape: Shape
    header_row: int  # index into Sheet.rows
    fields: dict[str, int]  # field -> column index
    phases: dict[str, int]  # wide: phase id -> column index
    ignored: list[int] = field(default_factory=list)


def norm(h: str) -> str:
    """A header or a name as compared: NFKC, without spaces (ASCII or ideographic)."""
    return unicodedata.normalize("NFKC", h).strip().replace(" ", "").replace("　", "")


def check_code(text: str) -> tuple[str | None, Words | None]:
    """A 全国地方公共団体コード as written (NFKC), or what is wrong with it: 5 or 6 digits,
    the sixth the check digit of the first five."""
    c = unicodedata.normalize("NFKC", text).strip()
    if not (c.isascii() and c.isdigit() and len(c) in (5, 6)):
        return None, Words("団体コードは5桁か6桁の数字です(例: 352021)", "a municipality code is 5 or 6 digits, e.g. 352021")
    if len(c) == 6 and _check_digit(c[:5]) != int(c[5]):
        right = f"{c[:5]}{_check_digit(c[:5])}"
        return None, Words(f"団体コードの検査数字が違います。{right} ではありませんか", f"wrong check digit; did you mean {right}?")
    return c, None


def with_check_digit(code: str) -> str:
    """A valid 5- or 6-digit code as its 6 digits (the check digit added to a 5-digit one)."""
    return code if len(code) == 6 else f"{code}{_check_digit(code)}"


def close_match(word: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(word, options, n=1)
    return close[0] if close else None


def phase_aliases(nat: National) -> dict[str, str]:
    """Every way a phase may be named in a header or a cell -> its id."""
    out: dict[str, str] = {}
    for p in nat.phases:
        for a in (p.id, p.column, *p.name):
            out[norm(a)] = p.id
    return out


def business_aliases(nat: National) -> dict[str, str]:
    out: dict[str, str] = {}
    for b in nat.businesses.values():
        for a in (b.id, *b.name):
            out[norm(a)] = b.id
    return out


def find_layout(sheet: Sheet, nat: National, file: str, problems: list[CellProblem]) -> Layout | None:
    """The header row and what each column holds; None when the sheet has no header row."""
    muni = {norm(h) for h in MUNI_HEADERS}
    for r, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        cells = [norm(clean(v)) for v in row]
        if any(c in muni for c in cells):
            return _read_header(sheet, r, cells, nat, file, problems)
    return None


def _read_header(sheet: Sheet, r: int, cells: list[str], nat: National, file: str, problems: list[CellProblem]) -> Layout:
    def bad(c: int, code: str, words: Words) -> None:
        problems.append(CellProblem(file, sheet.cell(r, c), code, words))

    muni = {norm(h) for h in MUNI_HEADERS}
    fields: dict[str, int] = {}
    phases: dict[str, int] = {}
    ignored: list[int] = []
    palias = phase_aliases(nat)
    falias = {norm(a): f for f, names in FIELD_HEADERS.items() for a in names}
    derived = {norm(h) for h in DERIVED_HEADERS}
    for c, h in enumerate(cells):
        if not h:
            if any(clean(x[c] if c < len(x) else None) for x in sheet.rows[r + 1 :]):
                bad(c, "E007", Words("列見出しがありません。この列の見出しを書くか、列を削除してください", "this column has no header; add one or delete the column"))
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
            close = close_match(h, known)
            hint = Words(f"「{close}」の誤りではありませんか", f"did you mean {close!r}?") if close else Words(f"使える見出し: {', '.join(known)}", f"known headers: {', '.join(known)}")
            bad(c, "E002", Words(f"未知の列見出し「{shorten(h)}」です。", f"unknown column header {shorten(h)!r}; ") + hint)
            continue
        if key in target:
            bad(c, "E006", Words(f"列見出し「{shorten(h)}」が重複しています", f"the column {shorten(h)!r} appears twice"))
            continue
        target[key] = c
    shape: Shape = "long" if "phase" in fields else "wide"
    if shape == "long":
        if "date" not in fields:
            bad(0, "E007", Words("「完了予定」の列がありません", "no 完了予定 (date) column"))
        for pid, c in phases.items():
            bad(c, "E002", Words(f"明細形式(フェーズ列あり)にフェーズの列「{pid}」は書けません", f"a long table (with a phase column) cannot also have the phase column {pid!r}"))
    elif not phases:
        bad(fields["municipality"], "E007", Words("フェーズの列(推進体制、…、移行完了)がありません", "no phase columns (推進体制 … 移行完了)"))
    return Layout(shape, r, fields, phases, ignored)
