"""``plans import FILE``: one TOML plan per municipality from a spreadsheet (xlsx) or CSV,
in the survey's wide shape (one row per municipality) or the long shape of ``plans export``.

Every bad cell is reported with its sheet, row and column (``Sheet1!C7``) and then nothing
is written (exit 2). An existing plan is never overwritten without ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.commands.common import add_lang


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import", help="表から計画を作る / plans from a spreadsheet", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", type=Path, metavar="FILE", help="xlsx or csv")
    p.add_argument("--out", type=Path, default=Path("plans"), metavar="DIR", help="folder for the plans (default: plans)")
    p.add_argument("--force", action="store_true", help="overwrite existing plans of the same municipalities")
    p.add_argument("--surveyed", default=None, metavar="DATE", help="survey date for rows without a 調査時点 column, e.g. R3.12")
    p.add_argument("--prefecture", default=None, metavar="NAME", help="prefecture for rows without a 都道府県 column, e.g. 山口県")
    p.add_argument("--sheet", default=None, metavar="NAME", help="read only this sheet")
    p.add_argument("--dry-run", action="store_true", help="validate and list the files, write nothing")
    p.add_argument("--national", type=Path, default=None, help="national timeline (default: national.toml in --out, else the shipped one)")
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from model.core.errors import display_path
    from model.importing import ImportFailure, plan_import, read_sheets, row_count, write_import
    from model.project.loader import open_national
    from tui.cli.progress import progress

    lang = args.lang
    en = lang == "en"
    nat = open_national([args.out], args.national)
    if not args.file.is_file():
        sys.stderr.write(f"{args.file}: " + ("no such file\n" if en else "ファイルがありません\n"))
        return 2
    if args.out.exists() and not args.out.is_dir():
        sys.stderr.write(f"{args.out}: " + ("not a folder\n" if en else "フォルダではありません\n"))
        return 2
    try:
        sheets = read_sheets(args.file)
        with progress(2 * row_count(sheets), "check") as step:
            plan = plan_import(args.file, nat, args.out, force=args.force, surveyed=args.surveyed, prefecture=args.prefecture, sheet=args.sheet, on_step=step, sheets=sheets)
    except ImportFailure as e:
        for p in e.cell_problems:
            sys.stderr.write(f"{p.where}: {p.code} {p.text(lang)}\n")
        return 2
    if plan.problems:
        for p in plan.problems:
            sys.stderr.write(f"{p.where}: {p.code} {p.text(lang)}\n")
        n = len(plan.problems)
        sys.stderr.write(f"{n} problem(s); nothing was written\n" if en else f"{n}件の問題があるため、何も書き込んでいません\n")
        return 2
    for sheet, shape in plan.sheets.items():
        if shape == "skipped":
            sys.stderr.write(f"sheet {sheet!r} skipped\n" if en else f"シート「{sheet}」は読み飛ばしました\n")
    if args.dry_run:
        for t in plan.targets:
            sys.stdout.write(f"{display_path(t.path)}\t{t.municipality}\t{'overwrite' if t.exists else 'new'}\n")
        return 0
    try:
        with progress(len(plan.targets), "import") as step:
            written = write_import(plan, on_step=step)
    except OSError as e:
        sys.stderr.write(f"{e.filename or args.out}: {e.strerror}; " + ("nothing was written\n" if en else "何も書き込んでいません\n"))
        return 2
    for t in plan.targets:
        verb = ("overwrote" if t.exists else "wrote") if en else ("上書き" if t.exists else "作成")
        sys.stdout.write(f"{verb} {display_path(t.path)} ({t.municipality})\n")
    sys.stderr.write(f"{len(written)} plan(s) written\n" if en else f"{len(written)}件の計画を書き込みました\n")
    return 0
