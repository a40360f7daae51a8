"""``plans lint --diff`` on the nationwide set (tests/gen_nationwide.py) beside ``plans lint``
on the same set, both without the result cache, as interleaved pairs (lint then --diff; the
ratio per pair drifts less with the machine's load than two blocks would); CPU time of both;
and the re-plan of each plan that needs one (a finding of PL001–PL006), timed in-process in
CPU time (steadier than wall time on a shared machine): median, p99 and max, and how many
fixes are safe, unsafe or infeasible.

Target (issue 12): ``plans lint --diff`` ≤ 2 × ``plans lint``.

    PLANS_BENCH_COUNT=300 .venv/bin/python tests/bench/run.py bench_fix   # a smaller set
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from common import PY, ROOT, Row

sys.path.insert(0, str(ROOT / "tests"))
import gen_nationwide

COUNT = int(os.environ.get("PLANS_BENCH_COUNT", "1741"))
REPEAT = int(os.environ.get("PLANS_BENCH_REPEAT", "5"))


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("PLANS_CACHE_DIR", "PLANS_LINT_JOBS")}
    return {**e, "PYTHONPATH": str(ROOT), "PLANS_NO_CACHE": "1"}


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, the process and the workers it waited for)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env())
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode not in (0, 1):
        raise RuntimeError(f"{cmd} exited {r.returncode}: {r.stderr.decode()[-500:]}")
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def solve_times(out: Path, cwd: Path) -> tuple[list[float], Counter[str], int]:
    """Each plan's parse + re-plan CPU time (in-process, serial), the safeties, the files."""
    sys.path.insert(0, str(ROOT))
    from model.core.plan_reader import parse_plan_bytes
    from model.project.fixing import fixable_files
    from model.project.lint import lint_paths
    from model.replan.proposal import replan

    here = Path.cwd()
    os.chdir(cwd)
    try:
        res = lint_paths([out.relative_to(cwd)])
        files = fixable_files(res)
        times: list[float] = []
        kinds: Counter[str] = Counter()
        import highspy  # noqa: F401  (the import is not a plan's solve time)

        for file in files:
            raw = Path(file).read_bytes()
            t = time.process_time()
            plan = parse_plan_bytes(raw, file, res.national).plan
            assert plan is not None
            kinds[str(replan(plan, res.national, res.as_of).safety)] += 1
            times.append(time.process_time() - t)
        return times, kinds, res.files
    finally:
        os.chdir(here)


def p99(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(0.99 * (len(s) - 1)))]


def run() -> list[Row]:
    tmp = Path(tempfile.mkdtemp(prefix="plans-bench-fix-"))
    try:
        out = tmp / "nationwide"
        gen_nationwide.generate(out, count=COUNT, seed=0)
        lint = [PY, "-m", "tui.main", "lint", str(out.relative_to(tmp))]
        timed([*lint, "--diff"], tmp)  # warm-up: byte-compiled modules, page cache
        pairs = [(timed(lint, tmp), timed([*lint, "--diff"], tmp)) for _ in range(REPEAT)]
        lint_wall = [a[0] for a, _ in pairs]
        diff_wall = [b[0] for _, b in pairs]
        times, kinds, n = solve_times(out, tmp)
        ms = [t * 1000 for t in times]
        split = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
        return [
            Row(f"plans lint nationwide ({n} plans), no cache", lint_wall, note="text, both cores"),
            Row("plans lint --diff nationwide, no cache", diff_wall, note=f"{len(times)} plans re-planned ({split})"),
            Row(
                "  ratio: --diff / lint, per interleaved pair",
                [b[0] / a[0] for a, b in pairs],
                unit="x",
                note="target ≤ 2",
            ),
            Row("CPU: plans lint", [a[1] for a, _ in pairs], note="parent + workers"),
            Row("CPU: plans lint --diff", [b[1] for _, b in pairs], note="parent + workers"),
            Row(
                "  ratio: --diff CPU / lint CPU",
                [b[1] / a[1] for a, b in pairs],
                unit="x",
                note="÷ 2 cores ≈ the wall ratio on an idle machine",
            ),
            Row(
                "per-plan parse + re-plan, median (CPU)",
                [statistics.median(ms)],
                unit="ms",
                note=f"in-process, serial, {len(ms)} plans",
            ),
            Row(
                "per-plan parse + re-plan, p99 (CPU)", [p99(ms)], unit="ms", note=f"max {max(ms):.0f} ms" if ms else ""
            ),
            Row(
                "re-plan of every plan that needs one (CPU)",
                [sum(times)],
                note="the solver's share of --diff, one core",
            ),
        ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
