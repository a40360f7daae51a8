"""``plans export``: the prefecture table and the long table (municipality × business ×
phase, with findings) as csv, xlsx, parquet or json.

    plans export --format xlsx -o 計画一覧.xlsx      # both tables, conflict cells coloured
    plans export --format xlsx --with-fixes -o 修正案.xlsx   # + the values lint --fix writes
    plans export --format csv --table prefecture    # the seed's table to standard output
    plans export --format msproject -o 計画.xml     # also: ics (-o DIR: one calendar each), tjp
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from model.core.words import Words
from tui.cli.commands.common import add_command, add_lang, add_paths, as_of_arg, paths_of, report_problems

FIXES_USAGE = Words(
    "--with-fixes は --format xlsx と、--unsafe-fixes は --with-fixes と一緒に指定してください",
    "--with-fixes goes with --format xlsx, and --unsafe-fixes with --with-fixes",
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from model.render.export_tables import TABLES
    from model.render.registry import EXPORT

    p = add_command(sub, "export", "表として書き出す / export tables", __doc__)
    add_paths(p)
    p.add_argument("--format", choices=sorted(EXPORT), required=True)
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="PATH",
        help="file to write (default: standard output for text formats)",
    )
    p.add_argument(
        "--table", choices=TABLES, default=None, help="which table (default: all for xlsx/json, long for csv/parquet)"
    )
    p.add_argument("--as-of", type=as_of_arg, default=None, metavar="DATE", help="evaluation month for the findings")
    p.add_argument(
        "--with-fixes", action="store_true", help="xlsx: a column of the values plans lint --fix would write (修正案)"
    )
    p.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --with-fixes: the unsafe fixes too (a go-live moves, or needs an extended deadline)",
    )
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from model.core.fileio import atomic_write
    from model.project.lint import lint_files
    from model.project.loader import evaluation_month, open_national, plan_files
    from model.render.export_tables import Options, build, export, work
    from model.render.registry import EXPORT
    from tui.cli.progress import progress

    lang = args.lang
    paths = paths_of(args)
    fmt = args.format
    table = args.table or ("long" if EXPORT[fmt].single_table else "all")
    if EXPORT[fmt].single_table and table == "all":
        sys.stderr.write(
            f"{fmt} holds one table: give --table prefecture or --table long\n"
            if lang == "en"
            else f"{fmt} は1つの表だけです: --table prefecture か --table long を指定してください\n"
        )
        return 2
    if (args.with_fixes and fmt != "xlsx") or (args.unsafe_fixes and not args.with_fixes):
        sys.stderr.write(FIXES_USAGE(lang) + "\n")
        return 2
    if args.output is None and EXPORT[fmt].binary:
        sys.stderr.write(
            f"{fmt} is binary: give -o FILE\n"
            if lang == "en"
            else f"{fmt} はバイナリです: -o でファイルを指定してください\n"
        )
        return 2
    nat = open_national(paths, args.national)
    files = plan_files(paths)
    with progress(len(files), "export") as step:
        res = lint_files(files, nat, evaluation_month(nat, args.as_of), on_file=step)
    if res.problems:
        report_problems(res.problems, lang)
        return 2
    data = build(res.plans, nat, [f for plan in res.plans for f in res.findings_of(plan)])
    if args.with_fixes:  # the re-planner (its solver ~0.3 s to import) only when asked
        from model.project.fixing import propose
        from model.render.export_xlsx import proposed_values

        data.proposed = proposed_values(propose(res, unsafe=args.unsafe_fixes))
    if fmt == "ics" and args.output is not None and args.output.suffix.lower() != ".ics":
        return _write_calendars(args.output, data, Options(table, lang), lang)  # -o DIR: one per municipality
    with progress(work(data, fmt, Options(table, lang)), fmt) as step:
        blob = export(data, fmt, Options(table, lang, step))
    if args.output is None:
        sys.stdout.buffer.write(blob)
        sys.stdout.flush()
        return 0
    try:
        atomic_write(args.output, blob)
    except OSError as e:
        sys.stderr.write(f"{args.output}: {e.strerror}\n")
        return 2
    n = len(data.plans)
    sys.stderr.write(
        f"wrote {args.output} ({n} plans)\n" if lang == "en" else f"{args.output} に書き出しました({n}計画)\n"
    )
    return 0


def _write_calendars(folder: Path, data: object, opts: object, lang: str) -> int:
    """``--format ics -o DIR``: one calendar per municipality (``ube.ics`` …) in DIR."""
    from model.core.fileio import atomic_write
    from model.render.ics import calendars

    try:
        folder.mkdir(parents=True, exist_ok=True)
        files = calendars(data, opts)  # type: ignore[arg-type]
        for name, blob in files.items():
            atomic_write(folder / name, blob)
    except OSError as e:
        sys.stderr.write(f"{e.filename or folder}: {e.strerror}\n")
        return 2
    sys.stderr.write(
        f"wrote {len(files)} calendars to {folder}\n"
        if lang == "en"
        else f"{folder} に {len(files)} 件のカレンダーを書き出しました\n"
    )
    return 0
