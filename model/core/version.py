"""The tool's version, written once: ``[project] version`` in pyproject.toml.

Read from the installed distribution's metadata (``importlib.metadata``); a source checkout
that is not installed (``python -m tui.main`` with ``PYTHONPATH``) reads pyproject.toml beside
the packages instead. ``plans --version``, SARIF's ``tool.driver.version`` and the lint
cache's key all ask here.

The distribution is ``jichitai-plans``: ``plans`` on PyPI is an unrelated project. The command
and the import packages (``model``, ``tui``) keep their names.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

DISTRIBUTION = "jichitai-plans"
COMMAND = "plans"
UNKNOWN = "0.0.0+unknown"  # neither installed nor a source checkout (PEP 440 and SemVer both read it)
PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


@functools.cache
def version() -> str:
    """The version of the installed distribution, else of the source checkout, else
    :data:`UNKNOWN`. Imports ``importlib.metadata`` only when called (≈20 ms)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed(DISTRIBUTION)
    except PackageNotFoundError:
        return source_version(PYPROJECT) or UNKNOWN


def source_version(pyproject: Path) -> str | None:
    """``[project] version`` of ``pyproject`` when it is this distribution's, else None."""
    try:
        project = tomllib.loads(pyproject.read_text("utf-8")).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if not isinstance(project, dict) or project.get("name") != DISTRIBUTION:
        return None
    v = project.get("version")
    return v if isinstance(v, str) else None


__all__ = ["COMMAND", "DISTRIBUTION", "source_version", "version"]
