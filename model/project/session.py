"""The app's workspace: every plan of some paths, each a :class:`PlanDocument` with its
findings as of the evaluation month, built on the loader (``model.project.loader``) and
re-checked one plan at a time after each edit (pure: no terminal code).

Loading agrees with ``plans lint`` file for file: the same discovery, E009 and evaluation
month, and a municipality's plan is the first of its files in discovery order (E006) even
when the files are read in another order (the app reads the selected plan first). Up to
``eager_max`` files every plan is read and checked in :meth:`Workspace.load`; above, each
entry is a placeholder named by its file until :meth:`Workspace.read_many` (any thread: the
background load, batch by batch, through lint's cache and process pool) or
:meth:`Workspace.read` (one entry) and :meth:`Workspace.admit` (the thread that owns the
workspace) put it in.

A plan's graph (``model.checks.graph``) is built once per version of the plan: the re-check
after an edit and the slack the app shows (:meth:`Workspace.slack`) share it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from model.checks import graph
from model.checks.finding import Finding
from model.checks.graph import NodeKey, PlanGraph, Slack
from model.core.dates import Month
from model.core.national import National
from model.core.plan import Plan
from model.core.severity import Severity, worst
from model.project.cache import FileResult
from model.project.document import PlanDocument
from model.project.lint import cache_folder, check_files, lint_plan
from model.project.loader import (
    Claim,
    Owners,
    duplicate,
    evaluation_month,
    identity,
    open_national,
    plan_files,
    read,
)
from model.project.pool import cores, parallel, start_server
from model.project.stale_temps import remove_stale_temps


def plan_slack(plan: Plan, nat: National, pg: PlanGraph | None = None) -> dict[NodeKey, Slack]:
    """Each phase's slack (``model.checks.graph.slack``, the backward pass) from the plan's
    graph (built when not given); none when its dependencies form a cycle (PL012)."""
    pg = pg if pg is not None else graph.build(plan, nat)
    if plan.depends and graph.find_cycle(pg):
        return {}
    return graph.slack(pg)


@dataclass(slots=True)
class Entry:
    """One plan file in the workspace with its current findings."""

    doc: PlanDocument
    findings: list[Finding] = field(default_factory=list)
    order: int = 0  # the file's place in discovery order (E006: the first one counts)
    graph: tuple[Plan, PlanGraph] | None = field(default=None, repr=False)  # the last check's
    slack: tuple[Plan, dict[NodeKey, Slack]] | None = field(default=None, repr=False)

    @property
    def plan(self) -> Plan | None:
        return self.doc.plan

    @property
    def name(self) -> str:
        if not self.doc.loaded:
            return self.doc.path.stem
        return self.doc.plan.municipality if self.doc.plan else self.doc.file

    @property
    def loaded(self) -> bool:
        return self.doc.loaded

    @property
    def worst(self) -> Severity | None:
        if not self.doc.loaded:
            return None
        if self.doc.plan is None:
            return Severity.ERROR
        return worst(f.severity for f in self.findings)

    @property
    def count(self) -> int:
        return len(self.findings) if self.doc.plan is not None else len(self.doc.problems)


@dataclass(slots=True)
class Workspace:
    """Every plan of a folder, each with its findings as of the evaluation month."""

    nat: National
    as_of: Month
    entries: list[Entry]
    enabled: set[str] | None = None
    owners: Owners = field(default_factory=Owners)  # municipality -> its first file (E006)
    cache: Path | None = None  # lint's result cache, for the background load

    @classmethod
    def load(
        cls,
        paths: list[Path],
        *,
        national: Path | None = None,
        as_of: Month | None = None,
        eager_max: int | None = None,
    ) -> Workspace:
        """Load plans (raises NationalError / PlanPathError like ``lint_paths``).

        Every plan is read and checked now, unless there are more than ``eager_max`` files:
        then each entry is a placeholder (:meth:`PlanDocument.pending`, named by its file)
        until the caller reads and admits it, e.g. the app in the background after its first
        paint. Temp files that killed saves left beside the plans are removed."""
        nat = open_national(paths, national)
        files = plan_files(paths)
        for folder in dict.fromkeys(path.parent for path, _ in files):  # what killed saves left
            remove_stale_temps(folder)
        entries = [Entry(PlanDocument.pending(path, nat, file=file), order=i) for i, (path, file) in enumerate(files)]
        ws = cls(nat, evaluation_month(nat, as_of), entries, cache=cache_folder(paths, True))
        if eager_max is None or len(files) <= eager_max:
            for e in entries:
                ws.admit(e, *ws.read(e))
        elif parallel(len(files), None) and cores() > 2:
            start_server()  # for read_many's pool, which may run where no process can be forked
        return ws

    @property
    def pending(self) -> list[Entry]:
        return [e for e in self.entries if not e.doc.loaded]

    def read(self, entry: Entry) -> tuple[PlanDocument, list[Finding]]:
        """Read, parse and check one entry's file without touching the workspace (safe in a
        worker thread); :meth:`admit` puts the result in."""
        path, file = entry.doc.path, entry.doc.file
        raw, error = read(path, file)
        if raw is None:
            doc = PlanDocument.pending(path, self.nat, file=file)
            doc.loaded = True
            doc.problems = [error] if error is not None else []
            return doc, []
        doc = PlanDocument(path, raw, self.nat, file=file)
        return doc, (self.lint(doc.plan) if doc.plan is not None else [])

    def read_many(
        self, entries: list[Entry], *, jobs: int | None = None, batch: int = 64
    ) -> Iterator[list[tuple[Entry, PlanDocument, list[Finding]]]]:
        """:meth:`read` of many entries, as ``plans lint`` reads them: findings from lint's
        cache, else checked by its process pool or here; each document parsed here. Yields up
        to ``batch`` results at a time, in the order given (cache hits first). Safe in a
        worker thread; :meth:`admit` puts each in.

        ``jobs`` (None): this process parses every plan for its document anyway (unpickling a
        worker's plan costs as much), so workers pay only beside it: one per core but one from
        three cores on, else the check is done here, on the plan parsed for the document."""
        if jobs is None:
            jobs = cores() - 1 if cores() > 2 else 1
        files = [(e.doc.path, e.doc.file) for e in entries]
        out: list[tuple[Entry, PlanDocument, list[Finding]]] = []
        for got in check_files(files, self.nat, self.as_of, self.enabled, cache=self.cache, jobs=jobs):
            for i, raw, rec, plan in got:
                out.append((entries[i], *self._document(entries[i], raw, rec, plan)))
                if len(out) >= batch:
                    yield out
                    out = []
        if out:
            yield out

    def _document(
        self, entry: Entry, raw: bytes | None, rec: FileResult, plan: Plan | None
    ) -> tuple[PlanDocument, list[Finding]]:
        path, file = entry.doc.path, entry.doc.file
        if raw is None:
            doc = PlanDocument.pending(path, self.nat, file=file)
            doc.loaded = True
            doc.problems = list(rec.problems)
            return doc, []
        doc = PlanDocument(path, raw, self.nat, file=file, plan=plan)
        return doc, (rec.findings if doc.plan is not None else [])

    def admit(self, entry: Entry, doc: PlanDocument, findings: list[Finding]) -> list[Entry]:
        """Put a read document into its entry. Returns the entries that changed: none when
        the entry was loaded meanwhile; the entry; and an entry read earlier that held the
        same municipality but comes later in discovery order (it becomes the E006)."""
        if entry.doc.loaded:
            return []
        changed = [entry]
        if doc.plan is not None:
            claim = self.owners.claim(identity(doc.plan.municipality, doc.plan.code), entry.order, doc.file)
            if claim.owner is not None:
                doc.problems = [duplicate(doc.plan.municipality, doc.plan.code, doc.plan.place, claim)]
                doc.plan = None
                findings = []
            elif claim.displaced is not None:
                other = self.entries[claim.displaced]
                by_name = other.doc.plan is not None and other.doc.plan.municipality == doc.plan.municipality
                changed.append(self._duplicate(other, doc.file, by_code=not by_name))
        entry.doc = doc
        entry.findings = findings
        return changed

    def _duplicate(self, entry: Entry, owner: str, *, by_code: bool = False) -> Entry:
        """Turn an admitted entry into the E006 of its municipality's first file."""
        assert entry.doc.plan is not None
        plan = entry.doc.plan
        key = f"code {plan.code}" if by_code else plan.municipality
        entry.doc.problems = [duplicate(plan.municipality, plan.code, plan.place, Claim(owner=owner, key=key))]
        entry.doc.plan = None
        entry.findings = []
        return entry

    def recheck(self, entry: Entry) -> list[Finding]:
        """Re-check one plan (after an edit, undo, redo or reload)."""
        plan = entry.doc.plan
        if plan is None:
            entry.findings = []
            return entry.findings
        pg = graph.build(plan, self.nat)
        entry.graph = (plan, pg)
        entry.findings = lint_plan(plan, self.nat, self.as_of, self.enabled, graph=pg)
        return entry.findings

    def slack(self, entry: Entry) -> dict[NodeKey, Slack]:
        """The slack of an entry's plan (computed once per version of the plan, from the
        graph its last re-check built when there is one)."""
        plan = entry.doc.plan
        if plan is None:
            return {}
        if entry.slack is not None and entry.slack[0] is plan:
            return entry.slack[1]
        pg = entry.graph[1] if entry.graph is not None and entry.graph[0] is plan else None
        entry.slack = (plan, plan_slack(plan, self.nat, pg))
        entry.graph = None  # the slack was what it was kept for
        return entry.slack[1]

    def lint(self, plan: Plan) -> list[Finding]:
        """Findings of a plan that is not (yet) in the workspace, e.g. an edit's preview."""
        return lint_plan(plan, self.nat, self.as_of, self.enabled)

    def by_name(self, name: str) -> Entry | None:
        """The entry of a municipality, or of a file (its stem: how a plan not loaded yet is
        named, so a name taken before the load still finds it after)."""
        hit = next((e for e in self.entries if e.name == name), None)
        return (
            hit
            if hit is not None
            else next((e for e in self.entries if e.doc.path.stem == name or e.doc.file == name), None)
        )

    @property
    def dirty(self) -> list[Entry]:
        return [e for e in self.entries if e.doc.dirty]

    @property
    def plans(self) -> list[Plan]:
        return [e.plan for e in self.entries if e.plan is not None]


__all__ = ["Entry", "Workspace", "plan_slack"]
