"""Importing a progress snapshot (``plans import FILE --progress``) and reading the stored
ones (``plans/progress/YYYY-MM.csv``), with the contract of plan import: every cell checked
first, every bad cell reported with its sheet and cell, nothing written on error, an existing
snapshot never replaced without ``--force``, the file written atomically.

The path: :mod:`.sheets` (file → frames of strings) → :mod:`.snapshot_layout` (the header
row, long or wide) → :mod:`.snapshot_cells` (rows → snapshot rows, each column's distinct
texts checked once, :mod:`.snapshot_distinct`; who each row is and the structure,
:mod:`.snapshot_structure`; the problems, :mod:`.snapshot_problems`) → here (the month, the
target file, writing; reading a stored snapshot back the same way).
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from model.core.dates import Month
from model.core.errors import display_path
from model.core.fileio import atomic_write
from model.core.national import National
from model.core.words import Words
from model.importing.cell_problems import ImportFailure, Notice
from model.importing.sheets import MAX_TABLE_BYTES, Table, read_tables
from model.importing.snapshot_cells import SnapshotReader
from model.importing.snapshot_formulas import Formulas, formula_cells
from model.importing.snapshot_layout import find_snapshot_layout
from model.importing.snapshot_problems import Problems
from model.importing.snapshot_stored import stored_as_written
from model.importing.snapshot_structure import Directory
from model.progress.snapshot import (
    COLUMNS,
    FOLDER,
    Snapshot,
    empty,
    find_snapshots,
    iso_month,
    month_in_name,
    snapshot_path,
    to_csv_bytes,
    to_parquet_bytes,
)
from model.project.loader import discover


@dataclass(slots=True)
class SnapshotImport:
    """What a progress import would write, or why it cannot."""

    file: str
    problems: Problems
    snapshot: Snapshot | None = None
    target: Path | None = None
    exists: bool = False
    shapes: dict[str, str] = field(default_factory=dict)  # sheet -> "long" / "wide" / "skipped"
    replaces: Path | None = None  # the month's file in the other format (removed on writing)

    @property
    def ok(self) -> bool:
        return not self.problems and self.snapshot is not None

    @property
    def notices(self) -> list[Notice]:
        return self.problems.notices


def directory_of(folder: Path) -> Directory:
    """Code -> (name, prefecture) and name -> (code, prefecture) of the plans in ``folder``
    (their top keys only), a name that two plans share as (None, None) (府中市 is in Tokyo and
    in Hiroshima: neither is taken); files that cannot be read are passed over (lint reports
    them)."""
    out: Directory = {}
    rows: list[tuple[str, str | None, str | None]] = []
    for f in discover([folder]) if folder.is_dir() else []:
        try:
            d = tomllib.loads(f.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        name, code, pref = d.get("municipality"), d.get("code"), d.get("prefecture")
        if isinstance(name, str):
            rows.append(
                (name.strip(), code if isinstance(code, str) else None, pref if isinstance(pref, str) else None)
            )
    names = Counter(n for n, _, _ in rows)
    for name, code, pref in rows:
        if code:
            out[code] = (name, pref)
        out[name] = (code, pref) if names[name] == 1 else (None, None)
    return out


def read_snapshot_tables(
    tables: list[Table],
    file: str,
    nat: National,
    *,
    sheet: str | None = None,
    directory: Callable[[], Directory] | None = None,
    formulas: Callable[[str], Formulas] | None = None,
) -> tuple[pl.DataFrame | None, Problems, dict[str, str]]:
    """The snapshot rows of a file's tables (every progress table of it, or of ``sheet``);
    ``directory``, the plans' names and codes, and ``formulas``, a workbook sheet's formula
    cells without a value, are read only when needed."""
    problems = Problems(file)
    shapes: dict[str, str] = {}
    if not nat.steps:
        problems.add(
            None,
            "E007",
            Words(f"{nat.file} に手順書のステップ([[step]])がありません", f"{nat.file} has no steps ([[step]] tables)"),
        )
        return None, problems, shapes
    if sheet is not None:
        chosen = [t for t in tables if t.name == sheet]
        if not chosen:
            found = ", ".join(t.name for t in tables)
            problems.add(
                None,
                "E005",
                Words(f"シート「{sheet}」がありません(あるのは {found})", f"no sheet {sheet!r} (found: {found})"),
            )
            return None, problems, shapes
        tables = chosen
    frames: list[pl.DataFrame] = []
    for t in tables:
        layout_problems: list = []
        lay = find_snapshot_layout(t, nat, file, layout_problems, problems.notices)
        if lay is None:
            shapes[t.name] = "skipped"
            continue
        shapes[t.name] = lay.shape
        for p in layout_problems:
            problems.add(p.cell, p.code, p.words)
        if not lay.complete:
            continue
        frames.append(SnapshotReader(t, lay, nat, problems, directory, formulas).read())
    if not any(v != "skipped" for v in shapes.values()):
        problems.add(
            None,
            "E007",
            Words(
                "「業務」と「団体コード」か「市区町村名」の列見出しのある表が見つかりません",
                "no table with 業務 (business) and 団体コード or 市区町村名 (municipality) headers found",
            ),
        )
    frame = pl.concat(frames) if frames else empty()
    if len(frames) > 1:
        _across_sheets(frame, problems, nat)
    problems.items.sort(key=lambda p: (p.cell.sheet, p.cell.row, p.cell.col) if p.cell else ("", -1, -1))
    return (None if problems else frame), problems, shapes


def _across_sheets(frame: pl.DataFrame, problems: Problems, nat: National) -> None:
    """A system × step given on two sheets (each sheet was checked on its own; of a sheet
    with a bad cell, the rows whose cells are good)."""
    keys = ["code", "municipality", "business", "step"]
    twice = frame.filter(frame.select(keys).is_duplicated()).unique(keys, maintain_order=True)
    for row in twice.head(20).iter_rows(named=True):
        who = row["municipality"] or row["code"]
        problems.add(
            None,
            "E006",
            Words(
                f"{who} {nat.business_name(row['business'], 'ja')} のステップ{row['step']}が複数のシートにあります",
                f"{who} {row['business']} step {row['step']} appears on more than one sheet",
            ),
        )


def plan_snapshot_import(
    path: Path,
    nat: National,
    out_dir: Path,
    *,
    month: Month | None = None,
    force: bool = False,
    sheet: str | None = None,
    parquet: bool = False,
) -> SnapshotImport:
    """Read and validate ``path``: the snapshot an import would write, or every problem.
    Raises ImportFailure when the file cannot be read as a table at all."""
    file = display_path(path)
    month = month if month is not None else month_in_name(path.name)
    workbook = path.suffix.lower() in (".xlsx", ".xlsm")
    frame, problems, shapes = read_snapshot_tables(
        read_tables(path),
        file,
        nat,
        sheet=sheet,
        directory=lambda: directory_of(out_dir),
        formulas=(lambda name: formula_cells(path, name)) if workbook else None,
    )
    res = SnapshotImport(file, problems, shapes=shapes)
    if month is None:
        problems.add(
            None,
            "E007",
            Words(
                "スナップショットの月が分かりません。--month 2025-05 を指定するか、ファイル名に 2025-05 を入れてください",
                "the snapshot's month is unknown: give --month 2025-05 or put 2025-05 in the file name",
            ),
        )
        return res
    target = snapshot_path(out_dir, month, parquet=parquet)
    other = snapshot_path(out_dir, month, parquet=not parquet)  # the month in the other format
    res.target, res.exists = target, os.path.lexists(target)
    for at, exists in ((target, res.exists), (other, os.path.lexists(other))):
        if exists:
            _existing(at, at is other, force, problems)
    if os.path.lexists(other):
        res.replaces = other
    if frame is not None and not problems:
        res.snapshot = Snapshot(month, frame, display_path(target))
        _partial(res.snapshot, out_dir, nat, problems)
    return res


def _existing(at: Path, other_format: bool, force: bool, problems: Problems) -> None:
    """E006 for the month's file that exists: never written when it is not a regular file,
    replaced only with ``--force`` (the other format's file of the month, removed)."""
    shown = display_path(at)
    if at.is_symlink() or not at.is_file():
        problems.add(
            None,
            "E006",
            Words(
                f"{shown} は通常のファイルではありません。書き込みません",
                f"{shown} is not a regular file; it is never written",
            ),
        )
    elif other_format and not force:
        problems.add(
            None,
            "E006",
            Words(
                f"この月のスナップショット {shown} が既にあります(別の形式)。置き換えるには --force を指定してください({shown} は削除されます)",
                f"{shown} exists (the month in the other format); give --force to replace it ({shown} is removed)",
            ),
        )
    elif not force:
        problems.add(
            None,
            "E006",
            Words(
                f"{shown} が既にあります。上書きするには --force を指定してください",
                f"{shown} exists; give --force to overwrite it",
            ),
        )


def _partial(snap: Snapshot, out_dir: Path, nat: National, problems: Problems) -> None:
    """A notice when the month reports far fewer systems than the latest earlier stored month
    (its rows counted, not read: a stored snapshot has the timeline's steps for each system):
    the roll-ups of the month then take only the systems it reports."""
    earlier = [(m, p) for m, p in find_snapshots([out_dir]) if m < snap.month]
    if not earlier or not nat.steps:
        return
    m, p = earlier[-1]
    try:
        rows = (pl.scan_parquet(p) if p.suffix == ".parquet" else pl.scan_csv(p)).select(pl.len()).collect().item()
    except (OSError, pl.exceptions.PolarsError):
        return  # an unreadable earlier month is reported when it is read
    before, now = rows // len(nat.steps), snap.frame.height // len(nat.steps)
    if now * 2 < before:
        problems.notice(
            None,
            Words(
                f"{snap.label} の報告は {now:,} システムです({iso_month(m)} は {before:,})。報告のないシステムはこの月の集計に入りません",
                f"the {snap.label} report has {now:,} systems ({iso_month(m)} had {before:,}); the systems it does not report are not in this month's roll-ups",
            ),
        )


def write_snapshot_import(res: SnapshotImport, nat: National) -> Path:
    """Write the snapshot (atomically) to ``<plans>/progress/YYYY-MM.csv`` (or .parquet), and
    remove the month's file in the other format (``--force``)."""
    if not res.ok or res.target is None or res.snapshot is None:
        raise ValueError("a progress import with problems is never written")
    if res.target.parent.name != FOLDER:
        raise ValueError(f"a snapshot is written only into a {FOLDER}/ folder")
    data = to_parquet_bytes(res.snapshot, nat) if res.target.suffix == ".parquet" else to_csv_bytes(res.snapshot, nat)
    res.target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(res.target, data)
    if res.replaces is not None:
        res.replaces.unlink(missing_ok=True)
    return res.target


class SnapshotError(ImportFailure):
    """A stored snapshot that cannot be read (its problems at their cells)."""

    title = "invalid progress snapshot"

    def __init__(self, message: str, problems: Problems) -> None:
        super().__init__(message, problems.items)
        self.rest = problems.rest()


def read_snapshot(path: Path, nat: National, month: Month | None = None) -> Snapshot:
    """A stored snapshot (CSV or Parquet): as ``plans`` writes it, read straight into its
    types (:mod:`.snapshot_stored`), else checked as an import is; raises SnapshotError."""
    file = display_path(path)
    month = month if month is not None else month_in_name(path.name)
    if month is not None and (stored := stored_as_written(path, nat)) is not None:
        return Snapshot(month, stored, file, blocks=True)
    tables = [_parquet_table(path, file)] if path.suffix.lower() == ".parquet" else read_tables(path)
    frame, problems, _ = read_snapshot_tables(tables, file, nat)
    if month is None:
        problems.add(None, "E007", Words("ファイル名に月(2025-05)がありません", "the file name has no month (2025-05)"))
    if problems or frame is None:
        raise SnapshotError(f"{file}: {len(problems)} problem(s)", problems)
    return Snapshot(month, frame, file)  # type: ignore[arg-type]


def _parquet_table(path: Path, file: str) -> Table:
    """A Parquet snapshot as a table of texts (strings, its categoricals as they are) with its
    header row, for the same checks as a CSV."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_TABLE_BYTES:
            raise OSError(0, "not a regular file or too large", str(path))
        df = pl.read_parquet(path)
    except (OSError, pl.exceptions.PolarsError) as e:
        why = str(e).splitlines()[0][:200] if str(e) else type(e).__name__
        problems = Problems(file)
        problems.add(None, "E009", Words(f"Parquet として読めません: {why}", f"cannot read as Parquet: {why}"))
        raise SnapshotError(f"{file}: cannot read", problems) from None
    cols = [c for c in COLUMNS if c in df.columns] + [c for c in df.columns if c not in COLUMNS]
    body = df.select(pl.col(c) if df.schema[c] == pl.Categorical else pl.col(c).cast(pl.String) for c in cols)
    head = pl.DataFrame([pl.Series(c, [c], pl.String).cast(body.schema[c]) for c in cols])
    frame = pl.concat([head, body])
    return Table(path.stem, frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)}))


__all__ = [
    "SnapshotError",
    "SnapshotImport",
    "directory_of",
    "iso_month",
    "plan_snapshot_import",
    "read_snapshot",
    "read_snapshot_tables",
    "write_snapshot_import",
]
