"""``plans what-if``: move the national timeline and see which plans gain or lose findings.

    plans what-if --shift spec.group2=+6m        # the group 2 spec is six months late
    plans what-if --set vendor_months=18         # vendors need 18 months (not 12)
    plans what-if --deadline R7.3                # the deadline one year earlier
    plans what-if --scenario delay.toml          # a scenario file (see README "What-if")

Exit 0 (the diff is information), 2 for a bad shift or scenario or plans that cannot load.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.commands.common import add_command, add_lang, add_paths, as_of_arg, paths_of, report_problems


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(sub, "what-if", "国の日程が動いたら / re-check plans against a shifted national timeline", __doc__)
    add_paths(p)
    p.add_argument(
        "--shift",
        dest="changes",
        action="append",
        default=[],
        type=_tagged("shift"),
        metavar="ID=AMOUNT",
        help="shift a national id by a signed amount (spec.group2=+6m, cloud=-3m, deadline=-1y, vendor_months=+6); repeatable",
    )
    p.add_argument(
        "--set",
        dest="changes",
        action="append",
        type=_tagged("set"),
        metavar="ID=VALUE",
        help="set a national id (deadline=R9.3, spec.group2=R5.2, vendor_months=18); repeatable, applied in order with --shift",
    )
    p.add_argument("--deadline", default=None, metavar="DATE", help="a new deadline, e.g. R7.3")
    p.add_argument("--scenario", type=Path, default=None, metavar="FILE", help="a scenario TOML file")
    p.add_argument(
        "--as-of",
        type=as_of_arg,
        default=None,
        metavar="DATE",
        help="evaluation month (default: national.toml's evaluation_date)",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--list", action="store_true", help="list the national ids that can be shifted")
    add_lang(p)
    p.set_defaults(func=run)


def _tagged(kind: str):  # type: ignore[no-untyped-def]
    """An argparse type keeping which option wrote a change, so --shift and --set share one
    list in command-line order."""

    def tag(text: str) -> tuple[str, str]:
        return kind, text

    return tag


def run(args: argparse.Namespace) -> int:
    from model.analysis.whatif import (
        deadline_change,
        load_scenario,
        parse_set,
        parse_shift,
        targets,
        what_if,
    )
    from model.core.errors import UsageError
    from model.core.words import Words
    from model.project.loader import evaluation_month, load_files, open_national, plan_files
    from tui.cli.progress import progress

    lang = args.lang
    paths = paths_of(args)
    nat = open_national(paths, args.national)
    if args.list:
        from model.core.dates import render_month

        for k, v in targets(nat).items():
            sys.stdout.write(f"{k:<28} {v if k == 'vendor_months' else render_month(v)}\n")
        return 0
    changes = []
    name = ""
    scenario_plans = None
    if args.scenario is not None:  # a ScenarioError (its problems) stops here, as a bad --shift
        root = next((p if p.is_dir() else p.parent for p in paths), Path("plans"))
        sc = load_scenario(args.scenario, nat, root)
        changes.extend(sc.changes)
        name, scenario_plans = sc.name, sc.plans
    changes.extend(parse_shift(text, nat) if kind == "shift" else parse_set(text, nat) for kind, text in args.changes)
    if args.deadline is not None:
        changes.append(deadline_change(args.deadline))
    if not changes:
        raise UsageError(
            "nothing to change",
            words=Words(
                "変更がありません: --shift、--set、--deadline か --scenario を指定してください(--list で一覧)",
                "nothing to change: give --shift, --set, --deadline or --scenario (see --list)",
            ),
        )
    plans, problems, _ = load_files(plan_files(list(scenario_plans) if scenario_plans is not None else paths), nat)
    if problems:
        report_problems(problems, lang)
        return 2
    with progress(len(plans), "what-if") as step:
        res = what_if(plans, nat, changes, evaluation_month(nat, args.as_of), name=name, on_step=step, replan=True)
    if args.format == "json":
        write_json(res, lang)
    else:
        write_text(res, lang)
    return 0


def _finding(f, lang: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from model.render.findings.json import finding_dict

    d = finding_dict(f, lang)
    d.pop("url", None)
    d.pop("kind", None)
    return d


def _proposal(p, lang: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A broken plan's re-plan against the changed timeline: how safe, and its edits."""
    return {
        "safety": p.safety.value,
        "edits": [
            {"line": e.line, "column": e.col, "business": e.business, "phase": e.phase, "old": e.old, "new": e.new}
            for e in p.edits
        ],
        "chain": p.chain(lang) if p.chain else None,
    }


def write_json(res, lang: str) -> None:  # type: ignore[no-untyped-def]
    import json

    rp = res.replans

    out = {
        "scenario": res.name or None,
        "changes": [{"id": a.target, "before": a.before, "after": a.after, "months": a.delta} for a in res.applied],
        "counts": res.counts(),
        "replan": {**rp.counts(), "summary": rp.summary()(lang)},
        "plans": [
            {
                "file": d.file,
                "municipality": d.municipality,
                "gained": [_finding(f, lang) for f in d.gained],
                "lost": [_finding(f, lang) for f in d.lost],
                "changed": [{"before": _finding(b, lang), "after": _finding(a, lang)} for b, a in d.changed],
                "replan": _proposal(rp.proposals[d.file], lang) if d.file in rp.proposals else None,
            }
            for d in res.diffs
        ],
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def write_text(res, lang: str) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.markup import escape

    from model.core.severity import Severity
    from tui.cli.capped import Rest, per_file
    from tui.cli.shown import shown

    en = lang == "en"
    con = Console(highlight=False, soft_wrap=True, emoji=False)
    sev = {s: s.label(lang) for s in Severity}.__getitem__
    style = {s: s.style for s in Severity}
    if res.name:
        con.print(f"[bold]{'Scenario' if en else 'シナリオ'}: {shown(res.name)}[/]")
    for a in res.applied:
        delta = "" if a.delta is None else (f" ({a.delta:+d} months)" if en else f"({a.delta:+d}か月)")
        con.print(f"  {escape(a.target)}: {escape(a.before)} → [bold]{escape(a.after)}[/]{delta}")
    con.print()
    safety = {
        "safe": ("再計画: 安全", "re-plan: safe", "green"),
        "unsafe": ("再計画: 移行完了が動く", "re-plan: moves a go-live", "yellow"),
        "extended": ("再計画: 延長期限が必要", "re-plan: needs an extended deadline", "yellow"),
        "infeasible": ("再計画: 不可", "re-plan: infeasible", "red"),
        "none": ("再計画: 変更なし", "re-plan: nothing to move", "dim"),
    }
    for d in res.diffs:
        tag = ""
        if (p := res.replans.proposals.get(d.file)) is not None:
            ja_, en_, st = safety[p.safety.value]
            tag = f"  [{st}]{en_ if en else ja_}[/]"
        con.print(
            f"[bold]{shown(d.file)}[/] {shown(d.municipality)}  [red]+{len(d.gained)}[/] [green]−{len(d.lost)}[/]"
            + (f" [yellow]~{len(d.changed)}[/]" if d.changed else "")
            + tag
        )
        lines = [
            f"  [red]+[/] [{style[f.severity]}]{f.code} {sev(f.severity)}[/] {shown(f.message(lang))}" for f in d.gained
        ]
        lines += [f"  [green]−[/] [dim]{f.code} {sev(f.severity)}[/] {shown(f.message(lang))}" for f in d.lost]
        lines += [
            f"  [yellow]~[/] {a.code} {sev(b.severity)} → [{style[a.severity]}]{sev(a.severity)}[/] {shown(a.message(lang))}"
            for b, a in d.changed
        ]
        for line in per_file(lines, lambda _, file=d.file: file):  # at most capped.PER_FILE of a plan
            con.print(f"  [dim]{escape(line.text(lang, '--format json'))}[/]" if isinstance(line, Rest) else line)
    c = res.counts()
    if en:
        con.print(
            f"{c['plans_gaining']} of {c['plans']} plans gain findings (+{c['gained']}), {c['plans_losing']} lose findings (−{c['lost']})"
            + (f", {c['changed']} change severity" if c["changed"] else "")
            + f"; findings {c['findings_before']} → {c['findings_after']}"
        )
    else:
        con.print(
            f"{c['plans']}計画中 {c['plans_gaining']}計画で指摘が増加(+{c['gained']})、{c['plans_losing']}計画で減少(−{c['lost']})"
            + (f"、重大度の変化 {c['changed']}" if c["changed"] else "")
            + f"。指摘 {c['findings_before']} → {c['findings_after']}"
        )
    con.print(escape(res.replans.summary()(lang)))
