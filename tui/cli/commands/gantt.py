"""``plans gantt``: a Gantt picture of one, several or all municipalities with the national
lanes, for a meeting handout (SVG, HTML or plain text).

    plans gantt                                   # every plan in ./plans, SVG to standard output
    plans gantt 宇部市 hagi --format html -o 計画.html
    plans gantt --format txt --zoom quarter       # a plain-text chart
    plans gantt --format mermaid -o 計画.mmd       # a Mermaid gantt for Markdown
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from model.core.words import Words
from tui.cli.commands.common import add_command, add_lang, as_of_arg, report_problems

ZOOMS = ("month", "quarter", "year")
STAGES = {
    "check": Words("計画をチェック中", "checking plans"),
    "layout": Words("図を組み立て中", "laying out"),
    "write": Words("{fmt} を書き出し中", "writing {fmt}"),
}
"""The progress bar's label for each stage (shown only on a terminal, above 50 plans)."""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from model.render.registry import GANTT

    p = add_command(
        sub, "gantt", "ガントチャートの図(SVG/HTML/テキスト/Mermaid) / Gantt pictures for handouts", __doc__
    )
    p.add_argument(
        "municipalities", nargs="*", metavar="MUNI", help="municipality names or plan file stems (default: all)"
    )
    p.add_argument(
        "--plans", type=Path, default=Path("plans"), metavar="DIR", help="folder of plan files (default: ./plans)"
    )
    p.add_argument(
        "--national", type=Path, default=None, help="national timeline (default: national.toml beside the plans)"
    )
    p.add_argument("--format", choices=tuple(GANTT), default="svg")
    p.add_argument(
        "--zoom",
        choices=ZOOMS,
        default=None,
        help="month, quarter or year per column (default: month for svg/html, quarter for txt)",
    )
    p.add_argument(
        "-o", "--output", type=Path, default=None, metavar="FILE", help="file to write (default: standard output)"
    )
    p.add_argument(
        "--as-of",
        type=as_of_arg,
        default=None,
        metavar="DATE",
        help="evaluation month (default: evaluation_date of national.toml)",
    )
    p.add_argument("--title", default=None, help="the picture's title")
    p.add_argument(
        "--baseline",
        default=None,
        metavar="OLD",
        help="an older set of plans (folder, or git revision[:path]) drawn as thin bars under the bars (svg, html)",
    )
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from model.analysis.table import ordered
    from model.project.lint import lint_files
    from model.project.loader import evaluation_month, open_national, plan_files
    from model.render import gantt as tl
    from model.render.gantt.chart import chart
    from model.render.registry import GANTT
    from tui.cli.progress import progress

    lang = args.lang
    nat = open_national([args.plans], args.national)
    files = plan_files([args.plans])
    with progress(len(files), STAGES["check"](lang)) as step:
        res = lint_files(files, nat, evaluation_month(nat, args.as_of), on_file=step)
    plans, problems, as_of = res.plans, res.problems, res.as_of
    if problems:
        report_problems(problems, lang)

    chosen = ordered(plans)
    if args.municipalities:
        by_key: dict[str, object] = {}
        for p in plans:
            by_key[p.municipality] = p
            by_key[Path(p.file).stem] = p
        unknown = [m for m in args.municipalities if m not in by_key and Path(m).stem not in by_key]
        if unknown:
            from model.core.printable import printable

            known = printable(", ".join(f"{p.municipality} ({Path(p.file).stem})" for p in ordered(plans)))
            asked = printable(", ".join(unknown))
            if lang == "en":
                sys.stderr.write(f"unknown municipality: {asked}\nknown: {known}\n")
            else:
                sys.stderr.write(f"市町が見つかりません: {asked}\n使える名前: {known}\n")
            return 2
        picked = {
            id(p): p for p in (by_key.get(m) or by_key[Path(m).stem] for m in args.municipalities)
        }  # in the order named, once
        chosen = list(picked.values())  # type: ignore[arg-type]

    with progress(len(chosen), STAGES["layout"](lang)) as step:
        layouts = []
        for p in chosen:
            layouts.append(tl.build(p, nat, res.findings_of(p), as_of=as_of))  # type: ignore[arg-type]
            step()
    if args.baseline is not None:
        from tui.cli.commands.gantt_baseline import baselined

        layouts = baselined(layouts, chosen, args.baseline, nat, as_of, lang, GANTT[args.format].cells)
        if layouts is None:
            return 2
    fmt = GANTT[args.format]
    zoom = tl.Zoom(args.zoom or fmt.zoom)
    with progress(len(chosen), STAGES["write"].format(fmt=args.format)(lang)) as step:
        ch = chart(tl.national_layout(nat, as_of=as_of), layouts, lang, args.title, on_plan=step)
        if fmt.cells:
            from rich.cells import cell_len

            text = fmt.load()(ch, zoom, width=cell_len)
        else:
            text = fmt.load()(ch, zoom)

    if args.output is None:
        sys.stdout.write(text)
    else:
        from model.core.fileio import atomic_write

        try:
            atomic_write(args.output, text.encode("utf-8"))
        except OSError as e:
            sys.stderr.write(f"{args.output}: {e.strerror}\n")
            return 2
        done = (
            f"wrote {args.output} ({len(chosen)} municipalities)"
            if lang == "en"
            else f"{args.output} を書き出しました({len(chosen)}市町)"
        )
        sys.stderr.write(done + "\n")
    return 2 if problems else 0
