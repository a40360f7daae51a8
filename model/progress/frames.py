"""What the progress checks share: a finding, the plans as a table, and the joins of a
snapshot's rows to their steps' phases and to their plans (polars)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import polars as pl

from model.core.dates import Month
from model.core.errors import Place
from model.core.national import National
from model.core.plan import Plan
from model.core.severity import Severity
from model.core.words import Words
from model.progress.snapshot import Snapshot, ranges

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
    plan_file: str | None = None  # the file the finding is at: the system's plan, or a snapshot
    line: int = 0  # 1-based; 0 when not known (a snapshot the system's rows were not found in)
    col: int = 0
    step: int | None = None  # the step a finding about a snapshot's rows is at (placed by its row)
    month: Month | None = None  # and the month of the report it is about

    def message(self, lang: str = "ja") -> str:
        return self.words(lang)

    @property
    def place(self) -> Place:
        return Place(self.plan_file or "", self.line, self.col)


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
                at = e.place if e is not None else p.place
                status = e.status if e is not None else None
                rows.append((p.code, p.municipality, p.file, bid, ph.id, planned, status, deadline, at.line, at.col))
    schema = {
        "p_code": pl.String,
        "p_name": pl.String,
        "plan_file": pl.String,
        "business": pl.String,
        "phase": pl.String,
        "planned": pl.Int64,
        "plan_status": pl.String,
        "deadline": pl.Int64,
        "line": pl.Int32,  # the phase's place in the plan (the plan's own when it has no value)
        "col": pl.Int32,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def steps_frame(nat: National) -> pl.DataFrame:
    """Each step's number, phase id and phase index."""
    index = {p.id: i for i, p in enumerate(nat.phases)}
    return pl.DataFrame(
        {
            "step": [s.number for s in nat.steps],
            "phase": [s.phase for s in nat.steps],
            "phase_i": [index[s.phase] for s in nat.steps],
        },
        schema={"step": pl.Int16, "phase": pl.String, "phase_i": pl.Int16},
    )


def strings(df: pl.DataFrame) -> pl.DataFrame:
    """The categorical keys as strings (after aggregating: far fewer rows to cast)."""
    return df.with_columns(
        pl.col(c).cast(pl.String)
        for c in ("code", "municipality", "prefecture", "business", "status")
        if c in df.columns
    )


def with_plans(df: pl.DataFrame, plans: pl.DataFrame) -> pl.DataFrame:
    """``df`` (by code, municipality, business[, phase]) joined to its plan's rows: by code
    where the plan has one, else by name."""
    keys = ["business", "phase"] if "phase" in df.columns else ["business"]
    by_code = df.join(
        plans.filter(pl.col("p_code").is_not_null()), left_on=["code", *keys], right_on=["p_code", *keys], how="inner"
    )
    by_name = df.join(
        plans.filter(pl.col("p_code").is_null()),
        left_on=["municipality", *keys],
        right_on=["p_name", *keys],
        how="inner",
    )
    return pl.concat([by_code.drop("p_name"), by_name.drop("p_code")], how="diagonal_relaxed")


@dataclass
class ProgressContext:
    """What every progress check reads: the snapshots (oldest first), the plans as a
    table, the timeline; the latest snapshot's per-phase open steps joined to the plans
    is made once, for the checks that need it."""

    snaps: list[Snapshot]
    plans: pl.DataFrame
    nat: National
    current: Snapshot | None = None  # progress as at the last month, if not the last snapshot

    @property
    def latest(self) -> Snapshot:
        return self.current if self.current is not None else self.snaps[-1]

    @cached_property
    def open_phases(self) -> pl.DataFrame:
        """Per system × phase at the latest snapshot with a step not done: how many steps,
        how many open and which, with the plan's row (planned month, status, file)."""
        df = self.latest.frame.join(steps_frame(self.nat), on="step")
        per = strings(
            df.group_by(["code", "municipality", "business", "phase"]).agg(
                (~pl.col("status").is_in(DONE_LIKE)).sum().alias("open"),
                pl.col("step").filter(~pl.col("status").is_in(DONE_LIKE)).sort().alias("open_steps"),
                pl.len().alias("steps"),
            )
        )
        return with_plans(per, self.plans).filter(pl.col("open") > 0)


def steps_named(numbers: list[int]) -> Words:
    """「ステップ 3–5, 9」 / "steps 3–5, 9" ("step 3" for one)."""
    listed = ranges(numbers)
    return Words(f"ステップ {listed}", f"{'step' if len(set(numbers)) == 1 else 'steps'} {listed}")


def finding(code: str, sev: Severity, r: dict, words: Words, nat: National, file: str = "") -> ProgressFinding:
    """A finding at the system's plan file, at ``r``'s line and column (else at ``file``, the
    snapshot's, to be placed at the row of ``r["at_step"]``: :mod:`model.progress.places`)."""
    b = nat.businesses.get(r["business"])
    who = Words(
        f"{r['municipality']} {b.name.ja if b else r['business']}: ",
        f"{r['municipality']} {b.name.en if b else r['business']}: ",
    )
    return ProgressFinding(
        code,
        sev,
        r["municipality"],
        r.get("code"),
        r["business"],
        r.get("phase"),
        who + words,
        r.get("plan_file") or file,
        r.get("line") or 0,
        r.get("col") or 0,
        r.get("at_step"),
        r.get("at_month"),
    )


__all__ = [
    "DONE_LIKE",
    "ProgressContext",
    "ProgressFinding",
    "finding",
    "plan_table",
    "steps_frame",
    "steps_named",
    "strings",
    "with_plans",
]
