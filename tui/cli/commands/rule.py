"""``plans rule CODE``: a rule's documentation (what, why, example, fix), or a load code's
(``plans rule E004``); ``--all`` lists the rules, then the load codes."""

from __future__ import annotations

import argparse
import sys

from model.core.words import Words
from tui.cli.commands.common import add_lang


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("rule", help="ルールの説明 / explain a rule", description=__doc__)
    p.add_argument("code", nargs="?", help="rule or load code, or its name: PL005, lead-time-too-short, E004")
    p.add_argument("--all", action="store_true", help="list every rule and load code")
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from model.checks.registry import RULES, by_name, get
    from model.core import load_codes
    from model.core.errors import UsageError
    from model.core.severity import Severity

    lang = args.lang
    if args.all or not args.code:
        for r in RULES.values():
            sys.stdout.write(f"{r.code}  {r.name:<30} {Severity(r.severity).label(lang):<8} {r.title(lang)}\n")
        for c in load_codes.LOAD_DOCS.values():
            sys.stdout.write(f"{c.code}  {c.name:<30} {load_codes.LOAD_ERROR(lang):<8} {c.title(lang)}\n")
        return 0
    page = get(args.code) or by_name(args.code) or load_codes.get(args.code)
    if page is None:
        known = f"unknown rule {args.code!r}; known: {', '.join(RULES)}, {', '.join(load_codes.LOAD_DOCS)}"
        raise UsageError(known, words=Words(known, known))
    sys.stdout.write(page.doc(lang))
    return 0
