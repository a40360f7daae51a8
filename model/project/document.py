"""Editing a plan file in place, safely: the app's model (pure: no terminal code).

A :class:`PlanDocument` holds a plan file's bytes as loaded, its text as edited and a
``tomlkit`` document of that text. Edits change *only* the value they name — a phase's
date (municipal or per business), its status or note, the plan's ``vendor_strategy`` — so the
planner's comments, key order, alignment and quoting stay byte for byte; loading and saving
without an edit gives the identical file.

Why tomlkit: the standard library's ``tomllib`` only reads, and ``tomli-w`` writes a file
from data, dropping every comment and re-laying the file out. tomlkit is a well-kept
*round-trip* TOML editor (the one Poetry uses for ``pyproject.toml``): it parses into a
document that keeps comments, whitespace and order, and setting one value rewrites only
that value. ``tomli-w`` stays the writer for *new* files, where there is no layout to keep.

Every edit is validated before it is accepted: a date goes through
:func:`model.core.dates.parse`, and the edited text is parsed again with
:func:`model.core.plan.parse_plan`; an edit that would make the file fail to load is refused
with its problems (:class:`EditRejected`) and the document is left as it was. Edits are kept
as text snapshots on undo/redo stacks (a plan is a few hundred bytes, so snapshots are simpler
and safer than inverse operations).

Saving goes through :func:`model.core.fileio.atomic_write`. Before writing, the file on disk is
compared (SHA-256) with the bytes loaded: if someone changed it meanwhile, :class:`ExternalChange`
is raised and nothing is written, so the caller can offer reload or overwrite; neither side
is ever silently clobbered. A failed write (read-only folder, full disk) raises ``OSError``
and keeps the edit in memory, still dirty.

:class:`Workspace` is the app's state: every plan of a folder with its findings, re-checked
one plan at a time (``model.project.lint.lint_plan``) after each edit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model.checks.engine import Finding
from model.checks.registry import SEVERITY_ORDER
from model.core import dates
from model.core.errors import (
    Place,
    Problem,
    Problems,
    display_path,
    duplicate_municipality,
    unreadable,
)
from model.core.fileio import atomic_write
from model.core.national import National
from model.core.plan import STATUSES, STRATEGIES, Plan, parse_plan
from model.core.reader import decode

_Change = tuple[str, Callable[[Any], None]]
"""An edit's label and the function that applies it to a tomlkit document."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class EditError(ValueError):
    """An edit that cannot be made; ``ja``/``en`` say why and what to write instead."""

    def __init__(self, ja: str, en: str, problems: list[Problem] | None = None) -> None:
        super().__init__(en)
        self.ja = ja
        self.en = en
        self.problems = problems or []

    def text(self, lang: str = "ja") -> str:
        return self.en if lang == "en" else self.ja


class EditRejected(EditError):
    """The edited file would not load as a plan; ``problems`` name each place."""


class ExternalChange(Exception):
    """The file changed (or vanished) on disk since it was loaded; nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: changed on disk since it was loaded")
        self.path = path


@dataclass(frozen=True, slots=True)
class Edit:
    """One accepted edit: its label and the text before and after."""

    label: str
    before: str
    after: str


def interval_text(d: dates.PlanDate, lang: str = "ja") -> str:
    """The months a date stands for, e.g. ``2023-04 .. 2024-03 (年度)``."""

    def iso(m: dates.Month) -> str:
        y, mo = dates.ym(m)
        return f"{y:04d}-{mo:02d}"

    en = lang == "en"
    if d.is_na:
        return "not applicable" if en else "対象外(該当なし)"
    if d.is_done:
        bound = f" (by {iso(d.hi)})" if d.hi != dates.OPEN_START else ""
        bound_ja = f"({iso(d.hi)}までに)" if d.hi != dates.OPEN_START else ""
        return f"done{bound}" if en else f"完了済み{bound_ja}"
    if d.precision is dates.Precision.FISCAL_YEAR:
        return f"{iso(d.lo)} .. {iso(d.hi)} ({'fiscal year' if en else '年度'})"
    return f"{iso(d.lo)} ({'month' if en else '月'})"


class PlanDocument:
    """One plan file open for editing (see the module docstring)."""

    def __init__(self, path: Path, raw: bytes, nat: National, *, file: str | None = None) -> None:
        self.path = Path(path)
        self.file = file or display_path(self.path)
        self.nat = nat
        self.loaded_bytes = raw
        self.loaded_digest = _digest(raw)
        problems = Problems(self.file)
        text = decode(raw, self.file, problems)
        self.problems: list[Problem] = list(problems.items)
        self.saved_text: str | None = text
        self.text: str | None = text
        self.plan: Plan | None = None
        self.undo_stack: list[Edit] = []
        self.redo_stack: list[Edit] = []
        self.loaded = True  # False: a placeholder until the app's background load reads it
        if text is not None:
            self.plan, self.problems = self._parse(text)

    # -- loading -----------------------------------------------------------
    @classmethod
    def load(cls, path: Path, nat: National, *, file: str | None = None) -> PlanDocument:
        """Read ``path``; OSError propagates (the caller reports E009)."""
        return cls(path, Path(path).read_bytes(), nat, file=file)

    @classmethod
    def pending(cls, path: Path, nat: National, *, file: str | None = None) -> PlanDocument:
        """A placeholder for a file not read yet (``loaded`` False): no text, no plan, no
        problems. The app shows it by its file name until the background load replaces it."""
        doc = cls.__new__(cls)  # nothing to decode or parse yet
        doc.path = Path(path)
        doc.file = file or display_path(doc.path)
        doc.nat = nat
        doc.loaded_bytes = b""
        doc.loaded_digest = _digest(b"")
        doc.problems = []
        doc.text = doc.saved_text = None
        doc.plan = None
        doc.undo_stack = []
        doc.redo_stack = []
        doc.loaded = False
        return doc

    def _parse(self, text: str) -> tuple[Plan | None, list[Problem]]:
        problems = Problems(self.file)
        plan = parse_plan(text, self.file, self.nat, problems)
        return (plan if not problems else None), list(problems.items)

    @property
    def dirty(self) -> bool:
        """The text differs from the file as last loaded or saved."""
        return self.text != self.saved_text

    @property
    def can_undo(self) -> bool:
        return bool(self.undo_stack)

    @property
    def can_redo(self) -> bool:
        return bool(self.redo_stack)

    def to_bytes(self) -> bytes:
        """The bytes a save would write: the loaded bytes when nothing was edited."""
        if self.text is None or self.text == self.saved_text:
            return self.loaded_bytes
        bom = b"\xef\xbb\xbf" if self.loaded_bytes.startswith(b"\xef\xbb\xbf") else b""
        return bom + self.text.encode("utf-8")

    # -- edits -------------------------------------------------------------
    def _trial(self, mutate: Callable[[Any], None]) -> tuple[str, Plan]:
        """The text and plan an edit would give, without keeping it (EditRejected if the
        file would no longer load)."""
        import tomlkit

        if self.plan is None or self.text is None:
            raise EditError("このファイルは読み込めないため編集できません", "this file cannot be loaded, so it cannot be edited", self.problems)
        doc = tomlkit.parse(self.text)  # a copy: the current document stays intact on refusal
        mutate(doc)
        after = doc.as_string()
        if after == self.text:
            return after, self.plan
        try:
            after.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (e.g. pasted): to_bytes/save would raise
            raise EditError(
                "UTF-8で保存できない文字(対になっていないサロゲート)が含まれています。その文字を削除してください",
                "the text has a character that cannot be saved as UTF-8 (a lone surrogate); remove it",
            ) from None
        plan, problems = self._parse(after)
        if plan is None:
            first = problems[0] if problems else None
            raise EditRejected(
                f"この変更では計画を読み込めなくなります: {first.words.ja if first else ''}",
                f"this change would make the plan fail to load: {first.words.en if first else ''}",
                problems,
            )
        return after, plan

    def _apply(self, label: str, mutate: Callable[[Any], None]) -> Plan:
        before = self.text
        after, plan = self._trial(mutate)
        if after == before:
            return plan
        assert before is not None
        self.undo_stack.append(Edit(label, before, after))
        self.redo_stack.clear()
        self._set(after, plan)
        return plan

    def _set(self, text: str, plan: Plan | None) -> None:
        self.text = text
        self.plan = plan
        self.problems = []

    def _surveyed(self) -> dates.Month | None:
        return self.plan.surveyed.hi if self.plan and self.plan.surveyed else None

    def _phase_table(self, doc: Any, business: str | None, create: bool) -> Any:
        """The table holding phase dates: ``[phases]`` or ``[business.<id>]``."""
        import tomlkit

        if business is None:
            if "phases" not in doc:
                if not create:
                    return None
                doc["phases"] = tomlkit.table()
            return doc["phases"]
        if "business" not in doc:
            if not create:
                return None
            doc["business"] = tomlkit.table(is_super_table=True)
        if business not in doc["business"]:
            if not create:
                return None
            doc["business"][business] = tomlkit.table()
        return doc["business"][business]

    def _sub_table(self, doc: Any, business: str | None, name: str, create: bool) -> Any:
        import tomlkit

        base = doc if business is None else self._phase_table(doc, business, create)
        if base is None:
            return None
        if name not in base:
            if not create:
                return None
            base[name] = tomlkit.table()
        return base[name]

    def _check_ids(self, phase: str, business: str | None) -> None:
        if phase not in self.nat.phase_index:
            raise EditError(f"未知のフェーズ「{phase}」です", f"unknown phase {phase!r}")
        if business is not None and business not in self.nat.businesses:
            raise EditError(f"未知の業務「{business}」です", f"unknown business {business!r}")

    # Each ``_*_change`` validates its value and returns (label, mutation); the public
    # setters apply one, ``edit_phase`` applies several as one edit (one tomlkit round trip).
    def _date_change(self, phase: str, value: str | None, business: str | None) -> _Change:
        self._check_ids(phase, business)
        if value is None or not value.strip():
            return f"clear {phase}", lambda doc: _remove(self._phase_table(doc, business, False), phase)
        value = value.strip()
        try:
            d = dates.parse(value, surveyed=self._surveyed())
        except dates.DateError as e:
            raise EditError(e.text("ja"), e.text("en")) from None
        if d.is_na and d.text.strip() == dates.NA_CURRENT_VENDOR and phase != "vendor_selection":
            raise EditError(
                "「現行ベンダで標準化」はベンダ選定(vendor_selection)にだけ書けます",
                "現行ベンダで標準化 is only valid for vendor_selection",
            )
        return f"{phase} = {value}", lambda doc: _put(self._phase_table(doc, business, True), phase, value)

    def _status_change(self, phase: str, status: str | None, business: str | None) -> _Change:
        self._check_ids(phase, business)
        if status is None or status == "":
            return f"clear status {phase}", lambda doc: _remove(self._sub_table(doc, business, "status", False), phase)
        if status not in STATUSES:
            raise EditError(f"状況は {', '.join(STATUSES)} のいずれかです", f"status must be one of {', '.join(STATUSES)}")
        return f"status {phase} = {status}", lambda doc: _put(self._sub_table(doc, business, "status", True), phase, status)

    def _note_change(self, phase: str, note: str | None, business: str | None) -> _Change:
        self._check_ids(phase, business)
        if note is None or not note.strip():
            return f"clear note {phase}", lambda doc: _remove(self._sub_table(doc, business, "notes", False), phase)
        return f"note {phase}", lambda doc: _put(self._sub_table(doc, business, "notes", True), phase, note)

    def set_date(self, phase: str, value: str | None, business: str | None = None) -> Plan:
        """Set (or, with ``None`` or blank, remove) a phase's planned completion."""
        return self._apply(*self._date_change(phase, value, business))

    def set_status(self, phase: str, status: str | None, business: str | None = None) -> Plan:
        """Set (or remove) a phase's status: done / in_progress / not_started / n/a."""
        return self._apply(*self._status_change(phase, status, business))

    def set_note(self, phase: str, note: str | None, business: str | None = None) -> Plan:
        """Set (or, blank, remove) a phase's note."""
        return self._apply(*self._note_change(phase, note, business))

    def set_vendor_strategy(self, strategy: str | None) -> Plan:
        """Set (or remove) the plan's ``vendor_strategy``."""
        if strategy is None or strategy == "":
            return self._apply("clear vendor_strategy", lambda doc: _remove(doc, "vendor_strategy"))
        if strategy not in STRATEGIES:
            raise EditError(f"vendor_strategy は {', '.join(STRATEGIES)} のいずれかです", f"vendor_strategy must be one of {', '.join(STRATEGIES)}")
        return self._apply(f"vendor_strategy = {strategy}", lambda doc: _put(doc, "vendor_strategy", strategy))

    def _phase_changes(self, phase: str, date: str | None, status: str | None, note: str | None, business: str | None) -> Callable[[Any], None]:
        changes = [
            self._date_change(phase, date, business),
            self._status_change(phase, status, business),
            self._note_change(phase, note, business),
        ]

        def mutate(doc: Any) -> None:
            for _, m in changes:
                m(doc)

        return mutate

    def edit_phase(self, phase: str, *, date: str | None, status: str | None, note: str | None, business: str | None = None) -> Plan:
        """Date, status and note of one phase as one undoable edit (the edit dialog's OK):
        all three are validated first, then applied in one round trip, or none is."""
        return self._apply(f"edit {phase}", self._phase_changes(phase, date, status, note, business))

    def preview_phase(self, phase: str, *, date: str | None, status: str | None, note: str | None, business: str | None = None) -> Plan:
        """The plan ``edit_phase`` would give, without changing anything (the dialog's live
        re-check while typing). Raises EditError like ``edit_phase``."""
        return self._trial(self._phase_changes(phase, date, status, note, business))[1]

    # -- undo / redo -----------------------------------------------------------
    def undo(self) -> Edit | None:
        if not self.undo_stack:
            return None
        e = self.undo_stack.pop()
        self.redo_stack.append(e)
        self._set(e.before, self._parse(e.before)[0])
        return e

    def redo(self) -> Edit | None:
        if not self.redo_stack:
            return None
        e = self.redo_stack.pop()
        self.undo_stack.append(e)
        self._set(e.after, self._parse(e.after)[0])
        return e

    # -- disk ----------------------------------------------------------------
    def disk_digest(self) -> str | None:
        """SHA-256 of the file as it is on disk now (None if it is gone or unreadable)."""
        try:
            return _digest(self.path.read_bytes())
        except OSError:
            return None

    def changed_on_disk(self) -> bool:
        return self.disk_digest() != self.loaded_digest

    def save(self, *, overwrite: bool = False) -> bool:
        """Write the edited text atomically. Returns False when there was nothing to save.

        Raises :class:`ExternalChange` (nothing written) when the file changed on disk since
        it was loaded, unless ``overwrite``; ``OSError`` when the write fails (the edit stays
        in memory, still dirty)."""
        if self.text is None:
            raise EditError("このファイルは読み込めないため保存できません", "this file cannot be loaded, so it cannot be saved", self.problems)
        if not overwrite and self.changed_on_disk():
            raise ExternalChange(self.path)
        if not self.dirty and not overwrite:
            return False
        data = self.to_bytes()
        atomic_write(self.path, data)
        self.loaded_bytes = data
        self.loaded_digest = _digest(data)
        self.saved_text = self.text
        return True

    def reload(self) -> Plan | None:
        """Take the file as it is on disk now. The in-memory text is kept on the undo stack,
        so a reload can itself be undone (nothing a planner typed is lost)."""
        raw = self.path.read_bytes()
        problems = Problems(self.file)
        text = decode(raw, self.file, problems)
        old = self.text
        self.loaded_bytes = raw
        self.loaded_digest = _digest(raw)
        self.saved_text = text
        if text is None:
            self.text, self.plan, self.problems = None, None, list(problems.items)
            return None
        plan, probs = self._parse(text)
        if old is not None and old != text:
            self.undo_stack.append(Edit("reload", old, text))
            self.redo_stack.clear()
        self._set(text, plan)
        self.problems = probs
        return plan


def _put(table: Any, key: str, value: str) -> None:
    """Set ``key`` keeping the old value's trivia (comment, spacing) and quoting style."""
    import tomlkit
    from tomlkit.items import String, StringType

    old = table.get(key) if key in table else None
    if isinstance(old, String):
        if str(old) == value:
            return
        literal = old.type in (StringType.SLL, StringType.MLL) and "'" not in value and "\n" not in value
        new = tomlkit.string(value, literal=literal)
        new.trivia.indent = old.trivia.indent
        new.trivia.comment_ws = old.trivia.comment_ws
        new.trivia.comment = old.trivia.comment
        new.trivia.trail = old.trivia.trail
        table[key] = new
        return
    table[key] = value


def _remove(table: Any, key: str) -> None:
    if table is not None and key in table:
        del table[key]


# -- the app's state ------------------------------------------------------------


def worst(findings: list[Finding]) -> str | None:
    if not findings:
        return None
    return max((f.severity for f in findings), key=SEVERITY_ORDER.__getitem__)


@dataclass(slots=True)
class Entry:
    """One plan file in the workspace with its current findings."""

    doc: PlanDocument
    findings: list[Finding] = field(default_factory=list)

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
    def worst(self) -> str | None:
        if not self.doc.loaded:
            return None
        if self.doc.plan is None:
            return "error"
        return worst(self.findings)

    @property
    def count(self) -> int:
        return len(self.findings) if self.doc.plan is not None else len(self.doc.problems)


@dataclass(slots=True)
class Workspace:
    """Every plan of a folder, each with its findings as of the evaluation month."""

    nat: National
    as_of: dates.Month
    entries: list[Entry]
    enabled: set[str] | None = None
    _seen: dict[str, str] = field(default_factory=dict)  # municipality -> file (E006)

    @classmethod
    def load(cls, paths: list[Path], *, national: Path | None = None, as_of: dates.Month | None = None, eager_max: int | None = None) -> Workspace:
        """Load plans (raises NationalError / FileNotFoundError like ``lint_paths``).

        Every plan is read and checked now, unless there are more than ``eager_max`` files:
        then each entry is a placeholder (:meth:`PlanDocument.pending`, named by its file) and
        the caller loads them with :meth:`read` (any thread) and :meth:`admit` (the thread
        that owns the workspace), e.g. the app in the background after its first paint."""
        from model.core.national import find_national, load_national
        from model.project.lint import _discover, evaluation_month

        nat = load_national(national or find_national(paths))
        files = _discover(paths)  # with each file's resolved path: the display path without resolving again
        lazy = eager_max is not None and len(files) > eager_max
        cwd = Path.cwd().resolve()
        entries = [Entry(PlanDocument.pending(path, nat, file=str(rp.relative_to(cwd)) if rp.is_relative_to(cwd) else str(path))) for path, rp in files]
        ws = cls(nat, evaluation_month(nat, as_of), entries)
        if not lazy:
            for e in entries:
                ws.admit(e, *ws.read(e))
        return ws

    @property
    def pending(self) -> list[Entry]:
        return [e for e in self.entries if not e.doc.loaded]

    def read(self, entry: Entry) -> tuple[PlanDocument, list[Finding]]:
        """Read, parse and check one entry's file without touching the workspace (safe in a
        worker thread); :meth:`admit` puts the result in."""
        from model.project.lint import lint_plan

        path = entry.doc.path
        try:
            doc = PlanDocument.load(path, self.nat, file=entry.doc.file)
        except OSError as e:
            doc = PlanDocument.pending(path, self.nat, file=entry.doc.file)
            doc.loaded = True
            doc.problems = [unreadable(Place(doc.file), e.strerror)]
        findings = lint_plan(doc.plan, self.nat, self.as_of, self.enabled) if doc.plan is not None else []
        return doc, findings

    def admit(self, entry: Entry, doc: PlanDocument, findings: list[Finding]) -> bool:
        """Put a read document into its entry (False, and nothing changes, when the entry was
        loaded meanwhile). A second file for the same municipality is an E006 load error."""
        if entry.doc.loaded:
            return False
        if doc.plan is not None:
            other = self._seen.get(doc.plan.municipality)
            if other is not None and other != doc.file:
                doc.problems = [duplicate_municipality(doc.plan.municipality, doc.plan.place, other)]
                doc.plan = None
                findings = []
            else:
                self._seen[doc.plan.municipality] = doc.file
        entry.doc = doc
        entry.findings = findings
        return True

    def recheck(self, entry: Entry) -> list[Finding]:
        """Re-check one plan (after an edit, undo, redo or reload)."""
        from model.project.lint import lint_plan

        if entry.doc.plan is None:
            entry.findings = []
        else:
            if entry.doc.plan.ignores and any(s.used for s in entry.doc.plan.ignores):
                # suppressions remember use: re-check from a fresh parse of the same text
                assert entry.doc.text is not None
                entry.doc.plan = entry.doc._parse(entry.doc.text)[0]
            assert entry.doc.plan is not None
            entry.findings = lint_plan(entry.doc.plan, self.nat, self.as_of, self.enabled)
        return entry.findings

    def lint(self, plan: Plan) -> list[Finding]:
        """Findings of a plan that is not (yet) in the workspace, e.g. an edit's preview."""
        from model.project.lint import lint_plan

        return lint_plan(plan, self.nat, self.as_of, self.enabled)

    def by_name(self, name: str) -> Entry | None:
        """The entry of a municipality, or of a file (its stem: how a plan not loaded yet is
        named, so a name taken before the load still finds it after)."""
        hit = next((e for e in self.entries if e.name == name), None)
        return hit if hit is not None else next((e for e in self.entries if e.doc.path.stem == name or e.doc.file == name), None)

    @property
    def dirty(self) -> list[Entry]:
        return [e for e in self.entries if e.doc.dirty]

    @property
    def plans(self) -> list[Plan]:
        return [e.plan for e in self.entries if e.plan is not None]


__all__ = [
    "Edit",
    "EditError",
    "EditRejected",
    "Entry",
    "ExternalChange",
    "PlanDocument",
    "Workspace",
    "interval_text",
    "worst",
]
