"""Fixing plans (``plans lint --diff`` / ``--fix``): which plans are re-planned, their
proposals, the edits applied to their text, and the fixed files written.

- **which plans**: those with a finding of PL001–PL006 in the lint result (a clean plan's fix
  is empty, and the other rules are not about the schedule the re-planner solves);
- **which proposals**: :func:`model.replan.proposal.replan` of each, read again from its
  file (the bytes kept, so that a write can tell whether the file changed since); above
  ``PARALLEL_THRESHOLD`` plans, in forked worker processes (results in file order);
- **applying**: the edits of an *included* fix (safe, or unsafe/extended with
  ``--unsafe-fixes``) applied to the text (:func:`apply_edits`: only the date values change,
  comments keep their column), written atomically, never over a file whose bytes are no
  longer those read.

Errors are values: a plan that cannot be re-planned or a fix that cannot be written is a
:class:`NotFixed` with its place and words. Nothing here prints.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from model.checks.finding import Finding
from model.core.dates import Month, render_month
from model.core.errors import Place
from model.core.fileio import atomic_write
from model.core.national import National
from model.core.plan_reader import parse_plan_bytes
from model.core.reader import read_capped
from model.core.words import Words
from model.project.lint import LintResult
from model.project.stale_temps import remove_stale_temps
from model.replan.proposal import Edit, Proposal, Safety, replan

FIXABLE = frozenset({"PL001", "PL002", "PL003", "PL004", "PL005", "PL006"})
"""The rules a re-plan answers: deadlines, order, specs, platforms, lead times, budget."""

UNSAFE = frozenset({Safety.UNSAFE, Safety.EXTENDED})
PARALLEL_THRESHOLD = 24  # plans to re-plan below which a process pool costs more than it saves
BOM = b"\xef\xbb\xbf"


class StaleEdit(ValueError):
    """The text no longer holds the value an edit was computed for."""


def lines_of(text: str) -> list[str]:
    """A text's lines with their ends, split at LF only (as TOML counts lines: a U+2028 or a
    form feed inside a comment is not a line break, as ``str.splitlines`` would have it)."""
    parts = text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def apply_edits(source: str, edits: Iterable[Edit]) -> str:
    """``source`` with each edit's value replaced (StaleEdit when a value is not where its
    edit says). Only the text between the quotes changes, and the spaces before a trailing
    comment, which keeps the comment in its column."""
    lines = lines_of(source)
    # right to left within a line, so earlier columns stay valid
    for e in sorted(edits, key=lambda x: (x.line, -x.col)):
        i, j = e.line - 1, e.col - 1
        if not 0 <= i < len(lines):
            raise StaleEdit(f"{e.file}:{e.line}: no such line")
        line = lines[i]
        quote = line[j : j + 1]
        if quote not in ('"', "'") or line[j + 1 : j + 1 + len(e.old) + 1] != e.old + quote:
            raise StaleEdit(f"{e.file}:{e.line}:{e.col}: expected {e.old!r}")
        rest = line[j + 1 + len(e.old) :]  # the closing quote and what follows
        lines[i] = line[: j + 1] + e.new + _keep_column(rest, len(e.old) - len(e.new))
    return "".join(lines)


def _keep_column(rest: str, shift: int) -> str:
    """Keep a trailing comment in its column: pad or trim the spaces before it (widths in
    characters are enough here: dates are ASCII)."""
    body = rest.rstrip("\r\n")
    end = rest[len(body) :]
    quote, after = body[:1], body[1:]
    spaces = len(after) - len(after.lstrip(" "))
    if not after.lstrip(" ").startswith("#") or spaces == 0:
        return rest
    return quote + " " * max(1, spaces + shift) + after.lstrip(" ") + end


@dataclass(frozen=True, slots=True)
class NotFixed:
    """A plan that could not be re-planned, or a fix that was not written, and why."""

    place: Place
    words: Words

    def text(self, lang: str = "ja") -> str:
        return self.words(lang)


@dataclass(frozen=True, slots=True)
class PlanFix:
    """One plan's proposal with the text it was computed from and the text it gives."""

    file: str  # as the findings name it (a path relative to the working directory, or as given)
    proposal: Proposal
    before: bytes  # the file's bytes when it was read
    text: str  # those bytes decoded (BOM dropped)
    after: str  # the text with the edits applied (== text when there are none)
    describe: Words  # what the fix does (or why there is none), for a report

    @property
    def safety(self) -> Safety:
        return self.proposal.safety

    @property
    def edits(self) -> tuple[Edit, ...]:
        return self.proposal.edits

    @property
    def changes(self) -> bool:
        return self.after != self.text

    def included(self, unsafe: bool) -> bool:
        """Whether ``--diff``/``--fix`` apply it: a safe fix always, an unsafe one (a go-live
        moves or needs an extended deadline) only with ``--unsafe-fixes``."""
        return self.changes and (self.safety is Safety.SAFE or (unsafe and self.safety in UNSAFE))

    def after_bytes(self) -> bytes:
        return (BOM if self.before.startswith(BOM) else b"") + self.after.encode("utf-8")


@dataclass(slots=True)
class Fixes:
    """The proposals of one lint result's plans that need a re-plan (in file order)."""

    unsafe: bool  # --unsafe-fixes
    plans: list[PlanFix] = field(default_factory=list)
    problems: list[NotFixed] = field(default_factory=list)
    _by_file: dict[str, PlanFix] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_file = {p.file: p for p in self.plans}

    def of(self, finding: Finding) -> PlanFix | None:
        """A finding's fix: its plan's whole proposal, when the finding is one a re-plan
        answers (PL001–PL006). The whole proposal rather than the edits on the finding's own
        line: the re-plan is one consistent schedule (宇部市's order warning on the survey is
        cleared by an earlier 推進体制), and a part of it alone can leave or create a finding."""
        if finding.code not in FIXABLE:
            return None
        pf = self._by_file.get(finding.place.file)
        return pf if pf is not None and pf.safety is not Safety.NONE else None

    def included(self) -> list[PlanFix]:
        """The fixes ``--diff`` shows and ``--fix`` writes."""
        return [p for p in self.plans if p.included(self.unsafe)]

    def withheld(self) -> list[PlanFix]:
        """Unsafe fixes left out for want of ``--unsafe-fixes``."""
        return [p for p in self.plans if p.changes and p.safety in UNSAFE and not self.unsafe]

    def infeasible(self) -> list[PlanFix]:
        return [p for p in self.plans if p.safety is Safety.INFEASIBLE]

    def beyond_dates(self) -> list[PlanFix]:
        """Plans whose dates already fit, but only an extended deadline: no date to change,
        an ``extended_deadline`` (特定移行支援システム) to declare."""
        return [p for p in self.plans if p.safety is Safety.EXTENDED and not p.changes]


def fixable_files(res: LintResult) -> list[str]:
    """The files with a finding of PL001–PL006, in the order of the findings' files."""
    return list(dict.fromkeys(f.place.file for f in res.findings if f.code in FIXABLE))


def propose(res: LintResult, *, unsafe: bool = False, jobs: int | None = None) -> Fixes:
    """The fixes of a lint result: each plan with a PL001–PL006 finding re-planned as of the
    result's evaluation month. ``jobs`` as for ``lint_paths`` (None: both cores above
    ``PARALLEL_THRESHOLD`` plans, or ``$PLANS_LINT_JOBS``; 1 = serial)."""
    nat, when = res.national, res.as_of
    items: list[tuple[str, bytes]] = []
    plans: list[PlanFix] = []
    problems: list[NotFixed] = []
    for file in fixable_files(res):
        try:
            items.append((file, read_capped(Path(file))))
        except OSError as e:
            problems.append(
                NotFixed(
                    Place(file),
                    Words(f"再計画のために読めません: {e.strerror}", f"cannot read it to re-plan: {e.strerror}"),
                )
            )
    proposals = _proposals(items, nat, when, jobs)
    for (file, raw), proposal in zip(items, proposals, strict=True):
        if proposal is None:
            problems.append(
                NotFixed(
                    Place(file),
                    Words(
                        "読み込んだ後に変更され、計画として読めないため再計画しません",
                        "changed since it was checked and no longer loads: not re-planned",
                    ),
                )
            )
            continue
        text = (raw[3:] if raw.startswith(BOM) else raw).decode("utf-8")
        try:
            after = apply_edits(text, proposal.edits)
        except StaleEdit as e:
            problems.append(NotFixed(Place(file), Words(f"修正を当てられません({e})", f"the fix does not apply ({e})")))
            continue
        plans.append(PlanFix(file, proposal, raw, text, after, describe(proposal, nat)))
    return Fixes(unsafe, plans, problems)


def _proposals(
    items: list[tuple[str, bytes]], nat: National, when: Month | None, jobs: int | None
) -> list[Proposal | None]:
    if jobs is None and os.environ.get("PLANS_LINT_JOBS", "").strip().isdigit():
        jobs = max(1, int(os.environ["PLANS_LINT_JOBS"]))
    n_jobs = jobs if jobs is not None else _cores()
    parallel = n_jobs > 1 and len(items) > 1 and (jobs is not None or len(items) >= PARALLEL_THRESHOLD)
    if parallel:
        _WORK.update(items=items, nat=nat, when=when)
        try:
            done = _run_pool(len(items), min(n_jobs, len(items)))
        finally:
            _WORK.clear()
        if done is not None:
            return done
    return [_propose_one(file, raw, nat, when) for file, raw in items]


def _propose_one(file: str, raw: bytes, nat: National, when: Month | None) -> Proposal | None:
    plan = parse_plan_bytes(raw, file, nat).plan
    return replan(plan, nat, when) if plan is not None else None


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# State handed to forked workers (copied by fork, never pickled): set just before the pool
# starts, cleared after.
_WORK: dict[str, object] = {}


def _work_chunk(indices: list[int]) -> list[Proposal | None]:
    items, nat, when = _WORK["items"], _WORK["nat"], _WORK["when"]
    assert isinstance(items, list) and isinstance(nat, National)
    return [_propose_one(*items[i], nat, when) for i in indices]  # type: ignore[arg-type]


def _run_pool(n: int, n_jobs: int) -> list[Proposal | None] | None:
    """Re-plan ``_WORK['items']`` in forked workers (None where forking is unsafe: no fork,
    or threads running). The solver is imported before the fork, once for all workers."""
    import multiprocessing as mp

    if "fork" not in mp.get_all_start_methods() or threading.active_count() > 1:
        return None
    import highspy  # noqa: F401  (imported once here rather than in every worker)

    size = max(1, -(-n // (n_jobs * 8)))  # 8 chunks per worker: both finish together
    parts = [list(range(i, min(i + size, n))) for i in range(0, n, size)]
    with mp.get_context("fork").Pool(n_jobs) as pool:
        return [p for part in pool.imap(_work_chunk, parts) for p in part]


# -- what a fix does, in words ---------------------------------------------------------


def _name(nat: National, phase: str, business: str | None) -> Words:
    ja, en = nat.phase_name(phase, "ja"), nat.phase_name(phase, "en")
    if business:
        return Words(f"{nat.business_name(business, 'ja')}の{ja}", f"{en} ({nat.business_name(business, 'en')})")
    return Words(ja, en)


def _join(parts: list[Words]) -> Words:
    return Words("、".join(p.ja for p in parts), ", ".join(p.en for p in parts))


def describe(p: Proposal, nat: National) -> Words:
    """What a proposal does: "安全な修正: 推進体制 R4.10 → R4.9、…" (unsafe: which go-live
    moves and the chain that binds it; infeasible: the chain)."""
    changes = _join(
        [_name(nat, e.phase, e.business) + Words(f" {e.old} → {e.new}", f" {e.old} → {e.new}") for e in p.edits]
    )
    chain = p.chain if p.chain is not None and p.chain.ja else None
    why = Words(f"(制約: {chain.ja})", f" (binding: {chain.en})") if chain is not None else Words("", "")
    if p.safety is Safety.NONE:
        return Words("変更はありません", "nothing to change")
    if p.safety is Safety.SAFE:
        return Words("安全な修正(移行完了は動かしません): ", "safe fix (no go-live moves): ") + changes
    if p.safety is Safety.INFEASIBLE:
        limit = render_month(nat.extended_deadline_limit.hi) if nat.extended_deadline_limit else "-"
        return (
            Words(
                f"修正できません: 延長期限の上限({limit})までに成り立つ日程がありません",
                f"no fix: no schedule meets every constraint even by the extended-deadline limit ({limit})",
            )
            + why
        )
    lives = _join(
        [
            _name(nat, k[1], k[0])
            + Words(f"を{render_month(a)}から{render_month(b)}に", f" from {render_month(a)} to {render_month(b)}")
            for k, a, b in p.go_lives
        ]
    )
    if p.safety is Safety.EXTENDED and not p.edits:
        return (
            Words(
                "日付の修正はありません: この日程には特定移行支援システムの延長期限(extended_deadline)が必要です",
                "no date to change: this schedule needs an extended deadline (extended_deadline, 特定移行支援システム)",
            )
            + why
        )
    if p.safety is Safety.EXTENDED:
        head = Words(
            "安全でない修正(特定移行支援システムの延長期限が必要です",
            "unsafe fix (needs an extended deadline, 特定移行支援システム",
        )
    else:
        head = Words("安全でない修正(移行完了が動きます", "unsafe fix (a go-live moves")
    if lives.ja:
        head += Words(f"。最も早い移行完了: {lives.ja}", f"; earliest go-live: {lives.en}")
    return head + Words("): ", "): ") + changes + why


# -- writing ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Written:
    """What ``write_fixes`` did with one included fix: written, or not (``problem``)."""

    fix: PlanFix
    problem: NotFixed | None = None


def write_fixes(fixes: Fixes) -> list[Written]:
    """Write each included fix atomically over its file, unless the file's bytes are no
    longer the ones the fix was computed from (someone saved it meanwhile: their change is
    kept and the fix is not written). A killed save's temp file of a plan written is removed
    first, as the app's save does."""
    out = []
    for pf in fixes.included():
        path = Path(pf.file)
        try:
            now = read_capped(path)
        except OSError as e:
            out.append(Written(pf, _unwritable(pf, e)))
            continue
        if now != pf.before:
            out.append(Written(pf, NotFixed(Place(pf.file), STALE)))
            continue
        remove_stale_temps(path.parent, path.name)  # what a killed save of this plan left
        try:
            atomic_write(path, pf.after_bytes())
        except OSError as e:
            out.append(Written(pf, _unwritable(pf, e)))
            continue
        out.append(Written(pf))
    return out


def _unwritable(pf: PlanFix, e: OSError) -> NotFixed:
    return NotFixed(Place(pf.file), Words(f"修正を書き込めません: {e.strerror}", f"cannot write the fix: {e.strerror}"))


STALE = Words(
    "読み込んだ後にファイルが変更されたため、修正を書き込みませんでした(もう一度実行してください)",
    "changed on disk since it was read: the fix was not written (run again)",
)

__all__ = [
    "FIXABLE",
    "PARALLEL_THRESHOLD",
    "STALE",
    "Fixes",
    "NotFixed",
    "PlanFix",
    "StaleEdit",
    "Written",
    "apply_edits",
    "describe",
    "fixable_files",
    "lines_of",
    "propose",
    "write_fixes",
]
