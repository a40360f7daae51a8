"""Nationwide scale: ``plans lint`` on the generated 1,741 plans (tests/gen_nationwide.py)
beside the time merely to read and tomllib-parse the same files; cold, with both cores, and
with a warm result cache; peak memory (the lint process plus its workers); and a check that
lint finds exactly the planted conflicts (no more, no fewer).

Target (issue 5): lint ≤ 1.5 × read+tomllib-parse, peak memory < 300 MB.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import PY, ROOT, Row, compile_sources, cpu_interleaved, ratio, time_cmd, timeit

sys.path.insert(0, str(ROOT / "tests"))
import gen_nationwide

COUNT = int(os.environ.get("PLANS_BENCH_COUNT", "1741"))
REPEAT = int(os.environ.get("PLANS_BENCH_REPEAT", "5"))

READ_AND_PARSE = (
    "import pathlib, sys, {mod}\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.toml')):\n"
    "    {mod}.loads(p.read_bytes().decode('utf-8'))\n"
)

PEAK = """
import resource, sys
from tui.main import main
code = main(sys.argv[1:])
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write(f"PEAK {me} {kids}\\n")
"""


def env(**kw: str) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("PLANS_NO_CACHE", "PLANS_CACHE_DIR")}
    return {**e, "PYTHONPATH": str(ROOT), **kw}


def peak_kb(args: list[str], cwd: Path, extra: dict[str, str]) -> tuple[int, int]:
    """ru_maxrss (KiB) of the lint process and the largest of its waited-for workers."""
    r = subprocess.run([PY, "-c", PEAK, *args], cwd=cwd, capture_output=True, text=True, env=env(**extra))
    line = next(x for x in r.stderr.splitlines() if x.startswith("PEAK "))
    _, me, kids = line.split()
    return int(me), int(kids)


def check_manifest(out: Path, cwd: Path) -> str:
    """Run lint (json) and compare with the manifest: what differs is said in the verdict."""
    r = subprocess.run(
        [PY, "-m", "tui.main", "lint", str(out), "--format", "json", "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env(),
    )
    got = sorted(
        ((cwd / d["file"]).resolve().relative_to(out.resolve()).as_posix(), d["code"], d["phase"], d["business"])
        for d in json.loads(r.stdout)
        if d["kind"] == "finding"
    )
    meta = json.loads((out / "manifest.json").read_text("utf-8"))
    want = sorted((d["file"], d["code"], d["phase"], d["business"]) for d in meta["findings"])
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    if missing or extra or len(got) != len(want):  # reported, not raised: the timings still run
        return f"{len(got)} findings, NOT the planted {len(want)}: {len(missing)} missing {missing[:2]}, {len(extra)} extra {extra[:2]}"
    return f"{len(got)} planted findings in {meta['count']} plans: all found, none extra"


def run() -> list[Row]:
    compile_sources()
    tmp = Path(tempfile.mkdtemp(prefix="plans-bench-"))
    try:
        out = tmp / "nationwide"
        gen_nationwide.generate(out, count=COUNT, seed=0)
        n = len(list(out.rglob("*.toml")))
        verdict = check_manifest(out, tmp)
        lint = [PY, "-m", "tui.main", "lint", str(out), "--format", "json"]
        floor = time_cmd([PY, "-c", READ_AND_PARSE.format(mod="tomllib"), str(out)], repeat=REPEAT, cwd=tmp)
        floor_tomli = time_cmd([PY, "-c", READ_AND_PARSE.format(mod="tomli"), str(out)], repeat=REPEAT, cwd=tmp)

        def timed(cmd: list[str], **extra: str) -> list[float]:
            return time_cmd_env(cmd, tmp, env(**extra))

        cold = timed([*lint, "--no-cache"])
        floor_cmd = [PY, "-c", READ_AND_PARSE.format(mod="tomllib"), str(out)]
        serial_cmd = ["env", "PLANS_LINT_JOBS=1", *lint, "--no-cache"]
        floor_cpu, cold_cpu, serial_cpu = cpu_interleaved(
            [floor_cmd, [*lint, "--no-cache"], serial_cmd], REPEAT, tmp, env()
        )
        cold_text = timed([*lint[:-2], "--no-cache"])
        cache_dir = str(tmp / "cache")

        def cold_cache() -> None:
            shutil.rmtree(cache_dir, ignore_errors=True)
            _run([*lint], tmp, env(PLANS_CACHE_DIR=cache_dir))

        fill = timeit(cold_cache, repeat=max(2, REPEAT // 2), warmup=0)
        warm = timed([*lint], PLANS_CACHE_DIR=cache_dir)
        warm_text = timed(lint[:-2], PLANS_CACHE_DIR=cache_dir)
        me, kids = peak_kb([*lint[3:], "--no-cache"], tmp, {})
        me_serial, _ = peak_kb([*lint[3:], "--no-cache"], tmp, {"PLANS_LINT_JOBS": "1"})

        sys.path.insert(0, str(ROOT))
        from model.project.lint import lint_paths

        cwd = Path.cwd()
        os.chdir(tmp)
        try:
            serial = timeit(lambda: lint_paths([out], jobs=1), repeat=max(2, REPEAT // 2), warmup=0)
            par = timeit(lambda: lint_paths([out], jobs=2), repeat=max(2, REPEAT // 2), warmup=0)
        finally:
            os.chdir(cwd)

        return [
            Row(f"read + tomllib-parse {n} files (subprocess)", floor, note="the floor of issue 5"),
            Row(
                f"read + tomli-parse {n} files (subprocess)",
                floor_tomli,
                note="tomli's compiled parser, which plans uses",
            ),
            Row(
                "plans lint nationwide --format json, no cache", cold, note="both cores (process pool above 200 files)"
            ),
            Row("plans lint nationwide (text), no cache", cold_text, note="rich, source lines and carets"),
            Row("  ratio: lint no cache / tomllib floor", ratio(cold, floor), unit="x", note="target ≤ 1.5"),
            Row("CPU: read + tomllib-parse (subprocess)", floor_cpu, note="user + system"),
            Row("CPU: plans lint, no cache, 2 workers", cold_cpu, note="parent + workers"),
            Row("CPU: plans lint, no cache, serial", serial_cpu, note="PLANS_LINT_JOBS=1"),
            Row(
                "  ratio: lint CPU (2 workers) / floor CPU",
                ratio(cold_cpu, floor_cpu),
                unit="x",
                note="target ≤ 1.5 (issue 9)",
            ),
            Row(
                "  ratio: serial lint CPU / floor CPU",
                ratio(serial_cpu, floor_cpu),
                unit="x",
                note="÷ 2 cores = the wall ratio an idle machine allows",
            ),
            Row("plans lint nationwide, cache cold (fills it)", fill, note="workers write entries"),
            Row("plans lint nationwide, cache warm, json", warm, note="unchanged tree"),
            Row("plans lint nationwide, cache warm, text", warm_text, note="source lines read from the files"),
            Row("  ratio: warm cache / no cache", ratio(warm, cold), unit="x", note="a small fraction"),
            Row("lint_paths in-process, serial (jobs=1)", serial, note="no interpreter start"),
            Row("lint_paths in-process, 2 workers", par, note="fork pool, results in serial order"),
            Row(
                "peak RSS, lint process (no cache)",
                [me / 1024],
                unit="MB",
                note=f"workers: {kids / 1024:.0f} MB max each; target < 300 MB in all",
            ),
            Row(
                "peak RSS, lint process + largest worker",
                [(me + kids) / 1024],
                unit="MB",
                note="an upper bound of parent + one worker",
            ),
            Row("peak RSS, serial lint (PLANS_LINT_JOBS=1)", [me_serial / 1024], unit="MB", note="no workers"),
            Row("planted conflicts found", [float(verdict.split()[0])], unit="findings", note=verdict),
        ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _run(cmd: list[str], cwd: Path, e: dict[str, str]) -> None:
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=e)
    if r.returncode not in (0, 1):
        raise RuntimeError(f"{cmd} exited {r.returncode}: {r.stderr.decode()[-500:]}")


def time_cmd_env(cmd: list[str], cwd: Path, e: dict[str, str]) -> list[float]:
    return timeit(lambda: _run(cmd, cwd, e), repeat=REPEAT)
