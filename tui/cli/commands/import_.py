"""``plans import FILE``: one TOML plan per municipality from a spreadsheet (xlsx) or CSV,
in the survey's wide shape (one row per municipality) or the long shape of ``plans export``.

A survey workbook is read as it is sent: title rows, a two-row header with merged group
headers (計画立案フェーズ), Excel date cells and serial numbers (written as R4.10), 未定 and 検討中
(a missing date, the word kept as the phase's note), cell comments (notes), footnote rows
(skipped, and named on stderr with what else was done on your behalf).

Every bad cell is reported with its sheet, row and column (``Sheet1!C7``) and then nothing
is written (exit 2). An existing plan is never overwritten without ``--force``.

With ``--progress`` the file is a progress snapshot of the national tracker (a status per
system × step, long or wide) and becomes ``<--out>/progress/YYYY-MM.csv``, on the same
terms (README "Progress").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.commands.common import add_command, add_lang, as_of_arg


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(sub, "import", "表から計画を作る / plans from a spreadsheet", __doc__)
    p.add_argument("file", type=Path, metavar="FILE", help="xlsx or csv")
    p.add_argument(
        "--out", type=Path, default=Path("plans"), metavar="DIR", help="folder for the plans (default: plans)"
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="update existing plans of the same municipalities in place (a progress month: replace it)",
    )
    p.add_argument(
        "--surveyed", default=None, metavar="DATE", help="survey date for rows without a 調査時点 column, e.g. R3.12"
    )
    p.add_argument(
        "--prefecture", default=None, metavar="NAME", help="prefecture for rows without a 都道府県 column, e.g. 山口県"
    )
    p.add_argument("--sheet", default=None, metavar="NAME", help="read only this sheet")
    p.add_argument("--dry-run", action="store_true", help="validate and list the files, write nothing")
    p.add_argument(
        "--national",
        type=Path,
        default=None,
        help="national timeline (default: national.toml in --out, else the shipped one)",
    )
    g = p.add_argument_group("progress snapshots (plans/progress/YYYY-MM.csv)")
    g.add_argument(
        "--progress", action="store_true", help="import a progress snapshot (status per system × step) instead of plans"
    )
    g.add_argument(
        "--month",
        type=as_of_arg,
        default=None,
        metavar="MONTH",
        help="the snapshot's month, e.g. 2025-05 (default: a YYYY-MM in the file name)",
    )
    g.add_argument("--parquet", action="store_true", help="store the snapshot as Parquet (nationwide sets)")
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.progress:
        return import_progress(args)
    if args.month is not None or args.parquet:
        sys.stderr.write("--month and --parquet go with --progress\n")
        return 2
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
            plan = plan_import(
                args.file,
                nat,
                args.out,
                force=args.force,
                surveyed=args.surveyed,
                prefecture=args.prefecture,
                sheet=args.sheet,
                on_step=step,
                sheets=sheets,
            )
    except ImportFailure as e:
        print_cell_problems(e.cell_problems, None, lang)
        return 2
    print_notices(plan.notices, lang)
    if plan.problems:
        print_cell_problems(plan.problems, None, lang)
        nothing_written(len(plan.problems), lang)
        return 2
    skipped(plan.sheets, lang)
    if args.dry_run:
        for t in plan.targets:
            what = _verb(t, en, dry_run=True)
            sys.stdout.write(f"{display_path(t.path)}\t{t.municipality}\t{what}\n")
        return 0
    try:
        with progress(len(plan.targets), "import") as step:
            written = write_import(plan, on_step=step)
    except OSError as e:
        sys.stderr.write(
            f"{e.filename or args.out}: {e.strerror}; "
            + ("nothing was written\n" if en else "何も書き込んでいません\n")
        )
        return 2
    for t in plan.targets:
        if t.changed:
            sys.stdout.write(f"{_verb(t, en)} {display_path(t.path)} ({t.municipality})\n")
    same = sum(1 for t in plan.targets if not t.changed)
    if en:
        sys.stderr.write(f"{len(written)} plan(s) written" + (f", {same} unchanged\n" if same else "\n"))
    else:
        sys.stderr.write(f"{len(written)}件の計画を書き込みました" + (f"({same}件は変更なし)\n" if same else "\n"))
    return 0


def _verb(t, en: bool, *, dry_run: bool = False) -> str:  # type: ignore[no-untyped-def]
    """What happens to a target: written anew, updated in place, or left as it is."""
    if not t.changed:
        return "unchanged" if en else "変更なし"
    if t.exists:
        return ("update" if dry_run else "updated") if en else "更新"
    return ("new" if dry_run else "wrote") if en else ("新規" if dry_run else "作成")


def import_progress(args: argparse.Namespace) -> int:
    """``plans import FILE --progress``: a snapshot into ``<--out>/progress/YYYY-MM.csv``."""
    from model.core.errors import display_path
    from model.importing import ImportFailure
    from model.importing.snapshot_import import plan_snapshot_import, write_snapshot_import
    from model.project.loader import open_national

    lang = args.lang
    en = lang == "en"
    nat = open_national([args.out], args.national)
    try:
        res = plan_snapshot_import(
            args.file, nat, args.out, month=args.month, force=args.force, sheet=args.sheet, parquet=args.parquet
        )
    except ImportFailure as e:
        print_cell_problems(e.cell_problems, None, lang)
        return 2
    print_notices(res.notices, lang)
    if not res.ok:
        print_cell_problems(res.problems.items, res.problems.rest(), lang)
        nothing_written(len(res.problems), lang)
        return 2
    skipped(res.shapes, lang)
    snap, target = res.snapshot, res.target
    assert snap is not None and target is not None
    what = (
        f"{snap.systems():,} systems × {len(nat.steps)} steps, {snap.label}"
        if en
        else f"{snap.systems():,}システム × {len(nat.steps)}ステップ、{snap.label}"
    )
    replaces = display_path(res.replaces) if res.replaces is not None else None
    if args.dry_run:
        verb = ("overwrite" if res.exists else "new") if en else ("上書き" if res.exists else "新規")
        if replaces:
            verb += f", replaces {replaces}" if en else f"、{replaces} を置き換え"
        sys.stdout.write(f"{display_path(target)}\t{what}\t{verb}\n")
        return 0
    try:
        write_snapshot_import(res, nat)
    except OSError as e:
        if replaces and e.filename == str(res.replaces):  # written, but the other format's file is still there
            sys.stderr.write(
                f"{replaces}: {e.strerror}; "
                + (
                    f"{display_path(target)} was written: remove {replaces} by hand\n"
                    if en
                    else f"{display_path(target)} は書き込みました。{replaces} を手で削除してください\n"
                )
            )
            return 2
        sys.stderr.write(
            f"{e.filename or target}: {e.strerror}; " + ("nothing was written\n" if en else "何も書き込んでいません\n")
        )
        return 2
    verb = ("overwrote" if res.exists else "wrote") if en else ("上書き" if res.exists else "作成")
    sys.stdout.write(f"{verb} {display_path(target)} ({what})\n")
    if replaces:
        sys.stdout.write(f"removed {replaces}\n" if en else f"削除 {replaces}(同じ月の別の形式)\n")
    return 0


def print_cell_problems(problems, rest, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Every bad cell of a progress table compiler-style on stderr, then the count of the
    rest past the cap."""
    for p in problems:
        sys.stderr.write(f"{p.where}: {p.code} {p.text(lang)}\n")
    if rest is not None:
        sys.stderr.write(rest(lang) + "\n")


MAX_NOTICES = 50  # a serial number in every cell of a nationwide sheet is said 50 times, then counted


def print_notices(notices, lang: str) -> None:  # type: ignore[no-untyped-def]
    """What the import did on the planner's behalf (rows skipped, serial numbers read as
    dates, comments not imported), one line each at its cell, on stderr."""
    label = "note" if lang == "en" else "お知らせ"
    for n in notices[:MAX_NOTICES]:
        sys.stderr.write(f"{n.where}: {label} {n.text(lang)}\n")
    if len(notices) > MAX_NOTICES:
        rest = len(notices) - MAX_NOTICES
        sys.stderr.write(f"... and {rest:,} more notice(s)\n" if lang == "en" else f"…ほか {rest:,}件のお知らせ\n")


def print_skipped_snapshots(paths: list[Path], lang: str) -> None:
    """A notice on stderr for each file of the snapshot folders that is not read because
    its name has no month (``plans progress``)."""
    from model.core.errors import display_path
    from model.progress.snapshot import find_snapshots

    skipped: list[Path] = []
    find_snapshots([p.parent if p.suffix == ".toml" else p for p in paths], skipped)
    label = "note" if lang == "en" else "お知らせ"
    for f in skipped:
        name = f"YYYY-MM{f.suffix.lower()}"
        sys.stderr.write(
            f"{display_path(f)}: {label} "
            + (
                f"not read: the file name has no month; name it {name} (e.g. 2025-05{f.suffix.lower()})\n"
                if lang == "en"
                else f"ファイル名に月がないため読みませんでした。{name}(例: 2025-05{f.suffix.lower()})の名前にしてください\n"
            )
        )


def nothing_written(n: int, lang: str) -> None:
    sys.stderr.write(
        f"{n:,} problem(s); nothing was written\n"
        if lang == "en"
        else f"{n:,}件の問題があるため、何も書き込んでいません\n"
    )


def skipped(shapes: dict[str, str], lang: str) -> None:
    """A line for each sheet that holds no table of the kind read."""
    for sheet, shape in shapes.items():
        if shape == "skipped":
            sys.stderr.write(f"sheet {sheet!r} skipped\n" if lang == "en" else f"シート「{sheet}」は読み飛ばしました\n")
