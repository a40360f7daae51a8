"""Every writer, named by format: ``plans lint --format``, ``plans export --format`` and
``plans gantt --format`` look their writers up here.

A writer is named by ``"module:function"`` and imported when first used, so listing the
formats (argparse choices) imports nothing and a command loads only the writer it writes
with. A new format is one writer module and one line in a table below.

The three tables hold writers of three shapes:

- :data:`LINT` — ``write(res: LintResult, lang, out: TextIO) -> None``;
- :data:`EXPORT` — ``write(data: ExportData, opts: Options) -> bytes``;
- :data:`GANTT` — ``write(chart: Chart, zoom: Zoom) -> str`` (``cells``: also ``width=``,
  how many terminal cells a character takes).

``model`` may not import rich, so the people's lint report (``text``) lives in the command
line (``tui/cli/report.py``), which adds it to :data:`LINT` with :func:`add_lint` when imported.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

# Plain slotted classes rather than dataclasses or NamedTuples: this module is imported by
# every ``plans`` command line (the formats are argparse choices), and these cost a
# twentieth as much to create.


class Format:
    """A format's name and its writer, ``"module:function"``."""

    __slots__ = ("name", "target")

    def __init__(self, name: str, target: str) -> None:
        self.name = name
        self.target = target

    def load(self) -> Callable[..., Any]:
        """The writer (its module imported now)."""
        module, _, function = self.target.partition(":")
        return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


class LintFormat(Format):
    __slots__ = ()


class ExportFormat(Format):
    __slots__ = ("binary", "single_table")

    def __init__(self, name: str, target: str, *, single_table: bool = False, binary: bool = False) -> None:
        super().__init__(name, target)
        self.single_table = single_table  # one table per file (no ``--table all``)
        self.binary = binary  # not fit for a terminal: needs ``-o FILE``


class GanttFormat(Format):
    __slots__ = ("cells", "zoom")

    def __init__(self, name: str, target: str, *, zoom: str = "month", cells: bool = False) -> None:
        super().__init__(name, target)
        self.zoom = zoom  # the default zoom (a ``Zoom`` value)
        self.cells = cells  # text for a terminal: measured in terminal cells


F = TypeVar("F", bound=Format)


def _table(*formats: F) -> dict[str, F]:
    return {f.name: f for f in formats}


LINT: dict[str, LintFormat] = _table(
    LintFormat("json", "model.render.findings.json:write"),
    LintFormat("github", "model.render.findings.github:write"),
    LintFormat("sarif", "model.render.findings.sarif:write"),
    LintFormat("junit", "model.render.findings.junit:write"),
)

EXPORT: dict[str, ExportFormat] = _table(
    ExportFormat("csv", "model.render.export_tables:to_csv", single_table=True),
    ExportFormat("parquet", "model.render.export_tables:to_parquet", single_table=True, binary=True),
    ExportFormat("json", "model.render.export_tables:to_json"),
    ExportFormat("xlsx", "model.render.export_tables:to_xlsx", binary=True),
    ExportFormat("tjp", "model.render.tjp:to_tjp"),  # TaskJuggler 3 (issue 5)
    ExportFormat("msproject", "model.render.msproject:to_msproject"),  # MS Project XML (MSPDI)
    ExportFormat(
        "ics", "model.render.ics:to_ics"
    ),  # iCalendar; -o DIR: one per municipality (model.render.ics.calendars)
)

GANTT: dict[str, GanttFormat] = _table(
    GanttFormat("svg", "model.render.gantt.svg:to_svg"),
    GanttFormat("html", "model.render.gantt.html:to_html"),
    GanttFormat("txt", "model.render.gantt.text:to_text", zoom="quarter", cells=True),
    GanttFormat("mermaid", "model.render.mermaid:to_mermaid", zoom="year"),  # Markdown (issue 14)
)


def add_lint(fmt: LintFormat) -> None:
    """A lint format whose writer lives above ``model`` (the command line's rich text report)."""
    LINT[fmt.name] = fmt


__all__ = ["EXPORT", "GANTT", "LINT", "ExportFormat", "Format", "GanttFormat", "LintFormat", "add_lint"]
