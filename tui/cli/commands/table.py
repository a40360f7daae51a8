"""plans table: the prefecture table rebuilt from the plan files, with its roll-up facts.
--format csv is UTF-8 with a BOM (as plans export writes it), so that Excel reads the
Japanese text."""

from __future__ import annotations

import argparse
import sys

from tui.cli.commands.common import add_command, add_lang, add_paths, paths_of, report_problems


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(sub, "table", "市町の一覧表 / the prefecture table", __doc__)
    add_paths(p)
    p.add_argument("--format", choices=("text", "csv", "json"), default="text")
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from model.analysis.table import frame, rollup
    from model.project.loader import load_paths

    loaded = load_paths(paths_of(args), national=args.national)
    nat, plans, problems = loaded.national, loaded.plans, loaded.problems
    if problems:
        report_problems(problems, args.lang)
    df = frame(plans, nat, args.lang)
    facts = rollup(plans, nat).facts(args.lang)
    if args.format == "csv":
        import io

        buf = io.BytesIO()
        from model.render.export_tables import neutralised_frame

        neutralised_frame(df).write_csv(
            buf, include_bom=True
        )  # no cell a spreadsheet runs as a formula, as plans export
        sys.stdout.flush()
        sys.stdout.buffer.write(buf.getvalue())
        sys.stdout.flush()
    elif args.format == "json":
        import json

        json.dump({"rows": df.to_dicts(), "facts": facts}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from rich.cells import cell_len
        from rich.console import Console
        from rich.table import Table

        from tui.cli.shown import shown_frame

        df = shown_frame(df)  # names from files: controls and markup escaped
        t = Table(show_lines=False, header_style="bold")
        for c in df.columns:
            widest = max((cell_len(v) for v in df[c].to_list()), default=1)
            t.add_column(c, min_width=widest, overflow="fold")
        for row in df.iter_rows():
            t.add_row(*row)
        # Piped output is not wrapped at a terminal's width: every cell stays whole.
        con = Console(highlight=False)
        if not con.is_terminal:
            con = Console(highlight=False, width=max(80, _needed(df)))
        con.print(t)
        for f in facts:
            con.print(f"・{f}")
    return 2 if problems else 0


def _needed(df) -> int:  # type: ignore[no-untyped-def]
    """Cells a table of ``df`` needs with rich's default padding and borders."""
    from rich.cells import cell_len

    widths = [max([cell_len(c), *(cell_len(v) for v in df[c].to_list())]) for c in df.columns]
    return sum(widths) + 3 * len(widths) + 1
