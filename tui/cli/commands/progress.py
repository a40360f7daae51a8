"""``plans progress [PATHS]``: the tracker's rates as at a snapshot — 完了率 = (完了済み +
対象外) / 40, 作業中率, 未着手率 — per municipality (default), prefecture, business, step or
system, as a table (rich), csv, json or xlsx (every view, a sheet each).

    plans progress                          # the latest snapshot in plans/progress/
    plans progress --by prefecture --month 2025-05
    plans progress --since 2025-04          # and the change in 完了率 since then
    plans progress --format xlsx -o 進捗.xlsx

Snapshots are imported with ``plans import FILE --progress`` (see README "Progress").
Exit 0, 2 for a snapshot that cannot be read or a month that has none.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
from pathlib import Path

from model.core.errors import UsageError
from model.core.words import Words
from tui.cli.commands.common import add_command, add_lang, add_paths, as_of_arg, paths_of, write_output

VIEW_CHOICES = ("municipality", "prefecture", "business", "step", "system", "total")
DEFAULT_VIEW = "municipality"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(sub, "progress", "進捗の集計 / progress roll-ups", __doc__)
    add_paths(p)
    p.add_argument("--by", choices=VIEW_CHOICES, default=None, help="the view (default: municipality)")
    p.add_argument(
        "--month",
        type=as_of_arg,
        default=None,
        metavar="MONTH",
        help="the snapshot's month, e.g. 2025-05 (default: the latest)",
    )
    p.add_argument(
        "--since", type=as_of_arg, default=None, metavar="MONTH", help="add the change in 完了率 since this snapshot"
    )
    p.add_argument("--format", choices=("text", "csv", "json", "xlsx"), default="text")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="write here (xlsx needs it)")
    what = p.add_mutually_exclusive_group()
    what.add_argument(
        "--check",
        action="store_true",
        help="check progress against the plans and over the snapshots (PG001-PG004); exit 1 on an error",
    )
    what.add_argument(
        "--forecast", action="store_true", help="each system's pace and projected last step, against its deadline"
    )
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from model.importing.snapshot_import import SnapshotError
    from model.project.loader import open_national

    lang = args.lang
    paths = paths_of(args)
    nat = open_national(paths, args.national)
    if args.format == "xlsx" and args.output is None:
        raise UsageError("xlsx needs -o", words=Words("xlsx には -o ファイル名 が要ります", "xlsx needs -o FILE"))
    refuse_mismatched(args)
    from tui.cli.commands.import_ import print_skipped_snapshots

    print_skipped_snapshots(paths, lang)
    if args.check or args.forecast:
        return run_checks(args, paths, nat)
    plans = _plans(paths, nat, lang)
    if plans is None:
        return 2
    try:
        rep = load_report(paths, nat, month=args.month, since=args.since, plans=plans)
    except SnapshotError as e:
        from tui.cli.commands.import_ import print_cell_problems

        print_cell_problems(e.cell_problems, e.rest, lang)
        return 2
    if rep is None:
        raise no_snapshot(paths)
    if args.format == "xlsx":
        from model.progress.report import xlsx_bytes

        write_output(args.output, xlsx_bytes(rep, lang), lang)
        return 0
    if args.format == "json":
        import json

        text = json.dumps(rep.as_dict(args.by or DEFAULT_VIEW, lang), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        text = (
            "\ufeff" + rep.table(args.by or DEFAULT_VIEW, lang).write_csv()
        )  # a BOM, as plans export: Excel reads it as UTF-8
    else:
        buf = io.StringIO()
        write_text(rep, args.by or DEFAULT_VIEW, lang, buf, sys.stdout.isatty() and args.output is None)
        text = _unpadded(buf.getvalue())
    emit(args, text)
    return 0


def run_checks(args: argparse.Namespace, paths: list[Path], nat) -> int:  # type: ignore[no-untyped-def]
    """``--check`` and ``--forecast``: every snapshot up to ``--month`` with the plans."""
    from model.importing.snapshot_import import SnapshotError, read_snapshot
    from model.progress.checks import NAMES, check_progress, forecast_table
    from model.progress.loading import SnapshotSource

    lang = args.lang
    plans = _plans(paths, nat, lang)
    if plans is None:
        return 2
    try:
        source = SnapshotSource.of(paths, plans)
        snaps = source.upto(args.month, plans, nat, read_snapshot)
        last = snaps[-1].month if snaps else None  # a month recorded only by hand: as at it
        current = source.at(last, plans, nat, read_snapshot) if last is not None and last not in source.stored else None
    except SnapshotError as e:
        from tui.cli.commands.import_ import print_cell_problems

        print_cell_problems(e.cell_problems, e.rest, lang)
        return 2
    if not snaps:
        raise no_snapshot(paths, args.month)
    if args.forecast:
        if len(snaps) < 2:
            raise UsageError("one snapshot", words=ONE_SNAPSHOT.format(month=snaps[0].label))
        df = forecast_table(snaps, plans, nat, lang, ids=args.format == "json")
        if args.format == "json":
            import json

            emit(args, json.dumps(df.to_dicts(), ensure_ascii=False, indent=2) + "\n")
        elif args.format == "csv":
            emit(args, "\ufeff" + df.write_csv())
        else:
            emit(
                args,
                _frame_text(
                    df,
                    f"Forecast ({len(snaps)} snapshot{'s' if len(snaps) != 1 else ''})"
                    if lang == "en"
                    else f"完了見込み({len(snaps)}回分のスナップショットから)",
                    args.output is None and sys.stdout.isatty(),
                ),
            )
        return 0
    findings = check_progress(snaps, plans, nat, current)
    if args.format == "json":
        import json

        rows = [
            {
                "code": f.code,
                "name": NAMES[f.code][0],
                "severity": str(f.severity),
                "file": f.plan_file,
                "line": f.line or None,
                "column": f.col or None,
                "municipality": f.municipality,
                "municipality_code": f.muni_code,
                "business": f.business,
                "phase": f.phase,
                "message": f.message(lang),
            }
            for f in findings
        ]
        emit(args, json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        from rich.console import Console

        from tui.cli.shown import shown

        buf = io.StringIO()
        terminal = args.output is None and sys.stdout.isatty()
        con = Console(file=buf, highlight=False, soft_wrap=True, emoji=False, force_terminal=terminal)
        for f in findings:
            con.print(
                f"{shown(str(f.place))}: [{f.severity.style}]{f.code} {f.severity.label(lang)}[/] {shown(f.message(lang))} ({NAMES[f.code][0]})"
            )
        counts = {c: sum(1 for f in findings if f.code == c) for c in NAMES}
        last = snaps[-1].label if snaps else "—"
        con.print(
            ", ".join(f"{c} {n}" for c, n in counts.items())
            + (
                f" ({len(snaps)} snapshot{'s' if len(snaps) != 1 else ''}, latest {last})"
                if lang == "en"
                else f"({len(snaps)}回分、最新 {last})"
            )
        )
        emit(args, buf.getvalue())
    return 1 if any(f.severity == "error" for f in findings) else 0


ONE_SNAPSHOT = Words(
    "見込みにはペースが要るため、2回以上のスナップショットが要ります({month} の1回だけです)",
    "a forecast needs a pace, so at least two snapshots (there is only {month})",
)


def refuse_mismatched(args: argparse.Namespace) -> None:
    """Options that would be ignored are refused (exit 2): a format the output cannot take,
    ``--by`` or ``--since`` with the checks, ``--since`` not before ``--month``."""
    words = _mismatch(args)
    if words is not None:
        raise UsageError(words.en, words=words)


def _mismatch(args: argparse.Namespace) -> Words | None:
    from model.progress.snapshot import iso_month

    what = "--check" if args.check else "--forecast" if args.forecast else None
    allowed = {"--check": ("text", "json"), "--forecast": ("text", "csv", "json")}.get(what or "")
    if allowed and args.format not in allowed:
        return Words(
            f"{what} の出力は {'、'.join(allowed)} です(--format {args.format} は使えません)",
            f"{what} writes {', '.join(allowed)} (not --format {args.format})",
        )
    if what and args.by is not None:
        return Words(
            f"--by は集計表の切り口です。{what} はシステムごとに報告します",
            f"--by picks a roll-up's view; {what} reports per system",
        )
    if what and args.since is not None:
        return Words(
            f"--since は集計表の増減の基準です。{what} は --month までのすべてのスナップショットを読みます",
            f"--since sets the roll-ups' baseline; {what} reads every snapshot up to --month",
        )
    if args.since is not None and args.month is not None and args.since >= args.month:
        s, m = iso_month(args.since), iso_month(args.month)
        return Words(
            f"--since {s} は --month {m} より前の月にしてください", f"--since {s} must be a month before --month {m}"
        )
    return None


def no_snapshot(paths: list[Path], month=None):  # type: ignore[no-untyped-def]
    """The usage error for paths that hold no snapshot (up to ``month``): where to put one."""
    from model.progress.snapshot import iso_month

    where = ", ".join(str(p.parent if p.suffix == ".toml" else p) for p in paths)
    upto = Words(f"{iso_month(month)} までの", f"up to {iso_month(month)} ") if month is not None else Words("", "")
    return UsageError(
        "no snapshot",
        words=Words(
            f"進捗の{upto.ja}スナップショットがありません({where} の progress/ に YYYY-MM.csv を置くか、plans import FILE --progress で取り込んでください)",
            f"no progress snapshot {upto.en}(put YYYY-MM.csv into progress/ of {where}, or import one with plans import FILE --progress)",
        ),
    )


def emit(args: argparse.Namespace, text: str) -> None:
    """``text`` to ``-o FILE`` (written atomically, said on stderr) or to standard output."""
    if args.output is None:
        sys.stdout.write(text)
        return
    write_output(args.output, text.encode("utf-8"), args.lang)


def _frame_text(df, title: str, terminal: bool) -> str:  # type: ignore[no-untyped-def]
    """The frame as a rich table: as wide as the terminal on one, else unwrapped (for grep)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    t = Table(title=title, title_justify="left", header_style="bold")
    for c in df.columns:
        num = df.schema[c].is_numeric()
        t.add_column(escape(c), justify="right" if num else "left", overflow="fold", no_wrap=num)
    for row in df.iter_rows():
        t.add_row(*("—" if v is None else escape(f"{v:.1f}" if isinstance(v, float) else str(v)) for v in row))
    buf = io.StringIO()
    width = shutil.get_terminal_size((100, 24)).columns if terminal else 1000
    Console(file=buf, highlight=False, width=width, force_terminal=terminal).print(t)
    return _unpadded(buf.getvalue())


def _unpadded(text: str) -> str:
    """Without the spaces rich pads a table's title line (and any line) with at its end."""
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def _plans(paths: list[Path], nat, lang: str):  # type: ignore[no-untyped-def]
    """The plans under ``paths`` (their ``[progress]`` tables are merged into the snapshots);
    None after printing their load problems."""
    from model.project.loader import load_files, plan_files
    from tui.cli.commands.common import report_problems

    plans, problems, _ = load_files(plan_files(paths), nat)
    if problems:
        report_problems(problems, lang)
        return None
    return plans


def load_report(paths: list[Path], nat, month, since, plans=()):  # type: ignore[no-untyped-def]
    """The report of the snapshot of ``month`` (default: the latest) found under ``paths``,
    with the one of ``since``, each with the ``plans``' hand-recorded steps of its month;
    None when there is no snapshot at all."""
    from model.importing.snapshot_import import read_snapshot
    from model.progress.loading import SnapshotSource
    from model.progress.report import ProgressReport
    from model.progress.snapshot import iso_month

    plans = list(plans)
    source = SnapshotSource.of(paths, plans)
    have = set(source.months)
    if not have:
        return None

    def pick(m: int) -> object:
        if m not in have:
            listed = ", ".join(iso_month(x) for x in sorted(have))
            raise UsageError(
                "no such snapshot",
                words=Words(
                    f"{iso_month(m)} のスナップショットがありません(あるのは {listed})",
                    f"no snapshot of {iso_month(m)} (there are {listed})",
                ),
            )
        return source.at(m, plans, nat, read_snapshot)

    now = pick(month if month is not None else max(have))
    return ProgressReport(now, nat, pick(since) if since is not None else None)  # type: ignore[arg-type]


def write_text(rep, view: str, lang: str, out, terminal: bool = False) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from model.progress.rollup import COUNTS

    con = Console(
        file=out,
        highlight=False,
        soft_wrap=False,
        force_terminal=terminal,
        width=shutil.get_terminal_size((100, 24)).columns,
    )
    df = rep.table(view, lang, drop=(*COUNTS, "done_rate_then", *_TEXT_DROP.get(view, ())))
    total = rep.total()
    title = rep.title(view)(lang)
    t = Table(title=title, title_justify="left", header_style="bold")
    change = rep.change_header(lang)
    rates = rep.rate_headers(lang)
    short = dict(zip(rates, _SHORT_EN if lang == "en" else _SHORT_JA, strict=True))
    for c in df.columns:
        num = df.schema[c].is_numeric()
        t.add_column(
            escape(short.get(c, c)),
            justify="right" if num else "left",
            overflow="fold",
            no_wrap=num,
            min_width=None if num else 6,
        )
    for row in df.iter_rows():
        t.add_row(*(escape(_cell(v, c == change, c in short)) for v, c in zip(row, df.columns, strict=True)))
    con.print(t)
    con.print(escape(rep.summary(total)(lang)), soft_wrap=True)


_TEXT_DROP = {"step": ("phase", "systems"), "system": ("prefecture", "systems")}  # what a terminal can spare
_SHORT_JA = ("完了率", "作業中率", "未着手率", "前回", "増減")
_SHORT_EN = ("done", "in prog.", "not st.", "then", "change")


def _cell(v: object, change: bool, percent: bool) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:+.1f}pt" if change else (f"{v:.1f}%" if percent else f"{v:.1f}")
    return str(v)
