"""Options and helpers shared by several sub-commands (no textual here)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from model.core.dates import DateError, Month, parse_month
from model.core.errors import NationalError, Problem


def add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="言語 / language (default: ja)")


def add_paths(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, default=None, metavar="PATH", help="plan files or folders (default: ./plans)")
    p.add_argument("--national", type=Path, default=None, help="national timeline (default: national.toml beside the plans)")


def paths_of(args: argparse.Namespace) -> list[Path]:
    return list(args.paths) if args.paths else [Path("plans")]


def as_of_arg(text: str) -> Month:
    try:
        return parse_month(text)
    except DateError as e:
        raise argparse.ArgumentTypeError(e.text("en")) from None


def report_problems(problems: list[Problem], lang: str, stream=None) -> None:  # type: ignore[no-untyped-def]
    """Print load errors compiler-style on stderr (plain text; no rich needed)."""
    out = stream or sys.stderr
    for p in problems:
        out.write(f"{p.place}: {p.code} {p.text(lang)}\n")


def fail_national(e: NationalError, lang: str) -> int:
    report_problems(e.problems, lang)
    sys.stderr.write("national timeline cannot be loaded\n" if lang == "en" else "国のスケジュール(national.toml)を読み込めません\n")
    return 2


def fail_missing(path: str, lang: str) -> int:
    sys.stderr.write(f"{path}: " + ("no such file or folder\n" if lang == "en" else "ファイルまたはフォルダがありません\n"))
    return 2
