"""Recognising a progress table's header row: where it sits (below a title is fine), its
shape and what each column holds.

- **long**: one row per system × step: ``団体コード`` and/or ``市区町村名``, ``業務``,
  ``ステップ`` (a number or a step's name), ``状況``, optionally ``予定`` and ``都道府県``;
  the stored snapshots (``plans/progress/YYYY-MM.csv``) are this shape with English headers.
- **wide**: one row per system: the municipality and ``業務`` columns, then one status column
  per step, headed by its number (``1``, ``ステップ1``, ``No.1``, ``1 推進体制案の作成``) or by
  the step's exact name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from model.core.national import National
from model.core.reader import shorten
from model.core.words import Words
from model.importing.cell_problems import CellProblem
from model.importing.layout import close_match, norm
from model.importing.sheets import Table
from model.progress.snapshot import ranges

HEADER_SCAN_ROWS = 30
FIELDS: dict[str, tuple[str, ...]] = {
    "code": ("団体コード", "市区町村コード", "code"),
    "municipality": ("市区町村名", "市区町村", "市町村名", "市町村", "市町", "団体名", "municipality"),
    "prefecture": ("都道府県", "都道府県名", "prefecture"),
    "business": ("業務", "業務名", "business"),
    "step": ("ステップ", "ステップ番号", "手順", "step"),
    "status": ("状況", "ステータス", "進捗状況", "status"),
    "planned": ("予定", "予定月", "完了予定", "planned"),
}
_ALIAS = {norm(a).lower(): f for f, names in FIELDS.items() for a in names}
_STEP_HEADER = re.compile(
    r"^(?:ステップ|手順|step|no\.?|#)?\s*(\d{1,3})(?:\s*[.:：、)）]?\s*(?P<name>.*))?$", re.IGNORECASE
)

Shape = Literal["long", "wide"]


@dataclass(slots=True)
class SnapshotLayout:
    shape: Shape
    header_row: int  # index into the table's rows
    fields: dict[str, int]  # field -> column index
    steps: dict[int, int] = field(default_factory=dict)  # wide: step number -> column index


def header_text(v: str | None) -> str:
    return norm(v or "").lower()


def find_snapshot_layout(table: Table, nat: National, file: str, problems: list[CellProblem]) -> SnapshotLayout | None:
    """The header row (the first of the first 30 rows naming a municipality column and
    ``業務``) and its columns; None when the table has no such row (not a progress table)."""
    head = table.frame.head(HEADER_SCAN_ROWS).rows()
    for r, row in enumerate(head):
        cells = [header_text(v) for v in row]
        found = {_ALIAS.get(c) for c in cells}
        if "business" in found and ({"code", "municipality"} & found):
            return _read_header(table, r, row, nat, file, problems)
    return None


def _step_of_header(text: str, names: dict[str, int], n_steps: int) -> int | None:
    """The step a column header names: its number (with or without a name after it), or its
    exact name."""
    if (m := _STEP_HEADER.match(text)) and 1 <= int(m.group(1)) <= n_steps:
        return int(m.group(1))
    return names.get(text)


def _read_header(
    table: Table, r: int, row: tuple[str | None, ...], nat: National, file: str, problems: list[CellProblem]
) -> SnapshotLayout:
    def bad(c: int, code: str, words: Words) -> None:
        problems.append(CellProblem(file, table.cell(r, c), code, words))

    names = {header_text(s.name.ja): s.number for s in nat.steps} | {
        header_text(s.name.en): s.number for s in nat.steps
    }
    fields: dict[str, int] = {}
    steps: dict[int, int] = {}
    for c, v in enumerate(row):
        h = header_text(v)
        if not h:
            continue
        if h in _ALIAS:
            key = _ALIAS[h]
            if key in fields:
                bad(
                    c,
                    "E006",
                    Words(
                        f"列見出し「{shorten(v or '')}」が重複しています",
                        f"the column {shorten(v or '')!r} appears twice",
                    ),
                )
            else:
                fields[key] = c
            continue
        n = _step_of_header(h, names, len(nat.steps))
        if n is not None:
            if n in steps:
                bad(c, "E006", Words(f"ステップ{n}の列が重複しています", f"the column of step {n} appears twice"))
            else:
                steps[n] = c
            continue
        known = [names_[0] for names_ in FIELDS.values()]
        close = close_match(h, [header_text(k) for k in known])
        hint = (
            Words(f"「{close}」の誤りではありませんか", f"did you mean {close!r}?")
            if close
            else Words(
                f"使える見出し: {', '.join(known)}、ステップの番号(1〜{len(nat.steps)})",
                f"known headers: {', '.join(known)}, step numbers (1-{len(nat.steps)})",
            )
        )
        bad(
            c,
            "E002",
            Words(f"未知の列見出し「{shorten(v or '')}」です。", f"unknown column header {shorten(v or '')!r}; ")
            + hint,
        )
    shape: Shape = "long" if "step" in fields or "status" in fields else "wide"
    mc = fields.get("code", fields.get("municipality", 0))
    if shape == "long":
        for key, what in (("step", Words("ステップ", "step")), ("status", Words("状況", "status"))):
            if key not in fields:
                bad(mc, "E007", Words(f"「{what.ja}」の列がありません", f"no {what.en} column"))
        for n, c in steps.items():
            bad(
                c,
                "E002",
                Words(
                    f"明細形式(ステップ列あり)にステップ{n}の列は書けません",
                    f"a long table (with a step column) cannot also have a column for step {n}",
                ),
            )
    else:
        missing = [s.number for s in nat.steps if s.number not in steps]
        if missing:
            bad(
                mc,
                "E007",
                Words(
                    f"ステップの列がありません: {ranges(missing)}(1行1システムの表には{len(nat.steps)}ステップすべての列が要ります)",
                    f"no column for steps {ranges(missing)} (a table of one row per system needs all {len(nat.steps)} steps)",
                ),
            )
        if "planned" in fields:
            bad(
                fields["planned"],
                "E002",
                Words(
                    "1行1システムの表に「予定」の列は書けません(明細形式で書いてください)",
                    "a table of one row per system cannot have a planned column (use the long shape)",
                ),
            )
    return SnapshotLayout(shape, r, fields, steps)


__all__ = ["FIELDS", "SnapshotLayout", "find_snapshot_layout", "header_text"]
