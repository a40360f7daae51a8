"""``plans schema``: the JSON Schema (draft-04) of a plan file, for editors (taplo,
Even Better TOML). Without ``-o`` it is printed; ``-o FILE`` writes it atomically."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.commands.common import add_command, add_lang


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(sub, "schema", "計画ファイルのJSON Schema / JSON Schema of a plan file", __doc__)
    p.add_argument(
        "-o", "--output", type=Path, default=None, metavar="FILE", help="write to FILE (default: standard output)"
    )
    p.add_argument("--national", type=Path, default=None, help="national timeline (default: plans/national.toml)")
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from model.core.fileio import atomic_write
    from model.core.national import load_national
    from model.render.schema import schema_text

    text = schema_text(load_national(args.national))
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        atomic_write(args.output, text.encode("utf-8"))
    except OSError as e:
        sys.stderr.write(f"{args.output}: {e.strerror}\n")
        return 2
    msg = f"wrote {args.output}\n" if args.lang == "en" else f"{args.output} に書き出しました\n"
    sys.stderr.write(msg)
    return 0
