"""Words in the two languages of the interface: one mechanism for the model, the CLI and the app.

Every text a user reads is a ``Words(ja, en)``; ``words(lang)`` picks one. Records carry
``Words`` rather than ``*_en`` field pairs, and catalogues (the app's, the CLI's) are plain
dicts of ``Words``, so one completeness test covers them all.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")


class Words(NamedTuple):
    ja: str
    en: str

    def __call__(self, lang: str = "ja") -> str:
        return self.en if lang == "en" else self.ja

    def format(self, **kw: object) -> Words:
        """Both texts with ``{name}`` fields filled in."""
        return Words(self.ja.format(**kw), self.en.format(**kw))

    def __str__(self) -> str:
        raise TypeError(f"Words {tuple(self)!r} printed without a language: call words(lang)")

    def __add__(self, other: object) -> Words:  # type: ignore[override]
        if isinstance(other, Words):
            return Words(self.ja + other.ja, self.en + other.en)
        return NotImplemented


__all__ = ["LANGS", "Lang", "Words"]
