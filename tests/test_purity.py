"""model/ is pure: importing every module of it loads neither textual nor rich; and
``plans lint`` (the CLI path CI runs) never imports textual, nor the heavy libraries it does
not need. Each check runs in a fresh interpreter so that nothing else has imported them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

IMPORT_ALL_MODEL = """
import importlib, json, pkgutil, sys
import model
names = sorted(m.name for m in pkgutil.walk_packages(model.__path__, "model."))
for n in names:
    importlib.import_module(n)
print(json.dumps({"modules": names, "loaded": sorted(sys.modules)}))
"""

LINT_IN_PROCESS = """
import io, json, sys, contextlib
from tui.main import main
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    code = main(["lint", "plans"])
print(json.dumps({"code": code, "out": buf.getvalue(), "loaded": sorted(sys.modules)}))
"""


def run_python(code: str, cache: Path) -> dict:  # type: ignore[type-arg]
    env = {**os.environ, "PLANS_CACHE_DIR": str(cache)}  # never write into plans/
    r = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120, env=env
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.splitlines()[-1])


def roots(modules: list[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_importing_every_model_module_loads_no_ui_library(tmp_path: Path) -> None:
    res = run_python(IMPORT_ALL_MODEL, tmp_path)
    assert {
        "model.core.dates",
        "model.core.plan",
        "model.checks.engine",
        "model.project.lint",
        "model.analysis.table",
    } <= set(res["modules"])
    loaded = roots(res["loaded"])
    assert "textual" not in loaded
    assert "rich" not in loaded
    assert "tui" not in loaded


def test_plans_lint_never_imports_textual(tmp_path: Path) -> None:
    res = run_python(LINT_IN_PROCESS, tmp_path)
    assert res["code"] == 1 and "PL002" in res["out"]  # it did lint the shipped plans
    loaded = roots(res["loaded"])
    assert "textual" not in loaded
    # heavy libraries that linting plans without [[depends]] has no use for stay unloaded
    assert "polars" not in loaded
    assert "networkx" not in loaded
