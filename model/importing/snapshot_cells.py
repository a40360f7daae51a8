"""Rows of a progress table → the snapshot's rows, every cell validated column-wise: each
column's distinct texts are tidied and checked once (:mod:`.snapshot_distinct`: codes with
their check digit, businesses and steps against national.toml, statuses, planned months as
``plans lint`` reads dates) and the rows take the results by a gather; only when a distinct
text fails are its rows found and turned into problems at their cells (``Sheet1!D7``). Then
who each row is and the structure (:mod:`.snapshot_structure`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import polars as pl

from model.core import dates
from model.core.national import National
from model.core.reader import shorten
from model.core.words import Words
from model.importing.layout import business_aliases, check_code, norm, with_check_digit
from model.importing.sheets import MAX_CELL_CHARS, Table
from model.importing.snapshot_distinct import POSITION, Distinct, dense_ids, gather, invalid
from model.importing.snapshot_formulas import Formulas
from model.importing.snapshot_hints import did_you_mean
from model.importing.snapshot_layout import SnapshotLayout, header_text
from model.importing.snapshot_problems import Problems
from model.importing.snapshot_structure import (
    Blocks,
    Directory,
    bad_cells,
    check_structure,
    one_name_per_code,
    who,
)
from model.progress.snapshot import COLUMNS, SCHEMA
from model.progress.status import ACCEPTED, parse_status

FIELDS = ("code", "municipality", "prefecture", "business", "step", "status", "planned")
CAT = pl.Categorical()


class SnapshotReader:
    """Reads one progress table into snapshot rows; collects every problem at its cell.

    The working frame has ``_r`` (the row in the table) and, per field, ``p_<field>``: the
    row's position among the field's distinct texts (``self.d[field]``); the statuses'
    positions are ``_text`` (``self.d["_text"]``: the status column, or the step columns of
    the wide shape), at the table's column ``_sc``."""

    def __init__(
        self,
        table: Table,
        lay: SnapshotLayout,
        nat: National,
        problems: Problems,
        directory: Callable[[], Directory] | None = None,
        formulas: Callable[[str], Formulas] | None = None,
    ) -> None:
        self.table = table
        self.lay = lay
        self.nat = nat
        self.problems = problems
        self.directory = directory  # the plans' codes and names, read only when needed
        self.formulas = formulas  # a workbook sheet's formula cells without a value, read only when needed
        self.col = {f: f"c{c}" for f, c in lay.fields.items()}
        self.d: dict[str, Distinct] = {}
        self.codes: list[str | None] = []  # the checked codes, by ``_code_id``
        self.blocks = Blocks(len(nat.steps))

    # -- problems at cells ------------------------------------------------------------
    def report(self, bad: pl.DataFrame, col: str, code: str, words: Callable[[dict], Words]) -> None:
        """A problem at each row of ``bad`` (``_r`` its row; ``col`` a field, or the name of
        the frame column holding the column index)."""
        room = self.problems.room()
        for row in bad.head(room).iter_rows(named=True):
            c = row[col] if col.startswith("_") else self.lay.fields[col]
            self.problems.add(self.table.cell(row["_r"], c), code, words(row))
        if bad.height > room:
            self.problems.more[code] += bad.height - room

    def report_empty(self, bad: pl.DataFrame, col: str, code: str, what: Words) -> None:
        """``code`` at each row of ``bad``, an empty cell (of ``col``, as :meth:`report`); a
        workbook's formula cell that has no value (read as empty) said to be one."""
        found = self.formulas(self.table.name) if self.formulas is not None and bad.height else {}
        if not found:
            self.report(bad, col, code, lambda r: what)
            return
        cells = pl.DataFrame(
            [
                pl.Series("_r", [r for r, _ in found], POSITION),
                pl.Series("_fc", [c for _, c in found], pl.Int64),
                pl.Series("_formula", list(found.values()), pl.String),
            ]
        )
        at = pl.col(col) if col.startswith("_") else pl.lit(self.lay.fields[col])
        marked = bad.with_columns((at.cast(pl.Int64) + self.table.col0).alias("_fc")).join(
            cells, on=["_r", "_fc"], how="left"
        )
        self.report(marked.filter(pl.col("_formula").is_null()), col, code, lambda r: what)
        self.report(
            marked.filter(pl.col("_formula").is_not_null()),
            col,
            "E008",
            lambda r: Words(
                f"数式「={shorten(r['_formula'])}」の計算結果がファイルに保存されていません(計算しないプログラムで書かれたブックです)。Excel で開いて保存し直すか、値を書いてください",
                f"the formula '={shorten(r['_formula'])}' has no calculated value in the file (the workbook was written by a program that does not calculate): open and save it in Excel, or write the value",
            ),
        )

    def text(self, field: str, row: dict) -> str:
        """The (tidy) text of ``field`` in a row of the working frame."""
        return self.d[field].texts[row["_text" if field == "_text" else f"p_{field}"]]

    def _checked(
        self,
        df: pl.DataFrame,
        field: str,
        fn: Callable[[str], Hashable | None],
        dtype: pl.DataType,
        out: str,
        problem: tuple[str, Callable[[dict], Words]],
        at: str | None = None,
    ) -> tuple[pl.DataFrame, list[Hashable | None]]:
        """``out`` = ``fn`` of each row's text of ``field`` (null: empty, or not valid), and
        the ``problem`` (code, words) at each row whose text is not valid (at the cell of
        ``at``, a field or a column holding the column, else of ``field``); the values by
        position."""
        values = self.d[field].map(fn)
        pos = "_text" if field == "_text" else f"p_{field}"
        df = df.with_columns(gather(values, dtype, df.get_column(pos)).alias(out))
        if bad := invalid(values):
            self.report(df.filter(pl.col(pos).is_in(bad)), at or field, *problem)
        return df, values

    # -- reading ----------------------------------------------------------------------
    def read(self) -> pl.DataFrame:
        """The snapshot's rows (:data:`COLUMNS`); when a problem was found, those whose cells
        are good (for the checks across sheets: the caller knows by the problems)."""
        lay = self.lay
        body = self.table.frame.slice(lay.header_row + 1)
        df = self._positions(body)
        before = len(self.problems)
        self._too_long(df)
        df = self._key(df)
        df = self._business(df)
        df = self._steps(df) if lay.shape == "long" else self._unpivot(df)
        df = self._status(df)
        df = self._planned(df)
        df = who(self, df)
        one_name_per_code(self, df, self.blocks)
        check_structure(self, df, self.blocks, cells_bad=len(self.problems) > before)
        if len(self.problems) > before:
            df = df.filter(~bad_cells(self))
        return df.select(pl.col(c).cast(SCHEMA[c]) for c in COLUMNS)

    def _positions(self, body: pl.DataFrame) -> pl.DataFrame:
        """The working frame: ``_r`` and every used column's positions, the rows whose used
        cells are all empty left out. A long table in blocks (:class:`Blocks`) has the texts
        of a column that keeps one per block read from the blocks' first rows, and steps
        1..n in every block read as such."""
        excel, n = self.table.excel, len(self.nat.steps)
        cells = {f: body.get_column(self.col[f]) for f in FIELDS if f in self.col and self.col[f] in body.columns}
        self.blocks = Blocks.of(cells, n) if self.lay.shape == "long" else Blocks(n)
        block = self.blocks.index(body.height) if self.blocks.same else None
        cols: dict[str, pl.Series] = {}
        for f, s in cells.items():
            if f in self.blocks.same and block is not None:
                self.d[f], (firsts,) = Distinct.of([s.gather_every(n)], excel)
                cols[f"p_{f}"] = firsts.gather(block)
            elif f == "step" and self.blocks.in_order:
                self.d[f] = Distinct([str(k) for k in range(1, n + 1)])
                cols[f"p_{f}"] = pl.int_range(0, body.height, dtype=POSITION, eager=True) % n
            else:
                self.d[f], (cols[f"p_{f}"],) = Distinct.of([s], excel)
        steps = [f"c{c}" for c in self.lay.steps.values() if f"c{c}" in body.columns]
        if steps:  # wide: the step columns share their texts (the statuses)
            self.d["_text"], series = Distinct.of([body.get_column(c) for c in steps], excel)
            cols |= {f"p_{c}": s for c, s in zip(steps, series, strict=True)}
        elif "status" in self.d:
            self.d["_text"] = self.d["status"]
        r0 = self.lay.header_row + 1
        df = pl.DataFrame(
            [
                pl.int_range(r0, r0 + body.height, dtype=POSITION, eager=True).alias("_r"),
                *(s.alias(k) for k, s in cols.items()),
            ]
        )
        if sum(s.null_count() for s in cols.values()):
            df = df.filter(pl.any_horizontal(pl.col(c).is_not_null() for c in cols))
            if df.height < body.height:
                self.blocks = Blocks(n)  # rows left out: the blocks are not the table's
        return df

    def _used(self) -> list[tuple[str, str, Distinct]]:
        """Each used column (its name in the table, its positions' column, its texts), in the
        order of the columns' names."""
        out = [(self.col[f], f"p_{f}", self.d[f]) for f in FIELDS if f in self.d]
        if self.lay.shape == "wide" and "_text" in self.d:
            out += [(f"c{c}", f"p_c{c}", self.d["_text"]) for c in self.lay.steps.values()]
        return sorted(out)

    def _too_long(self, df: pl.DataFrame) -> None:
        """E008 at every cell over MAX_CELL_CHARS (looked for only when a text is)."""
        for name, pos, d in self._used():
            long = d.too_long(MAX_CELL_CHARS)
            if not long or pos not in df.columns:
                continue
            bad = df.filter(pl.col(pos).is_in(long)).with_columns(pl.lit(int(name[1:])).alias("_c"))

            def words(r: dict, pos: str = pos, d: Distinct = d) -> Words:
                n = len(d.texts[r[pos]])
                return Words(
                    f"セルが長すぎます({n:,}文字、上限 {MAX_CELL_CHARS:,}文字)",
                    f"the cell is too long ({n:,} characters; at most {MAX_CELL_CHARS:,})",
                )

            self.report(bad, "_c", "E008", words)

    def _missing(self, df: pl.DataFrame, pos: str, field: str, code: str, what: Words) -> None:
        """``code`` at each row whose ``pos`` is null (an empty cell of ``field``)."""
        if df.get_column(pos).null_count():
            self.report_empty(df.filter(pl.col(pos).is_null()), field, code, what)

    def _key(self, df: pl.DataFrame) -> pl.DataFrame:
        """``_code`` (6 digits, its id ``_code_id``) and ``_name``; a row naming neither is E007."""
        if "code" in self.d:
            why: dict[str, Words] = {}

            def one(v: str) -> str | None:
                c, w = check_code(v)
                if w is not None:
                    why[v] = w
                return with_check_digit(c) if c else None

            df, values = self._checked(df, "code", one, CAT, "_code", ("E008", lambda r: why[self.text("code", r)]))
            ids = dense_ids(values)
            self.codes = [None] * len(set(i for i in ids if i is not None))
            for v, i in zip(values, ids, strict=True):
                if i is not None:
                    self.codes[i] = v  # type: ignore[assignment]
            df = df.with_columns(gather(ids, POSITION, df.get_column("p_code")).alias("_code_id"))
            self._missing(
                df, "p_code", "code", "E007", Words("団体コードがありません", "the municipality code is missing")
            )
        else:
            df = df.with_columns(pl.lit(None, CAT).alias("_code"), pl.lit(None, POSITION).alias("_code_id"))
        if "municipality" in self.d:
            df = df.with_columns(
                gather(self.d["municipality"].texts, CAT, df.get_column("p_municipality")).alias("_name")
            )
            if "code" not in self.d:
                what = Words("市区町村名がありません", "the municipality name is missing")
                self._missing(df, "p_municipality", "municipality", "E007", what)
        else:
            df = df.with_columns(pl.lit(None, CAT).alias("_name"))
        return df

    def _business(self, df: pl.DataFrame) -> pl.DataFrame:
        """``_business`` (the id) and ``_b`` (its place in the timeline's order)."""
        aliases = business_aliases(self.nat)
        options = [*self.nat.businesses, *(n for b in self.nat.businesses.values() for n in b.name)]

        def unknown(r: dict) -> Words:
            v = self.text("business", r)
            close = did_you_mean(v, options)
            hint = (
                Words(f"。「{close}」の誤りではありませんか", f"; did you mean {close!r}?") if close else Words("", "")
            )
            return Words(f"未知の業務「{shorten(v)}」です", f"unknown business {shorten(v)!r}") + hint

        df, values = self._checked(df, "business", lambda v: aliases.get(norm(v)), CAT, "_business", ("E005", unknown))
        order = {b: i for i, b in enumerate(self.nat.businesses)}
        df = df.with_columns(gather([order.get(v) for v in values], POSITION, df.get_column("p_business")).alias("_b"))
        self._missing(df, "p_business", "business", "E007", Words("業務がありません", "the business is missing"))
        return df

    def _steps(self, df: pl.DataFrame) -> pl.DataFrame:
        """Long: the step column (a number or a name) as ``_step``; the status's positions in
        ``_text`` at column ``_sc``."""
        n = len(self.nat.steps)
        names = {header_text(s.name.ja): s.number for s in self.nat.steps} | {
            header_text(s.name.en): s.number for s in self.nat.steps
        }

        def one(v: str) -> int | None:
            t = header_text(v)
            return (int(t) if 1 <= int(t) <= n else None) if t.isdigit() and len(t) <= 3 else names.get(t)

        number = {s.name.ja: s.number for s in self.nat.steps} | {s.name.en: s.number for s in self.nat.steps}

        def unknown(r: dict) -> Words:
            v = shorten(self.text("step", r))
            close = None if v.isdigit() else did_you_mean(v, number)
            hint = (
                Words(
                    f"。「{close}」(ステップ{number[close]})の誤りではありませんか",
                    f"; did you mean {close!r} (step {number[close]})?",
                )
                if close
                else Words("", "")
            )
            return (
                Words(
                    f"未知のステップ「{v}」です(1〜{n} の番号か手順書の名前)",
                    f"unknown step {v!r} (a number 1-{n} or a step's name)",
                )
                + hint
            )

        df, _ = self._checked(df, "step", one, pl.Int16(), "_step", ("E005", unknown))
        self._missing(df, "p_step", "step", "E007", Words("ステップがありません", "the step is missing"))
        sc = self.lay.fields.get("status", 0)
        status = pl.col("p_status") if "status" in self.d else pl.lit(None, POSITION)
        return df.with_columns(
            status.alias("_text"), pl.lit(sc).alias("_sc"), pl.lit(self.lay.fields["step"]).alias("_stc")
        )

    def _unpivot(self, df: pl.DataFrame) -> pl.DataFrame:
        """Wide: one row per system × step column (the columns one after another), the
        status's positions in ``_text`` at column ``_sc``."""
        keep = [x for x in df.columns if not x.startswith("p_c")]
        parts = [
            df.select(
                *keep,
                pl.col(f"p_c{c}").alias("_text"),
                pl.lit(n, pl.Int16).alias("_step"),
                pl.lit(c, pl.Int64).alias("_sc"),
                pl.lit(c, pl.Int64).alias("_stc"),
            )
            for n, c in self.lay.steps.items()
            if f"p_c{c}" in df.columns
        ]
        return pl.concat(parts) if parts else df

    def _status(self, df: pl.DataFrame) -> pl.DataFrame:
        if "_text" not in self.d:
            return df.with_columns(pl.lit(None, SCHEMA["status"]).alias("_status"))

        def unknown(r: dict) -> Words:
            v = shorten(self.text("_text", r))
            return Words(
                f"状況「{v}」は使えません。{ACCEPTED.ja} のいずれかです", f"status {v!r} is not one of {ACCEPTED.en}"
            )

        status = SCHEMA["status"]
        df, _ = self._checked(
            df,
            "_text",
            lambda v: s.value if (s := parse_status(v)) else None,
            status,
            "_status",
            ("E008", unknown),
            "_sc",
        )
        if df.get_column("_text").null_count():
            what = Words(
                f"状況がありません(ステップごとに {ACCEPTED.ja} のいずれかを書いてください)",
                f"the status is missing (write one of {ACCEPTED.en} for every step)",
            )
            self.report_empty(df.filter(pl.col("_text").is_null() & pl.col("_step").is_not_null()), "_sc", "E007", what)
        return df

    def _planned(self, df: pl.DataFrame) -> pl.DataFrame:
        if "planned" not in self.d:
            return df.with_columns(pl.lit(None, pl.String).alias("_planned"))
        why: dict[str, Words] = {}

        def one(v: str) -> str | None:
            try:
                dates.parse(v)
            except dates.DateError as e:
                why[v] = Words(e.text("ja"), e.text("en"))
                return None
            return v

        df, _ = self._checked(
            df,
            "planned",
            one,
            pl.String(),
            "_planned",
            ("E004", lambda r: Words("予定: ", "planned: ") + why[self.text("planned", r)]),
        )
        return df

    def bname(self, bid: str) -> str:
        b = self.nat.businesses.get(bid)
        return b.name.ja if b else bid


__all__ = ["SnapshotReader"]
