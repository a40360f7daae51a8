"""Shared test helpers: the repository's paths, the shipped national timeline, and ways to
run the ``plans`` command in-process (``cli``) or as a real subprocess (``run_plans``)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from model.core.national import National, load_national

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"
NATIONAL = PLANS / "national.toml"
FIXTURES = ROOT / "tests" / "fixtures"


PLAIN_OUTPUT_UNSET = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE")


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def national() -> National:
    """The shipped national timeline (plans/national.toml), loaded once."""
    return load_national(NATIONAL)


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[..., CliResult]:
    """Run ``plans ARGS…`` in-process (``tui.main.main``) from the repository root (so that
    paths print as ``plans/ube.toml``); argparse's exits are returned as exit codes. The lint
    result cache lives in this test's own folder: no test reads another run's entries."""
    from tui.main import main

    for var in PLAIN_OUTPUT_UNSET:  # plain text, as when piped in CI
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("PLANS_NO_CACHE", raising=False)
    monkeypatch.setenv("PLANS_CACHE_DIR", str(tmp_path / "plans-cache"))

    def run(*args: str, cwd: Path = ROOT) -> CliResult:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 2
        cap = capsys.readouterr()
        return CliResult(code, cap.out, cap.err)

    return run


def run_plans(*args: str, cwd: Path = ROOT, timeout: float = 120, env: dict[str, str] | None = None) -> CliResult:
    """Run ``python -m tui.main ARGS…`` as a subprocess with this interpreter (without the
    lint result cache unless ``env`` asks for one)."""
    env = (
        {k: v for k, v in os.environ.items() if k not in PLAIN_OUTPUT_UNSET}
        | {
            "PYTHONIOENCODING": "utf-8",
            "COLUMNS": "200",
            "PLANS_NO_CACHE": "1",
        }
        | (env or {})
    )
    r = subprocess.run(
        [sys.executable, "-m", "tui.main", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
    )
    return CliResult(r.returncode, r.stdout, r.stderr)
