"""The problems of one progress import, each at its cell, capped at :data:`MAX_PROBLEMS` a
file (the rest counted by code), so a file whose every status is misspelt does not print a
million lines; and its notices (a column not read, a name no plan has), which are no problem."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from model.core.words import Words
from model.importing.cell_problems import Cell, CellProblem, Notice

MAX_PROBLEMS = 1000


@dataclass(slots=True)
class Problems:
    """A file's problems, at most MAX_PROBLEMS kept; the rest counted by code. ``notices``:
    what the import did on the planner's behalf (no problem: they never stop the import)."""

    file: str
    items: list[CellProblem] = field(default_factory=list)
    more: Counter[str] = field(default_factory=Counter)
    notices: list[Notice] = field(default_factory=list)

    def add(self, cell: Cell | None, code: str, words: Words) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(CellProblem(self.file, cell, code, words))
        else:
            self.more[code] += 1

    def notice(self, cell: Cell | None, words: Words) -> None:
        self.notices.append(Notice(self.file, cell, words))

    def room(self) -> int:
        """How many more problems are kept before the cap."""
        return max(0, MAX_PROBLEMS - len(self.items))

    def rest(self) -> Words | None:
        """The problems past the cap, counted by code (a line after the listed ones)."""
        if not any(self.more.values()):
            return None
        n = sum(self.more.values())
        by = ", ".join(f"{c} {k:,}" for c, k in sorted(self.more.items()))
        return Words(
            f"ほかに {n:,} 件の問題があります({by})。最初の {MAX_PROBLEMS:,} 件を直してから、もう一度読み込んでください",
            f"{n:,} more problems ({by}); fix the first {MAX_PROBLEMS:,} and import again",
        )

    def __len__(self) -> int:
        return len(self.items) + sum(self.more.values())

    def __bool__(self) -> bool:
        return bool(self.items)


__all__ = ["MAX_PROBLEMS", "Problems"]
