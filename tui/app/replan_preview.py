"""The re-plan of the selected plan as the app previews it (``f``): the proposal of
:func:`model.replan.proposal.replan` (the one ``plans lint --fix`` writes), each phase before
and after, the text it gives (:func:`model.project.fixing.apply_edits`: only the date values
change), the findings it clears, leaves and brings, and the Gantt layout of the re-planned
plan for the ghost bars.

The re-planner (HiGHS through ``highspy``, with numpy: about 0.3 s to import) is imported
here, when ``f`` is pressed, not when the app starts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from model.analysis.whatif.compare import diff_findings
from model.checks.finding import Finding
from model.core.plan import Plan
from model.core.words import Words
from model.project.edits import EditError
from model.project.session import Entry, Workspace
from model.render import gantt as gantt_layout
from model.render.gantt import GanttLayout
from model.replan.problem import GO_LIVE  # the phase a safe fix never moves

if TYPE_CHECKING:
    from model.replan.proposal import Proposal


@dataclass(frozen=True, slots=True)
class PhaseChange:
    """One row of the preview: a phase (or a business's own value of it), before and after."""

    phase: str
    business: str | None
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def go_live(self) -> bool:
        return self.phase == GO_LIVE


@dataclass(slots=True)
class ReplanPreview:
    entry: Entry
    proposal: Proposal
    words: Words  # what the fix does, or why there is none (model.project.fixing.describe)
    rows: list[PhaseChange] = field(default_factory=list)
    text: str | None = None  # the plan file's text with the fix applied (None: nothing to apply)
    plan: Plan | None = None  # that text's plan
    gone: list[Finding] = field(default_factory=list)  # findings the fix clears
    remain: list[Finding] = field(default_factory=list)  # findings it leaves
    new: list[Finding] = field(default_factory=list)  # findings it brings (none, by design)
    ghost: GanttLayout | None = None  # the re-planned plan's layout: its bars, as ghost rows
    problem: Words | None = None  # why it cannot be applied (a stale edit, a refused text)

    @property
    def applicable(self) -> bool:
        return self.text is not None and self.problem is None

    @property
    def safe(self) -> bool:
        return self.proposal.safe


def _rows(ws: Workspace, before: Plan, after: Plan | None) -> list[PhaseChange]:
    out = []
    for ph in ws.nat.phases:
        for business in (None, *[b for b, bp in before.businesses.items() if ph.id in bp.phases]):
            b = before.entry(ph.id, business)
            a = (after.entry(ph.id, business) if after is not None else None) or b
            out.append(
                PhaseChange(ph.id, business, b.date.text if b and b.date else "", a.date.text if a and a.date else "")
            )
    return out


def preview_of(ws: Workspace, entry: Entry) -> ReplanPreview:
    """The preview of ``entry``'s re-plan as of the workspace's evaluation month."""
    from model.project.fixing import StaleEdit, apply_edits, describe
    from model.replan.proposal import Safety, replan

    plan, text = entry.plan, entry.doc.text
    assert plan is not None and text is not None
    proposal = replan(plan, ws.nat, ws.as_of)
    out = ReplanPreview(entry, proposal, describe(proposal, ws.nat))
    if proposal.edits and proposal.safety is not Safety.INFEASIBLE:
        try:
            out.text = apply_edits(text, proposal.edits)
            out.plan = entry.doc.preview_text(out.text)
        except StaleEdit as e:
            out.problem = Words(f"修正を当てられません({e})", f"the fix does not apply ({e})")
        except EditError as e:
            out.problem = e.words
    out.rows = _rows(ws, plan, out.plan)
    if out.plan is not None:
        after = ws.lint(out.plan)
        diff = diff_findings(plan, entry.findings, after)
        out.gone, out.new = diff.lost, diff.gained
        out.remain = [f for f in after if f not in diff.gained]
        out.ghost = gantt_layout.build(out.plan, ws.nat, after, as_of=ws.as_of)
    else:
        out.remain = list(entry.findings)
    return out
