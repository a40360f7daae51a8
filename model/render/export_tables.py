"""Export plans as tables: the prefecture table (the seed's shape, :mod:`model.analysis.table`) and a
long table (one row per municipality × business × phase) with each row's findings.

The writers here (csv, parquet, json, xlsx) and in their own modules (``tjp``) are named in
:data:`model.render.registry.EXPORT`; a writer gets :class:`ExportData` (the plans, the
national timeline, the findings and the tables) and :class:`Options`, and returns the file's
bytes.

Long table columns (ids in csv/json/parquet; Japanese headers and labels in xlsx):

=============  ==========  ===============================================================
column         xlsx        meaning
=============  ==========  ===============================================================
municipality   市町        the municipality
code           団体コード  全国地方公共団体コード
prefecture     都道府県
surveyed       調査時点    when the values were surveyed
business       業務        empty for the municipal line, else the business id (name in xlsx)
phase          フェーズ    phase id (the survey's column name in xlsx)
date           完了予定    the planned completion as the planner wrote it
start, end     最早月/最遅月  the months it may mean (``R5`` = 2023-04 .. 2024-03), ISO
precision      精度        month / fiscal_year / done / na
status         状況        done / in_progress / not_started / n/a
note           メモ        the phase's note
findings       指摘        rule codes of the findings on this phase (after suppressions)
severity       重大度      the worst of them
=============  ==========  ===============================================================
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from model.analysis.table import columns as table_columns
from model.analysis.table import frame as table_frame
from model.analysis.table import ordered, rollup
from model.checks.finding import Finding
from model.core.cells import cell_width
from model.core.dates import OPEN_START, PlanDate, Precision, Style, render_month
from model.core.national import National
from model.core.plan import PhaseEntry, Plan
from model.core.severity import worst
from model.core.spreadsheet import FORMULA_START

if TYPE_CHECKING:
    import polars as pl

LONG_COLUMNS: tuple[tuple[str, str], ...] = (
    ("municipality", "市町"),
    ("code", "団体コード"),
    ("prefecture", "都道府県"),
    ("surveyed", "調査時点"),
    ("business", "業務"),
    ("phase", "フェーズ"),
    ("date", "完了予定"),
    ("start", "最早月"),
    ("end", "最遅月"),
    ("precision", "精度"),
    ("status", "状況"),
    ("note", "メモ"),
    ("findings", "指摘"),
    ("severity", "重大度"),
)
LONG_JA = dict(LONG_COLUMNS)
CODE_COLUMN = {"ja": "団体コード", "en": "Code"}
PRECISION_JA = {"month": "年月", "fiscal_year": "年度", "done": "完了", "na": "対象外"}
TABLES = ("prefecture", "long", "all")
SHEETS = {
    "ja": {"prefecture": "一覧", "long": "明細", "facts": "集計"},
    "en": {"prefecture": "Summary", "long": "Details", "facts": "Facts"},
}


@dataclass(slots=True)
class ExportData:
    """Everything a writer may need: the plans, the national timeline, the findings and the tables."""

    plans: list[Plan]  # in 団体コード order
    national: National
    findings: list[Finding]
    long_rows: list[dict[str, str]]
    long_findings: list[list[Finding]]  # parallel to long_rows
    facts: dict[str, list[str]] = field(default_factory=dict)  # lang -> roll-up sentences
    proposed: dict[tuple[str, str | None, str], str] | None = (
        None  # (municipality, business, phase) -> the value a fix writes; None: not asked (no column)
    )

    def prefecture(self, lang: str = "ja") -> pl.DataFrame:
        """The seed's table (団体コード first) from :func:`model.analysis.table.frame`."""
        import polars as pl

        df = table_frame(self.plans, self.national, lang)
        return df.insert_column(0, pl.Series(CODE_COLUMN[lang], [p.code or "" for p in self.plans], dtype=pl.String))

    def long(self) -> pl.DataFrame:
        import polars as pl

        cols = [c for c, _ in LONG_COLUMNS]
        return pl.DataFrame({c: [r[c] for r in self.long_rows] for c in cols}, schema={c: pl.String for c in cols})

    def prefecture_findings(self) -> dict[tuple[int, str], list[Finding]]:
        """(row in the prefecture table, phase id) -> findings on that phase of that plan."""
        row = {p.municipality: i for i, p in enumerate(self.plans)}
        out: dict[tuple[int, str], list[Finding]] = {}
        for f in self.findings:
            if f.phase is not None and f.municipality in row:
                out.setdefault((row[f.municipality], f.phase), []).append(f)
        return out


def _iso(m: int) -> str:
    return render_month(m, Style.ISO)


def _interval(d: PlanDate | None) -> tuple[str, str]:
    if d is None or d.is_na:
        return "", ""
    if d.is_done:
        return "", _iso(d.hi) if d.hi != OPEN_START else ""
    return _iso(d.lo), _iso(d.hi)


def build(plans: list[Plan], nat: National, findings: list[Finding]) -> ExportData:
    """The export tables of these plans (``findings`` as ``plans lint`` gives them)."""
    plans = ordered(plans)
    by_key: dict[tuple[str, str | None, str | None], list[Finding]] = {}
    for f in findings:
        by_key.setdefault((f.municipality, f.business, f.phase), []).append(f)
    rows: list[dict[str, str]] = []
    row_findings: list[list[Finding]] = []

    def add(p: Plan, business: str | None, pid: str, e: PhaseEntry) -> None:
        start, end = _interval(e.date)
        fs = by_key.get((p.municipality, business, pid), [])
        rows.append(
            {
                "municipality": p.municipality,
                "code": p.code or "",
                "prefecture": p.prefecture or "",
                "surveyed": p.surveyed.text if p.surveyed else "",
                "business": business or "",
                "phase": pid,
                "date": e.date.text if e.date else "",
                "start": start,
                "end": end,
                "precision": e.date.precision.value if e.date else "",
                "status": e.status or "",
                "note": e.note or "",
                "findings": " ".join(sorted({f.code for f in fs})),
                "severity": str(worst(f.severity for f in fs) or ""),
            }
        )
        row_findings.append(fs)

    for p in plans:
        for ph in nat.phases:
            if (e := p.phases.get(ph.id)) is not None:
                add(p, None, ph.id, e)
        for bid in nat.businesses:
            if (bp := p.businesses.get(bid)) is None:
                continue
            for ph in nat.phases:
                if (e := bp.phases.get(ph.id)) is not None:
                    add(p, bid, ph.id, e)
    ru = rollup(plans, nat)
    return ExportData(plans, nat, findings, rows, row_findings, {"ja": ru.facts("ja"), "en": ru.facts("en")})


# -- writers -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Options:
    table: str = "all"  # prefecture | long | all
    lang: str = "ja"
    on_step: Callable[[], None] | None = field(default=None, compare=False)  # per row, for a progress bar

    def step(self) -> None:
        if self.on_step is not None:
            self.on_step()


def work(data: ExportData, fmt: str, opts: Options) -> int:
    """Steps a writer reports through ``Options.on_step`` (0: too quick to report)."""
    if fmt != "xlsx":
        return 0
    rows = (len(data.plans) if opts.table in ("prefecture", "all") else 0) + (
        len(data.long_rows) if opts.table in ("long", "all") else 0
    )
    return 2 * rows  # writing the rows, then assembling the file (about as long)


def _one(data: ExportData, opts: Options) -> pl.DataFrame:
    return data.prefecture(opts.lang) if opts.table == "prefecture" else data.long()


def to_csv(data: ExportData, opts: Options) -> bytes:
    """UTF-8 with a BOM, so that Excel opens the Japanese text as such; a cell that a
    spreadsheet would run as a formula gets a leading ``'`` (:mod:`model.core.spreadsheet`)."""
    buf = io.BytesIO()
    neutralised_frame(_one(data, opts)).write_csv(buf, include_bom=True)
    return buf.getvalue()


def neutralised_frame(df: pl.DataFrame) -> pl.DataFrame:
    """Every text cell starting like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) with a
    ``'`` before it, as :func:`model.core.spreadsheet.neutralised`; vectorised (a long table
    has 150,000 rows nationwide). Every CSV a spreadsheet may open goes through it:
    ``plans export``, ``plans table --format csv``, ``plans stats --format csv``."""
    import polars as pl

    starts = list(FORMULA_START)

    def needs_mark(c: str) -> pl.Expr:  # model.core.spreadsheet.neutralised, column-wise
        return pl.col(c).str.strip_chars_start("'").str.slice(0, 1).is_in(starts)

    return df.with_columns(
        pl.when(needs_mark(c)).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c, t in df.schema.items()
        if t == pl.String
    )


def to_parquet(data: ExportData, opts: Options) -> bytes:
    buf = io.BytesIO()
    _one(data, opts).write_parquet(buf)
    return buf.getvalue()


def to_json(data: ExportData, opts: Options) -> bytes:
    """One object: ``prefecture`` and ``long`` as arrays of row objects, ``facts``. The
    tables are serialised by polars (``write_json``, fast on 150,000 rows), one per line."""
    parts: list[str] = []
    if opts.table in ("prefecture", "all"):
        parts.append(f'"prefecture": {data.prefecture(opts.lang).write_json()}')
    if opts.table in ("long", "all"):
        parts.append(f'"long": {data.long().write_json()}')
    if opts.table == "all":
        parts.append(f'"facts": {json.dumps(data.facts.get(opts.lang, []), ensure_ascii=False)}')
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")


def display_width(text: str) -> int:
    """Columns a text takes in a monospaced cell: wide (CJK) characters count two."""
    return cell_width(text)


def to_xlsx(data: ExportData, opts: Options) -> bytes:
    """The workbook for people (:func:`model.render.export_xlsx.to_xlsx`; xlsxwriter is
    imported only when one is written)."""
    from model.render.export_xlsx import to_xlsx as write

    return write(data, opts)


def export(data: ExportData, fmt: str, opts: Options) -> bytes:
    """The file of format ``fmt`` (a name in :data:`model.render.registry.EXPORT`)."""
    from model.render.registry import EXPORT

    return EXPORT[fmt].load()(data, opts)  # type: ignore[no-any-return]


__all__ = [
    "LONG_COLUMNS",
    "PRECISION_JA",
    "TABLES",
    "ExportData",
    "Options",
    "Precision",
    "build",
    "display_width",
    "export",
    "neutralised_frame",
    "table_columns",
]
