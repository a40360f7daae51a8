"""Text from files (names, file names, messages quoting them) as rich markup that prints
exactly that text: control characters and bidi overrides escaped
(:func:`model.core.printable.printable`), markup brackets escaped (``rich.markup.escape``,
so a name such as ``[link=…]`` cannot style the line or open a hyperlink).

Used by every rich text output of the command line: ``lint``, ``what-if``, ``table``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape

from model.core.printable import printable

if TYPE_CHECKING:
    import polars as pl


def shown(text: str) -> str:
    """``text`` as markup that prints it as it is, controls escaped."""
    return escape(printable(text))


def shown_frame(df: pl.DataFrame) -> pl.DataFrame:
    """Every text cell of ``df`` through :func:`shown` (a table printed with rich)."""
    import polars as pl

    return df.with_columns(
        pl.Series(c, [v if v is None else shown(v) for v in df[c].to_list()], dtype=pl.String)
        for c, t in df.schema.items()
        if t == pl.String
    )


__all__ = ["shown", "shown_frame"]
