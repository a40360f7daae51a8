"""``plans tui [DIR]``: the planner's app on a folder of plans (default ./plans)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.commands.common import add_lang, as_of_arg, fail_missing, fail_national


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("tui", help="計画を見て直すアプリ / the planner's app", description=__doc__)
    p.add_argument("path", nargs="?", type=Path, default=Path("plans"), metavar="DIR", help="folder of plans (default: ./plans)")
    p.add_argument("--national", type=Path, default=None, help="national timeline (default: national.toml beside the plans)")
    p.add_argument("--as-of", type=as_of_arg, default=None, metavar="DATE", help="evaluation month (default: national.toml's evaluation_date)")
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from model.errors import NationalError

    try:
        from tui.app import make_app

        app = make_app(args.path, lang=args.lang, national=args.national, as_of=args.as_of)
    except NationalError as e:
        return fail_national(e, args.lang)
    except FileNotFoundError as e:
        return fail_missing(str(e), args.lang)
    app.run()
    return 0
