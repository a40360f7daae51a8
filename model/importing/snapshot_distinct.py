"""A column of a progress table as its distinct cell texts and, per row, the position of its
text among them. A nationwide snapshot has 1.4 million rows but a few thousand distinct
values (1,741 codes and names, 20 businesses, 40 steps, 4 statuses): every cell is tidied,
checked and mapped once per distinct text, and the rows reach the results by a gather on
their positions (a column read as a polars categorical gives each row's id of its text for
nothing: :func:`model.importing.sheets.read_tables` with ``categorical``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import polars as pl

_EXCEL_INT = re.compile(r"^(\d+)\.0+$")
_EXCEL_DATE = re.compile(r"^(\d{4})-(\d{2})-\d{2}(?:[ T]00:00:00(?:\.0+)?)?$")
POSITION = pl.UInt32


def tidy(v: str, excel: bool) -> str | None:
    """A cell as text (as :func:`model.importing.sheets.clean`): trimmed, empty as None; from
    a workbook, an Excel whole number (1.0) without ``.0`` and a date (2022-10-01 00:00:00)
    as its month (2022-10)."""
    t = v.strip()
    if excel and t[:1].isdigit():
        if m := _EXCEL_INT.match(t):
            t = m.group(1)
        elif m := _EXCEL_DATE.match(t):
            t = f"{m.group(1)}-{m.group(2)}"
    return t or None


@dataclass(frozen=True, slots=True)
class Distinct:
    """The distinct tidy texts of one or more columns (an empty cell is none of them)."""

    texts: list[str]

    @staticmethod
    def of(columns: list[pl.Series], excel: bool) -> tuple[Distinct, list[pl.Series]]:
        """The texts the columns share and, for each column, every row's position among
        them (UInt32; null for an empty cell)."""
        cats = [s.cast(pl.Categorical) if s.dtype != pl.Categorical else s for s in columns]
        texts: list[str] = []
        index: dict[str, int] = {}
        lookups: list[tuple[pl.Series, list[int | None]]] = []
        for s in cats:
            u = s.unique().drop_nulls()
            to = []
            for v in u.to_list():
                t = tidy(v, excel)
                if t is None:
                    to.append(None)
                    continue
                if (i := index.get(t)) is None:
                    i = index[t] = len(texts)
                    texts.append(t)
                to.append(i)
            lookups.append((u.to_physical(), to))
        positions = []
        for s, (ids, to) in zip(cats, lookups, strict=True):
            size = int(ids.max()) + 1 if ids.len() else 0  # type: ignore[arg-type]
            table = pl.repeat(None, size, dtype=POSITION, eager=True)
            if size:
                table = table.scatter(ids, pl.Series(to, dtype=POSITION))
            positions.append(table.gather(s.to_physical()).rename(s.name))
        return Distinct(texts), positions

    def map(self, fn: Callable[[str], Hashable | None]) -> list[Hashable | None]:
        """``fn`` of each text (None: the text is not valid)."""
        return [fn(t) for t in self.texts]

    def too_long(self, limit: int) -> list[int]:
        """The positions of the texts over ``limit`` characters."""
        return [i for i, t in enumerate(self.texts) if len(t) > limit]


def invalid(values: list[Hashable | None]) -> list[int]:
    """The positions whose value is None."""
    return [i for i, v in enumerate(values) if v is None]


def gather(values: list, dtype: pl.DataType, positions: pl.Series) -> pl.Series:  # type: ignore[type-arg]
    """Each row's value: ``values[position]`` (null for a null position or a None value)."""
    return pl.Series(values, dtype=dtype).gather(positions)


def dense_ids(values: list[Hashable | None]) -> list[int | None]:
    """Each value's position among the distinct values (equal values, one id; None, none)."""
    seen: dict[Hashable, int] = {}
    return [None if v is None else seen.setdefault(v, len(seen)) for v in values]


__all__ = ["POSITION", "Distinct", "dense_ids", "gather", "invalid", "tidy"]
