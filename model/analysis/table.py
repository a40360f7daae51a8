"""The prefecture table (the seed's 資料1 table) and the roll-up facts it states.

One row per municipality, the six phases in the planner's own notation (the municipal line
is the latest over its businesses, as the seed's footnote says), and the facts: how many
standardize with the current vendor, how many finish in the deadline month, and from which
fiscal year completions start. ``frame()`` gives it as a polars DataFrame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.core.dates import Precision, Style, fiscal_year_of, render_fiscal_year
from model.core.national import National
from model.core.plan import Plan
from model.core.words import Words

if TYPE_CHECKING:
    import polars as pl

MUNI_COLUMN = Words("市町", "Municipality")


def ordered(plans: list[Plan]) -> list[Plan]:
    """Plans in 団体コード order (the seed's order), then by name."""
    return sorted(plans, key=lambda p: (p.code or "999999", p.municipality))


def rows(plans: list[Plan], nat: National) -> list[dict[str, str]]:
    out = []
    for p in ordered(plans):
        row = {MUNI_COLUMN.ja: p.municipality}
        for ph in nat.phases:
            d = p.summary(ph.id)
            row[ph.column] = d.text if d is not None else ""
        out.append(row)
    return out


def columns(nat: National, lang: str = "ja") -> list[str]:
    """The table's headers: in Japanese the survey's own columns, in English the phases' names."""
    return [MUNI_COLUMN(lang), *(Words(p.column, p.name.en)(lang) for p in nat.phases)]


def frame(plans: list[Plan], nat: National, lang: str = "ja") -> pl.DataFrame:
    import polars as pl

    data = rows(plans, nat)
    cols_ja = columns(nat, "ja")
    df = pl.DataFrame({c: [r[c] for r in data] for c in cols_ja}, schema={c: pl.String for c in cols_ja})
    if lang == "en":
        df = df.rename(dict(zip(cols_ja, columns(nat, "en"), strict=True)))
    return df


@dataclass(frozen=True, slots=True)
class Rollup:
    municipalities: int
    current_vendor: int
    at_deadline: int
    first_fiscal_year: int | None  # Gregorian start year of the first fiscal year with a go-live
    deadline_text: str

    def facts(self, lang: str = "ja") -> list[str]:
        out = [
            Words(
                f"{self.current_vendor}市町が現行ベンダで標準化を予定({self.municipalities}市町中)。",
                f"{self.current_vendor} of {self.municipalities} municipalities standardize with their current vendor.",
            ),
            Words(
                f"{self.at_deadline}市町が{self.deadline_text}を予定。",
                f"{self.at_deadline} municipalities plan to finish in {self.deadline_text}.",
            ),
        ]
        if (first := self.first_fiscal_year) is not None and (fy := render_fiscal_year(first)):
            kanji = render_fiscal_year(first, Style.KANJI)  # 令和6年度
            out.append(
                Words(f"{kanji}から順次移行完了予定({fy}年度)。", f"Completions start in fiscal {fy} (FY{first}).")
            )
        return [w(lang) for w in out]


def rollup(plans: list[Plan], nat: National) -> Rollup:
    current = sum(1 for p in plans if p.vendor_strategy == "current_vendor")
    at_deadline = 0
    first: int | None = None
    for p in plans:
        mig = p.summary("migration")
        if mig is None or mig.is_na:
            continue
        if mig.precision is Precision.MONTH and mig.lo == nat.deadline.hi:
            at_deadline += 1
        if mig.precision in (Precision.MONTH, Precision.FISCAL_YEAR):
            fy = fiscal_year_of(mig.lo)
            first = fy if first is None else min(first, fy)
    return Rollup(len(plans), current, at_deadline, first, nat.deadline.text)
