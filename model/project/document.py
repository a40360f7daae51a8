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
:func:`model.core.plan_reader.parse_plan`; an edit that would make the file fail to load is refused
with its problems (:class:`EditRejected`) and the document is left as it was. Edits are kept
as text snapshots on undo/redo stacks (a plan is a few hundred bytes, so snapshots are simpler
and safer than inverse operations).

Saving goes through :func:`model.core.fileio.atomic_write`. Before writing, the file on disk is
compared (SHA-256) with the bytes loaded: if someone changed it meanwhile, :class:`ExternalChange`
is raised and nothing is written, so the caller can offer reload or overwrite; neither side
is ever silently clobbered. A failed write (read-only folder, full disk) raises ``OSError``
and keeps the edit in memory, still dirty. A reload is an undoable edit that also remembers
the file as known before it: undoing it brings the planner's text back *with* that older
state, so the next save sees the file changed since and asks again (it never writes the
planner's text over the change it had just reloaded). A save also removes what a killed
save left (:func:`remove_stale_temps`).

The app's state built on these documents (every plan of a folder with its findings) is
:class:`model.project.session.Workspace`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from model.core import dates
from model.core.errors import Problem, Problems, display_path
from model.core.fileio import atomic_write
from model.core.national import National
from model.core.plan import STATUSES, STRATEGIES, Plan
from model.core.plan_reader import parse_plan
from model.core.reader import decode, read_capped
from model.core.words import Words
from model.project.edits import DiskState, Edit, EditError, EditRejected, ExternalChange
from model.project.edits import digest_of as _digest
from model.project.stale_temps import remove_stale_temps
from model.project.tomledit import phase_table, put, remove, sub_table

_Change = tuple[str, Callable[[Any], None]]
"""An edit's label and the function that applies it to a tomlkit document."""


class PlanDocument:
    """One plan file open for editing (see the module docstring)."""

    def __init__(
        self, path: Path, raw: bytes, nat: National, *, file: str | None = None, plan: Plan | None = None
    ) -> None:
        """``plan``: the plan of these bytes when the caller has parsed them already."""
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
        if plan is not None:
            self.plan = plan
        elif text is not None:
            self.plan, self.problems = self._parse(text)

    # -- loading -----------------------------------------------------------
    @classmethod
    def load(cls, path: Path, nat: National, *, file: str | None = None) -> PlanDocument:
        """Read ``path`` (capped); OSError propagates (the caller reports E009)."""
        return cls(path, read_capped(path), nat, file=file)

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
    def _trial(self, mutate: Callable[[Any], None] | None, after: str | None = None) -> tuple[str, Plan]:
        """The text and plan an edit would give (``mutate`` on a tomlkit copy, or the whole
        text ``after``), without keeping it (EditRejected if the file would no longer load)."""
        import tomlkit

        if self.plan is None or self.text is None:
            raise EditError(
                Words(
                    "このファイルは読み込めないため編集できません", "this file cannot be loaded, so it cannot be edited"
                ),
                self.problems,
            )
        if after is None:
            assert mutate is not None
            doc = tomlkit.parse(self.text)  # a copy: the current document stays intact on refusal
            mutate(doc)
            after = doc.as_string()
        if after == self.text:
            return after, self.plan
        try:
            after.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (e.g. pasted): to_bytes/save would raise
            raise EditError(
                Words(
                    "UTF-8で保存できない文字(対になっていないサロゲート)が含まれています。その文字を削除してください",
                    "the text has a character that cannot be saved as UTF-8 (a lone surrogate); remove it",
                )
            ) from None
        plan, problems = self._parse(after)
        if plan is None:
            first = problems[0] if problems else None
            raise EditRejected(
                Words("この変更では計画を読み込めなくなります: ", "this change would make the plan fail to load: ")
                + (first.words if first else Words("", "")),
                problems,
            )
        return after, plan

    def _apply(self, label: str, mutate: Callable[[Any], None] | None, text: str | None = None) -> Plan:
        before = self.text
        after, plan = self._trial(mutate, text)
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

    def _check_ids(self, phase: str, business: str | None) -> None:
        if phase not in self.nat.phase_index:
            raise EditError(Words(f"未知のフェーズ「{phase}」です", f"unknown phase {phase!r}"))
        if business is not None and business not in self.nat.businesses:
            raise EditError(Words(f"未知の業務「{business}」です", f"unknown business {business!r}"))

    # Each ``_*_change`` validates its value and returns (label, mutation); the public
    # setters apply one, ``edit_phase`` applies several as one edit (one tomlkit round trip).
    def _date_change(self, phase: str, value: str | None, business: str | None) -> _Change:
        self._check_ids(phase, business)
        if value is None or not value.strip():
            return f"clear {phase}", lambda doc: remove(phase_table(doc, business, False), phase)
        value = value.strip()
        try:
            d = dates.parse(value, surveyed=self._surveyed())
        except dates.DateError as e:
            raise EditError(Words(e.text("ja"), e.text("en"))) from None
        if d.is_na and d.text.strip() == dates.NA_CURRENT_VENDOR and phase != "vendor_selection":
            raise EditError(
                Words(
                    "「現行ベンダで標準化」はベンダ選定(vendor_selection)にだけ書けます",
                    "現行ベンダで標準化 is only valid for vendor_selection",
                )
            )
        return f"{phase} = {value}", lambda doc: put(phase_table(doc, business, True), phase, value)

    def _status_change(self, phase: str, status: str | None, business: str | None) -> _Change:
        self._check_ids(phase, business)
        if status is None or status == "":
            return f"clear status {phase}", lambda doc: remove(sub_table(doc, business, "status", False), phase)
        if status not in STATUSES:
            raise EditError(
                Words(f"状況は {', '.join(STATUSES)} のいずれかです", f"status must be one of {', '.join(STATUSES)}")
            )
        return f"status {phase} = {status}", lambda doc: put(sub_table(doc, business, "status", True), phase, status)

    def _note_change(self, phase: str, note: str | None, business: str | None) -> _Change:
        self._check_ids(phase, business)
        if note is None or not note.strip():
            return f"clear note {phase}", lambda doc: remove(sub_table(doc, business, "notes", False), phase)
        return f"note {phase}", lambda doc: put(sub_table(doc, business, "notes", True), phase, note)

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
            return self._apply("clear vendor_strategy", lambda doc: remove(doc, "vendor_strategy"))
        if strategy not in STRATEGIES:
            raise EditError(
                Words(
                    f"vendor_strategy は {', '.join(STRATEGIES)} のいずれかです",
                    f"vendor_strategy must be one of {', '.join(STRATEGIES)}",
                )
            )
        return self._apply(f"vendor_strategy = {strategy}", lambda doc: put(doc, "vendor_strategy", strategy))

    def _phase_changes(
        self, phase: str, date: str | None, status: str | None, note: str | None, business: str | None
    ) -> Callable[[Any], None]:
        changes = [
            self._date_change(phase, date, business),
            self._status_change(phase, status, business),
            self._note_change(phase, note, business),
        ]

        def mutate(doc: Any) -> None:
            for _, m in changes:
                m(doc)

        return mutate

    def edit_phase(
        self, phase: str, *, date: str | None, status: str | None, note: str | None, business: str | None = None
    ) -> Plan:
        """Date, status and note of one phase as one undoable edit (the edit dialog's OK):
        all three are validated first, then applied in one round trip, or none is."""
        return self._apply(f"edit {phase}", self._phase_changes(phase, date, status, note, business))

    def preview_phase(
        self, phase: str, *, date: str | None, status: str | None, note: str | None, business: str | None = None
    ) -> Plan:
        """The plan ``edit_phase`` would give, without changing anything (the dialog's live
        re-check while typing). Raises EditError like ``edit_phase``."""
        return self._trial(self._phase_changes(phase, date, status, note, business))[1]

    def replace_text(self, label: str, text: str) -> Plan:
        """The whole text as one undoable edit, validated as every edit is: e.g. a re-plan's
        edits applied by :func:`model.project.fixing.apply_edits` (as ``plans lint --fix``
        writes them: only the date values change, comments keep their column)."""
        return self._apply(label, None, text)

    def preview_text(self, text: str) -> Plan:
        """The plan ``replace_text`` would give, without changing anything."""
        return self._trial(None, text)[1]

    # -- undo / redo -----------------------------------------------------------
    def undo(self) -> Edit | None:
        """The text before the last edit; before a reload, with the file as it was known
        then (so a save asks first: the disk holds what the reload took)."""
        if not self.undo_stack:
            return None
        e = self.undo_stack.pop()
        self.redo_stack.append(e)
        if e.disk is not None:
            self._set_disk(e.disk[0])
        self._set(e.before, self._parse(e.before)[0])
        return e

    def redo(self) -> Edit | None:
        if not self.redo_stack:
            return None
        e = self.redo_stack.pop()
        self.undo_stack.append(e)
        if e.disk is not None:
            self._set_disk(e.disk[1])
        self._set(e.after, self._parse(e.after)[0])
        return e

    def _disk(self) -> DiskState:
        return DiskState(self.loaded_bytes, self.loaded_digest, self.saved_text)

    def _set_disk(self, d: DiskState) -> None:
        self.loaded_bytes, self.loaded_digest, self.saved_text = d.raw, d.digest, d.text

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
            raise EditError(
                Words(
                    "このファイルは読み込めないため保存できません", "this file cannot be loaded, so it cannot be saved"
                ),
                self.problems,
            )
        if not overwrite and self.changed_on_disk():
            raise ExternalChange(self.path)
        if not self.dirty and not overwrite:
            return False
        data = self.to_bytes()
        remove_stale_temps(self.path.parent, self.path.name)
        atomic_write(self.path, data)
        self.loaded_bytes = data
        self.loaded_digest = _digest(data)
        self.saved_text = self.text
        return True

    def reload(self) -> Plan | None:
        """Take the file as it is on disk now. The in-memory text is kept on the undo stack,
        so a reload can itself be undone (nothing a planner typed is lost)."""
        raw = read_capped(self.path)
        problems = Problems(self.file)
        text = decode(raw, self.file, problems)
        old, known = self.text, self._disk()
        self._set_disk(DiskState(raw, _digest(raw), text))
        if text is None:
            self.text, self.plan, self.problems = None, None, list(problems.items)
            return None
        plan, probs = self._parse(text)
        if old is not None and old != text:
            self.undo_stack.append(Edit("reload", old, text, (known, self._disk())))
            self.redo_stack.clear()
        self._set(text, plan)
        self.problems = probs
        return plan


__all__ = ["PlanDocument"]
