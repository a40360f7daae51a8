"""Where a finding about a snapshot's rows is: the line of the system's step in the stored
snapshot (``plans/progress/2025-05.csv:1234:1``; a Parquet snapshot has rows, not lines: its
row number), or, when the plans recorded that system by hand for the month, its entry in the
plan's ``[progress]`` table. Located after the checks, for the few findings that need it: the
snapshot is read again for four columns only (a nationwide CSV: a fraction of a second)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl

from model.core.plan import Plan
from model.progress.frames import ProgressFinding
from model.progress.snapshot import Snapshot

KEYS = ("code", "municipality", "business", "step")
HEADER_LINES = 1  # a stored CSV snapshot has its header on line 1


def placed(findings: list[ProgressFinding], snaps: list[Snapshot], plans: list[Plan]) -> list[ProgressFinding]:
    """``findings`` with those at a snapshot (a step, no line yet) given their line."""
    files = {s.file: s for s in snaps if s.file}
    todo = [f for f in findings if f.step is not None and not f.line and f.plan_file in files]
    if not todo:
        return findings
    where: dict[int, ProgressFinding] = {}
    for file in {f.plan_file for f in todo}:
        mine = [f for f in todo if f.plan_file == file]
        rows = _rows(Path(file), mine)
        for f in mine:
            key = (f.muni_code, f.municipality, f.business, f.step)
            if key in rows:
                where[id(f)] = dataclasses.replace(f, line=rows[key], col=1)
            elif (hand := _hand_place(f, files[file], plans)) is not None:
                where[id(f)] = hand
    return [where.get(id(f), f) for f in findings]


def _rows(path: Path, findings: list[ProgressFinding]) -> dict[tuple[str | None, str, str, int], int]:
    """Each finding's system × step → its line in ``path`` (its row in a Parquet file)."""
    wanted = pl.DataFrame(
        [(f.muni_code, f.municipality, f.business, f.step) for f in findings],
        schema={"code": pl.String, "municipality": pl.String, "business": pl.String, "step": pl.Int64},
        orient="row",
    )
    try:
        if path.suffix.lower() == ".parquet":
            table, first = pl.read_parquet(path, columns=list(KEYS)), 1
        else:
            table = pl.read_csv(path, columns=list(KEYS), infer_schema=False, encoding="utf8-lossy")
            first = HEADER_LINES + 1
    except (OSError, pl.exceptions.PolarsError):  # read and checked before: changed since, no line
        return {}
    table = table.with_columns(pl.col(c).cast(pl.String) for c in KEYS[:3]).with_columns(
        pl.col("step").cast(pl.Int64, strict=False)
    )
    hits = table.with_row_index("row").join(wanted, on=list(KEYS), nulls_equal=True)
    return {(r[0], r[1], r[2], r[3]): r[4] + first for r in hits.select(*KEYS, "row").iter_rows()}


def _hand_place(f: ProgressFinding, snap: Snapshot, plans: list[Plan]) -> ProgressFinding | None:
    """The finding at the plan's ``[progress]`` entry of its system and month, if it has one."""
    for p in plans:
        if (p.code and p.code == f.muni_code) or (not p.code and p.municipality == f.municipality):
            for h in p.progress:
                if h.month == snap.month and h.business == f.business:
                    return dataclasses.replace(f, plan_file=p.file, line=h.place.line, col=h.place.col)
    return None


__all__ = ["placed"]
