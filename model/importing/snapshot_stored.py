"""A stored snapshot exactly as ``plans`` writes it (``plans/progress/YYYY-MM.csv`` or
``.parquet``: :func:`model.progress.snapshot.to_csv_bytes`), read straight into its types.

polars checks the words as it reads them: the header, each business and status an id and
each step a number 1..n as written (Enums: any other text fails the read). What a hand edit
could still break is looked at once per block of rows or per distinct value: the rows in
blocks of the timeline's steps, one system's steps 1..n each, every system once; a code, a
name and a prefecture in every row, a code with its check digit, one name per code, no cell
with spaces around it, planned months as ``plans lint`` reads them. A file that is not as
written (hand-edited, or another tool's) gives None: the careful read (the import's) then
says what is wrong, at its cell, or reads it all the same (rows in another order, a
business by its name)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import polars as pl

from model.core import dates
from model.core.national import National
from model.importing.layout import check_code
from model.importing.sheets import MAX_CELL_CHARS, MAX_TABLE_BYTES
from model.progress.snapshot import COLUMNS, SCHEMA

HEADER = ",".join(COLUMNS).encode()
KEYS = ("code", "municipality", "prefecture", "business")


def stored_as_written(path: Path, nat: National) -> pl.DataFrame | None:
    """The snapshot's rows (:data:`~model.progress.snapshot.SCHEMA`), or None when the
    file is not as ``plans`` writes it."""
    n = len(nat.steps)
    steps = pl.Enum([str(k) for k in range(1, n + 1)])
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_TABLE_BYTES or not n:
            return None
        if path.suffix.lower() == ".parquet":
            df = pl.read_parquet(path)
            if list(df.schema) != list(COLUMNS) or any(df.schema[c] != t for c, t in SCHEMA.items()):
                return None
            step = pl.col("step")
        else:
            with open(path, "rb") as fh:
                head = fh.read(len(HEADER) + 2)
                if not (head.startswith(HEADER + b"\n") or head == HEADER + b"\r\n"):  # git may check it out CRLF
                    return None
            df = pl.read_csv(path, schema={**SCHEMA, "step": steps})
            step = pl.col("step").to_physical().cast(pl.Int16) + 1
    except (OSError, pl.exceptions.PolarsError):
        return None
    if not df.height or df.height % n or any(df.get_column(c).null_count() for c in (*KEYS, "step", "status")):
        return None
    at = pl.int_range(pl.len(), dtype=pl.UInt32) % n
    df = df.with_columns(step.alias("step"))
    in_blocks = df.select(
        *((pl.col(c).to_physical() == pl.col(c).to_physical().shift(1)) | (at == 0) for c in KEYS),
        pl.col("step").cast(pl.UInt32) == at + 1,
    ).select(pl.all().all())
    if not all(in_blocks.row(0)):
        return None
    firsts = df.gather_every(n).select(KEYS)
    if not _values_as_written(firsts, nat) or not _planned_as_written(df):
        return None
    systems = firsts.select(pl.struct("code", "business").n_unique()).item()
    codes, names = firsts.select(
        pl.col("code").n_unique().alias("codes"), pl.struct("code", "municipality").n_unique().alias("names")
    ).row(0)
    return df if systems * n == df.height and codes == names else None


def _plain(v: str) -> bool:
    """Text as the careful read would keep it: no spaces around it, not empty, not too long."""
    return bool(v) and v.strip() == v and len(v) <= MAX_CELL_CHARS


def _values_as_written(firsts: pl.DataFrame, nat: National) -> bool:
    """Each distinct code 6 digits with its check digit, business an id, name and
    prefecture plain text."""
    u = {c: firsts.get_column(c).unique().to_list() for c in KEYS}
    return (
        all(check_code(c) == (c, None) and len(c) == 6 for c in u["code"])
        and all(b in nat.businesses for b in u["business"])
        and all(_plain(v) for c in ("municipality", "prefecture") for v in u[c])
    )


def _planned_as_written(df: pl.DataFrame) -> bool:
    if df.get_column("planned").null_count() == df.height:
        return True
    for v in df.get_column("planned").drop_nulls().unique().to_list():
        if not _plain(v):
            return False
        try:
            dates.parse(v)
        except dates.DateError:
            return False
    return True


__all__ = ["stored_as_written"]
