"""``plans lint plans`` wall time beside the time merely to read and ``tomllib``-parse the
same files (both as fresh processes, so both include interpreter start, and in-process),
and the import time of ``model``. Lint is timed without its result cache (every file
checked) and with a warm cache in a temporary folder (nothing written into plans/)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import tempfile
import tomllib
from pathlib import Path

from common import PLANS, PY, ROOT, Row, compile_sources, cpu_interleaved, ratio, time_cmd, timeit

READ_AND_PARSE = (
    "import pathlib, tomllib\n"
    "for p in sorted(pathlib.Path('plans').glob('*.toml')):\n"
    "    tomllib.loads(p.read_bytes().decode('utf-8'))\n"
)


def plan_files() -> list:  # type: ignore[type-arg]
    """The files ``plans lint plans`` reads: the 19 plans and national.toml."""
    return sorted(PLANS.glob("*.toml"))


def read_and_parse() -> None:
    for p in plan_files():
        tomllib.loads(p.read_bytes().decode("utf-8"))


def lint_in_process() -> None:
    from model.project.lint import lint_paths

    lint_paths([PLANS])


def lint_and_print_in_process() -> None:
    from model.project.lint import lint_paths
    from tui.cli.report import write

    write(lint_paths([PLANS]), "text", "ja", io.StringIO())


def importtime_us(module: str) -> float:
    """Cumulative import time of ``module`` reported by ``python -X importtime`` (µs)."""
    r = subprocess.run(
        [PY, "-X", "importtime", "-c", f"import {module}"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    for line in r.stderr.splitlines():
        m = re.match(r"import time:\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\S.*)$", line)
        if m and m[3].strip() == module:
            return float(m[2])
    raise RuntimeError(f"{module} not in -X importtime output")


def time_lint(args: list[str], cache: Path | None, repeat: int = 10) -> list[float]:
    """``python -m tui.main lint plans ARGS`` as a fresh process, with or without a cache."""
    env = {k: v for k, v in os.environ.items() if k not in ("PLANS_NO_CACHE", "PLANS_CACHE_DIR")}
    env |= {"PLANS_CACHE_DIR": str(cache)} if cache else {"PLANS_NO_CACHE": "1"}

    def once() -> None:
        r = subprocess.run(
            [PY, "-m", "tui.main", "lint", "plans", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if r.returncode not in (0, 1):
            raise RuntimeError(f"plans lint exited {r.returncode}: {r.stderr.decode()[-500:]}")

    return timeit(once, repeat=repeat)


def cpu_rows(n_files: int) -> list[Row]:
    """CPU time (user + system) of ``plans lint plans`` (the console script's path, no
    cache) beside the floor's: the steady measure on a shared machine (issue 9: ≤ 2x)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PLANS_CACHE_DIR",)} | {"PLANS_NO_CACHE": "1"}
    lint = [PY, "-c", "import sys; from tui.main import entry; sys.argv[0] = 'plans'; entry()", "lint", "plans"]
    floor, text, json_ = cpu_interleaved(
        [[PY, "-c", READ_AND_PARSE], lint, [*lint, "--format", "json"]], repeat=15, env=env
    )
    return [
        Row("CPU: read + tomllib-parse the same files", floor, note=f"{n_files} files, interpreter start included"),
        Row("CPU: plans lint plans, no cache", text, note="text (rich)"),
        Row("CPU: plans lint plans --format json, no cache", json_, note="no rich"),
        Row("  ratio: lint CPU / floor CPU", ratio(text, floor), unit="x", note="target ≤ 2 (issue 9)"),
        Row(
            "  ratio: lint --format json CPU / floor CPU",
            ratio(json_, floor),
            unit="x",
            note="the text report's rich not counted",
        ),
    ]


def run() -> list[Row]:
    compile_sources()
    n_files = len(plan_files())
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp)
        lint_rows = [
            Row("plans lint plans, no cache (subprocess)", time_lint([], None), note=f"{n_files} files, text output"),
            Row(
                "plans lint plans --format json, no cache (subprocess)",
                time_lint(["--format", "json"], None),
                note="no rich",
            ),
            Row(
                "plans lint plans, warm cache (subprocess)", time_lint([], warm), note="cache filled by the warm-up run"
            ),
        ]
    rows = [
        Row(
            "python -c pass (interpreter start)",
            time_cmd([PY, "-c", "pass"], repeat=10),
            note="baseline for the rows below",
        ),
        *lint_rows,
        Row(
            "read + tomllib-parse the same files (subprocess)",
            time_cmd([PY, "-c", READ_AND_PARSE], repeat=10),
            note=f"{n_files} files",
        ),
        Row(
            "import model.project.lint (subprocess)",
            time_cmd([PY, "-c", "import model.project.lint"], repeat=10),
            note="includes interpreter start",
        ),
        *cpu_rows(n_files),
    ]
    for module in ("model.project.lint", "model.analysis.table", "tui.main"):
        us = [importtime_us(module) for _ in range(5)]
        rows.append(Row(f"-X importtime {module} (cumulative)", [u / 1e6 for u in us], note="import only"))
    lint_in_process()  # imports done once, outside the timing
    lint_and_print_in_process()
    rows += [
        Row(
            "lint_paths(plans) in-process",
            timeit(lint_in_process, repeat=20, warmup=2),
            note="load national + 19 plans + check, no cache",
        ),
        Row(
            "lint_paths + text output in-process",
            timeit(lint_and_print_in_process, repeat=20, warmup=2),
            note="rich, to a buffer",
        ),
        Row("read + tomllib-parse in-process", timeit(read_and_parse, repeat=20, warmup=2), note=f"{n_files} files"),
    ]
    return rows
