"""Shared helpers for benchmarks: repeated timing and the result table."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "plans"
PY = sys.executable


@dataclass
class Row:
    name: str
    samples: list[float]  # seconds (or another unit, see `unit`)
    unit: str = "s"
    note: str = ""
    failed: bool = False  # a check the benchmark makes did not hold: make bench exits 1

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


def timeit(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def time_cmd(cmd: list[str], repeat: int = 5, cwd: Path = ROOT, ok: tuple[int, ...] = (0, 1)) -> list[float]:
    def once() -> None:
        r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if r.returncode not in ok:
            raise RuntimeError(f"{cmd} exited {r.returncode}: {r.stderr.decode()[-500:]}")

    return timeit(once, repeat=repeat)


def cpu_interleaved(
    cmds: list[list[str]],
    repeat: int = 5,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    ok: tuple[int, ...] = (0, 1),
) -> list[list[float]]:
    """CPU seconds (user + system) of each command and the workers it waited for (steadier
    than wall time on a shared machine), the commands run in turn so that a ratio of two is
    taken under the same load (another job on the machine slows every CPU second)."""
    import resource

    def once(cmd: list[str]) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        r = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if r.returncode not in ok:
            raise RuntimeError(f"{cmd} exited {r.returncode}: {r.stderr.decode()[-500:]}")
        return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime

    for cmd in cmds:  # a warm-up each
        once(cmd)
    out: list[list[float]] = [[] for _ in cmds]
    for _ in range(repeat):
        for samples, cmd in zip(out, cmds, strict=True):
            samples.append(once(cmd))
    return out


def ratio(a: list[float], b: list[float]) -> list[float]:
    """Each sample of ``a`` over the median of ``b``."""
    m = statistics.median(b)
    return [x / m for x in a]


def compile_sources() -> None:
    """Byte-compile model/ and tui/ as an install does (``PYTHONDONTWRITEBYTECODE`` may be set
    here, which would otherwise make every run compile every module again)."""
    subprocess.run(
        [PY, "-m", "compileall", "-q", str(ROOT / "model"), str(ROOT / "tui")], check=True, stdout=subprocess.DEVNULL
    )


def _fmt(v: float, unit: str) -> str:
    if unit == "s":
        return f"{v * 1000:.1f} ms" if v < 10 else f"{v:.2f} s"
    return f"{v:.3g} {unit}"


def print_table(rows: list[Row]) -> None:
    try:
        from rich.console import Console
        from rich.table import Table

        t = Table(title="plans benchmarks (median of n runs)")
        for c in ("benchmark", "median", "min", "max", "n", "note"):
            t.add_column(c, justify="right" if c in ("median", "min", "max", "n") else "left")
        for r in rows:
            t.add_row(
                r.name,
                _fmt(r.median, r.unit),
                _fmt(min(r.samples), r.unit),
                _fmt(max(r.samples), r.unit),
                str(len(r.samples)),
                r.note,
            )
        Console(width=160).print(t)
    except ImportError:  # pragma: no cover
        for r in rows:
            print(
                f"{r.name}\t{_fmt(r.median, r.unit)}\t{_fmt(min(r.samples), r.unit)}\t{_fmt(max(r.samples), r.unit)}\t{len(r.samples)}\t{r.note}"
            )
