"""Options and helpers shared by several sub-commands (no textual here).

A command raises :class:`model.core.errors.PlansError` (NationalError, PlanPathError,
UsageError, …) for what stops it; ``tui.cli.main`` prints it and exits ``ExitCode.ERROR``."""

from __future__ import annotations

import argparse
import sys
from enum import IntEnum
from pathlib import Path

from model.core.dates import DateError, Month, parse_month
from model.core.errors import Problem


class ExitCode(IntEnum):
    """How ``plans`` exits (as ruff)."""

    OK = 0
    FINDINGS = 1  # findings at error level (warnings too with --strict)
    ERROR = 2  # a usage error, or input that cannot be loaded
    INTERRUPTED = 130  # Ctrl-C


def add_command(sub: argparse._SubParsersAction, name: str, summary: str, doc: str | None) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    """The subcommand ``name``: ``summary`` in the command list, ``doc`` (the command module's
    docstring, its examples laid out by hand) as its ``--help``."""
    return sub.add_parser(name, help=summary, description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)


def add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="言語 / language (default: ja)")


def add_paths(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths", nargs="*", type=Path, default=None, metavar="PATH", help="plan files or folders (default: ./plans)"
    )
    p.add_argument(
        "--national", type=Path, default=None, help="national timeline (default: national.toml beside the plans)"
    )


def paths_of(args: argparse.Namespace) -> list[Path]:
    return list(args.paths) if args.paths else [Path("plans")]


ARGUMENT_LANG = ["ja"]
"""The language of errors in the command line's values, set from ``--lang`` before parsing
(:func:`argument_lang`): argparse converts a value before the namespace has a language."""


def argument_lang(argv: list[str]) -> None:
    """Take ``--lang`` from ``argv`` for the errors of its values, read as argparse reads it
    (``--lang=en``, an abbreviation such as ``--lan en``, the last one given)."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang", default="ja")  # any word: the real parser refuses a bad one
    known, _ = pre.parse_known_args(argv)
    ARGUMENT_LANG[0] = "en" if known.lang == "en" else "ja"


def as_of_arg(text: str) -> Month:
    try:
        return parse_month(text)
    except DateError as e:
        raise argparse.ArgumentTypeError(e.text(ARGUMENT_LANG[0])) from None


def write_output(path: Path, blob: bytes, lang: str) -> None:
    """``blob`` to ``-o FILE`` atomically, said on stderr; a path that cannot be written (no
    such folder, a folder, no permission) is a usage error naming it (exit 2)."""
    from model.core.errors import UsageError
    from model.core.fileio import atomic_write
    from model.core.os_words import strerror_ja
    from model.core.words import Words

    try:
        atomic_write(path, blob)
    except OSError as e:
        why = e.strerror or str(e)
        raise UsageError(
            f"{path}: {why}", words=Words(f"{path} に書き込めません: {strerror_ja(why)}", f"cannot write {path}: {why}")
        ) from None
    sys.stderr.write(f"wrote {path}\n" if lang == "en" else f"{path} に書き出しました\n")


def report_problems(problems: list[Problem], lang: str, stream=None) -> None:  # type: ignore[no-untyped-def]
    """Print load errors compiler-style on stderr (plain text; no rich needed; controls in
    names escaped), at most ``capped.PER_FILE`` of a file and a line counting the rest."""
    from model.core.printable import printable
    from tui.cli.capped import Rest, per_file

    out = stream or sys.stderr
    for p in per_file(problems, lambda p: p.place.file):
        out.write(
            p.text(lang) + "\n" if isinstance(p, Rest) else printable(f"{p.place}: {p.code} {p.text(lang)}") + "\n"
        )
