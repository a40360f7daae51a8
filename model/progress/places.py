"""Where a finding about a snapshot's rows is: the plan's ``[progress]`` entry when the plan
recorded that system by hand for the month; else the line of the system's step in the stored
snapshot the month's rows come from (``plans/progress/2025-05.csv:1234:1``; a Parquet snapshot
has rows, not lines: its row number). Located after the checks, for the few findings that
need it: the snapshot is read again for four columns only (a nationwide CSV: a fraction of a
second). A stored file that is not as plans writes it (a title row above the header, say) may
not give the row: the finding then names the file without a line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl

from model.core.dates import Month
from model.core.plan import Plan
from model.progress.frames import ProgressFinding
from model.progress.snapshot import Snapshot

KEYS = ("code", "municipality", "business", "step")
HEADER_LINES = 1  # a stored CSV snapshot has its header on line 1


def placed(findings: list[ProgressFinding], snaps: list[Snapshot], plans: list[Plan]) -> list[ProgressFinding]:
    """``findings`` with those about a snapshot's rows (a step, no line yet) given a place."""
    by_month: dict[Month, Snapshot] = {s.month: s for s in snaps}
    files: dict[Month, str] = {m: s.file for m, s in by_month.items()}
    where: dict[int, ProgressFinding] = {}
    by_file: dict[tuple[str, Month], list[ProgressFinding]] = {}
    for f in findings:
        if f.step is None or f.line or f.month is None:
            continue
        if (hand := _hand_place(f, f.month, plans)) is not None:
            where[id(f)] = hand
        elif files.get(f.month, "").lower().endswith((".csv", ".parquet")):
            by_file.setdefault((files[f.month], f.month), []).append(f)
    for (file, month), mine in by_file.items():
        snap = by_month[month]
        rows = _rows(snap.frame, mine, 1 if file.lower().endswith(".parquet") else HEADER_LINES + 1)
        if not snap.blocks:  # rows not as the file holds them (laid over, or read the careful way)
            rows = _file_rows(Path(file), mine)
        for f in mine:
            line = rows.get((f.muni_code, f.municipality, f.business, f.step))
            where[id(f)] = dataclasses.replace(f, plan_file=file, line=line or 0, col=1 if line else 0)
    return [where.get(id(f), f) for f in findings]


Rows = dict[tuple[str | None, str, str, int | None], int]


def _wanted(findings: list[ProgressFinding]) -> pl.DataFrame:
    return pl.DataFrame(
        [(f.muni_code, f.municipality, f.business, f.step) for f in findings],
        schema={"code": pl.String, "municipality": pl.String, "business": pl.String, "step": pl.Int64},
        orient="row",
    )


def _rows(frame: pl.DataFrame, findings: list[ProgressFinding], first: int) -> Rows:
    """Each finding's system × step → its line, from a frame in the file's row order (a
    snapshot read as stored: row ``i`` is on line ``first + i``)."""
    wanted = _wanted(findings)
    steps = wanted.get_column("step").unique().to_list()
    table = (  # the rows of the steps wanted first: a fortieth of a nationwide frame, then strings
        frame.lazy()
        .select(KEYS)
        .with_row_index("row")
        .filter(pl.col("step").is_in(steps))
        .with_columns(*(pl.col(c).cast(pl.String) for c in KEYS[:3]), pl.col("step").cast(pl.Int64))
        .collect()
    )
    hits = table.join(wanted, on=list(KEYS), nulls_equal=True)
    return {(r[0], r[1], r[2], r[3]): r[4] + first for r in hits.select(*KEYS, "row").iter_rows()}


def _file_rows(path: Path, findings: list[ProgressFinding]) -> Rows:
    """Each finding's system × step → its line in ``path`` (its row in a Parquet file), read
    again for the four columns."""
    wanted = _wanted(findings)
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


def _hand_place(f: ProgressFinding, month: Month, plans: list[Plan]) -> ProgressFinding | None:
    """The finding at the plan's ``[progress]`` entry of its system and month, if it has one."""
    for p in plans:
        if (p.code and p.code == f.muni_code) or (not p.code and p.municipality == f.municipality):
            for h in p.progress:
                if h.month == month and h.business == f.business:
                    return dataclasses.replace(f, plan_file=p.file, line=h.place.line, col=h.place.col)
    return None


__all__ = ["placed"]
