"""plans rule CODE: a rule's documentation (what, why, example, fix), or a load code's
(plans rule E004); --all lists the rules, then the load codes."""

from __future__ import annotations

import argparse
import sys

from model.core.words import Words
from tui.cli.commands.common import add_command, add_lang

UNKNOWN = Words("未知のルール {code!r} です。ルール: {known}", "unknown rule {code!r}; known: {known}")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(sub, "rule", "ルールの説明 / explain a rule", __doc__)
    p.add_argument("code", nargs="?", help="rule or load code, or its name: PL005, lead-time-too-short, E004")
    p.add_argument("--all", action="store_true", help="list every rule and load code")
    add_lang(p)
    p.set_defaults(func=run)


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal cells (a kanji takes two)."""
    from rich.cells import cell_len

    return text + " " * max(0, width - cell_len(text))


def listing(lang: str) -> list[str]:
    """One line per rule, then per load code: code, name, severity, title, in columns
    aligned by display width."""
    from rich.cells import cell_len

    from model.checks.registry import RULES
    from model.core import load_codes
    from model.core.severity import Severity
    from model.progress.registry import PG_RULES

    rows = [
        (r.code, r.name, Severity(r.severity).label(lang), r.title(lang)) for r in (*RULES.values(), *PG_RULES.values())
    ]
    rows += [(c.code, c.name, load_codes.LOAD_ERROR(lang), c.title(lang)) for c in load_codes.LOAD_DOCS.values()]
    widths = [max(cell_len(row[i]) for row in rows) for i in range(3)]
    return [
        f"{pad(code, widths[0])}  {pad(name, widths[1])}  {pad(sev, widths[2])}  {title}"
        for code, name, sev, title in rows
    ]


def run(args: argparse.Namespace) -> int:
    from model.checks.registry import RULES, by_name, get
    from model.core import load_codes
    from model.core.errors import UsageError
    from model.progress import registry as progress

    lang = args.lang
    if args.all or not args.code:
        sys.stdout.write("".join(line + "\n" for line in listing(lang)))
        return 0
    page = (
        get(args.code)
        or by_name(args.code)
        or progress.get(args.code)
        or progress.by_name(args.code)
        or load_codes.get(args.code)
    )
    if page is None:
        words = UNKNOWN.format(code=args.code, known=", ".join([*RULES, *progress.PG_RULES, *load_codes.LOAD_DOCS]))
        raise UsageError(words.en, words=words)
    sys.stdout.write(page.doc(lang))
    return 0
