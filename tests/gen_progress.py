"""A deterministic generator of progress snapshots consistent with a folder of plans: for
every plan, every business (a system) and every month, the status of each of the 40 steps.

    python tests/gen_progress.py PLANS_DIR --months 2025-04 2025-05 [--seed S] [--out DIR]
    python tests/gen_progress.py /tmp/nationwide --months 2024-06..2025-05   # 12 snapshots
    python tests/gen_progress.py /tmp/nationwide --months 2024-06..2025-05 --plant

writes ``<out or PLANS_DIR>/progress/YYYY-MM.csv`` in the stored format. A phase's steps are
done in order between the completion of the phase before it and its own planned completion
(each system a little ahead of or behind its plan, by a fixed jitter), the step at the front
in progress; steps a system does not need are 対象外: the RFI steps (14–20) where the current
vendor standardizes, 条例・規則の改正 (39) in about a third of the systems. The statuses never
go back from one month to the next. ``plans/progress/`` ships what this writes for the seed's
19 plans as an illustration (not survey data).

With ``--plant`` (:func:`write_planted`) the snapshots are clean by construction instead,
with planted cases listed in ``progress/manifest.json``: ``plans progress --check`` on the
folder must find exactly those (tests/test_gen_progress.py). Each system does its steps in
order at a steady whole number of steps a month, every phase planned before the latest
month (or with status ``done``) finished by then, and a pace that finishes at least a month
before the deadline, else all 40 steps by the latest month. Planted on about 5% of the
systems each: **PG001** (the last step of the latest phase already due still open),
**PG002** (1 step a month, or stalled, past the deadline) and **PG003** (on a finished
system, one step done, then not started for a month, then done again).

Written by hand: no library generates tracker data in this domain's format.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from model.core.dates import NA_CURRENT_VENDOR, Month, parse_month  # noqa: E402
from model.core.national import National, load_national  # noqa: E402
from model.core.plan import Plan  # noqa: E402
from model.progress.snapshot import COLUMNS, iso_month  # noqa: E402
from model.progress.status import Status  # noqa: E402

RFI_STEPS = range(14, 21)
ORDINANCE_STEP = 39
LEAD_MONTHS = 6  # a first phase's steps start this long before its completion


def phase_months(plan: Plan, business: str, nat: National) -> list[tuple[str, Month | None]]:
    """Each phase's planned completion month for a business (its own value or the
    municipal one); None for 現行ベンダで標準化 and a missing date."""
    out: list[tuple[str, Month | None]] = []
    for p in nat.phases:
        e = plan.entry(p.id, business)
        d = e.date if e is not None else None
        out.append((p.id, d.hi if d is not None and not d.is_na and d.hi > 0 else None))
    return out


@dataclass(frozen=True, slots=True)
class StepPlan:
    """When a system's step is planned done, and how long it is in progress before."""

    due: float | None  # None: never (no date to plan it by)
    width: float
    na: bool


def schedule(plan: Plan, business: str, nat: National, rng: random.Random) -> tuple[int, list[StepPlan]]:
    """One system's jitter (months ahead + or behind - of its plan, the same every month,
    so the statuses never go back) and its 40 steps' plans. ``rng`` is seeded per system."""
    jitter = rng.randint(-20, 2)  # most lag, as the tracker shows
    na_ordinance = rng.random() < 0.33
    e = plan.entry("vendor_selection", business)
    current_vendor = e is not None and e.date is not None and e.date.text == NA_CURRENT_VENDOR
    months = dict(phase_months(plan, business, nat))
    out: list[StepPlan] = []
    start: Month | None = None
    for p in nat.phases:
        end = months[p.id]
        steps = [s for s in nat.steps if s.phase == p.id]
        if end is None:  # no date (or the current vendor): its steps by the neighbours
            end = start if start is not None else None
        begin = start if start is not None else (end - LEAD_MONTHS if end is not None else None)
        for i, s in enumerate(steps):
            na = (current_vendor and s.number in RFI_STEPS) or (na_ordinance and s.number == ORDINANCE_STEP)
            if na or end is None or begin is None:
                out.append(StepPlan(None, 0.0, na))
                continue
            span = max(end - begin, 1)
            out.append(StepPlan(begin + span * (i + 1) / len(steps), span / len(steps), False))
        if months[p.id] is not None:
            start = months[p.id]
    return jitter, out


def status_at(jitter: int, step: StepPlan, month: Month) -> Status:
    if step.na:
        return Status.NA
    if step.due is None:
        return Status.NOT_STARTED
    now = month + jitter
    if now >= step.due:
        return Status.DONE
    return Status.IN_PROGRESS if now >= step.due - step.width else Status.NOT_STARTED


def schedules(plans: list[Plan], nat: National, seed: int):  # type: ignore[no-untyped-def]
    """Every system's steps as a frame: keys, step, due, width, na, jitter (one pass)."""
    import polars as pl

    rows: list[tuple[object, ...]] = []
    for plan in sorted(plans, key=lambda p: (p.code or "", p.municipality)):
        for bid in nat.businesses:
            jitter, steps = schedule(plan, bid, nat, random.Random(f"{seed}:{plan.code or plan.municipality}:{bid}"))
            rows += [
                (plan.code, plan.municipality, plan.prefecture, bid, s.number, st.due, st.width, st.na, jitter)
                for s, st in zip(nat.steps, steps, strict=True)
            ]
    schema = {
        "code": pl.String,
        "municipality": pl.String,
        "prefecture": pl.String,
        "business": pl.String,
        "step": pl.Int64,
        "due": pl.Float64,
        "width": pl.Float64,
        "na": pl.Boolean,
        "jitter": pl.Int64,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def snapshot_frame(sched, month: Month):  # type: ignore[no-untyped-def]
    """The snapshot at ``month`` (:func:`status_at` over the frame of :func:`schedules`)."""
    import polars as pl

    now = pl.lit(month) + pl.col("jitter")
    status = (
        pl.when(pl.col("na")).then(pl.lit(Status.NA.value))
        .when(pl.col("due").is_null()).then(pl.lit(Status.NOT_STARTED.value))
        .when(now >= pl.col("due")).then(pl.lit(Status.DONE.value))
        .when(now >= pl.col("due") - pl.col("width")).then(pl.lit(Status.IN_PROGRESS.value))
        .otherwise(pl.lit(Status.NOT_STARTED.value))
    )  # fmt: skip
    return sched.select(
        "code",
        "municipality",
        "prefecture",
        "business",
        "step",
        status.alias("status"),
        pl.lit(None, pl.String).alias("planned"),
    ).select(COLUMNS)


def write_snapshots(plans_dir: Path, months: list[Month], *, seed: int = 1, out: Path | None = None) -> list[Path]:
    from model.project.loader import discover, load_plans

    nat = load_national(plans_dir / "national.toml" if (plans_dir / "national.toml").is_file() else None)
    plans, problems, _ = load_plans(discover([plans_dir]), nat)
    if problems:
        raise SystemExit(f"{len(problems)} plan(s) cannot be loaded")
    if not nat.steps:
        raise SystemExit(f"{nat.file} has no [[step]] tables")
    folder = (out or plans_dir) / "progress"
    folder.mkdir(parents=True, exist_ok=True)
    sched = schedules(plans, nat, seed)
    written = []
    for m in months:
        path = folder / f"{iso_month(m)}.csv"
        snapshot_frame(sched, m).write_csv(path)
        written.append(path)
    return written


PLANT_RATES = {"PG001": 0.05, "PG002": 0.05, "PG003": 0.05}


def _clean_pace(k: int, deadline: int, last: int, n_months: int, n: int) -> int | None:
    """A whole pace (steps a month) that reaches ``k`` done at the last of ``n_months`` from
    zero or more and finishes the ``n`` steps at least a month before ``deadline``; None if none."""
    room = deadline - 1 - last
    if room <= 0:
        return None
    lo, hi = max(1, -(-(n - k) // room)), k // max(n_months - 1, 1)
    return lo if lo <= hi else None


def planted_systems(plans: list[Plan], nat: National, months: list[Month], seed: int):  # type: ignore[no-untyped-def]
    """One row per system: its keys, the steps done at each month (``d0`` …), and a step that
    went back (``back_i``: the month index it reads 未着手, ``back_step``); with the manifest."""
    import polars as pl

    from model.progress.frames import plan_table

    n, last, count = len(nat.steps), months[-1], len(months)
    end_step = {p.id: max(s.number for s in nat.steps if s.phase == p.id) for p in nat.phases}
    phase_of = {s.number: s.phase for s in nat.steps}
    table = plan_table(plans, nat)
    rng = random.Random(f"plant:{seed}")
    rows, manifest = [], []
    by_system: dict[tuple[str, str], list[dict]] = {}
    for r in table.iter_rows(named=True):
        by_system.setdefault((r["plan_file"], r["business"]), []).append(r)
    for plan in sorted(plans, key=lambda p: (p.code or "", p.municipality)):
        code, name, pref = plan.code, plan.municipality, plan.prefecture
        for bid in nat.businesses:
            rs = by_system[(plan.file, bid)]
            deadline = rs[0]["deadline"]
            past = [r["phase"] for r in rs if r["planned"] is not None and r["planned"] < last]
            need = max(
                [end_step[r["phase"]] for r in rs if r["phase"] in past or r["plan_status"] == "done"], default=0
            )
            kind = rng.choices([*PLANT_RATES, None], [*PLANT_RATES.values(), 1 - sum(PLANT_RATES.values())])[0]
            k, pace, back = n, rng.randint(2, 5), None
            open_phase = next((r for r in rs if need and r["phase"] == phase_of[need]), None)
            if (
                kind == "PG001"
                and open_phase
                and open_phase["phase"] in past
                and open_phase["plan_status"] != "done"
                and (pace := _clean_pace(need - 1, deadline, last, count, n) or 0)
            ):
                k = need - 1
            elif kind == "PG002" and need < n:
                k = rng.randint(max(need, count - 1), n - 1) if need < n - 1 else need
                pace = 1 if last + (n - k) > deadline + 1 and k - (count - 1) >= 0 else 0
            elif kind == "PG003" and count >= 3:
                back = rng.randrange(0, count - 2)
            else:
                kind = None
                k = rng.randint(need, n)
                if k < n and not (pace := _clean_pace(k, deadline, last, count, n) or 0):
                    k, pace = n, rng.randint(2, 5)
            done = [max(0, min(n, k - pace * (count - 1 - i))) for i in range(count)]
            if back is not None:
                while done[back] == 0:
                    back += 1
            if kind is not None:
                manifest.append(
                    {
                        "code": kind,
                        "municipality_code": code,
                        "municipality": name,
                        "business": bid,
                        "phase": phase_of[need] if kind == "PG001" else None,
                    }
                )
            rows.append((code, name, pref, bid, *done, back, done[back] if back is not None else None))
    schema = {
        "code": pl.String,
        "municipality": pl.String,
        "prefecture": pl.String,
        "business": pl.String,
        **{f"d{i}": pl.Int64 for i in range(count)},
        "back_i": pl.Int64,
        "back_step": pl.Int64,
    }
    return pl.DataFrame(rows, schema=schema, orient="row"), manifest


def planted_frame(systems, nat: National, i: int):  # type: ignore[no-untyped-def]
    """The snapshot at month index ``i`` of :func:`planted_systems`: steps up to ``d<i>``
    done, the next in progress, the rest not started; the step that went back not started."""
    import polars as pl

    steps = pl.DataFrame({"step": [s.number for s in nat.steps]}, schema={"step": pl.Int64})
    d, step = pl.col(f"d{i}"), pl.col("step")
    status = (
        pl.when((pl.col("back_i") + 1 == i) & (step == pl.col("back_step"))).then(pl.lit(Status.NOT_STARTED.value))
        .when(step <= d).then(pl.lit(Status.DONE.value))
        .when(step == d + 1).then(pl.lit(Status.IN_PROGRESS.value))
        .otherwise(pl.lit(Status.NOT_STARTED.value))
    )  # fmt: skip
    return (
        systems.join(steps, how="cross")
        .select(
            "code",
            "municipality",
            "prefecture",
            "business",
            "step",
            status.alias("status"),
            pl.lit(None, pl.String).alias("planned"),
        )
        .select(COLUMNS)
    )


def write_planted(
    plans_dir: Path, months: list[Month], *, seed: int = 1, out: Path | None = None
) -> tuple[list[Path], list[dict]]:
    """Clean snapshots with planted PG001-PG003 cases; the manifest in ``progress/manifest.json``."""
    import json

    from model.project.loader import discover, load_plans

    nat = load_national(plans_dir / "national.toml" if (plans_dir / "national.toml").is_file() else None)
    plans, problems, _ = load_plans(discover([plans_dir]), nat)
    if problems:
        raise SystemExit(f"{len(problems)} plan(s) cannot be loaded")
    folder = (out or plans_dir) / "progress"
    folder.mkdir(parents=True, exist_ok=True)
    systems, manifest = planted_systems(plans, nat, months, seed)
    written = []
    for i, m in enumerate(months):
        path = folder / f"{iso_month(m)}.csv"
        planted_frame(systems, nat, i).write_csv(path)
        written.append(path)
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    return written, manifest


def months_of(specs: list[str]) -> list[Month]:
    """Months as given on a command line: 2025-05, or a range FIRST..LAST (2024-06..2025-05)."""
    months: list[Month] = []
    for m in specs:
        first, _, last = m.partition("..")
        months += list(range(parse_month(first), parse_month(last or first) + 1))
    return months


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("plans", type=Path)
    ap.add_argument(
        "--months", nargs="+", required=True, help="months (2025-05), or a range FIRST..LAST (2024-06..2025-05)"
    )
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument(
        "--plant",
        action="store_true",
        help="clean snapshots with planted PG001-PG003 cases, listed in progress/manifest.json",
    )
    a = ap.parse_args(argv)
    months = months_of(a.months)
    written = (
        write_planted(a.plans, months, seed=a.seed, out=a.out)[0]
        if a.plant
        else write_snapshots(a.plans, months, seed=a.seed, out=a.out)
    )
    for p in written:
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
