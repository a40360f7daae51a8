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
from model.importing.snapshot_hints import did_you_mean
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
    if d and not has_code:
        _no_plan(rd, df, d)
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


def _no_plan(rd: SnapshotReader, df: pl.DataFrame, d: Directory) -> None:
    """A notice at the first cell of each name that no plan of the folder has (with no code
    column the name is who the system is: 宇部 is not 宇部市), with the plans' closest name."""
    texts = rd.d["municipality"].texts
    unknown = [i for i, t in enumerate(texts) if t not in d]
    if not unknown:
        return
    plans = [k for k in d if not (k.isascii() and k.isdigit())]
    at = rd.lay.fields["municipality"]
    firsts = df.filter(pl.col("p_municipality").is_in(unknown)).group_by("p_municipality").agg(pl.col("_r").min())
    for i, r in firsts.sort("_r").iter_rows():
        v = shorten(texts[i])
        close = did_you_mean(texts[i], plans, loose=False)
        fix = (
            Words(f"「{close}」のことなら、名前を「{close}」に直してください", f"if it is {close!r}, write {close!r}")
            if close
            else Words(
                "計画の municipality と同じ名前にするか、「団体コード」の列を加えてください",
                "write the name as the plan's municipality, or add a 団体コード column",
            )
        )
        rd.problems.notice(
            rd.table.cell(r, at),
            Words(
                f"「{v}」の計画がこのフォルダにありません。団体コードのないシステムとして読み込みます。",
                f"no plan in the folder is named {v!r}: it is read as a system without a code; ",
            )
            + fix,
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
    are good; a row with a bad cell stands for its system's step when its system and step can
    be told (from its own cells, its name, or the rows around it), else its system is not said
    to lack a step (the bad cell may be that step)."""
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
    bad = bad_cells(rd)
    _looked_at(rd, df.filter(~bad), *_stood_for(rd, df.with_columns(bad.alias("_bad"))))


def bad_cells(rd: SnapshotReader) -> pl.Expr:
    """Whether a row of the working frame has a bad cell: no municipality, business, step or
    status read from it, or a planned month that is not one."""
    key = pl.col("_code") if "code" in rd.d else pl.col("_name")
    planned_bad = (
        pl.col("p_planned").is_not_null() & pl.col("_planned").is_null() if "planned" in rd.d else pl.lit(False)
    )
    return (
        key.is_null()
        | pl.col("business").is_null()
        | pl.col("step").is_null()
        | pl.col("status").is_null()
        | planned_bad
    )


def _stood_for(rd: SnapshotReader, df: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """What the rows with a bad cell (``_bad``) stand for: (``_sys``, ``business``, ``step``)
    of each whose system and step can be told, and (``_sys``, ``business``) of the systems a
    row may belong to when not. A row's system is its own; with a bad code, that of its name;
    else that of the rows before and after it when they agree (a table runs system by
    system); a row that cannot be told may belong to either."""
    if "code" in rd.d and "municipality" in rd.d:
        named = (
            df.filter(pl.col("_sys").is_not_null()).group_by("p_municipality").agg(pl.col("_sys").first().alias("_ns"))
        )
        df = df.join(named, on="p_municipality", how="left").with_columns(pl.coalesce("_sys", "_ns").alias("_sys"))
    df = df.sort("_r", "_step", nulls_last=True)
    prev_s, next_s = pl.col("_sys").forward_fill(), pl.col("_sys").backward_fill()
    prev_b, next_b = pl.col("business").forward_fill(), pl.col("business").backward_fill()
    rows = df.select(
        pl.col("_bad"),
        pl.col("step"),
        pl.coalesce("_sys", pl.when(prev_s == next_s).then(prev_s)).alias("_sys"),
        pl.coalesce("business", pl.when(prev_b == next_b).then(prev_b)).alias("business"),
        prev_s.alias("_ps"),
        next_s.alias("_nx"),
        prev_b.alias("_pb"),
        next_b.alias("_nb"),
    ).filter(pl.col("_bad"))
    told = pl.col("_sys").is_not_null() & pl.col("business").is_not_null()
    covered = rows.filter(told & pl.col("step").is_not_null()).select("_sys", "business", "step")
    untold = rows.filter(~told)
    unsure = pl.concat(
        [
            rows.filter(told & pl.col("step").is_null()).select("_sys", "business"),
            *(
                untold.select(pl.coalesce("_sys", s).alias("_sys"), pl.coalesce("business", b).alias("business"))
                for s, b in (("_ps", "_pb"), ("_nx", "_nb"))
            ),
        ]
    )
    return covered, unsure


def _looked_at(
    rd: SnapshotReader, df: pl.DataFrame, covered: pl.DataFrame | None = None, unsure: pl.DataFrame | None = None
) -> None:
    """One pass counts each system's rows and distinct steps; only a system that fails is
    looked at closer (``covered`` and ``unsure``: what the rows with a bad cell stand for)."""
    n = len(rd.nat.steps)
    counts = df.group_by(["_sys", "business"]).agg(pl.len().alias("_rows"), pl.col("step").n_unique().alias("_n"))
    odd = counts.filter((pl.col("_rows") > pl.col("_n")) | (pl.col("_n") < n)).select("_sys", "business")
    if odd.height:
        sub = df.join(odd, on=["_sys", "business"], nulls_equal=True)
        _unique(rd, sub)
        _complete(rd, sub, covered, unsure)


def _unique(rd: SnapshotReader, df: pl.DataFrame) -> None:
    """E006 at each row of a long table that repeats a system's step, and once at each row of
    a wide table that repeats a system (not at each of its steps), naming the first."""
    keys = ["_sys", "business", "step"]
    dup = df.with_columns(
        pl.col("_r").rank("ordinal").over(keys).alias("_k"), pl.col("_r").min().over(keys).alias("_fr")
    ).filter(pl.col("_k") > 1)
    if rd.lay.shape == "wide":
        rows = dup.group_by("_r").agg(pl.all().first()).sort("_r")
        at = rd.lay.fields["business"]
        rd.report(
            rows,
            "business",
            "E006",
            lambda r: Words(
                f"{shorten(r['municipality'] or r['code'] or '')} {rd.bname(r['business'])} の行は {rd.table.cell(r['_fr'], at).ref} にもあります(1システム1行です)。どちらかの行を削除してください",
                f"{shorten(r['municipality'] or r['code'] or '')} {r['business']} already has a row at {rd.table.cell(r['_fr'], at).ref} (one row per system): delete one of them",
            ),
        )
        return
    first_col = rd.lay.fields["step"]
    rd.report(
        dup,
        "_stc",
        "E006",
        lambda r: Words(
            f"{shorten(r['municipality'] or r['code'] or '')} {rd.bname(r['business'])} のステップ{r['step']}は {rd.table.cell(r['_fr'], first_col).ref} にもあります",
            f"{shorten(r['municipality'] or r['code'] or '')} {r['business']} step {r['step']} already appears at {rd.table.cell(r['_fr'], first_col).ref}",
        ),
    )


def _complete(rd: SnapshotReader, df: pl.DataFrame, covered: pl.DataFrame | None, unsure: pl.DataFrame | None) -> None:
    """E007 at the first row of each system that lacks a step (one a row with a bad cell
    stands for is not lacking; a system such a row may belong to is not looked at)."""
    n = len(rd.nat.steps)
    cols = ["_sys", "business", "step", "_r", "municipality", "code"]
    rows = pl.concat([df.select(cols), covered], how="diagonal_relaxed") if covered is not None else df
    groups = (
        rows.group_by(["_sys", "business"])
        .agg(
            pl.col("step").unique().alias("_steps"),
            pl.col("_r").min().alias("_r"),
            pl.col("municipality").drop_nulls().first(),
            pl.col("code").drop_nulls().first(),
        )
        .filter(pl.col("_r").is_not_null())
    )
    if unsure is not None and unsure.height:
        groups = groups.join(unsure.unique(), on=["_sys", "business"], how="anti", nulls_equal=True)
    short = groups.filter(pl.col("_steps").list.len() < n)

    def missing(r: dict) -> Words:
        lack = ranges(sorted(set(range(1, n + 1)) - set(r["_steps"])))
        who = shorten(r["municipality"] or r["code"] or "")
        return Words(
            f"{who} {rd.bname(r['business'])} にステップ {lack} がありません(1システム{n}ステップすべての状況が要ります)",
            f"{who} {r['business']} lacks steps {lack} (a system reports all {n} steps)",
        )

    rd.report(short.sort("_r"), "business", "E007", missing)


__all__ = ["Blocks", "Directory", "bad_cells", "check_structure", "one_name_per_code", "who"]
