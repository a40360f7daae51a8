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
from model.importing.cell_problems import CellProblem, Notice
from model.importing.layout import norm
from model.importing.sheets import Table
from model.importing.snapshot_hints import did_you_mean
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
    r"^(?:ステップ|手順|step|no\.?|#)?\s*(\d{1,3})(?!\d)(?:\s*[.:：、)）]?\s*(?P<name>.*))?$", re.IGNORECASE
)

Shape = Literal["long", "wide"]


@dataclass(slots=True)
class SnapshotLayout:
    shape: Shape
    header_row: int  # index into the table's rows
    fields: dict[str, int]  # field -> column index
    steps: dict[int, int] = field(default_factory=dict)  # wide: step number -> column index
    complete: bool = True  # every column the shape needs is there (else the rows are not read)


def header_text(v: str | None) -> str:
    return norm(v or "").lower()


def find_snapshot_layout(
    table: Table, nat: National, file: str, problems: list[CellProblem], notices: list[Notice]
) -> SnapshotLayout | None:
    """The header row (the first of the first 30 rows naming a municipality column and
    ``業務``) and its columns; None when the table has no such row (not a progress table).
    Its problems and notices (a column not read) are added to ``problems`` and ``notices``."""
    head = table.frame.head(HEADER_SCAN_ROWS).rows()
    for r, row in enumerate(head):
        cells = [header_text(v) for v in row]
        found = {_ALIAS.get(c) for c in cells}
        if "business" in found and ({"code", "municipality"} & found):
            return _read_header(table, r, row, nat, file, problems, notices)
    return None


def _step_of_header(text: str, names: dict[str, int]) -> int | None:
    """The step a column header names: its number (with or without a name after it; any
    number, checked against the timeline by the caller), or its exact name."""
    if m := _STEP_HEADER.match(text):
        return int(m.group(1))
    return names.get(text)


def header_help(n_steps: int) -> Words:
    """The headers of each shape, for a header that is not one of them."""
    long, wide = FIELDS, [f for f in FIELDS if f not in ("step", "status", "planned")]
    return Words(
        f"明細形式(1行が1システムの1ステップ)の見出しは {'、'.join(FIELDS[f][0] for f in long)}"
        f"(英語の {'、'.join(FIELDS[f][-1] for f in long)} も可)。"
        f"1行1システムの表の見出しは {'、'.join(FIELDS[f][0] for f in wide)}"
        f"(英語の {'、'.join(FIELDS[f][-1] for f in wide)} も可)と、ステップごとの列(番号 1〜{n_steps} か手順書のステップ名)です",
        f"the long shape (a row per system and step) has the headers {', '.join(FIELDS[f][0] for f in long)}"
        f" (or {', '.join(FIELDS[f][-1] for f in long)}); "
        f"the wide shape (a row per system) has {', '.join(FIELDS[f][0] for f in wide)}"
        f" (or {', '.join(FIELDS[f][-1] for f in wide)}) and a column per step (its number 1-{n_steps} or the step's name)",
    )


def _read_header(
    table: Table,
    r: int,
    row: tuple[str | None, ...],
    nat: National,
    file: str,
    problems: list[CellProblem],
    notices: list[Notice],
) -> SnapshotLayout:
    """The columns of the header row ``r``. A column that is a problem but not in the way of
    reading the others (a duplicate, a step past the timeline) is reported and left out; a
    missing column makes the layout incomplete (its rows are not read), and then an unknown
    header, which may be that column misnamed, is a problem too; else an unknown column is
    left out with a notice."""
    complete = True

    def bad(c: int, code: str, words: Words, *, fatal: bool = False) -> None:
        nonlocal complete
        problems.append(CellProblem(file, table.cell(r, c), code, words))
        complete = complete and not fatal

    n = len(nat.steps)
    names = {header_text(s.name.ja): s.number for s in nat.steps} | {
        header_text(s.name.en): s.number for s in nat.steps
    }
    fields: dict[str, int] = {}
    steps: dict[int, int] = {}
    unknown: list[int] = []
    for c, v in enumerate(row):
        h = header_text(v)
        if not h:
            continue
        if h in _ALIAS:
            if (key := _ALIAS[h]) in fields:
                other = table.cell(r, fields[key]).a1
                bad(
                    c,
                    "E006",
                    Words(
                        f"列見出し「{shorten(v or '')}」が重複しています({other} にもあります)。どちらかの列を削除してください",
                        f"the column {shorten(v or '')!r} appears twice (also at {other}): delete one of them",
                    ),
                )
            else:
                fields[key] = c
            continue
        k = _step_of_header(h, names)
        if k is None:
            unknown.append(c)
        elif not 1 <= k <= n:
            bad(
                c,
                "E002",
                Words(
                    f"列見出し「{shorten(v or '')}」はステップ{k}の列に見えますが、ステップは 1〜{n} です。見出しを直すか、列を削除してください",
                    f"the column {shorten(v or '')!r} looks like step {k}, but steps run 1-{n}: fix the header or delete the column",
                ),
            )
        elif k in steps:
            other = table.cell(r, steps[k]).a1
            bad(
                c,
                "E006",
                Words(
                    f"ステップ{k}の列が重複しています({other} もステップ{k}の列です)。どちらかの列を削除してください",
                    f"the column of step {k} appears twice ({other} is step {k} too): delete one of them",
                ),
            )
        else:
            steps[k] = c
    shape: Shape = "long" if "step" in fields or "status" in fields else "wide"
    mc = fields.get("code", fields.get("municipality", 0))
    if shape == "long":
        for key, what in (("step", Words("ステップ", "step")), ("status", Words("状況", "status"))):
            if key not in fields:
                bad(mc, "E007", Words(f"「{what.ja}」の列がありません", f"no {what.en} column"), fatal=True)
        for k, c in steps.items():
            bad(
                c,
                "E002",
                Words(
                    f"明細形式(ステップ列あり)にステップ{k}の列は書けません",
                    f"a long table (with a step column) cannot also have a column for step {k}",
                ),
                fatal=True,
            )
    else:
        missing = [s.number for s in nat.steps if s.number not in steps]
        if missing:
            bad(
                mc,
                "E007",
                Words(
                    f"ステップの列がありません: {ranges(missing)}(1行1システムの表には{n}ステップすべての列が要ります)",
                    f"no column for steps {ranges(missing)} (a table of one row per system needs all {n} steps)",
                ),
                fatal=True,
            )
        if "planned" in fields:
            bad(
                fields["planned"],
                "E002",
                Words(
                    "1行1システムの表に「予定」の列は書けません(明細形式で書いてください)",
                    "a table of one row per system cannot have a planned column (use the long shape)",
                ),
                fatal=True,
            )
    options = [a for names_ in FIELDS.values() for a in names_]
    if shape == "wide":
        options += [s.name.ja for s in nat.steps]
    for c in unknown:
        v = shorten(row[c] or "")
        close = did_you_mean(v, options)
        if not complete:  # it may be the missing column, misnamed
            hint = Words(f"「{close}」の誤りではありませんか", f"did you mean {close!r}?") if close else header_help(n)
            bad(c, "E002", Words(f"未知の列見出し「{v}」です。", f"unknown column header {v!r}; ") + hint)
            continue
        what = Words(
            f"列「{v}」は進捗の列ではないため読み飛ばしました", f"the column {v!r} is not a progress column: not read"
        )
        if close:
            what += Words(
                f"(「{close}」の列なら、見出しを「{close}」に直してください)",
                f" (if it is the {close!r} column, rename its header {close!r})",
            )
        notices.append(Notice(file, table.cell(r, c), what))
    return SnapshotLayout(shape, r, fields, steps, complete)


__all__ = ["FIELDS", "SnapshotLayout", "find_snapshot_layout", "header_help", "header_text"]
