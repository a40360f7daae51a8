"""A rich progress bar for work that can take more than a second (importing, exporting,
re-checking many plans). Shown only when stderr is a terminal and the work is large, so
pipes, CI logs and tests see nothing of it.

Usage::

    with progress(len(files), "チェック中") as step:
        for f in files:
            ...
            step()
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

THRESHOLD = 50  # items; below this the work is done before a bar would be read


def wanted(total: int, stream: TextIO | None = None, threshold: int = THRESHOLD) -> bool:
    """Show a bar? Only for large work on an interactive terminal."""
    s = stream or sys.stderr
    return total >= threshold and bool(getattr(s, "isatty", lambda: False)())


@contextmanager
def progress(
    total: int, label: str, *, stream: TextIO | None = None, threshold: int = THRESHOLD
) -> Iterator[Callable[[], None]]:
    """Yield ``step()``; each call advances the bar by one item (a no-op when not shown)."""
    s = stream or sys.stderr
    if not wanted(total, s, threshold):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=s)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)

        def step() -> None:
            bar.advance(task)

        yield step
