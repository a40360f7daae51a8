"""Who each row of a progress table is and the table's structure: ``code``, ``municipality``
and ``prefecture`` of every row (as written, else from the plans, else the prefecture of the
code), one name per code, no system × step twice, every system with all the timeline's
steps. Each is one pass over integer ids when the table is right (the distinct pairs of
code and name; the distinct system × step keys against the row count), and only a table
that fails is looked at closer, for its problems at their cells."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import polars as pl

from model.core.reader import shorten
from model.core.words import Words
from model.importing.snapshot_distinct import POSITION, gather
from model.progress.prefectures import BY_CODE
from model.progress.snapshot import ranges

if TYPE_CHECKING:
    from model.importing.snapshot_cells import SnapshotReader

Directory = dict[str, tuple[str | None, str | None]]  # municipality code or name -> (the other, prefecture)
CAT = pl.Categorical()
KEY = pl.UInt64


def who(rd: SnapshotReader, df: pl.DataFrame) -> pl.DataFrame:
    """``code``, ``municipality``, ``prefecture`` of every row: as written, else from the
    plans (``directory``), else the prefecture of the code. With the snapshot's columns and
    ``_sys`` (the system's municipality as an id)."""
    has_code, has_name = "code" in rd.d, "municipality" in rd.d
    d = rd.directory() if rd.directory and not (has_code and has_name) else {}
    names = rd.d["municipality"].texts if has_name else []
    other = {k: v[0] for k, v in d.items()}
    pref_known = {k: v[1] for k, v in d.items() if v[1]}
    # per code (by _code_id) or, with no code column, per name (by p_municipality)
    ids = df.get_column("_code_id" if has_code else "p_municipality")
    codes = rd.codes if has_code else [other.get(n) for n in names]
    municipalities = names if has_name else [other.get(c) if c else None for c in rd.codes]
    code = df.get_column("_code") if has_code else gather(codes, CAT, ids)
    name = df.get_column("_name") if has_name else gather(municipalities, CAT, ids)
    prefs = [gather(rd.d["prefecture"].texts, CAT, df.get_column("p_prefecture"))] if "prefecture" in rd.d else []
    if pref_known:
        prefs.append(gather([pref_known.get(m) if m else None for m in municipalities], CAT, ids))
    prefs.append(gather([BY_CODE.get(c[:2]) if c else None for c in codes], CAT, ids))
    if has_code:
        sys = pl.col("_code_id").cast(KEY)
    else:  # by name and the prefecture as written
        width = len(rd.d["prefecture"].texts) + 1 if "prefecture" in rd.d else 1
        pref = (pl.col("p_prefecture").cast(KEY) + 1).fill_null(0) if "prefecture" in rd.d else pl.lit(0, KEY)
        sys = pl.col("p_municipality").cast(KEY) * width + pref
    return df.with_columns(
        code.alias("code"),
        name.alias("municipality"),
        (pl.coalesce(prefs) if len(prefs) > 1 else prefs[0]).alias("prefecture"),
        pl.col("_business").alias("business"),
        pl.col("_step").alias("step"),
        pl.col("_status").alias("status"),
        pl.col("_planned").alias("planned"),
        sys.alias("_sys"),
    )


@dataclass(frozen=True, slots=True)
class Blocks:
    """Whether the rows of a long table run in blocks of ``steps`` rows, as a stored snapshot
    and most exports do (each system's steps together, in order): ``same``, the fields whose
    cells keep one text through every block; ``in_order``, the step column reads 1..n in each.
    Read from the cells as written (a table whose empty rows are left out is not in blocks)."""

    steps: int
    same: frozenset[str] = frozenset()
    in_order: bool = False
    KEYS: ClassVar = ("code", "municipality", "prefecture", "business")

    @staticmethod
    def of(cells: dict[str, pl.Series], steps: int) -> Blocks:
        height = len(next(iter(cells.values()))) if cells else 0
        if not steps or not height or height % steps:
            return Blocks(steps)
        frame = pl.DataFrame(list(cells.values())).rename(
            dict(zip([s.name for s in cells.values()], cells, strict=True))
        )
        at = pl.int_range(pl.len(), dtype=POSITION) % steps
        canonical = pl.lit(pl.Series([str(k) for k in range(1, steps + 1)]))
        got = frame.select(
            *((pl.col(f).eq_missing(pl.col(f).shift(1)) | (at == 0)).all().alias(f) for f in cells if f in Blocks.KEYS),
            *(
                [(pl.col("step") == canonical.gather(at)).fill_null(False).all().alias("_in_order")]
                if "step" in cells
                else []
            ),
        ).row(0, named=True)
        return Blocks(steps, frozenset(f for f in Blocks.KEYS if got.get(f)), bool(got.get("_in_order")))

    def index(self, height: int) -> pl.Series:
        """Each row's block."""
        return pl.int_range(0, height, dtype=POSITION, eager=True) // self.steps

    def system(self, rd: SnapshotReader) -> bool:
        """Each block keeps one system (its municipality and business)."""
        by = ["code"] if "code" in rd.d else ["municipality", *(["prefecture"] if "prefecture" in rd.d else [])]
        return {*by, "business"} <= self.same


def one_name_per_code(rd: SnapshotReader, df: pl.DataFrame, blocks: Blocks) -> None:
    """E008 at each row that names its code otherwise than the code's first row."""
    if not ("code" in rd.d and "municipality" in rd.d):
        return
    firsts = df.gather_every(blocks.steps) if {"code", "municipality"} <= blocks.same else df
    pairs = firsts.select("_code_id", "p_municipality").unique()
    if pairs.height <= pairs.get_column("_code_id").n_unique():
        return
    first = df.group_by("_code").agg(pl.col("_name").first().alias("_first"), pl.col("_r").first().alias("_fr"))
    odd = df.join(first, on="_code").filter(pl.col("_name") != pl.col("_first"))
    at = rd.lay.fields["municipality"]
    rd.report(
        odd,
        "municipality",
        "E008",
        lambda r: Words(
            f"団体コード {r['_code']} の市区町村名が {rd.table.cell(r['_fr'], at).ref} の「{shorten(r['_first'])}」と違います",
            f"code {r['_code']} has the name {shorten(r['_first'])!r} at {rd.table.cell(r['_fr'], at).ref}",
        ),
    )


def check_structure(rd: SnapshotReader, df: pl.DataFrame, blocks: Blocks, *, cells_bad: bool) -> None:
    """No system × step twice, every system with all the steps, over the rows whose cells
    are good (a system with a bad cell is not also said to lack that step)."""
    n = len(rd.nat.steps)
    if not cells_bad:
        system = pl.col("_sys") * len(rd.nat.businesses) + pl.col("_b").cast(KEY)
        if blocks.in_order and blocks.system(rd):  # each block one system's n steps
            systems = df.gather_every(n).select(system.n_unique()).item()
            if systems * n == df.height:
                return
        else:
            keys, systems = df.select(
                (system * (n + 1) + pl.col("_step").cast(KEY)).n_unique().alias("k"), system.n_unique().alias("s")
            ).row(0)
            if keys == df.height and systems * n == df.height:
                return  # every system × step once, and every system with n of them
        _looked_at(rd, df)
        return
    key = pl.col("_code") if "code" in rd.d else pl.col("_name")
    planned_bad = (
        pl.col("p_planned").is_not_null() & pl.col("_planned").is_null() if "planned" in rd.d else pl.lit(False)
    )
    bad = (
        key.is_null()
        | pl.col("business").is_null()
        | pl.col("step").is_null()
        | pl.col("status").is_null()
        | planned_bad
    )
    good = df.filter(~bad).join(
        df.filter(bad).select("_sys", "business").unique(), on=["_sys", "business"], how="anti", nulls_equal=True
    )
    _looked_at(rd, good)


def _looked_at(rd: SnapshotReader, df: pl.DataFrame) -> None:
    """One pass counts each system's rows and distinct steps; only a system that fails is
    looked at closer."""
    n = len(rd.nat.steps)
    counts = df.group_by(["_sys", "business"]).agg(pl.len().alias("_rows"), pl.col("step").n_unique().alias("_n"))
    odd = counts.filter((pl.col("_rows") > pl.col("_n")) | (pl.col("_n") < n)).select("_sys", "business")
    if odd.height:
        sub = df.join(odd, on=["_sys", "business"], nulls_equal=True)
        _unique(rd, sub)
        _complete(rd, sub)


def _unique(rd: SnapshotReader, df: pl.DataFrame) -> None:
    keys = ["_sys", "business", "step"]
    dup = df.with_columns(
        pl.col("_r").rank("ordinal").over(keys).alias("_k"), pl.col("_r").min().over(keys).alias("_fr")
    ).filter(pl.col("_k") > 1)
    long = rd.lay.shape == "long"
    first_col = rd.lay.fields["step"] if long else rd.lay.fields["business"]
    rd.report(
        dup,
        "_stc" if long else "business",
        "E006",
        lambda r: Words(
            f"{shorten(r['municipality'] or r['code'] or '')} {rd.bname(r['business'])} のステップ{r['step']}は {rd.table.cell(r['_fr'], first_col).ref} にもあります",
            f"{shorten(r['municipality'] or r['code'] or '')} {r['business']} step {r['step']} already appears at {rd.table.cell(r['_fr'], first_col).ref}",
        ),
    )


def _complete(rd: SnapshotReader, df: pl.DataFrame) -> None:
    n = len(rd.nat.steps)
    groups = df.group_by(["_sys", "business"]).agg(
        pl.col("step").unique().alias("_steps"),
        pl.col("_r").min().alias("_r"),
        pl.col("municipality").first(),
        pl.col("code").first(),
    )
    short = groups.filter(pl.col("_steps").list.len() < n)

    def missing(r: dict) -> Words:
        lack = ranges(sorted(set(range(1, n + 1)) - set(r["_steps"])))
        who = shorten(r["municipality"] or r["code"] or "")
        return Words(
            f"{who} {rd.bname(r['business'])} にステップ {lack} がありません(1システム{n}ステップすべての状況が要ります)",
            f"{who} {r['business']} lacks steps {lack} (a system reports all {n} steps)",
        )

    rd.report(short.sort("_r"), "business", "E007", missing)


__all__ = ["Blocks", "Directory", "check_structure", "one_name_per_code", "who"]
