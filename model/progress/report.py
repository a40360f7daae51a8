"""A snapshot's roll-ups as tables people read: every view with headers in the chosen
language, rates in percent (one decimal), the change since an earlier snapshot in points;
the same as plain data (json) and as a workbook (one sheet per view)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import polars as pl

from model.core.national import National
from model.core.words import Words
from model.progress.rollup import COUNTS, KEYS, RATES, VIEWS, View, rollup, since
from model.progress.snapshot import Snapshot

HEADERS: dict[str, Words] = {
    "code": Words("団体コード", "code"),
    "municipality": Words("市区町村", "municipality"),
    "prefecture": Words("都道府県", "prefecture"),
    "business": Words("業務", "business"),
    "step": Words("ステップ", "step"),
    "step_name": Words("手順", "name"),
    "phase": Words("フェーズ", "phase"),
    "systems": Words("システム数", "systems"),
    "done": Words("完了済み", "done"),
    "na": Words("対象外", "n/a"),
    "in_progress": Words("作業中", "in progress"),
    "not_started": Words("未着手", "not started"),
    "done_rate": Words("完了率(%)", "done (%)"),
    "in_progress_rate": Words("作業中率(%)", "in progress (%)"),
    "not_started_rate": Words("未着手率(%)", "not started (%)"),
    "done_rate_then": Words("前回の完了率(%)", "done then (%)"),
    "done_rate_change": Words("増減(pt)", "change (pt)"),
}
TITLES: dict[str, Words] = {
    "municipality": Words("市区町村別", "By municipality"),
    "prefecture": Words("都道府県別", "By prefecture"),
    "business": Words("業務別", "By business"),
    "step": Words("ステップ別", "By step"),
    "system": Words("システム別", "By system"),
    "total": Words("全体", "Total"),
}
PERCENT = ("done_rate", "in_progress_rate", "not_started_rate", "done_rate_then", "done_rate_change")


@dataclass(frozen=True, slots=True)
class ProgressReport:
    snapshot: Snapshot
    nat: National
    earlier: Snapshot | None = None

    def rollup(self, view: View) -> pl.DataFrame:
        """The view's rows as fractions, with the change since ``earlier`` if given."""
        now = rollup(self.snapshot, view, self.nat)
        return since(now, rollup(self.earlier, view, self.nat), view) if self.earlier is not None else now

    def table(self, view: View, lang: str, *, drop: tuple[str, ...] = ()) -> pl.DataFrame:
        """The view for people: names in ``lang``, rates in percent, headers in ``lang``;
        without the columns ``drop`` names (a terminal's width)."""
        df = self.rollup(view)
        df = df.drop(*(c for c in drop if c in df.columns), *(f"{c}_en" for c in drop if f"{c}_en" in df.columns))
        en = lang == "en"
        if "business_name" in df.columns:
            df = df.with_columns(pl.col("business_name_en" if en else "business_name").alias("business")).drop(
                "business_name", "business_name_en"
            )
        if "step_name" in df.columns:
            df = df.with_columns(pl.col("step_name_en" if en else "step_name").alias("step_name")).drop("step_name_en")
        if "phase" in df.columns:
            phases = {p.id: p.name(lang) for p in self.nat.phases}
            df = df.with_columns(
                pl.col("phase").replace_strict(phases, default=pl.col("phase"), return_dtype=pl.String)
            )
        df = df.with_columns((pl.col(c) * 100).round(1) for c in PERCENT if c in df.columns)
        return df.rename({c: HEADERS[c](lang) for c in df.columns if c in HEADERS})

    def rate_headers(self, lang: str) -> tuple[str, ...]:
        return tuple(HEADERS[c](lang) for c in PERCENT)

    def change_header(self, lang: str) -> str:
        return HEADERS["done_rate_change"](lang)

    def title(self, view: View) -> Words:
        month = self.snapshot.label
        then = f" / {self.earlier.label}" if self.earlier is not None else ""
        t = TITLES[view]
        return Words(f"進捗 {month}{then} — {t.ja}", f"Progress {month}{then} — {t.en}")

    def total(self) -> dict[str, Any]:
        return self.rollup("total").row(0, named=True) if self.snapshot.frame.height else {}

    def summary(self, total: dict[str, Any]) -> Words:
        """「2025-05: 760システム、完了率 61.2%(作業中 9.0%、未着手 29.8%)、2025-04 から +3.1pt」."""
        if not total:
            return Words(f"{self.snapshot.label}: システムがありません", f"{self.snapshot.label}: no system")
        n, d, ip, ns = total["systems"], total["done_rate"], total["in_progress_rate"], total["not_started_rate"]
        ja = f"{self.snapshot.label}: {n}システム、完了率 {d:.1%}(作業中 {ip:.1%}、未着手 {ns:.1%})"
        en = f"{self.snapshot.label}: {n} systems, done rate {d:.1%} (in progress {ip:.1%}, not started {ns:.1%})"
        ch = total.get("done_rate_change")
        if self.earlier is not None and ch is not None:
            ja += f"、{self.earlier.label} から {ch * 100:+.1f}pt"
            en += f", {ch * 100:+.1f} points since {self.earlier.label}"
        return Words(ja, en)

    def as_dict(self, view: View, lang: str) -> dict[str, Any]:
        """Plain data: ids, counts and rates as fractions (0..1)."""
        return {
            "month": self.snapshot.label,
            "since": self.earlier.label if self.earlier is not None else None,
            "steps": len(self.nat.steps),
            "view": view,
            "total": self.total(),
            "summary": self.summary(self.total())(lang),
            "rows": self.rollup(view).to_dicts(),
        }


def xlsx_bytes(rep: ProgressReport, lang: str) -> bytes:
    """Every view a sheet (municipality, prefecture, business, step, system, total), a frozen
    header row, rates as numbers in percent."""
    import xlsxwriter

    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        for view in VIEWS:
            df = rep.table(view, lang)
            df.write_excel(
                wb, worksheet=TITLES[view](lang)[:31], autofit=True, freeze_panes=(1, 0), header_format={"bold": True}
            )
    return buf.getvalue()


__all__ = ["COUNTS", "HEADERS", "KEYS", "RATES", "ProgressReport", "xlsx_bytes"]
