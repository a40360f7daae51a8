"""``plans tui [DIR]``: the planner's app on a folder of plans (default ./plans)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.commands.common import add_lang, as_of_arg


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("tui", help="計画を見て直すアプリ / the planner's app", description=__doc__)
    p.add_argument(
        "path", nargs="?", type=Path, default=Path("plans"), metavar="DIR", help="folder of plans (default: ./plans)"
    )
    p.add_argument(
        "--national", type=Path, default=None, help="national timeline (default: national.toml beside the plans)"
    )
    p.add_argument(
        "--as-of",
        type=as_of_arg,
        default=None,
        metavar="DATE",
        help="evaluation month (default: national.toml's evaluation_date)",
    )
    p.add_argument(
        "--theme",
        default=None,
        metavar="NAME",
        help="a Textual theme, e.g. textual-light, nord, solarized-light (ctrl+p > theme switches live)",
    )
    p.add_argument("--read-only", action="store_true", help="見るだけ: 編集・保存をしない / refuse every edit and save")
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tui.app.app import make_app

    app = make_app(
        args.path, lang=args.lang, national=args.national, as_of=args.as_of, read_only=args.read_only
    )  # PlansError: reported by tui.cli.main
    if args.theme is not None:
        if args.theme not in app.available_themes:
            sys.stderr.write(f"unknown theme {args.theme!r}; one of: {', '.join(sorted(app.available_themes))}\n")
            return 2
        app.theme = args.theme
    app.run()
    return 0
