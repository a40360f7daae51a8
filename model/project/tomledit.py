"""Round-trip edits of a plan's TOML (``tomlkit``): where a value lives and how to set or
remove it so that the file's comments, order, alignment and quoting stay as they were.
``model.project.document`` validates each edit and keeps the history."""

from __future__ import annotations

from typing import Any

from model.core.cells import cell_width


def phase_table(doc: Any, business: str | None, create: bool) -> Any:
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


def sub_table(doc: Any, business: str | None, name: str, create: bool) -> Any:
    """A table below the phases' (``status``, ``notes``), of the plan or of a business."""
    import tomlkit

    base = doc if business is None else phase_table(doc, business, create)
    if base is None:
        return None
    if name not in base:
        if not create:
            return None
        base[name] = tomlkit.table()
    return base[name]


def put(table: Any, key: str, value: str) -> None:
    """Set ``key`` keeping the old value's trivia (comment, spacing) and quoting style; a
    trailing comment keeps its column (the spaces before it take up the change in the value's
    display width, in cells: 令和5年9月 is 10), as ``plans lint --fix`` keeps it."""
    import tomlkit
    from tomlkit.items import String, StringType

    old = table.get(key) if key in table else None
    if isinstance(old, String):
        if str(old) == value:
            return
        literal = old.type in (StringType.SLL, StringType.MLL) and "'" not in value and "\n" not in value
        new = tomlkit.string(value, literal=literal)
        new.trivia.indent = old.trivia.indent
        ws = old.trivia.comment_ws
        if old.trivia.comment and ws and not ws.strip(" "):
            ws = " " * max(1, len(ws) + cell_width(old.as_string()) - cell_width(new.as_string()))
        new.trivia.comment_ws = ws
        new.trivia.comment = old.trivia.comment
        new.trivia.trail = old.trivia.trail
        table[key] = new
        return
    table[key] = value


def remove(table: Any, key: str) -> None:
    if table is not None and key in table:
        del table[key]


__all__ = ["phase_table", "put", "remove", "sub_table"]
