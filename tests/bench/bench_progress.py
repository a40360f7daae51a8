"""Progress at national scale (issue 13): the 1,741 generated plans (tests/gen_nationwide.py)
with 12 monthly snapshots of 1,741 × 20 businesses × 40 steps = 1,392,800 status rows each
(16.7 million rows; ``gen_nationwide.py --progress 2024-06..2025-05 --plant``).

Targets: importing one snapshot and rolling it up within 3× polars' bare ``read_csv`` of the
same file; the forecast over 12 snapshots within 10 s; peak memory within 1.5 GB (each in
its own process: its high-water mark). Correctness: ``plans lint --progress`` on the set
finds exactly the planted cases, the plans' conflicts (manifest.json) and the progress cases
(progress/manifest.json), no more, no fewer; the bench fails (``make bench`` exits 1) if not.

Times are CPU seconds (user + system, polars' threads included) unless a row says wall: the
machine is shared, and a ratio is taken between runs made in turn, in the same round."""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from common import PY, ROOT, Row

sys.path.insert(0, str(ROOT / "tests"))

COUNT = int(os.environ.get("PLANS_BENCH_COUNT", "1741"))
REPEAT = int(os.environ.get("PLANS_BENCH_REPEAT", "5"))
MONTHS = "2024-06..2025-05"  # twelve


def cpu_wall(fn: Callable[[], object]) -> tuple[float, float]:
    """CPU seconds (this process, all its threads) and wall seconds of one call."""
    r0, t0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    fn()
    r1, t1 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    return r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime, t1 - t0


def in_turn(fns: list[Callable[[], object]], repeat: int, warmup: bool = True) -> list[list[tuple[float, float]]]:
    """Each function's (CPU, wall) per round, the functions run in turn within a round (so
    a ratio of two is taken under the same load)."""
    if warmup:
        for fn in fns:
            fn()
    out: list[list[tuple[float, float]]] = [[] for _ in fns]
    for _ in range(repeat):
        for samples, fn in zip(out, fns, strict=True):
            samples.append(cpu_wall(fn))
    return out


def cpu(samples: list[tuple[float, float]]) -> list[float]:
    return [c for c, _ in samples]


def wall(samples: list[tuple[float, float]]) -> list[float]:
    return [w for _, w in samples]


def ratios(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> list[float]:
    """CPU of ``a`` over CPU of ``b``, round by round."""
    return [x / y for (x, _), (y, _) in zip(a, b, strict=True)]


def span(values: list[float]) -> str:
    return f"{min(values):.2f}-{max(values):.2f}x"


def _tracker_csv(stored: Path, out: Path) -> Path:
    """A stored snapshot rewritten as a tracker export: Japanese headers, business names and
    status words (what ``plans import --progress`` reads)."""
    import polars as pl

    from model.core.national import load_national
    from model.progress.status import WORDS, Status

    nat = load_national()
    names = {b.id: b.name.ja for b in nat.businesses.values()}
    words = {s.value: WORDS[s].ja for s in Status}
    df = pl.read_csv(stored, schema_overrides={"code": pl.String})
    df.select(
        pl.col("code").alias("団体コード"), pl.col("municipality").alias("市区町村名"),
        pl.col("business").replace_strict(names).alias("業務"), pl.col("step").alias("ステップ"),
        pl.col("status").replace_strict(words).alias("状況"),
    ).write_csv(out)  # fmt: skip
    return out


def _peak(code: str) -> float:
    """The peak resident memory (MB) of ``code`` run in a fresh interpreter: its VmHWM,
    printed last (``ru_maxrss`` of a child forked from this large process starts at this
    process's size; the high-water mark of the new address space does not)."""
    tail = "\nimport re, sys\nsys.stdout.write(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
    r = subprocess.run([PY, "-c", code + tail], cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-2000:])
    return int(r.stdout.strip().splitlines()[-1]) / 1024


def check_planted(plans_dir: Path, cwd: Path) -> Row:
    """``plans lint DIR --progress --format json`` against both manifests, exactly."""
    from gen_nationwide import planted, reported

    cmd = [PY, "-m", "tui.main", "lint", str(plans_dir), "--progress", "--format", "json", "--no-cache"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    took = time.perf_counter() - t
    want = planted(plans_dir)
    try:
        got = reported(json.loads(r.stdout), plans_dir, cwd)
    except (json.JSONDecodeError, KeyError, ValueError) as e:
        note = f"FAILED: lint exited {r.returncode}, no findings read ({e}): {r.stderr.strip()[-300:]}"
        return Row("lint --progress = the planted cases", [took], note=note, failed=True)
    pg = sum(n for k, n in want.items() if k[1].startswith("PG"))
    missing, extra = want - got, got - want
    if missing or extra:
        note = (
            f"FAILED: {got.total():,} findings, not the planted {want.total():,}: {missing.total()} missing "
            f"{sorted(missing)[:2]}, {extra.total()} extra {sorted(extra)[:2]}"
        )
        return Row("lint --progress = the planted cases", [took], note=note, failed=True)
    note = f"exactly the planted {want.total():,} (plans {want.total() - pg:,}, progress {pg:,}); wall"
    return Row("lint --progress = the planted cases", [took], note=note)


def run() -> list[Row]:
    import polars as pl
    from gen_nationwide import generate, write_progress

    from model.core.national import load_national
    from model.importing.snapshot_import import plan_snapshot_import, read_snapshot
    from model.progress.checks import check_progress, forecast
    from model.progress.rollup import VIEWS, rollup
    from model.progress.snapshot import find_snapshots, to_parquet_bytes
    from model.project.loader import discover, load_plans

    tmp = Path(tempfile.mkdtemp(prefix="plans-bench-progress-"))
    try:
        plans_dir = tmp / "nationwide"
        generate(plans_dir, COUNT)
        write_progress(plans_dir, [MONTHS], plant=True)
        out = [check_planted(plans_dir, tmp)]
        nat = load_national()
        found = find_snapshots([plans_dir])
        stored = found[-1][1]
        tracker = _tracker_csv(stored, tmp / "進捗_2025-05.csv")
        rows = pl.read_csv(tracker).height
        note = f"{rows:,} rows, {tracker.stat().st_size / 2**20:.0f} MB"

        def import_and_rollup() -> None:
            res = plan_snapshot_import(tracker, nat, tmp / "out")
            assert res.ok and res.snapshot is not None, res.problems.items[:3]
            rollup(res.snapshot, "municipality", nat)

        bare, imp = in_turn([lambda: pl.read_csv(tracker), import_and_rollup], REPEAT)
        out.append(Row("polars read_csv (tracker export)", cpu(bare), note=note))
        r = ratios(imp, bare)
        out.append(Row("import --progress + roll-up", cpu(imp), note=f"{span(r)} bare read_csv (target 3x)"))

        bare_stored, rd = in_turn(
            [lambda: pl.read_csv(stored), lambda: rollup(read_snapshot(stored, nat), "municipality", nat)], REPEAT
        )
        out.append(
            Row("polars read_csv (stored snapshot)", cpu(bare_stored), note=f"{stored.stat().st_size / 2**20:.0f} MB")
        )
        out.append(Row("read stored + roll-up", cpu(rd), note=f"{span(ratios(rd, bare_stored))} bare read_csv"))
        snap = read_snapshot(stored, nat)
        (views,) = in_turn([lambda: [rollup(snap, v, nat) for v in VIEWS]], REPEAT)
        out.append(Row("six roll-ups of one snapshot", cpu(views)))

        bare12, fc = in_turn(
            [
                lambda: [pl.read_csv(p) for _, p in found],
                lambda: forecast([read_snapshot(p, nat, m) for m, p in found], nat),
            ],
            max(2, REPEAT // 2),
            warmup=False,
        )
        out.append(Row("polars read_csv of the 12 CSV snapshots", cpu(bare12)))
        note = f"{span(ratios(fc, bare12))} their bare read_csv; wall {min(wall(fc)):.1f}-{max(wall(fc)):.1f} s (target 10 s)"
        out.append(Row("forecast over 12 CSV snapshots (read + pace)", cpu(fc), note=note))
        pq = tmp / "parquet" / "progress"
        pq.mkdir(parents=True)
        for m, p in found:
            (pq / f"{p.stem}.parquet").write_bytes(to_parquet_bytes(read_snapshot(p, nat, m), nat))
        found_pq = find_snapshots([pq])
        (fc_pq,) = in_turn(
            [lambda: forecast([read_snapshot(p, nat, m) for m, p in found_pq], nat)], max(2, REPEAT // 2), warmup=False
        )
        size = sum(p.stat().st_size for _, p in found_pq) / 2**20
        note = f"{size:.1f} MB in all (--parquet); wall {statistics.median(wall(fc_pq)):.1f} s"
        out.append(Row("forecast over 12 Parquet snapshots", cpu(fc_pq), note=note))
        plans, problems, _ = load_plans(discover([plans_dir]), nat)
        assert not problems
        all12 = [read_snapshot(p, nat, m) for m, p in found]
        (checks,) = in_turn([lambda: check_progress(all12, plans, nat)], 1, warmup=False)
        out.append(Row("check_progress over 12 (PG001-PG004)", cpu(checks), note=f"{len(plans)} plans"))
        all12.clear()
        peak_import = _peak(
            textwrap.dedent(f"""
            from pathlib import Path
            from model.core.national import load_national
            from model.importing.snapshot_import import plan_snapshot_import
            from model.progress.rollup import rollup
            nat = load_national()
            res = plan_snapshot_import(Path({str(tracker)!r}), nat, Path({str(tmp / "out")!r}))
            rollup(res.snapshot, "municipality", nat)
        """)
        )
        out.append(Row("peak memory: import + roll-up", [peak_import], unit="MB", note="target 1,536 MB"))
        paths = json.dumps([[m, str(p)] for m, p in found])
        peak_fc = _peak(
            textwrap.dedent(f"""
            import json
            from pathlib import Path
            from model.core.national import load_national
            from model.importing.snapshot_import import read_snapshot
            from model.progress.checks import forecast
            nat = load_national()
            snaps = [read_snapshot(Path(p), nat, m) for m, p in json.loads({paths!r})]
            forecast(snaps, nat)
        """)
        )
        out.append(Row("peak memory: forecast over 12", [peak_fc], unit="MB", note="target 1,536 MB"))
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":  # python tests/bench/bench_progress.py (make bench runs every bench_*.py)
    from common import print_table

    result = run()
    print_table(result)
    sys.exit(1 if any(r.failed for r in result) else 0)
