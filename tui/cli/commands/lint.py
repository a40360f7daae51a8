"""``plans lint``: check plans against the national timeline (for people and for CI).

Exit 0 clean, 1 findings at error level (or warnings with --strict), 2 usage or load errors.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tui.cli.commands.common import ExitCode, add_lang, add_paths, as_of_arg, paths_of

if TYPE_CHECKING:
    from model.project.lint import LintResult


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from tui.cli.report import FORMATS

    p = sub.add_parser("lint", help="計画をチェックする / check plans", description=__doc__)
    add_paths(p)
    p.add_argument("--format", "--output-format", dest="format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    p.add_argument("--select", action="append", metavar="CODES", help="only these rules (codes, prefixes or names; comma-separated)")
    p.add_argument("--ignore", action="append", metavar="CODES", help="skip these rules")
    p.add_argument("--as-of", type=as_of_arg, default=None, metavar="DATE", help="evaluation month, e.g. R4.2 (default: national.toml's evaluation_date, else today)")
    p.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (load and usage errors still exit 2)")
    p.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of the findings")
    p.add_argument("--no-cache", action="store_true", help="do not use the result cache (.plans-cache/ beside the plans, or $PLANS_CACHE_DIR; PLANS_NO_CACHE=1 also disables it)")
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from model.checks.registry import select
    from model.core.errors import UsageError
    from model.core.words import Words
    from model.project.lint import lint_paths
    from tui.cli.report import write

    try:
        enabled = select(args.select, args.ignore)
    except KeyError as e:
        unknown = f"unknown rule {e.args[0]!r} (see: plans rule --all)"
        raise UsageError(unknown, words=Words(unknown, unknown)) from None
    res = lint_paths(paths_of(args), national=args.national, as_of=args.as_of, enabled=enabled, cache=not args.no_cache)
    if args.statistics:
        from model.render.findings.statistics import write_statistics

        write_statistics(res, args.format, args.lang)
    else:
        write(res, args.format, args.lang)
    code = exit_code(res, strict=args.strict)
    return ExitCode.OK if args.exit_zero and code == ExitCode.FINDINGS else code


def exit_code(res: LintResult, *, strict: bool = False) -> ExitCode:
    """ERROR for load problems, FINDINGS for findings at error level (or warnings when
    ``strict``), else OK."""
    from model.core.severity import Severity

    if res.problems:
        return ExitCode.ERROR
    worst = res.worst()
    if worst == Severity.ERROR or (strict and worst == Severity.WARNING):
        return ExitCode.FINDINGS
    return ExitCode.OK
