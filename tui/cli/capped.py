"""At most :data:`PER_FILE` problems or findings of one file in a text report, then one line
counting the rest ("… ほか 39,950 件"): a file with 40,000 unknown keys prints 50 of them
with their source lines, not 40,000. The machine formats (json, sarif, …) list every one.

Pure (no rich): the rich lint report, the what-if report and the plain load-error lines
(``report_problems``) all cap through :func:`per_file`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from model.core.printable import printable
from model.core.words import Words

PER_FILE = 50
"""Problems (or findings) of one file printed in a text report before the rest is counted."""

REST = Words(
    "… ほか {count:,} 件({file}。すべて見るには {how})",
    "… and {count:,} more in {file} (all of them: {how})",
)
ALL_OF_THEM = "plans lint --format json"

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Rest:
    """What was left out of one file's items: their number."""

    file: str
    count: int

    def text(self, lang: str = "ja", how: str = ALL_OF_THEM) -> str:
        """The line that counts them; ``how`` says where to see every one."""
        return REST.format(count=self.count, file=printable(self.file), how=how)(lang)


def per_file(items: Sequence[T], file_of: Callable[[T], str], limit: int = PER_FILE) -> Iterator[T | Rest]:
    """``items`` in their order, at most ``limit`` of each file; a :class:`Rest` right after
    a file's last item shown when some of its items are left out. Linear in ``items``."""
    total = Counter(file_of(x) for x in items)
    shown: Counter[str] = Counter()
    for x in items:
        f = file_of(x)
        k = shown[f]
        if k >= limit:
            continue
        shown[f] = k + 1
        yield x
        if k + 1 == limit and total[f] > limit:
            yield Rest(f, total[f] - limit)


__all__ = ["ALL_OF_THEM", "PER_FILE", "REST", "Rest", "per_file"]
