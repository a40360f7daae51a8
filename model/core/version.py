"""The tool's version, written once, here: hatchling reads it for the package metadata
(``[tool.hatch.version]`` in pyproject.toml), and ``plans --version``, SARIF's
``tool.driver.version`` and the lint cache's key import it (no metadata lookup at run time:
``importlib.metadata`` costs about 25 ms on every ``plans lint``).

The distribution is ``jichitai-plans``: ``plans`` on PyPI is an unrelated project. The command
and the import packages (``model``, ``tui``) keep their names.
"""

from __future__ import annotations

__version__ = "0.2.0"

DISTRIBUTION = "jichitai-plans"
COMMAND = "plans"


def version() -> str:
    return __version__


__all__ = ["COMMAND", "DISTRIBUTION", "__version__", "version"]
