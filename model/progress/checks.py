"""Checks of progress against the plans and over time, each over whole snapshots with polars:

- **PG001 behind-plan** (warning): a phase's planned completion has passed at the snapshot's
  month, but its steps are not all 完了済み/対象外;
- **PG002 forecast-past-deadline** (error): at the system's own pace (steps completed per
  month, a least-squares line over at least two snapshots) it finishes after its deadline
  (R8.3, or the business's extended deadline); the projected month and the pace are given,
  and a system that has not moved is said to be stalled;
- **PG003 progress-inconsistent** (warning): a step 完了済み in one snapshot and 未着手 in a
  later one; a plan status ``done`` for a phase whose steps are not done;
- **PG004 step-order** (warning): a step of a later phase 完了済み while a phase before it
  has steps 未着手 (steps are not always done in order, hence a warning).

A system is matched to its plan by 団体コード, else by the municipality's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import polars as pl

from model.core.dates import render_month
from model.core.national import National
from model.core.plan import Plan
from model.core.severity import Severity
from model.core.words import Words
from model.progress.snapshot import Snapshot, iso_month, ranges

DONE_LIKE = ("done", "na")


@dataclass(frozen=True, slots=True)
class ProgressFinding:
    code: str
    severity: Severity
    municipality: str
    muni_code: str | None
    business: str
    phase: str | None
    words: Words
    plan_file: str | None = None

    def message(self, lang: str = "ja") -> str:
        return self.words(lang)


NAMES = {
    "PG001": ("behind-plan", Words("計画より遅れ", "behind plan")),
    "PG002": ("forecast-past-deadline", Words("期限超過の見込み", "forecast past deadline")),
    "PG003": ("progress-inconsistent", Words("進捗の矛盾", "inconsistent progress")),
    "PG004": ("step-order", Words("手順の順序", "step order")),
}


def plan_table(plans: list[Plan], nat: National) -> pl.DataFrame:
    """One row per plan × business × phase with a month: the planned completion (its last
    month), the plan's status, the business's deadline, the plan's file and key."""
    rows = []
    for p in plans:
        for bid in nat.businesses:
            deadline = p.deadline_of(bid, nat).hi
            for ph in nat.phases:
                e = p.entry(ph.id, bid)
                d = e.date if e is not None else None
                planned = d.hi if d is not None and not d.is_na and not d.is_done else None
                rows.append((p.code, p.municipality, p.file, bid, ph.id, planned, e.status if e is not None else None, deadline))
    schema = {"p_code": pl.String, "p_name": pl.String, "plan_file": pl.String, "business": pl.String, "phase": pl.String, "planned": pl.Int64, "plan_status": pl.String, "deadline": pl.Int64}
    return pl.DataFrame(rows, schema=schema, orient="row")


def _steps(nat: National) -> pl.DataFrame:
    index = {p.id: i for i, p in enumerate(nat.phases)}
    return pl.DataFrame({"step": [s.number for s in nat.steps], "phase": [s.phase for s in nat.steps], "phase_i": [index[s.phase] for s in nat.steps]}, schema={"step": pl.Int16, "phase": pl.String, "phase_i": pl.Int16})


def _strings(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_columns(pl.col(c).cast(pl.String) for c in ("code", "municipality", "prefecture", "business", "status") if c in df.columns)


def _with_plans(df: pl.DataFrame, plans: pl.DataFrame) -> pl.DataFrame:
    """``df`` (by code, municipality, business[, phase]) joined to its plan's rows: by code
    where the plan has one, else by name."""
    keys = ["business", "phase"] if "phase" in df.columns else ["business"]
    by_code = df.join(plans.filter(pl.col("p_code").is_not_null()), left_on=["code", *keys], right_on=["p_code", *keys], how="inner")
    by_name = df.join(plans.filter(pl.col("p_code").is_null()), left_on=["municipality", *keys], right_on=["p_name", *keys], how="inner")
    return pl.concat([by_code.drop("p_name"), by_name.drop("p_code")], how="diagonal_relaxed")


def behind_plan(snap: Snapshot, plans: pl.DataFrame, nat: National) -> list[ProgressFinding]:
    """PG001 at ``snap``'s month, and PG003 for a plan status ``done`` with steps not done."""
    df = snap.frame.join(_steps(nat), on="step")
    per = _strings(df.group_by(["code", "municipality", "business", "phase"]).agg(
        (~pl.col("status").is_in(DONE_LIKE)).sum().alias("open"),
        pl.col("step").filter(~pl.col("status").is_in(DONE_LIKE)).sort().alias("open_steps"),
        pl.len().alias("steps"),
    ))
    joined = _with_plans(per, plans).filter(pl.col("open") > 0)
    out: list[ProgressFinding] = []
    late = joined.filter(pl.col("planned").is_not_null() & (pl.col("planned") < snap.month))
    for r in late.sort(["code", "business", "phase"], nulls_last=True).iter_rows(named=True):
        when = render_month(r["planned"])
        n, k = r["steps"], r["open"]
        ph = nat.phase(r["phase"]).name
        out.append(_finding("PG001", Severity.WARNING, r, Words(
            f"{ph.ja}の完了予定 {when} を過ぎていますが、{snap.label} 時点で{n}ステップ中{k}ステップが未完了です(ステップ {_list(r['open_steps'])})",
            f"{ph.en} was planned done by {when}, but at {snap.label} {k} of its {n} steps are not done (steps {_list(r['open_steps'])})",
        ), nat))
    done = joined.filter(pl.col("plan_status") == "done")
    for r in done.sort(["code", "business", "phase"], nulls_last=True).iter_rows(named=True):
        ph = nat.phase(r["phase"]).name
        out.append(_finding("PG003", Severity.WARNING, r, Words(
            f"計画では{ph.ja}が完了(status done)ですが、{snap.label} 時点でステップ {_list(r['open_steps'])} が未完了です",
            f"the plan says {ph.en} is done, but at {snap.label} steps {_list(r['open_steps'])} are not done",
        ), nat))
    return out


def step_order(snap: Snapshot, nat: National) -> list[ProgressFinding]:
    """PG004: a step of a later phase done while an earlier phase has a step not started."""
    df = snap.frame.join(_steps(nat), on="step")
    per = df.group_by(["code", "municipality", "business"]).agg(
        pl.col("phase_i").filter(pl.col("status") == "not_started").min().alias("first_open"),
        pl.col("phase_i").filter(pl.col("status") == "done").max().alias("last_done"),
        pl.col("step").filter(pl.col("status") == "done").max().alias("last_step"),
    ).filter(pl.col("last_done") > pl.col("first_open"))
    per = _strings(per)
    out = []
    for r in per.sort(["code", "business"], nulls_last=True).iter_rows(named=True):
        early, late = nat.phases[r["first_open"]].name, nat.phases[r["last_done"]].name
        out.append(_finding("PG004", Severity.WARNING, {**r, "phase": nat.phases[r["first_open"]].id}, Words(
            f"{late.ja}のステップ{r['last_step']}が完了済みですが、前の{early.ja}に未着手のステップがあります({snap.label})",
            f"step {r['last_step']} of {late.en} is done while {early.en} before it has steps not started ({snap.label})",
        ), nat, snap.file))
    return out


def went_back(snaps: list[Snapshot], nat: National) -> list[ProgressFinding]:
    """PG003: a step 完了済み in a snapshot and 未着手 in the next one."""
    out: list[ProgressFinding] = []
    keys = ["code", "municipality", "business", "step"]
    for old, new in pairwise(snaps):
        a = _strings(old.frame.filter(pl.col("status") == "done").select(keys))
        b = _strings(new.frame.filter(pl.col("status") == "not_started").select(keys))
        back = a.join(b, on=keys, nulls_equal=True).group_by(["code", "municipality", "business"]).agg(pl.col("step").sort())
        for r in back.sort(["code", "business"], nulls_last=True).iter_rows(named=True):
            out.append(_finding("PG003", Severity.WARNING, {**r, "phase": None}, Words(
                f"ステップ {_list(r['step'])} が {old.label} に完了済み、{new.label} に未着手と報告されています",
                f"steps {_list(r['step'])} were reported done at {old.label} and not started at {new.label}",
            ), nat, new.file))
    return out


def forecast(snaps: list[Snapshot], nat: National) -> pl.DataFrame:
    """Per system seen in at least two snapshots: its pace (least squares over the
    snapshots), steps done at the last one, and the projected month of the last step."""
    n = len(nat.steps)
    parts = [
        _strings(s.frame.group_by(["code", "municipality", "business"]).agg(pl.col("status").is_in(DONE_LIKE).sum().cast(pl.Float64).alias("y"))).with_columns(pl.lit(float(s.month)).alias("x"), pl.lit(s.month).alias("m"))
        for s in snaps
    ]
    df = pl.concat(parts)
    x, y = pl.col("x"), pl.col("y")
    per = df.group_by(["code", "municipality", "business"]).agg(
        pl.len().alias("snapshots"),
        ((x * y).mean() - x.mean() * y.mean()).alias("_cov"),
        ((x * x).mean() - x.mean() ** 2).alias("_var"),
        y.sort_by("m").last().alias("done"),
        pl.col("m").max().alias("last"),
        pl.col("m").min().alias("first"),
    ).filter(pl.col("snapshots") >= 2)
    per = per.with_columns(pl.when(pl.col("_var") > 0).then(pl.col("_cov") / pl.col("_var")).otherwise(0.0).alias("pace")).drop("_cov", "_var")
    remaining = n - pl.col("done")
    months = (remaining / pl.col("pace")).ceil()
    return per.with_columns(
        pl.when(remaining <= 0).then(pl.col("last")).when(pl.col("pace") > 0).then(pl.col("last") + months.cast(pl.Int64)).otherwise(None).alias("projected"),
        pl.col("done").cast(pl.Int64),
    )


def past_deadline(snaps: list[Snapshot], plans: pl.DataFrame, nat: National) -> list[ProgressFinding]:
    """PG002: the systems whose projected month (or a stall) is after their deadline."""
    if len(snaps) < 2:
        return []
    fc = forecast(snaps, nat)
    deadlines = plans.group_by(["p_code", "p_name", "plan_file", "business"]).agg(pl.col("deadline").first())
    joined = _with_plans(fc, deadlines)
    n = len(nat.steps)
    late = joined.filter((pl.col("done") < n) & (pl.col("projected").is_null() | (pl.col("projected") > pl.col("deadline"))))
    out = []
    for r in late.sort(["code", "business"], nulls_last=True).iter_rows(named=True):
        dl = render_month(r["deadline"])
        span = f"{iso_month(r['first'])}〜{iso_month(r['last'])}"
        if r["projected"] is None:
            words = Words(
                f"{span} の{r['snapshots']}回の報告で完了ステップが増えていません({r['done']}/{n})。このままでは期限 {dl} に間に合いません",
                f"no step completed over {r['snapshots']} reports ({iso_month(r['first'])} to {iso_month(r['last'])}; {r['done']}/{n} done): at this pace it misses the deadline {dl}",
            )
        else:
            pace = r["pace"]
            words = Words(
                f"現在のペース(月{pace:.1f}ステップ、{span})では {render_month(r['projected'])} に完了見込みで、期限 {dl} を過ぎます(残り{n - r['done']}ステップ)",
                f"at its pace ({pace:.1f} steps a month, {iso_month(r['first'])} to {iso_month(r['last'])}) it finishes in {render_month(r['projected'])}, after the deadline {dl} ({n - r['done']} steps left)",
            )
        out.append(_finding("PG002", Severity.ERROR, {**r, "phase": None}, words, nat))
    return out


def forecast_table(snaps: list[Snapshot], plans: list[Plan], nat: National, lang: str) -> pl.DataFrame:
    """The forecast for people: per system its pace, the projected month of its last step,
    its deadline and whether it makes it (headers in ``lang``)."""
    n = len(nat.steps)
    fc = forecast(snaps, nat) if len(snaps) >= 2 else pl.DataFrame(schema={"code": pl.String, "municipality": pl.String, "business": pl.String, "done": pl.Int64, "pace": pl.Float64, "projected": pl.Int64})
    dl = plan_table(plans, nat).group_by(["p_code", "p_name", "plan_file", "business"]).agg(pl.col("deadline").first())
    joined = fc.join(_with_plans(fc, dl).select("code", "municipality", "business", "deadline"), on=["code", "municipality", "business"], how="left", nulls_equal=True)
    en = lang == "en"
    names = {b.id: b.name(lang) for b in nat.businesses.values()}

    def verdict(r: dict) -> str:
        if r["done"] >= n:
            return "done" if en else "完了"
        if r["deadline"] is None:
            return "no plan" if en else "計画なし"
        if r["projected"] is None:
            return "stalled" if en else "停滞"
        return ("late" if en else "期限超過") if r["projected"] > r["deadline"] else ("on time" if en else "期限内")

    rows = [
        (r["code"], r["municipality"], names.get(r["business"], r["business"]), r["done"], r["pace"], render_month(r["projected"]) if r["projected"] is not None else None, render_month(r["deadline"]) if r["deadline"] is not None else None, verdict(r))
        for r in joined.sort(["code", "municipality", "business"], nulls_last=True).iter_rows(named=True)
    ]
    heads = ("code", "municipality", "business", f"done/{n}", "steps/month", "projected", "deadline", "verdict") if en else ("団体コード", "市区町村", "業務", f"完了/{n}", "月ペース", "完了見込み", "期限", "判定")
    types = (pl.String, pl.String, pl.String, pl.Int64, pl.Float64, pl.String, pl.String, pl.String)
    return pl.DataFrame(rows, schema=dict(zip(heads, types, strict=True)), orient="row")


def check_progress(snaps: list[Snapshot], plans: list[Plan], nat: National) -> list[ProgressFinding]:
    """Every check over the snapshots (oldest first): PG001/PG003 (plan status) and PG004 at
    the latest, PG003 between consecutive ones, PG002 over all."""
    if not snaps:
        return []
    table = plan_table(plans, nat)
    latest = snaps[-1]
    out = [*behind_plan(latest, table, nat), *past_deadline(snaps, table, nat), *went_back(snaps, nat), *step_order(latest, nat)]
    order = {b: i for i, b in enumerate(nat.businesses)}
    return sorted(out, key=lambda f: (f.muni_code or "", f.municipality, order.get(f.business, 99), f.code))


def _finding(code: str, sev: Severity, r: dict, words: Words, nat: National, file: str = "") -> ProgressFinding:
    """A finding at the system's plan file (else ``file``, the snapshot's)."""
    b = nat.businesses.get(r["business"])
    who = Words(f"{r['municipality']} {b.name.ja if b else r['business']}: ", f"{r['municipality']} {b.name.en if b else r['business']}: ")
    return ProgressFinding(code, sev, r["municipality"], r.get("code"), r["business"], r.get("phase"), who + words, r.get("plan_file") or file)


def _list(steps: list[int]) -> str:
    return ranges(steps)


__all__ = ["NAMES", "ProgressFinding", "check_progress", "forecast", "forecast_table", "plan_table"]
