"""Each widget and screen keeps its styles in a ``.tcss`` file beside its module."""

from __future__ import annotations

from pathlib import Path


def path_beside(module_file: str, name: str | None = None) -> str:
    """The ``.tcss`` file beside a module (``name``: another file in its folder), for a
    screen's ``CSS_PATH``."""
    here = Path(module_file)
    return str(here.with_name(name) if name else here.with_suffix(".tcss"))


def beside(module_file: str) -> str:
    """The text of the ``.tcss`` file beside a module, for a widget's ``DEFAULT_CSS``."""
    return Path(path_beside(module_file)).read_text(encoding="utf-8")
