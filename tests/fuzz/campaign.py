"""``make fuzz``: a long hypothesis campaign over plan files, dates and the CLI.

Runs the same invariants as tests/test_fuzz.py (tests/fuzz/checks.py) on many more inputs,
keeps going after a failure (each distinct failure is recorded once, with its input), and
prints executions, outcomes, failures and time per target. Exit 1 when anything failed.

    python tests/fuzz/campaign.py [--examples N] [--target model|dates|edit|cli ...] [--seed S]

``FUZZ_EXAMPLES`` sets the default number of examples per target (20000; the CLI target
and the edit target run a tenth as many: each CLI input writes a file and runs ``plans lint``
twice, each edit input makes up to six tomlkit round trips).
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fuzz.checks import check_cli, check_date, check_edit, check_model  # noqa: E402
from fuzz.strategies import ANY_DATE, EDIT_OPS, PLAN_BYTES  # noqa: E402
from model.core.national import load_national  # noqa: E402

SLOW_SECONDS = 5.0


class Tally:
    def __init__(self) -> None:
        self.runs = 0
        self.outcomes: collections.Counter[str] = collections.Counter()
        self.failures: dict[tuple[str, str], tuple[str, object]] = {}
        self.slowest = 0.0

    def run(self, fn: Callable[[], str], example: object) -> None:
        self.runs += 1
        t0 = time.perf_counter()
        try:
            outcome = fn()
        except Exception as e:  # recorded and printed: the point of a campaign
            tb = traceback.extract_tb(e.__traceback__)[-1]
            key = (type(e).__name__, f"{Path(tb.filename).name}:{tb.lineno}")
            if key not in self.failures:
                self.failures[key] = (f"{type(e).__name__}: {str(e)[:300]}", example)
            self.outcomes["FAILED"] += 1
            return
        dt = time.perf_counter() - t0
        self.slowest = max(self.slowest, dt)
        if dt > SLOW_SECONDS:  # a hang in CI is as bad as a traceback
            self.failures.setdefault(("SLOW", outcome), (f"one input took {dt:.1f} s", example))
        self.outcomes[outcome] += 1


def campaign(target: str, examples: int, rng_seed: int | None) -> Tally:
    tally = Tally()
    conf = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    if target == "model":
        nat = load_national()

        @conf
        @given(PLAN_BYTES)
        def body(raw: bytes) -> None:
            tally.run(lambda: check_model(raw, nat), raw)

    elif target == "dates":

        @conf
        @given(ANY_DATE)
        def body(text: str) -> None:
            tally.run(lambda: check_date(text), text)

    elif target == "edit":
        nat = load_national()
        plans = HERE.parents[1] / "plans"
        seeds = {p.name: p.read_bytes() for p in plans.glob("*.toml") if p.name != "national.toml"}

        @conf
        @given(st.sampled_from(sorted(seeds)), EDIT_OPS)
        def body(name: str, ops: list) -> None:  # type: ignore[type-arg]
            tally.run(lambda: check_edit(name, seeds[name], ops, nat), (name, ops))

    else:
        folder = Path(tempfile.mkdtemp(prefix="plans-fuzz-"))

        @conf
        @given(PLAN_BYTES, st.sampled_from(["text", "json", "github", "sarif", "junit"]))
        def body(raw: bytes, fmt: str) -> None:
            tally.run(lambda: check_cli(raw, fmt, folder), (fmt, raw))

    if rng_seed is not None:
        body = seed(rng_seed)(body)
    body()
    return tally


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=int(os.environ.get("FUZZ_EXAMPLES", "20000")))
    ap.add_argument("--target", action="append", choices=["model", "dates", "edit", "cli"])
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args(argv)
    from tui.cli.report import FORMATS

    total_fail = 0
    total_runs = 0
    for target in args.target or ["model", "dates", "edit", "cli"]:
        n = args.examples if target in ("model", "dates") else max(1, args.examples // 10)
        t0 = time.perf_counter()
        tally = campaign(target, n, args.seed)
        dt = time.perf_counter() - t0
        total_runs += tally.runs
        total_fail += len(tally.failures)
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(tally.outcomes.items()))
        print(
            f"{target:6} executions {tally.runs:>7}  failures {len(tally.failures):>3}  time {dt:7.1f} s  slowest input {tally.slowest:.2f} s  ({outcomes})",
            flush=True,
        )
        for (kind, where), (msg, example) in tally.failures.items():
            print(f"  FAIL {kind} at {where}: {msg}")
            print(f"       input: {example!r:.500}")
    formats = sorted(FORMATS)
    print(f"total  executions {total_runs:>7}  distinct failures {total_fail} (cli formats: {', '.join(formats)})")
    return 1 if total_fail else 0


if __name__ == "__main__":
    sys.exit(main())
