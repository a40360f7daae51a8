"""An import over an existing plan (``plans import --force``): the values the table holds are
set in the file in place, everything else stays as the planner wrote it — comments, the order
and alignment of keys, ``kana``, ``vendor_strategy``, ``contract_end``, ``extended_deadline``,
``[[depends]]``, ``[[ignore]]``, ``[progress]`` and any phase the table leaves empty. A value
the table holds replaces the file's, keeping its comment and quoting (``tomledit.put``); the
file's BOM and line ends (CRLF) are kept.

The result is checked before anything is written: read back, it must be the old plan with the
table's values set and nothing else changed. A layout that cannot be edited so (a business
written as an inline table or dotted keys, where tomlkit cannot add a status table) is
refused with what to write instead, never written half-done."""

from __future__ import annotations

import tomllib
from typing import Any

from model.core.national import National
from model.core.words import Words
from model.importing.drafts import Draft
from model.project.tomledit import phase_table, put, sub_table

TOP_KEYS = ("code", "prefecture", "surveyed", "note")
"""The plan's own keys a table may hold (the municipality's name is how the file was found)."""
SUB_TABLES = ("status", "notes")
BOM = "\ufeff"


class NotUpdatable(Exception):
    """The plan's layout cannot take the table's values in place (the words say what to do)."""

    def __init__(self, words: Words) -> None:
        super().__init__(words.en)
        self.words = words


def updated_text(existing: bytes, d: Draft, nat: National) -> str:
    """``existing`` (a plan file's bytes, UTF-8) with the draft's values set in place.

    Raises UnicodeDecodeError for bytes that are not UTF-8 and :class:`NotUpdatable` when the
    file's layout cannot be edited in place."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    text = existing.decode("utf-8")
    bom = text.startswith(BOM)
    body = text.removeprefix(BOM)
    crlf = "\r\n" in body
    table = d.to_dict(nat)
    try:
        doc = tomlkit.parse(body)
        for key in TOP_KEYS:
            if key in table:
                put(doc, key, table[key])
        _put_line(doc, None, table)
        for bid, bt in table.get("business", {}).items():
            _put_line(doc, bid, bt)
        out = tomlkit.dumps(doc)
    except (TOMLKitError, ValueError, TypeError) as e:  # tomlkit's refusals of a layout
        raise NotUpdatable(_layout_words(str(e))) from None
    if crlf:
        out = out.replace("\r\n", "\n").replace("\n", "\r\n")
    if tomllib.loads(out) != _merged(tomllib.loads(body), table):
        raise NotUpdatable(_layout_words("the values would not land where the plan keeps them"))
    return (BOM if bom else "") + out


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


def _merged(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """``old`` with ``new``'s values set, tables merged key by key (what an update must give)."""
    out = dict(old)
    for k, v in new.items():
        if k == "municipality":
            continue
        out[k] = _merged(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _layout_words(why: str) -> Words:
    return Words(
        f"この計画はその場で更新できません({why})。[business.<業務>] を表の見出しで書き直すか、別のフォルダに取り込んで比べてください",
        f"this plan cannot be updated in place ({why}); write [business.<id>] as a table header, or import into another folder and compare",
    )


__all__ = ["TOP_KEYS", "NotUpdatable", "updated_text"]
