"""What a progress import suggests for a name it does not know: the closest business, step or
municipality (``「住民記録」の誤りではありませんか``), Japanese names included."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from model.importing.layout import norm

LOOSE_CUTOFF = 0.3  # a Japanese abbreviation keeps few of a name's characters: 住基 of 住民記録 is 1/3


def did_you_mean(word: str, options: Iterable[str], *, loose: bool = True) -> str | None:
    """The option closest to ``word`` (compared as NFKC, without spaces, lower case): difflib's
    close match; else, when ``loose``, for a word that is not ASCII, the option most like it
    among those that start with its first character (住基 → 住民記録, 介護 → 介護保険)."""
    keyed: dict[str, str] = {}
    for o in options:
        keyed.setdefault(norm(o).lower(), o)
    key = norm(word).lower()
    if not key or key in keyed:
        return None
    close = difflib.get_close_matches(key, list(keyed), n=1)
    if close:
        return keyed[close[0]]
    if not loose or key.isascii():
        return None
    same_start = [o for o in keyed if o[:1] == key[:1]]
    if not same_start:
        return None
    best = max(same_start, key=lambda o: difflib.SequenceMatcher(None, key, o).ratio())
    return keyed[best] if difflib.SequenceMatcher(None, key, best).ratio() >= LOOSE_CUTOFF else None


__all__ = ["did_you_mean"]
