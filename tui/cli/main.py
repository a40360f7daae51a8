"""The ``plans`` command line. Each sub-command lives in ``tui/cli/commands/<name>.py`` with a
``register(subparsers)`` function; heavy imports (polars, rich) stay inside the commands that
need them. Commands from layers above the CLI (the app's ``plans tui``) are handed in by
``tui.main``: this package never imports textual (an import-linter contract).

A command returns its :class:`ExitCode` (or an int) and raises a
:class:`model.core.errors.PlansError` for anything that stops it: :func:`main` is the one
place that prints such an error (its problems compiler-style, then its words) and exits 2.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

import tui.cli.commands
from model.core.errors import PlansError
from tui.cli.commands.common import ExitCode, report_problems

__all__ = ["ExitCode", "build_parser", "main"]

# The order ``plans --help`` lists sub-commands in; any other command follows alphabetically.
ORDER = ["lint", "rule", "table", "tui", "gantt", "stats", "what_if", "import_", "export", "schema"]


def command_modules() -> list[str]:
    names = [
        m.name
        for m in pkgutil.iter_modules(tui.cli.commands.__path__)
        if m.name not in ("common", "__init__") and not m.name.startswith("_")
    ]
    return _ordered(names)


def _ordered(names: Sequence[str]) -> list[str]:
    return sorted(names, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))


def command_name(module: str) -> str:
    """The sub-command a module registers: ``what_if`` is ``plans what-if``, ``import_``
    is ``plans import``."""
    return module.rstrip("_").replace("_", "-")


class VersionAction(argparse.Action):
    """``--version``: ``plans X.Y.Z`` from the package metadata (``model.core.version``), read
    only when asked (its import costs more than parsing the rest)."""

    def __init__(
        self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, help: str = "show the version and exit"
    ) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from model.core.version import COMMAND, version

        sys.stdout.write(f"{COMMAND} {version()}\n")
        parser.exit()


def build_parser(
    extra: Sequence[tuple[str, ModuleType]] = (), argv: Sequence[str] | None = None
) -> argparse.ArgumentParser:
    """The parser of every command; with ``argv`` naming one (``lint …``), of that command
    alone (the others' modules and their imports are not loaded: ``plans lint`` starts
    faster; ``plans --help`` and a mistyped command still see them all)."""
    parser = argparse.ArgumentParser(
        prog="plans",
        description="標準準拠システム移行計画のチェックと閲覧 / plan and check migrations to standard-compliant systems",
    )
    parser.add_argument("--version", action=VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    given = dict(extra)
    names = _ordered([*command_modules(), *given])
    wanted = argv[0] if argv else None
    if any(command_name(n) == wanted for n in names):
        names = [n for n in names if command_name(n) == wanted]
    for name in names:
        mod = given.get(name) or importlib.import_module(f"tui.cli.commands.{name}")
        if hasattr(mod, "register"):
            mod.register(sub)
    return parser


def main(argv: Sequence[str] | None = None, extra: Sequence[tuple[str, ModuleType]] = ()) -> int:
    from tui.cli.commands.common import argument_lang

    argv = sys.argv[1:] if argv is None else list(argv)
    argument_lang(argv)
    parser = build_parser(extra, argv)
    args = parser.parse_args(argv)
    args.extra_commands = tuple(extra)  # plans completion builds the parser of every command
    if not getattr(args, "func", None):
        parser.print_help()
        return ExitCode.ERROR
    try:
        return ExitCode(int(args.func(args) or 0))
    except PlansError as e:
        lang = getattr(args, "lang", "ja")
        report_problems(e.problems, lang)
        if e.words is not None:
            sys.stderr.write(e.words(lang) + "\n")
        return ExitCode.ERROR
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return ExitCode.OK
