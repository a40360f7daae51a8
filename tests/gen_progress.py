"""A deterministic generator of progress snapshots consistent with a folder of plans: for
every plan, every business (a system) and every month, the status of each of the 40 steps.

    python tests/gen_progress.py PLANS_DIR --months 2025-04 2025-05 [--seed S] [--out DIR]

writes ``<out or PLANS_DIR>/progress/YYYY-MM.csv`` in the stored format. A phase's steps are
done in order between the completion of the phase before it and its own planned completion
(each system a little ahead of or behind its plan, by a fixed jitter), the step at the front
in progress; steps a system does not need are 対象外: the RFI steps (14–20) where the current
vendor standardizes, 条例・規則の改正 (39) in about a third of the systems. The statuses never
go back from one month to the next. ``plans/progress/`` ships what this writes for the seed's
19 plans as an illustration (not survey data).

Written by hand: no library generates tracker data in this domain's format.
"""

from __future__ import annotations

import argparse
import random
import sys
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


def statuses(plan: Plan, business: str, nat: National, month: Month, rng: random.Random) -> list[Status]:
    """The 40 statuses of one system at ``month``. ``rng`` is seeded per system, so the
    jitter is the same every month (and the statuses never go back)."""
    jitter = rng.randint(-20, 2)  # months ahead (+) or behind (-) of the plan: most lag, as the tracker shows
    na_ordinance = rng.random() < 0.33
    current_vendor = any(
        (e := plan.entry("vendor_selection", business)) is not None and e.date is not None and e.date.text == NA_CURRENT_VENDOR
        for _ in (0,)
    )
    months = dict(phase_months(plan, business, nat))
    out: list[Status] = []
    start: Month | None = None
    for p in nat.phases:
        end = months[p.id]
        steps = [s for s in nat.steps if s.phase == p.id]
        if end is None:  # no date (or the current vendor): its steps by the neighbours
            end = start if start is not None else None
        begin = start if start is not None else (end - LEAD_MONTHS if end is not None else None)
        for i, s in enumerate(steps):
            if (current_vendor and s.number in RFI_STEPS) or (na_ordinance and s.number == ORDINANCE_STEP):
                out.append(Status.NA)
                continue
            if end is None or begin is None:
                out.append(Status.NOT_STARTED)
                continue
            span = max(end - begin, 1)
            due = begin + span * (i + 1) / len(steps)  # the month this step is planned done
            now = month + jitter
            if now >= due:
                out.append(Status.DONE)
            elif now >= due - span / len(steps):
                out.append(Status.IN_PROGRESS)
            else:
                out.append(Status.NOT_STARTED)
        if months[p.id] is not None:
            start = months[p.id]
    return out


def snapshot_rows(plans: list[Plan], nat: National, month: Month, seed: int) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for plan in sorted(plans, key=lambda p: (p.code or "", p.municipality)):
        for bid in nat.businesses:
            rng = random.Random(f"{seed}:{plan.code or plan.municipality}:{bid}")
            for s, st in zip(nat.steps, statuses(plan, bid, nat, month, rng), strict=True):
                rows.append((plan.code, plan.municipality, plan.prefecture, bid, s.number, st.value, None))
    return rows


def write_snapshots(plans_dir: Path, months: list[Month], *, seed: int = 1, out: Path | None = None) -> list[Path]:
    import polars as pl

    from model.project.loader import discover, load_plans

    nat = load_national(plans_dir / "national.toml" if (plans_dir / "national.toml").is_file() else None)
    plans, problems, _ = load_plans(discover([plans_dir]), nat)
    if problems:
        raise SystemExit(f"{len(problems)} plan(s) cannot be loaded")
    folder = (out or plans_dir) / "progress"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for m in months:
        df = pl.DataFrame(snapshot_rows(plans, nat, m, seed), schema=list(COLUMNS), orient="row")
        path = folder / f"{iso_month(m)}.csv"
        df.write_csv(path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("plans", type=Path)
    ap.add_argument("--months", nargs="+", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=None)
    a = ap.parse_args(argv)
    for p in write_snapshots(a.plans, [parse_month(m) for m in a.months], seed=a.seed, out=a.out):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
