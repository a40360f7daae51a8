"""``plans rule CODE``: a rule's documentation (what, why, example, fix); ``--all`` lists rules."""

from __future__ import annotations

import argparse
import sys

from tui.cli.commands.common import add_lang


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("rule", help="ルールの説明 / explain a rule", description=__doc__)
    p.add_argument("code", nargs="?", help="rule code or name, e.g. PL005 or lead-time-too-short")
    p.add_argument("--all", action="store_true", help="list every rule")
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from model.checks.registry import RULES, SEVERITY_JA, by_name, get

    if args.all or not args.code:
        for r in RULES.values():
            sev = r.severity if args.lang == "en" else SEVERITY_JA[r.severity]
            title = r.title_en if args.lang == "en" else r.title
            sys.stdout.write(f"{r.code}  {r.name:<30} {sev:<8} {title}\n")
        return 0
    rule = get(args.code) or by_name(args.code)
    if rule is None:
        sys.stderr.write(f"unknown rule {args.code!r}; known: {', '.join(RULES)}\n")
        return 2
    sys.stdout.write(rule.doc(args.lang))
    return 0
