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
from model.importing.cell_problems import CellProblem
from model.importing.sheets import Sheet, clean

MUNI_HEADERS = (
    "市町",
    "市町名",
    "市町村",
    "市町村名",
    "市区町村",
    "市区町村名",
    "自治体名",
    "団体名",
    "municipality",
    "Municipality",
)
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
DERIVED_HEADERS = (
    "最早月",
    "最遅月",
    "精度",
    "指摘",
    "重大度",
    "修正案",
    "start",
    "end",
    "precision",
    "findings",
    "severity",
    "proposed",
)
HEADER_SCAN_ROWS = 30
HEADER_DEPTH = 4  # rows a header may take (a merged group header over its leaf headers: 2)
LONG_ONLY = ("business", "phase", "date", "status")  # fields that make a table long

Shape = Literal["wide", "long"]


@dataclass(slots=True)
class Layout:
    shape: Shape
    header_row: int  # index into Sheet.rows: the header's last row (the data start below it)
    fields: dict[str, int]  # field -> column index
    phases: dict[str, int]  # wide: phase id -> column index
    ignored: list[int] = field(default_factory=list)
    header_top: int | None = None  # the header's first row, when it takes more than one


def norm(h: str) -> str:
    """A header or a name as compared: NFKC, without spaces (ASCII or ideographic)."""
    return unicodedata.normalize("NFKC", h).strip().replace(" ", "").replace("　", "")


def check_code(text: str) -> tuple[str | None, Words | None]:
    """A 全国地方公共団体コード as written (NFKC), or what is wrong with it: 5 or 6 digits,
    the sixth the check digit of the first five."""
    c = unicodedata.normalize("NFKC", text).strip()
    if not (c.isascii() and c.isdigit() and len(c) in (5, 6)):
        return None, Words(
            "団体コードは5桁か6桁の数字です(例: 352021)", "a municipality code is 5 or 6 digits, e.g. 352021"
        )
    if len(c) == 6 and _check_digit(c[:5]) != int(c[5]):
        right = f"{c[:5]}{_check_digit(c[:5])}"
        return None, Words(
            f"団体コードの検査数字が違います。{right} ではありませんか", f"wrong check digit; did you mean {right}?"
        )
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
    """The header and what each column holds; None when the sheet has no header row.

    The header starts at the first row with a municipality header (title rows above it are
    skipped) and goes on over the rows below it that hold only headers, and over the rows its
    merged cells take: each column is named by its leaf, the lowest header in it, so a merged
    group header (計画立案フェーズ over four phase columns) names none of them."""
    muni = {norm(h) for h in MUNI_HEADERS}
    for r, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        if any(norm(clean(v)) in muni for v in row):
            return _read_header(sheet, r, _header_end(sheet, r, nat), nat, file, problems)
    return None


def known_headers(nat: National) -> set[str]:
    return {
        norm(h) for h in (*MUNI_HEADERS, *DERIVED_HEADERS, *(a for names in FIELD_HEADERS.values() for a in names))
    } | set(phase_aliases(nat))


def _header_end(sheet: Sheet, top: int, nat: National) -> int:
    """The header's last row: as deep as the merged cells that start in its first row, and
    over the rows under it that hold nothing but headers (at most HEADER_DEPTH rows)."""
    last = max((r1 for r0, _, r1, _ in sheet.merged if r0 == top and r1 - top < HEADER_DEPTH), default=top)
    known = known_headers(nat)
    while last + 1 < min(len(sheet.rows), top + HEADER_DEPTH):
        cells = [(c, norm(clean(v))) for c, v in enumerate(sheet.rows[last + 1])]
        if not any(h and sheet.own(last + 1, c) for c, h in cells) or any(h and h not in known for _, h in cells):
            break
        last += 1
    return last


def _leaf(sheet: Sheet, top: int, last: int, c: int) -> tuple[str, int] | None:
    """A column's header: the lowest text in the header's rows, with its row."""
    for r in range(last, top - 1, -1):
        if h := norm(clean(sheet.rows[r][c] if c < len(sheet.rows[r]) else None)):
            return h, r
    return None


def _read_header(sheet: Sheet, top: int, last: int, nat: National, file: str, problems: list[CellProblem]) -> Layout:
    def bad(at: tuple[int, int], code: str, words: Words) -> None:
        problems.append(CellProblem(file, sheet.cell(*at), code, words))

    muni = {norm(h) for h in MUNI_HEADERS}
    fields: dict[str, int] = {}
    phases: dict[str, int] = {}
    ignored: list[int] = []
    palias = phase_aliases(nat)
    falias = {norm(a): f for f, names in FIELD_HEADERS.items() for a in names}
    derived = {norm(h) for h in DERIVED_HEADERS}
    known = known_headers(nat)
    width = max((len(sheet.rows[r]) for r in range(top, last + 1)), default=0)
    leaves = {c: leaf for c in range(width) if (leaf := _leaf(sheet, top, last, c)) is not None}
    long = any(falias.get(h) == "phase" for h, _ in leaves.values())

    def has_data(c: int) -> bool:
        return any(
            clean(x[c] if c < len(x) else None) and sheet.own(last + 1 + i, c)
            for i, x in enumerate(sheet.rows[last + 1 :])
        )

    for c in range(width):
        if c not in leaves:
            if has_data(c):
                bad(
                    (last, c),
                    "E007",
                    Words(
                        "列見出しがありません。この列の見出しを書くか、列を削除してください",
                        "this column has no header; add one or delete the column",
                    ),
                )
            continue
        h, r = leaves[c]
        at = sheet.origin(r, c)
        if at[1] != c:
            # under a header merged over several columns: the column is read at its first
            ignored.append(c)
            if has_data(c) and h in known:  # an unknown one is reported once, at its cell
                first = sheet.cell(*at).a1
                bad(
                    (last, c),
                    "E007",
                    Words(
                        f"この列には自分の見出しがありません({first} の「{shorten(h)}」が結合されています)。見出しの結合を解いて見出しを書くか、値を {first} の列に移してください",
                        f"this column has no header of its own ({shorten(h)!r} at {first} is merged over it): unmerge the header and name the column, or move the values to the column of {first}",
                    ),
                )
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
            bad(at, "E002", _unknown_header(sheet, at, h, nat, long))
            continue
        if key in target:
            bad(
                at,
                "E006",
                Words(f"列見出し「{shorten(h)}」が重複しています", f"the column {shorten(h)!r} appears twice"),
            )
            continue
        target[key] = c
    shape: Shape = "long" if "phase" in fields else "wide"
    if shape == "long":
        if "date" not in fields:
            bad((last, 0), "E007", Words("「完了予定」の列がありません", "no 完了予定 (date) column"))
        for pid, c in phases.items():
            bad(
                (last, c),
                "E002",
                Words(
                    f"明細形式(フェーズ列あり)にフェーズの列「{pid}」は書けません",
                    f"a long table (with a phase column) cannot also have the phase column {pid!r}",
                ),
            )
    elif not phases:
        bad(
            (last, fields["municipality"]),
            "E007",
            Words("フェーズの列(推進体制、…、移行完了)がありません", "no phase columns (推進体制 … 移行完了)"),
        )
    return Layout(shape, last, fields, phases, ignored, top if last > top else None)


def _unknown_header(sheet: Sheet, at: tuple[int, int], h: str, nat: National, long: bool) -> Words:
    """What to write for an unknown header: a header of the same shape (a wide table is never
    told to write フェーズ, which would make it long), or, for a header merged over several
    columns, the leaf headers under it."""
    what = Words(f"未知の列見出し「{shorten(h)}」です。", f"unknown column header {shorten(h)!r}; ")
    span = sheet.span_of(*at)
    if span is not None and span[3] > span[1]:
        a, b = sheet.cell(span[0], span[1]).a1, sheet.cell(span[2], span[3]).a1
        return what + Words(
            f"{a}:{b} に結合された見出しなら、その下の行に各列の見出し({', '.join(p.column for p in nat.phases[:4])} など)を書いてください",
            f"for a header merged over {a}:{b}, write each column's header in the row below it ({', '.join(p.column for p in nat.phases[:4])}, …)",
        )
    long_names = [FIELD_HEADERS[f][0] for f in LONG_ONLY]
    fields = [n[0] for n in FIELD_HEADERS.values()]
    known = (
        [MUNI_HEADERS[0], *fields]
        if long
        else [MUNI_HEADERS[0], *(f for f in fields if f not in long_names), *(p.column for p in nat.phases)]
    )
    close = close_match(h, known)
    return what + (
        Words(f"「{close}」の誤りではありませんか", f"did you mean {close!r}?")
        if close
        else Words(f"使える見出し: {', '.join(known)}", f"known headers: {', '.join(known)}")
    )
