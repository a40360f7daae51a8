"""What the municipality list shows and in which order: the sort keys (code, reading,
go-live, severity, 完了率), the text a filter searches, a plan's go-live and its 完了率 as
the list writes them.

Sorting by name is by reading (``kana`` in the plan file, e.g. ``kana = "しものせきし"``), as
a Japanese list of municipalities is ordered (上関町 かみのせき, 下松市 くだまつ, 下関市
しものせき …), not by code point (上 U+4E0A before 下 U+4E0B). Plans without a reading
follow, in 団体コード order."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from rich.cells import cell_len

from model.core.dates import Style
from model.core.severity import Severity
from model.project.session import Entry
from tui.app.progress_data import Rates, percent

SORTS = ("code", "name", "completion", "severity", "progress")  # progress: only with snapshots
DATE_CELLS = 7  # a go-live written wider (令和7年12月) is shown in the short form (R7.12)

_SMALL = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")


def reading_key(kana: str) -> tuple[str, str]:
    """A reading's place in 五十音 order: first without voicing marks and with small kana as
    large (か = が, つ = っ), then as written; katakana and half-width read as hiragana."""
    text = unicodedata.normalize("NFKC", kana).strip()
    hira = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)
    base = "".join(c for c in unicodedata.normalize("NFD", hira) if not unicodedata.combining(c))
    return base.translate(_SMALL), hira


def _code(e: Entry) -> tuple[str, str]:
    # a plan not loaded yet sorts by its file name (generated sets name files by code)
    return ((e.plan.code if e.plan else None) or (None if e.loaded else e.doc.path.stem) or "999999", e.name)


def _reading(e: Entry) -> tuple[int, tuple[str, str], tuple[str, str]]:
    kana = e.plan.kana if e.plan else None
    return (0, reading_key(kana), _code(e)) if kana else (1, ("", ""), _code(e))


def _completion(e: Entry) -> tuple[int, int, tuple[str, str]]:
    d = e.plan.summary("migration") if e.plan else None
    if d is None or d.is_na:
        return (1, 0, _code(e))
    return (0, d.hi, _code(e))


def _rank(severity: Severity | None) -> int:
    return severity.rank if severity else 0


def sort_entries(entries: list[Entry], key: str, rates: Callable[[Entry], Rates | None] | None = None) -> list[Entry]:
    """``entries`` in the list's ``key`` order; ``progress``: by 完了率 at the latest snapshot
    (``rates``), lowest first (who is behind on top), those without a report last."""
    if key == "progress" and rates is not None:

        def done(e: Entry) -> tuple[int, float, tuple[str, str]]:
            r = rates(e)
            return (1, 0.0, _code(e)) if r is None else (0, r.done, _code(e))

        return sorted(entries, key=done)
    if key == "name":
        return sorted(entries, key=_reading)
    if key == "completion":
        return sorted(entries, key=_completion)
    if key == "severity":
        return sorted(entries, key=lambda e: (-_rank(e.worst), -e.count, _code(e)))
    return sorted(entries, key=_code)


def search_key(e: Entry) -> str:
    """The lowercase text a filter searches: name, reading, file name (romaji: ``ube``), code
    and prefecture, separated so that a query cannot match across two of them."""
    hay = [e.name.lower(), e.doc.path.stem.lower()]
    if e.plan and e.plan.kana:
        hay.append(e.plan.kana)
    if e.plan and e.plan.code:
        hay.append(e.plan.code)
    if e.plan and e.plan.prefecture:
        hay.append(e.plan.prefecture)
    return "\0".join(hay)


def go_live_text(e: Entry) -> str:
    """The planned go-live as the list shows it: as written, or its short form when that is
    wider than ``DATE_CELLS`` (never cut: a cut R7.12 would read R7.1)."""
    d = e.plan.summary("migration") if e.plan else None
    if d is None:
        return ""
    if cell_len(d.text) <= DATE_CELLS:
        return d.text
    return d.render(Style.ERA)


def rate_text(rates: Rates | None) -> str:
    """A plan's 完了率 as the list shows it, as ``plans progress`` prints it (65.4%); "—"
    when the latest snapshot has no report of it."""
    return percent(rates.done) if rates is not None else "—"
