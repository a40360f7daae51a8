"""plans lint: check plans against the national timeline (for people and for CI).

Exit 0 clean, 1 findings at error level (or warnings with --strict), 2 usage or load errors.
With --diff: 1 when there is something to fix (the diff is not empty), as ruff.
--fix writes the safe fixes (and with --unsafe-fixes the unsafe ones) and exits as a lint of
what remains.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from model.core.words import Words
from tui.cli.commands.common import (
    ExitCode,
    add_command,
    add_lang,
    add_paths,
    as_of_arg,
    paths_of,
    report_problems,
)

if TYPE_CHECKING:
    from model.project.fixing import Fixes
    from model.project.lint import LintResult

FIX_FORMATS = ("json", "sarif")  # the formats that carry each finding's fix

UNKNOWN_RULE = Words(
    "未知のルール {code!r} です(一覧: plans rule --all)", "unknown rule {code!r} (see: plans rule --all)"
)
NOTHING_SELECTED = Words(
    "--select に規則がありません。コード・接頭辞・名前をカンマ区切りで書いてください(例: --select PL001,PL00、すべて: --select ALL、一覧: plans rule --all)",
    "--select names no rule: write codes, prefixes or names, comma-separated (e.g. --select PL001,PL00; every rule: --select ALL; see: plans rule --all)",
)
ALL_IGNORED = Words(
    "--ignore で規則がすべて外れ、チェックする規則がありません。--ignore に書く規則を減らすか、--select で残す規則を書いてください(例: --ignore PL007、一覧: plans rule --all)",
    "--ignore removes every selected rule, so nothing would be checked: ignore fewer rules, or name the ones to keep with --select (e.g. --ignore PL007; see: plans rule --all)",
)
UNSAFE_NEEDS_FIX = Words(
    "--unsafe-fixes は --diff か --fix と一緒に指定してください", "--unsafe-fixes needs --diff or --fix"
)
DIFF_NOT_STATISTICS = Words(
    "--diff と --statistics は一緒に指定できません", "--diff and --statistics cannot be used together"
)
FIXED = Words("{file}: 日付を{n}か所修正しました", "{file}: fixed {n} date(s)")
WOULD_FIX = Words("{n}ファイルを修正できます(--fix で書き込みます)", "{n} file(s) would be fixed (--fix writes them)")
NOTHING_TO_FIX = Words("修正するものはありません", "nothing to fix")
FIXED_TOTAL = Words("{n}ファイルを修正しました", "fixed {n} file(s)")


def unsafe_available(n: int) -> Words:
    return Words(
        f"安全でない修正が{n}件あります(--unsafe-fixes で適用できます)",
        f"{n} unsafe fix{'es' if n != 1 else ''} available with --unsafe-fixes",
    )


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from tui.cli.report import FORMATS

    p = add_command(sub, "lint", "計画をチェックする / check plans", __doc__)
    add_paths(p)
    p.add_argument(
        "--format",
        "--output-format",
        dest="format",
        choices=sorted(FORMATS),
        default="text",
        help="output format (default: text)",
    )
    p.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="only these rules (codes, prefixes or names; comma-separated)",
    )
    p.add_argument("--ignore", action="append", metavar="CODES", help="skip these rules")
    p.add_argument(
        "--as-of",
        type=as_of_arg,
        default=None,
        metavar="DATE",
        help="evaluation month, e.g. R4.2 (default: national.toml's evaluation_date, else today)",
    )
    p.add_argument(
        "--progress",
        action="store_true",
        help="also check progress against the plans (PG001-PG004) over the snapshots in progress/ beside the plans",
    )
    p.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    p.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even with findings (load and usage errors still exit 2)"
    )
    p.add_argument(
        "--statistics", action="store_true", help="print the number of findings per rule instead of the findings"
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="do not use the result cache (.plans-cache/ beside the plans, or $PLANS_CACHE_DIR; PLANS_NO_CACHE=1 also disables it)",
    )
    fix = p.add_mutually_exclusive_group()
    fix.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes of PL001-PL006 as a unified diff (json/sarif: each finding with its fix) and change no file; exit 1 if there is a diff",
    )
    fix.add_argument(
        "--fix",
        action="store_true",
        help="write the fixes (only date values change; atomic; a file changed since it was read is left alone), then report what remains",
    )
    p.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --diff or --fix: include unsafe fixes (a go-live moves, or needs an extended deadline)",
    )
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from model.checks.registry import NoRuleSelected, select
    from model.core.errors import UsageError
    from model.project.lint import lint_paths

    universe = None
    if args.progress:
        from model.checks.registry import RULES
        from model.progress.registry import PG_RULES

        universe = RULES | PG_RULES
    try:
        enabled = select(args.select, args.ignore, universe)
    except KeyError as e:
        words = UNKNOWN_RULE.format(code=e.args[0])
        raise UsageError(words.en, words=words) from None
    except NoRuleSelected as e:
        words = NOTHING_SELECTED if e.by == "select" else ALL_IGNORED
        raise UsageError(words.en, words=words) from None
    fixing = args.diff or args.fix
    if args.unsafe_fixes and not fixing:
        raise UsageError(UNSAFE_NEEDS_FIX.en, words=UNSAFE_NEEDS_FIX)
    if args.diff and args.statistics:
        raise UsageError(DIFF_NOT_STATISTICS.en, words=DIFF_NOT_STATISTICS)

    def lint() -> LintResult:
        res = lint_paths(
            paths_of(args), national=args.national, as_of=args.as_of, enabled=enabled, cache=not args.no_cache
        )
        return with_progress(res, args, enabled) if args.progress else res

    res = lint()
    if not fixing:
        report(res, args)
        return _exit(exit_code(res, strict=args.strict), args)
    from model.project.fixing import propose

    fixes = propose(res, unsafe=args.unsafe_fixes)
    if args.diff:
        return diff(res, fixes, args)
    return fix(res, fixes, args, lint)


SNAPSHOT_UNREADABLE = Words(
    "進捗のスナップショットを読めないため、何も検査していません(上の問題を直してください)",
    "a progress snapshot cannot be read, so nothing was checked (fix the problems above)",
)


def with_progress(res: LintResult, args: argparse.Namespace, enabled: set[str]) -> LintResult:
    """``--progress``: the PG findings over the snapshots beside the plans added to ``res``;
    no snapshot to read is a usage error (exit 2), as ``plans progress --check`` says it."""
    from model.importing.snapshot_import import SnapshotError, read_snapshot
    from model.progress.lint import progress_findings, with_findings
    from tui.cli.commands.progress import no_snapshot

    paths = paths_of(args)
    try:
        found, read = progress_findings(res, paths, read_snapshot, enabled)
    except SnapshotError as e:
        from model.core.errors import UsageError
        from tui.cli.commands.import_ import print_cell_problems

        print_cell_problems(e.cell_problems, e.rest, args.lang)
        raise UsageError(SNAPSHOT_UNREADABLE.en, words=SNAPSHOT_UNREADABLE) from None
    if not read:
        raise no_snapshot(paths)
    return with_findings(res, found)


def report(res: LintResult, args: argparse.Namespace, fixes: Fixes | None = None) -> None:
    """The lint result in its format on stdout (with its fixes for json and SARIF), and with
    ``--format github`` under GitHub Actions every finding in the job summary too."""
    from tui.cli.report import FORMATS, write

    if args.statistics:
        from model.render.findings.statistics import write_statistics

        write_statistics(res, args.format, args.lang)
    elif fixes is not None and args.format in FIX_FORMATS:
        FORMATS[args.format].load()(res, args.lang, sys.stdout, fixes=fixes)
    else:
        write(res, args.format, args.lang)
    if args.format == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        step_summary(res, args.lang, os.environ["GITHUB_STEP_SUMMARY"])


def step_summary(res: LintResult, lang: str, path: str) -> None:
    """Append every finding as a Markdown table to the job summary file (GitHub shows only
    10 annotations of each level per step). A summary that cannot be written is said on
    stderr; it does not change the exit code."""
    from model.render.findings.github import SUMMARY_LIMIT, summary

    try:
        have = os.path.getsize(path) if os.path.exists(path) else 0
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(summary(res, lang, limit=max(0, SUMMARY_LIMIT - have)))
    except OSError as e:
        sys.stderr.write(f"GITHUB_STEP_SUMMARY {path}: {e.strerror}\n")


def notes(fixes: Fixes, lang: str) -> None:
    """On stderr: plans that could not be re-planned, unsafe fixes left out, plans no
    schedule can fix and plans whose dates need an extended deadline rather than a change
    (each with the chain of constraints that binds it)."""
    err = sys.stderr
    for p in fixes.problems:
        err.write(f"{p.place}: {p.text(lang)}\n")
    withheld = fixes.withheld()
    for pf in withheld:
        err.write(f"{pf.file}: {pf.describe(lang)}\n")
    for pf in [*fixes.infeasible(), *fixes.beyond_dates()]:
        err.write(f"{pf.file}: {pf.describe(lang)}\n")
    if withheld:
        err.write(unsafe_available(len(withheld))(lang) + "\n")


def diff(res: LintResult, fixes: Fixes, args: argparse.Namespace) -> int:
    """``--diff``: the fixes as a unified diff on stdout (json/SARIF: the findings with their
    fixes); notes on stderr; no file touched."""
    lang = args.lang
    included = fixes.included()
    notes(fixes, lang)
    if args.format in FIX_FORMATS:
        report(res, args, fixes)
    else:
        from model.render.fixes import unified_diff

        report_problems(res.problems, lang)
        for pf in included:
            sys.stdout.write(unified_diff(pf.file, pf.text, pf.after))
    sys.stderr.write((WOULD_FIX.format(n=len(included)) if included else NOTHING_TO_FIX)(lang) + "\n")
    if res.problems or fixes.problems:
        return ExitCode.ERROR
    return _exit(ExitCode.FINDINGS if included else ExitCode.OK, args)


def fix(res: LintResult, fixes: Fixes, args: argparse.Namespace, lint: Callable[[], LintResult]) -> int:
    """``--fix``: write the included fixes, then lint again and report what remains."""
    from model.project.fixing import propose, write_fixes

    lang = args.lang
    written = write_fixes(fixes)
    done = [w.fix for w in written if w.problem is None]
    for w in written:
        line = (
            FIXED.format(file=w.fix.file, n=len(w.fix.edits))(lang)
            if w.problem is None
            else f"{w.problem.place}: {w.problem.text(lang)}"
        )
        sys.stderr.write(line + "\n")
    notes(fixes, lang)
    if done:
        sys.stderr.write(FIXED_TOTAL.format(n=len(done))(lang) + "\n")
        res = lint()
    remaining = propose(res, unsafe=args.unsafe_fixes) if args.format in FIX_FORMATS and not args.statistics else None
    report(res, args, remaining)
    if any(w.problem is not None for w in written) or fixes.problems:
        return ExitCode.ERROR
    return _exit(exit_code(res, strict=args.strict), args)


def _exit(code: ExitCode, args: argparse.Namespace) -> ExitCode:
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
