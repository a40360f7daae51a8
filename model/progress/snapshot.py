"""A progress snapshot: the tracker's report at one month, one row per system × step.

A *system* is one municipality × one business. A snapshot holds, for every system it
covers, the status of each of the timeline's steps (40) and optionally the month the step is
planned for. It is stored next to the plans as ``plans/progress/YYYY-MM.csv``: plain UTF-8
CSV, one line per system × step in 団体コード, business and step order, so that ``git diff``
shows a status that changed as one changed line::

    code,municipality,prefecture,business,step,status,planned
    352021,宇部市,山口県,juki,1,done,
    352021,宇部市,山口県,juki,2,in_progress,R4.10

``status`` is an id (done, in_progress, not_started, na); ``planned`` is written as the
planner wrote it. ``--parquet`` stores ``YYYY-MM.parquet`` instead, for nationwide sets.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from model.core.dates import Month, Style, month_of, render_month
from model.core.national import National
from model.progress.status import STATUSES

COLUMNS = ("code", "municipality", "prefecture", "business", "step", "status", "planned")
FOLDER = "progress"
STATUS_TYPE = pl.Enum([s.value for s in STATUSES])
SCHEMA = {  # names and ids as categoricals: a nationwide snapshot repeats each 800 times
    "code": pl.Categorical,
    "municipality": pl.Categorical,
    "prefecture": pl.Categorical,
    "business": pl.Categorical,
    "step": pl.Int16,
    "status": STATUS_TYPE,
    "planned": pl.String,
}
_NAME = re.compile(r"(?<!\d)(\d{4})-?(0[1-9]|1[0-2])(?!\d)")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One month's report: ``frame`` has :data:`COLUMNS` (status an Enum, step Int16).
    ``blocks``: the rows run as stored, system by system, each system's steps 1..n together
    and every system once (a per-system figure is then a reshape, not a group-by)."""

    month: Month
    frame: pl.DataFrame
    file: str = ""
    blocks: bool = False

    @property
    def label(self) -> str:
        return iso_month(self.month)

    def systems(self) -> int:
        return (
            self.frame.select(pl.struct("code", "municipality", "business").n_unique()).item()
            if self.frame.height
            else 0
        )


def iso_month(m: Month) -> str:
    """2025-05: the month as a snapshot's file is named."""
    return render_month(m, Style.ISO)


def month_in_name(name: str) -> Month | None:
    """The month a file name carries (``2025-05.csv``, ``進捗_202505.xlsx``), if one."""
    found = _NAME.findall(name)
    if len(found) != 1:
        return None
    y, mo = found[0]
    return month_of(int(y), int(mo))


def folder_of(plans_dir: Path) -> Path:
    return plans_dir / FOLDER


def snapshot_path(plans_dir: Path, month: Month, *, parquet: bool = False) -> Path:
    return folder_of(plans_dir) / f"{iso_month(month)}.{'parquet' if parquet else 'csv'}"


def find_snapshots(paths: list[Path], skipped: list[Path] | None = None) -> list[tuple[Month, Path]]:
    """The stored snapshots the paths name, oldest first: snapshot files themselves, and the
    ``progress/`` folder of each plans folder (or a ``progress`` folder given directly).
    A month stored both as CSV and Parquet is taken from the CSV. The files passed over for
    a name without a month (``2025-5.csv``, ``may.csv``) are added to ``skipped``."""
    found: dict[Month, Path] = {}
    for p in paths:
        if p.is_file():
            cands = [p]
        else:
            folder = p if p.name == FOLDER else folder_of(p)
            cands = sorted(folder.glob("*.csv")) + sorted(folder.glob("*.parquet")) if folder.is_dir() else []
        for f in cands:
            m = month_in_name(f.name)
            if m is None and skipped is not None:
                skipped.append(f)
            elif m is not None and (m not in found or found[m].suffix == ".parquet"):
                found[m] = f
    return sorted(found.items())


def ordered(frame: pl.DataFrame, nat: National) -> pl.DataFrame:
    """Rows in storage order: 団体コード (then name), the timeline's business order, step."""
    order = {b: i for i, b in enumerate(nat.businesses)}
    return (
        frame.with_columns(
            pl.col("business").replace_strict(order, default=len(order), return_dtype=pl.Int32).alias("_b")
        )
        .sort(["code", "municipality", "_b", "step"], nulls_last=True)
        .drop("_b")
    )


def to_csv_bytes(snap: Snapshot, nat: National) -> bytes:
    buf = io.BytesIO()
    ordered(snap.frame.select(COLUMNS), nat).write_csv(buf)
    return buf.getvalue()


def to_parquet_bytes(snap: Snapshot, nat: National) -> bytes:
    buf = io.BytesIO()
    ordered(snap.frame.select(COLUMNS), nat).write_parquet(buf)
    return buf.getvalue()


def ranges(numbers: list[int]) -> str:
    """1, 3-5, 9: numbers as runs."""
    out: list[str] = []
    nums = sorted(set(numbers))
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        out.append(str(nums[i]) if i == j else f"{nums[i]}–{nums[j]}")
        i = j + 1
    return ", ".join(out)


def empty() -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMA)


__all__ = [
    "COLUMNS",
    "FOLDER",
    "SCHEMA",
    "STATUS_TYPE",
    "Snapshot",
    "empty",
    "find_snapshots",
    "folder_of",
    "iso_month",
    "month_in_name",
    "ordered",
    "ranges",
    "snapshot_path",
    "to_csv_bytes",
    "to_parquet_bytes",
]
