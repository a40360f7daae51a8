"""``plans``: the command line with every command, the app's ``plans tui`` included.

The top layer: it composes the CLI (``tui.cli``, never textual) with the app's command
(``tui.app.command``, which imports textual only when it runs)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tui.app import command as app_command
from tui.app import serve as serve_command
from tui.cli import main as cli


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, extra=(("tui", app_command), ("serve", serve_command)))


def entry() -> None:  # pragma: no cover - console script wrapper
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
