"""Rows of a progress table → the snapshot's rows, every cell validated column-wise with
polars (a nationwide snapshot is 1.4 million rows): each column's distinct values are
checked once (codes with their check digit, businesses and steps against national.toml,
statuses, planned months as ``plans lint`` reads dates), and only the rows that fail are
turned into problems at their cells (``Sheet1!D7``). Then the structure: one name per code,
no system × step twice, every system with all 40 steps.

Problems are capped at :data:`MAX_PROBLEMS` per file (the rest counted), so a file whose
every status is misspelt does not print a million lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

import polars as pl

from model.core import dates
from model.core.national import National
from model.core.reader import shorten
from model.core.words import Words
from model.importing.layout import business_aliases, check_code, close_match, norm, with_check_digit
from model.importing.sheets import MAX_CELL_CHARS, Cell, CellProblem, Table
from model.importing.snapshot_layout import SnapshotLayout, header_text
from model.progress.prefectures import BY_CODE
from model.progress.snapshot import COLUMNS, SCHEMA, ranges
from model.progress.status import ACCEPTED, parse_status

MAX_PROBLEMS = 1000
Directory = dict[str, tuple[str | None, str | None]]  # municipality code or name -> (the other, prefecture)


@dataclass(slots=True)
class Problems:
    """A file's problems, at most MAX_PROBLEMS kept; the rest counted by code."""

    file: str
    items: list[CellProblem] = field(default_factory=list)
    more: Counter[str] = field(default_factory=Counter)

    def add(self, cell: Cell | None, code: str, words: Words) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(CellProblem(self.file, cell, code, words))
        else:
            self.more[code] += 1

    def rest(self) -> Words | None:
        """The problems past the cap, counted by code (a line after the listed ones)."""
        if not any(self.more.values()):
            return None
        n = sum(self.more.values())
        by = ", ".join(f"{c} {k:,}" for c, k in sorted(self.more.items()))
        return Words(
            f"ほかに {n:,} 件の問題があります({by})。最初の {MAX_PROBLEMS:,} 件を直してから、もう一度読み込んでください",
            f"{n:,} more problems ({by}); fix the first {MAX_PROBLEMS:,} and import again",
        )

    def __len__(self) -> int:
        return len(self.items) + sum(self.more.values())

    def __bool__(self) -> bool:
        return bool(self.items)


_EXCEL_INT = re.compile(r"^(\d+)\.0+$")
_EXCEL_DATE = re.compile(r"^(\d{4})-(\d{2})-\d{2}(?:[ T]00:00:00(?:\.0+)?)?$")


def tidy(v: str, excel: bool) -> str | None:
    """A cell as text (as :func:`model.importing.sheets.clean`): trimmed, empty as None; from
    a workbook, an Excel whole number (1.0) without ``.0`` and a date (2022-10-01 00:00:00)
    as its month (2022-10)."""
    t = v.strip()
    if excel and t[:1].isdigit():
        if m := _EXCEL_INT.match(t):
            t = m.group(1)
        elif m := _EXCEL_DATE.match(t):
            t = f"{m.group(1)}-{m.group(2)}"
    return t or None


class SnapshotReader:
    """Reads one progress table into snapshot rows; collects every problem at its cell."""

    def __init__(
        self,
        table: Table,
        lay: SnapshotLayout,
        nat: National,
        problems: Problems,
        directory: Callable[[], Directory] | None = None,
    ) -> None:
        self.table = table
        self.lay = lay
        self.nat = nat
        self.problems = problems
        self._directory = directory  # the plans' codes and names, read only when needed
        self.col = {f: f"c{c}" for f, c in lay.fields.items()}
        self._distinct: dict[str, list[str]] = {}  # column -> its distinct tidy values

    # -- problems at cells ------------------------------------------------------------
    def _report(self, bad: pl.DataFrame, col: str | int, code: str, words: Callable[[dict], Words]) -> None:
        """A problem at each row of ``bad`` (``_r`` its row; ``col`` a field, or the name of
        the frame column holding the column index)."""
        room = max(0, MAX_PROBLEMS - len(self.problems.items))
        for row in bad.head(room).iter_rows(named=True):
            c = row[col] if isinstance(col, str) and col.startswith("_") else self.lay.fields[col]  # type: ignore[index]
            self.problems.add(self.table.cell(row["_r"], c), code, words(row))
        if bad.height > room:
            self.problems.more[code] += bad.height - room

    def _tidy(self, df: pl.DataFrame, cols: list[str]) -> pl.DataFrame:
        """Every cell of ``cols`` tidied (:func:`tidy`), computed once per distinct value and
        applied only to a column where some value changes; the distinct values kept."""
        fixes = []
        for c in cols:
            values = df.get_column(c).unique().drop_nulls().to_list()
            changed = {v: t for v in values if (t := tidy(v, self.table.excel)) != v}
            self._distinct[c] = [t for v in values if (t := changed.get(v, v)) is not None]
            if changed:
                fixes.append(pl.col(c).replace(changed))
        return df.with_columns(fixes) if fixes else df

    def _map(
        self, df: pl.DataFrame, src: str, out: str, fn: Callable[[str], Hashable | None], dtype: pl.DataType
    ) -> pl.DataFrame:
        """``out`` = ``fn`` of each distinct value of column ``src`` (None: invalid)."""
        values = self._distinct.get(src)
        if values is None:
            values = df.get_column(src).unique().drop_nulls().to_list()
        table = {v: fn(v) for v in set(values)}
        good = {k: v for k, v in table.items() if v is not None}
        return df.with_columns(pl.col(src).replace_strict(good, default=None, return_dtype=dtype).alias(out))

    # -- reading ----------------------------------------------------------------------
    def read(self) -> pl.DataFrame | None:
        """The snapshot's rows (:data:`COLUMNS`), or None when a problem was found."""
        lay, f = self.lay, self.col
        used = sorted({*f.values(), *(f"c{c}" for c in lay.steps.values())})
        df = self.table.frame.slice(lay.header_row + 1).with_row_index("_r", offset=lay.header_row + 1)
        used = [c for c in used if c in df.columns]
        df = self._tidy(df.select("_r", *used), used)
        df = df.filter(pl.any_horizontal(pl.col(c).is_not_null() for c in used))
        before = len(self.problems)
        self._too_long(df, used)
        df = self._key(df)
        df = self._business(df)
        df = self._steps(df) if lay.shape == "long" else self._unpivot(df)
        df = self._status(df)
        df = self._planned(df)
        df = self._names(df)
        # the structure of the rows whose cells are good (a system with a bad cell is not
        # also said to lack that step)
        key = pl.col("_code") if "code" in self.col else pl.col("_name")
        planned_bad = (
            (pl.col(self.col["planned"]).is_not_null() & pl.col("_planned").is_null())
            if "planned" in self.col
            else pl.lit(False)
        )
        bad = (
            key.is_null()
            | pl.col("business").is_null()
            | pl.col("step").is_null()
            | pl.col("status").is_null()
            | planned_bad
        )
        if len(self.problems) > before:
            good = df.filter(~bad)
            good = good.join(
                df.filter(bad).select("_sys", "business").unique(),
                on=["_sys", "business"],
                how="anti",
                nulls_equal=True,
            )
        else:
            good = df
        self._structure(good)
        if len(self.problems) > before:
            return None
        return df.select(pl.col(c).cast(SCHEMA[c]) for c in COLUMNS)

    def _too_long(self, df: pl.DataFrame, used: list[str]) -> None:
        for c in used:
            if c not in df.columns or (
                c in self._distinct and all(len(v) <= MAX_CELL_CHARS for v in self._distinct[c])
            ):
                continue  # no distinct value of the column is too long: no pass over its rows
            bad = df.filter(pl.col(c).str.len_chars() > MAX_CELL_CHARS).with_columns(
                pl.lit(int(c[1:])).alias("_c"), pl.col(c).str.len_chars().alias("_n")
            )
            self._report(
                bad,
                "_c",
                "E008",
                lambda r: Words(
                    f"セルが長すぎます({r['_n']:,}文字、上限 {MAX_CELL_CHARS:,}文字)",
                    f"the cell is too long ({r['_n']:,} characters; at most {MAX_CELL_CHARS:,})",
                ),
            )

    def _key(self, df: pl.DataFrame) -> pl.DataFrame:
        """``_code`` (6 digits) and ``_name``; a row naming neither is E007."""
        f = self.col
        if "code" in f:
            why: dict[str, Words] = {}

            def one(v: str) -> str | None:
                c, w = check_code(v)
                if w is not None:
                    why[v] = w
                return with_check_digit(c) if c else None

            df = self._map(df, f["code"], "_code", one, pl.Categorical)
            self._report(
                df.filter(pl.col(f["code"]).is_not_null() & pl.col("_code").is_null()),
                "code",
                "E008",
                lambda r: why[r[f["code"]]],
            )
        else:
            df = df.with_columns(pl.lit(None, pl.Categorical).alias("_code"))
        name = pl.col(f["municipality"]).cast(pl.Categorical) if "municipality" in f else pl.lit(None, pl.Categorical)
        df = df.with_columns(name.alias("_name"))
        missing = df.filter(pl.col(f["code"]).is_null() if "code" in f else pl.col("_name").is_null())
        what = (
            Words("団体コードがありません", "the municipality code is missing")
            if "code" in f
            else Words("市区町村名がありません", "the municipality name is missing")
        )
        self._report(missing, "code" if "code" in f else "municipality", "E007", lambda r: what)
        return df

    def _business(self, df: pl.DataFrame) -> pl.DataFrame:
        c = self.col["business"]
        aliases = business_aliases(self.nat)
        df = self._map(df, c, "_business", lambda v: aliases.get(norm(v)), pl.Categorical)
        options = [*self.nat.businesses, *(b.name.ja for b in self.nat.businesses.values())]

        def unknown(r: dict) -> Words:
            v = r[c]
            close = close_match(v, options)
            hint = (
                Words(f"。「{close}」の誤りではありませんか", f"; did you mean {close!r}?") if close else Words("", "")
            )
            return Words(f"未知の業務「{shorten(v)}」です", f"unknown business {shorten(v)!r}") + hint

        self._report(df.filter(pl.col(c).is_not_null() & pl.col("_business").is_null()), "business", "E005", unknown)
        self._report(
            df.filter(pl.col(c).is_null()),
            "business",
            "E007",
            lambda r: Words("業務がありません", "the business is missing"),
        )
        return df

    def _steps(self, df: pl.DataFrame) -> pl.DataFrame:
        """Long: the step column (a number or a name) as ``_step``; status in ``_text`` at
        column ``_sc``."""
        c = self.col["step"]
        n = len(self.nat.steps)
        names = {header_text(s.name.ja): s.number for s in self.nat.steps} | {
            header_text(s.name.en): s.number for s in self.nat.steps
        }

        def one(v: str) -> int | None:
            t = header_text(v)
            return (int(t) if 1 <= int(t) <= n else None) if t.isdigit() and len(t) <= 3 else names.get(t)

        df = self._map(df, c, "_step", one, pl.Int16)
        self._report(
            df.filter(pl.col(c).is_not_null() & pl.col("_step").is_null()),
            "step",
            "E005",
            lambda r: Words(
                f"未知のステップ「{shorten(r[c])}」です(1〜{n} の番号か手順書の名前)",
                f"unknown step {shorten(r[c])!r} (a number 1-{n} or a step's name)",
            ),
        )
        self._report(
            df.filter(pl.col(c).is_null()),
            "step",
            "E007",
            lambda r: Words("ステップがありません", "the step is missing"),
        )
        sc = self.lay.fields.get("status", 0)
        status = pl.col(self.col["status"]) if "status" in self.col else pl.lit(None, pl.String)
        return df.with_columns(
            status.alias("_text"), pl.lit(sc).alias("_sc"), pl.lit(self.lay.fields["step"]).alias("_stc")
        )

    def _unpivot(self, df: pl.DataFrame) -> pl.DataFrame:
        """Wide: one row per system × step column, the status in ``_text`` at column ``_sc``."""
        cols = {f"c{c}": (n, c) for n, c in self.lay.steps.items()}
        keep = [x for x in df.columns if x not in cols]
        long = df.unpivot(index=keep, on=list(cols), variable_name="_var", value_name="_text")
        return long.with_columns(
            pl.col("_var").replace_strict({k: v[0] for k, v in cols.items()}, return_dtype=pl.Int16).alias("_step"),
            pl.col("_var").replace_strict({k: v[1] for k, v in cols.items()}, return_dtype=pl.Int64).alias("_sc"),
            pl.col("_var").replace_strict({k: v[1] for k, v in cols.items()}, return_dtype=pl.Int64).alias("_stc"),
        ).drop("_var")

    def _status(self, df: pl.DataFrame) -> pl.DataFrame:
        df = self._map(df, "_text", "_status", lambda v: s.value if (s := parse_status(v)) else None, SCHEMA["status"])
        self._report(
            df.filter(pl.col("_text").is_not_null() & pl.col("_status").is_null()),
            "_sc",
            "E008",
            lambda r: Words(
                f"状況「{shorten(r['_text'])}」は使えません。{ACCEPTED.ja} のいずれかです",
                f"status {shorten(r['_text'])!r} is not one of {ACCEPTED.en}",
            ),
        )
        what = Words(
            f"状況がありません(ステップごとに {ACCEPTED.ja} のいずれかを書いてください)",
            f"the status is missing (write one of {ACCEPTED.en} for every step)",
        )
        self._report(
            df.filter(pl.col("_text").is_null() & pl.col("_step").is_not_null()), "_sc", "E007", lambda r: what
        )
        return df

    def _planned(self, df: pl.DataFrame) -> pl.DataFrame:
        if "planned" not in self.col:
            return df.with_columns(pl.lit(None, pl.String).alias("_planned"))
        c = self.col["planned"]
        why: dict[str, Words] = {}

        def one(v: str) -> str | None:
            try:
                dates.parse(v)
            except dates.DateError as e:
                why[v] = Words(e.text("ja"), e.text("en"))
                return None
            return v

        df = self._map(df, c, "_planned", one, pl.String)
        self._report(
            df.filter(pl.col(c).is_not_null() & pl.col("_planned").is_null()),
            "planned",
            "E004",
            lambda r: Words("予定: ", "planned: ") + why[r[c]],
        )
        return df

    # -- structure ----------------------------------------------------------------------
    def _names(self, df: pl.DataFrame) -> pl.DataFrame:
        """``code``, ``municipality``, ``prefecture`` of every row: as written, else from the
        plans (``directory``), else the prefecture of the code; one name per code."""
        d = self._directory() if self._directory and not ("code" in self.col and "municipality" in self.col) else {}
        if (
            "code" in self.col
            and "municipality" in self.col
            and df.group_by("_code").agg(pl.col("_name").n_unique().alias("_n")).get_column("_n").max() > 1
        ):  # type: ignore[operator]
            first = df.group_by("_code").agg(pl.col("_name").first().alias("_first"), pl.col("_r").first().alias("_fr"))
            odd = df.join(first, on="_code").filter(pl.col("_name") != pl.col("_first"))
            self._report(
                odd,
                "municipality",
                "E008",
                lambda r: Words(
                    f"団体コード {r['_code']} の市区町村名が {self.table.cell(r['_fr'], self.lay.fields['municipality']).ref} の「{shorten(r['_first'])}」と違います",
                    f"code {r['_code']} has the name {shorten(r['_first'])!r} at {self.table.cell(r['_fr'], self.lay.fields['municipality']).ref}",
                ),
            )
        cat = pl.Categorical
        other = {k: v[0] for k, v in d.items()}
        code = (
            pl.col("_code")
            if "code" in self.col
            else pl.col("_name").replace_strict(other, default=None, return_dtype=cat)
        )
        name = (
            pl.col("_name")
            if "municipality" in self.col
            else pl.col("_code").replace_strict(other, default=None, return_dtype=cat)
        )
        df = df.with_columns(code.alias("code"), name.alias("municipality"))
        # the prefecture: as written, else the plan's, else the code's (its first two digits)
        prefs = [pl.col(self.col["prefecture"]).cast(cat)] if "prefecture" in self.col else []
        if pref_known := {k: v[1] for k, v in d.items() if v[1]}:
            prefs.append(pl.col("municipality").replace_strict(pref_known, default=None, return_dtype=cat))
        codes = df.get_column("code").unique().drop_nulls().cast(pl.String).to_list()
        prefs.append(
            pl.col("code").replace_strict({c: BY_CODE.get(c[:2]) for c in codes}, default=None, return_dtype=cat)
        )
        return df.with_columns(
            (pl.coalesce(prefs) if len(prefs) > 1 else prefs[0]).alias("prefecture"),
            pl.col("_business").alias("business"),
            pl.col("_step").alias("step"),
            pl.col("_status").alias("status"),
            pl.col("_planned").alias("planned"),
            (
                pl.col("_code")
                if "code" in self.col
                else pl.concat_str(
                    [
                        pl.col("_name").cast(pl.String),
                        pl.col(self.col["prefecture"]) if "prefecture" in self.col else pl.lit(""),
                    ],
                    separator="\x1f",
                    ignore_nulls=True,
                )
            ).alias("_sys"),
        )

    def _structure(self, df: pl.DataFrame) -> None:
        """No system × step twice, every system with all the steps: one pass counts each
        system's rows and distinct steps; only a system that fails is looked at closer."""
        n = len(self.nat.steps)
        counts = df.group_by(["_sys", "business"]).agg(pl.len().alias("_rows"), pl.col("step").n_unique().alias("_n"))
        odd = counts.filter((pl.col("_rows") > pl.col("_n")) | (pl.col("_n") < n)).select("_sys", "business")
        if odd.height:
            sub = df.join(odd, on=["_sys", "business"], nulls_equal=True)
            self._unique(sub)
            self._complete(sub)

    def _unique(self, df: pl.DataFrame) -> None:
        keys = ["_sys", "business", "step"]
        dup = df.with_columns(
            pl.col("_r").rank("ordinal").over(keys).alias("_k"), pl.col("_r").min().over(keys).alias("_fr")
        ).filter(pl.col("_k") > 1)
        where = "_stc" if self.lay.shape == "long" else "business"
        first_col = self.lay.fields["step"] if self.lay.shape == "long" else self.lay.fields["business"]
        self._report(
            dup,
            where,
            "E006",
            lambda r: Words(
                f"{shorten(r['municipality'] or r['code'] or '')} {self._bname(r['business'])} のステップ{r['step']}は {self.table.cell(r['_fr'], first_col).ref} にもあります",
                f"{shorten(r['municipality'] or r['code'] or '')} {r['business']} step {r['step']} already appears at {self.table.cell(r['_fr'], first_col).ref}",
            ),
        )

    def _complete(self, df: pl.DataFrame) -> None:
        n = len(self.nat.steps)
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
                f"{who} {self._bname(r['business'])} にステップ {lack} がありません(1システム{n}ステップすべての状況が要ります)",
                f"{who} {r['business']} lacks steps {lack} (a system reports all {n} steps)",
            )

        self._report(short.sort("_r"), "business", "E007", missing)

    def _bname(self, bid: str) -> str:
        b = self.nat.businesses.get(bid)
        return b.name.ja if b else bid


__all__ = ["MAX_PROBLEMS", "Directory", "Problems", "SnapshotReader"]
