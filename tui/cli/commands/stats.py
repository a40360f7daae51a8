"""``plans stats``: go-lives by fiscal year and by month, plans by vendor strategy, findings
by rule — as tables (rich), json or csv."""

from __future__ import annotations

import argparse
import sys

from tui.cli.commands.common import add_command, add_lang, add_paths, as_of_arg, paths_of, report_problems


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(sub, "stats", "集計 / statistics", __doc__)
    add_paths(p)
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p.add_argument("--as-of", type=as_of_arg, default=None, metavar="DATE", help="evaluation month for the findings")
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from model.analysis.stats import as_dict, compute, rows
    from model.project.lint import lint_paths

    lang = args.lang
    res = lint_paths(paths_of(args), national=args.national, as_of=args.as_of)
    if res.problems:
        report_problems(res.problems, lang)
    st = compute(res.plans, res.national, res.findings)
    if args.format == "json":
        import json

        json.dump(as_dict(st, lang), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        import polars as pl

        from model.render.export_tables import neutralised_frame

        df = pl.DataFrame(
            rows(st, lang),
            schema={
                "section": pl.String,
                "key": pl.String,
                "label": pl.String,
                "count": pl.Int64,
                "error": pl.Int64,
                "warning": pl.Int64,
                "info": pl.Int64,
            },
        )
        sys.stdout.write(neutralised_frame(df).write_csv())  # no cell a spreadsheet runs as a formula
    else:
        write_text(st, lang)
    return 2 if res.problems else 0


def bar(n: int, most: int, width: int = 20) -> str:
    return "█" * max(1, round(n * width / most)) if n and most else ""


def write_text(st, lang: str) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.table import Table

    en = lang == "en"
    con = Console(highlight=False)

    def buckets(title: str, items) -> None:  # type: ignore[no-untyped-def]
        t = Table(title=title, title_justify="left", header_style="bold")
        t.add_column("" if en else "区分")
        t.add_column("plans" if en else "市町数", justify="right")
        t.add_column("")
        most = max((x.count for x in items), default=0)
        for x in items:
            t.add_row(x.text(lang), str(x.count), f"[cyan]{bar(x.count, most)}[/]")
        con.print(t)

    buckets("Go-lives by fiscal year" if en else "移行完了(年度別)", st.by_fiscal_year)
    buckets("Go-lives by month" if en else "移行完了(月別)", st.by_month)
    buckets("Plans by vendor strategy" if en else "ベンダ方針別", st.by_strategy)
    t = Table(title="Findings by rule" if en else "ルール別の指摘", title_justify="left", header_style="bold")
    for c, j in (
        ("code" if en else "コード", "left"),
        ("rule" if en else "ルール", "left"),
        ("error" if en else "エラー", "right"),
        ("warning" if en else "警告", "right"),
        ("info" if en else "情報", "right"),
        ("plans" if en else "市町数", "right"),
    ):
        t.add_column(c, justify=j, overflow="fold")  # type: ignore[arg-type]
    for r in st.by_rule:
        t.add_row(r.code, r.title(lang), str(r.error), str(r.warning), str(r.info), str(r.plans))
    con.print(t)
    con.print(f"{st.plans} plans, {st.findings} findings" if en else f"{st.plans}計画、指摘 {st.findings}件")
