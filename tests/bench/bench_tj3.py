"""``plans lint`` beside TaskJuggler 3 (``tj3``) on the same plans: the 19 shipped plans and
the largest generated nationwide subset tj3 schedules within a minute. Reports the time
ratio and which conflicts each tool reports (tj3: ``maxend`` violations of the exported
project, see model/tjp.py; lint: its scheduling rules PL001-PL005, mapped to the phase
whose completion is too early or too late).

tj3 is only needed here (``apt-get install tj3``); without it this prints
"tj3 not installed" and reports nothing.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PLANS, PY, ROOT, Row, timeit

sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
import gen_nationwide

from model.project.lint import lint_paths
from model.render.tjp import TaskRef, too_late, write_tjp

LIMIT = float(os.environ.get("PLANS_TJ3_LIMIT", "60"))  # seconds tj3 may take on a subset
SIZES = (5, 10, 20, 40, 80, 160)
SCHEDULING = ("PL001", "PL002", "PL003", "PL004", "PL005")
LEAD_DST = {"vendor_selection": "migration", "migration_plan": "migration"}


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PLANS_NO_CACHE": "1"}


def lint_cmd(path: Path, cwd: Path) -> list[float]:
    def once() -> None:
        r = subprocess.run(
            [PY, "-m", "tui.main", "lint", str(path), "--format", "json"],
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            env=_env(),
        )
        assert r.returncode in (0, 1)

    return timeit(once, repeat=3)


def tj3(path: Path, timeout: float | None = None) -> tuple[float, str] | None:
    t = time.perf_counter()
    try:
        r = subprocess.run(
            ["tj3", "--silent", "--no-color", "--no-reports", str(path)],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None
    out = r.stdout + r.stderr
    if r.returncode != 0:
        raise RuntimeError(f"tj3 failed on {path}: {out[-800:]}")
    return time.perf_counter() - t, out


def compare(
    root: Path, cwd: Path, tjp: Path
) -> tuple[set[tuple[str, str | None, str]], dict[tuple[str, str | None, str], list[bool]], str]:
    """tj3's flagged phases, lint's scheduling findings by phase, and the tj3 output."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        res = lint_paths([root])
        refs: dict[str, TaskRef] = {}
        tjp.write_text(write_tjp(res.plans, res.national, refs=refs), encoding="utf-8")
    finally:
        os.chdir(old)
    ran = tj3(tjp, timeout=None)
    assert ran is not None
    flagged = {(refs[t].file, refs[t].business, refs[t].phase) for t in too_late(ran[1])}
    lint: dict[tuple[str, str | None, str], list[bool]] = {}
    for f in res.findings:
        if f.code in SCHEDULING:
            phase = LEAD_DST.get(str(f.phase), str(f.phase)) if f.code == "PL005" else str(f.phase)
            lint.setdefault((f.place.file, f.business, phase), []).append(f.certain)
    others = sorted({f.code for f in res.findings if f.code not in SCHEDULING})
    return flagged, lint, ", ".join(others)


def agreement(flagged: set[tuple[str, str | None, str]], lint: dict[tuple[str, str | None, str], list[bool]]) -> str:
    certain = {k for k, c in lint.items() if any(c)}
    possible = set(lint) - certain
    both = flagged & set(lint)
    return (
        f"tj3 flags {len(flagged)} phases, lint {len(lint)} ({len(certain)} certain, {len(possible)} possible only); "
        f"both {len(both)}, tj3 only {len(flagged - set(lint))}, lint only {len(set(lint) - flagged)} "
        f"(of which possible only {len(possible - flagged)})"
    )


def run() -> list[Row]:
    if shutil.which("tj3") is None:
        print("tj3 not installed: skipping bench_tj3 (apt-get install tj3)", file=sys.stderr)
        return []
    rows: list[Row] = []
    tmp = Path(tempfile.mkdtemp(prefix="plans-tj3-"))
    try:
        # the 19 shipped plans
        flagged, lint, others = compare(PLANS, ROOT, tmp / "plans.tjp")
        lint_t = lint_cmd(PLANS, ROOT)
        tj_t = [ran[0] for ran in (tj3(tmp / "plans.tjp") for _ in range(3)) if ran is not None]
        rows += [
            Row("plans lint plans (19 plans, subprocess)", lint_t, note="json, no cache"),
            Row("tj3 on plans export --format tjp (19 plans)", tj_t, note=agreement(flagged, lint)),
            Row(
                "  ratio tj3 / lint (19 plans)",
                [t / statistics.median(lint_t) for t in tj_t],
                unit="x",
                note=f"lint also reports {others} (no tj3 counterpart)",
            ),
        ]
        # the largest generated subset tj3 schedules within LIMIT seconds
        best: tuple[int, float, Path] | None = None
        for n in SIZES:
            out = tmp / f"nw{n}"
            gen_nationwide.generate(out, count=n, seed=0)
            old = Path.cwd()
            os.chdir(tmp)
            try:
                res = lint_paths([out])
                (tmp / f"nw{n}.tjp").write_text(write_tjp(res.plans, res.national), encoding="utf-8")
            finally:
                os.chdir(old)
            ran = tj3(tmp / f"nw{n}.tjp", timeout=LIMIT)
            print(
                f"  tj3 on {n} generated plans: {'over ' + str(LIMIT) + ' s' if ran is None else f'{ran[0]:.1f} s'}",
                file=sys.stderr,
            )
            if ran is None:
                break
            best = (n, ran[0], out)
        if best is not None:
            n, tj_time, out = best
            flagged, lint, others = compare(out, tmp, tmp / "best.tjp")
            lint_n = lint_cmd(out, tmp)
            rows += [
                Row(f"plans lint on {n} generated plans (subprocess)", lint_n, note="json, no cache"),
                Row(
                    f"tj3 on {n} generated plans",
                    [tj_time],
                    note=f"largest of {SIZES} within {LIMIT:.0f} s; " + agreement(flagged, lint),
                ),
                Row(
                    f"  ratio tj3 / lint ({n} plans)",
                    [tj_time / statistics.median(lint_n)],
                    unit="x",
                    note=f"lint also reports {others}",
                ),
            ]
        return rows
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
