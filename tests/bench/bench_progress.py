"""Progress at national scale (issue 13): 1,741 generated plans × 20 businesses × 40 steps =
1,392,800 status rows a snapshot, 12 monthly snapshots (16.7 million rows;
tests/gen_progress.py). Targets: importing one snapshot and rolling it up within 3× polars'
bare ``read_csv`` of the same file; the forecast over 12 snapshots within 10 s; peak memory
within 1.5 GB (each measured in its own process: its maximum resident set)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from common import PY, ROOT, Row, timeit

sys.path.insert(0, str(ROOT / "tests"))

MONTHS = ("2024-06", "2025-05")  # twelve


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


def run() -> list[Row]:
    import polars as pl
    from gen_nationwide import generate
    from gen_progress import write_snapshots

    from model.core.dates import parse_month
    from model.core.national import load_national
    from model.importing.snapshot_import import plan_snapshot_import, read_snapshot
    from model.progress.checks import check_progress, forecast
    from model.progress.rollup import rollup
    from model.progress.snapshot import find_snapshots, to_parquet_bytes
    from model.project.loader import discover, load_plans

    tmp = Path(tempfile.mkdtemp(prefix="plans-bench-progress-"))
    try:
        plans_dir = tmp / "nationwide"
        generate(plans_dir, 1741)
        first, last = (parse_month(m) for m in MONTHS)
        write_snapshots(plans_dir, list(range(first, last + 1)))
        nat = load_national()
        found = find_snapshots([plans_dir])
        stored = found[-1][1]
        tracker = _tracker_csv(stored, tmp / "進捗_2025-05.csv")
        rows = pl.read_csv(tracker).height
        note = f"{rows:,} rows, {tracker.stat().st_size / 2**20:.0f} MB"
        out: list[Row] = []
        bare = timeit(lambda: pl.read_csv(tracker), repeat=3)
        out.append(Row("polars read_csv (tracker export)", bare, note=note))

        def import_and_rollup() -> None:
            res = plan_snapshot_import(tracker, nat, tmp / "out")
            assert res.ok and res.snapshot is not None, res.problems.items[:3]
            rollup(res.snapshot, "municipality", nat)

        imp = timeit(import_and_rollup, repeat=3)
        ratio = min(imp) / min(bare)
        out.append(Row("import --progress + roll-up", imp, note=f"{ratio:.1f}x bare read_csv (target 3x)"))
        bare_stored = timeit(lambda: pl.read_csv(stored), repeat=3)
        out.append(
            Row("polars read_csv (stored snapshot)", bare_stored, note=f"{stored.stat().st_size / 2**20:.0f} MB")
        )
        snap = read_snapshot(stored, nat)
        rd = timeit(lambda: rollup(read_snapshot(stored, nat), "municipality", nat), repeat=3)
        out.append(Row("read stored + roll-up", rd, note=f"{min(rd) / min(bare_stored):.1f}x bare read_csv"))
        out.append(
            Row(
                "six roll-ups of one snapshot",
                timeit(
                    lambda: [
                        rollup(snap, v, nat)
                        for v in ("municipality", "prefecture", "business", "step", "system", "total")
                    ],
                    repeat=3,
                ),
            )
        )

        def forecast12() -> None:
            snaps = [read_snapshot(p, nat, m) for m, p in found]
            forecast(snaps, nat)

        fc = timeit(forecast12, repeat=1, warmup=0)
        out.append(Row("forecast over 12 CSV snapshots (read + pace)", fc, note=f"{len(found)} snapshots, target 10 s"))
        pq = tmp / "parquet" / "progress"
        pq.mkdir(parents=True)
        for m, p in found:
            (pq / f"{p.stem}.parquet").write_bytes(to_parquet_bytes(read_snapshot(p, nat, m), nat))
        found_pq = find_snapshots([pq])

        def forecast12_parquet() -> None:
            forecast([read_snapshot(p, nat, m) for m, p in found_pq], nat)

        size = sum(p.stat().st_size for _, p in found_pq) / 2**20
        out.append(
            Row(
                "forecast over 12 Parquet snapshots",
                timeit(forecast12_parquet, repeat=1, warmup=0),
                note=f"{size:.1f} MB in all (--parquet)",
            )
        )
        plans, problems, _ = load_plans(discover([plans_dir]), nat)
        assert not problems
        all12 = [read_snapshot(p, nat, m) for m, p in found]
        out.append(
            Row(
                "check_progress over 12 (PG001-PG004)",
                timeit(lambda: check_progress(all12, plans, nat), repeat=1, warmup=0),
                note=f"{len(plans)} plans",
            )
        )
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
