"""An import over an existing plan (``plans import --force``): the values the table holds are
set in the file in place, everything else stays as the planner wrote it — comments, the order
and alignment of keys, ``kana``, ``vendor_strategy``, ``contract_end``, ``extended_deadline``,
``[[depends]]``, ``[[ignore]]``, ``[progress]`` and any phase the table leaves empty. A value
the table holds replaces the file's, keeping its comment and quoting (``tomledit.put``)."""

from __future__ import annotations

from typing import Any

from model.core.national import National
from model.importing.drafts import Draft
from model.project.tomledit import phase_table, put, sub_table

TOP_KEYS = ("code", "prefecture", "surveyed", "note")
"""The plan's own keys a table may hold (the municipality's name is how the file was found)."""
SUB_TABLES = ("status", "notes")


def updated_text(existing: str, d: Draft, nat: National) -> str:
    """``existing`` (a plan file's text) with the draft's values set in place."""
    import tomlkit

    doc = tomlkit.parse(existing)
    table = d.to_dict(nat)
    for key in TOP_KEYS:
        if key in table:
            put(doc, key, table[key])
    _put_line(doc, None, table)
    for bid, bt in table.get("business", {}).items():
        _put_line(doc, bid, bt)
    return tomlkit.dumps(doc)


def _put_line(doc: Any, business: str | None, line: dict[str, Any]) -> None:
    """One line's phases, status and notes: the municipal line (``business`` None: ``[phases]``,
    ``[status]``, ``[notes]``) or a business table (its phase keys sit in it, beside its status
    and notes tables)."""
    phases = line.get("phases", {}) if business is None else {k: v for k, v in line.items() if k not in SUB_TABLES}
    if phases:
        target = phase_table(doc, business, create=True)
        for pid, value in phases.items():
            put(target, pid, value)
    for name in SUB_TABLES:
        if values := line.get(name):
            target = sub_table(doc, business, name, create=True)
            for pid, value in values.items():
                put(target, pid, value)


__all__ = ["TOP_KEYS", "updated_text"]
