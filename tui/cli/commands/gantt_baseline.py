"""``plans gantt --baseline OLD``: the older plans (a folder, or a git revision as
``plans diff`` takes it) matched to the charted ones by 団体コード, else by name, their
phases drawn as thin bars under the current bars (svg and html)."""

from __future__ import annotations

from model.core.errors import UsageError
from model.core.words import Words
from tui.cli.commands.common import report_problems
from tui.cli.commands.diff import _side, renamed


def baselined(layouts, chosen, spec: str, nat, as_of, lang: str, cells: bool):  # type: ignore[no-untyped-def]
    """``layouts`` (of the ``chosen`` plans) with their baselines; None after load problems."""
    from model.project.loader import load_files, plan_files
    from model.render import gantt as tl
    from model.render.gantt.baseline import with_baseline

    if cells:
        raise UsageError(
            "--baseline needs svg or html",
            words=Words("--baseline は svg か html で使えます", "--baseline works with svg or html"),
        )
    with _side(spec) as (path, named):
        old, problems, _ = load_files(plan_files([path]), nat)
        if problems:
            report_problems([renamed(p, named) for p in problems], lang)
            return None
    by = {("code", p.code) if p.code else ("name", p.municipality): p for p in old}
    out = []
    for lay, p in zip(layouts, chosen, strict=True):
        o = by.get(("code", p.code) if p.code else ("name", p.municipality))
        out.append(with_baseline(lay, tl.build(o, nat, [], as_of=as_of)) if o is not None else lay)
    return out
