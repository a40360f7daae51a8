"""The ``plans`` command line. Each sub-command lives in ``tui/commands/<name>.py`` with a
``register(subparsers)`` function; heavy imports (textual, polars) stay inside the commands
that need them, so ``plans lint`` never imports textual."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

import tui.commands

# The order ``plans --help`` lists sub-commands in; any other module in tui/commands that
# has ``register`` follows alphabetically.
ORDER = ["lint", "rule", "table", "tui", "gantt", "stats", "what_if", "import_", "export", "schema"]


def command_modules() -> list[str]:
    names = [m.name for m in pkgutil.iter_modules(tui.commands.__path__) if m.name not in ("common", "__init__") and not m.name.startswith("_")]
    return sorted(names, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plans",
        description="標準準拠システム移行計画のチェックと閲覧 / plan and check migrations to standard-compliant systems",
    )
    parser.add_argument("--version", action="version", version="plans 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in command_modules():
        mod = importlib.import_module(f"tui.commands.{name}")
        if hasattr(mod, "register"):
            mod.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def entry() -> None:  # pragma: no cover - console script wrapper
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
