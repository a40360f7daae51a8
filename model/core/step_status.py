"""A step's status as the national tracker reports it: 完了済み, 作業中, 未着手 or 対象外, and
the words an input may use for each (the tracker's Japanese words and English ids). In
``model.core`` because a plan's ``[progress]`` table (:mod:`model.core.hand_progress`) reads them
too; ``model.progress.status`` re-exports it."""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from model.core.words import Words


class Status(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    NA = "na"

    @property
    def words(self) -> Words:
        return WORDS[self]

    def label(self, lang: str = "ja") -> str:
        return WORDS[self](lang)


WORDS = {
    Status.DONE: Words("完了済み", "done"),
    Status.IN_PROGRESS: Words("作業中", "in progress"),
    Status.NOT_STARTED: Words("未着手", "not started"),
    Status.NA: Words("対象外", "n/a"),
}
STATUSES = tuple(Status)
COUNTED_DONE = (Status.DONE, Status.NA)  # 完了率 = (完了済み + 対象外) / 40

# every accepted spelling (compared after norm) -> status: the tracker's words, the English
# ids and their plain spellings; nothing that could be read two ways ("-" is not 対象外)
_ALIASES = {
    Status.DONE: ("完了済み", "完了済", "完了", "done"),
    Status.IN_PROGRESS: ("作業中", "in_progress", "in progress"),
    Status.NOT_STARTED: ("未着手", "not_started", "not started"),
    Status.NA: ("対象外", "na", "n/a"),
}


def norm(text: str) -> str:
    """A cell as compared: NFKC (full-width letters), trimmed, lower case, inner runs of
    spaces as one."""
    return " ".join(unicodedata.normalize("NFKC", text).strip().lower().split())


ALIASES: dict[str, Status] = {norm(a): s for s, names in _ALIASES.items() for a in names}


def parse_status(text: str) -> Status | None:
    return ALIASES.get(norm(text))


ACCEPTED = Words("、".join(w.ja for w in WORDS.values()), ", ".join(s.value for s in Status))

__all__ = ["ACCEPTED", "ALIASES", "COUNTED_DONE", "STATUSES", "WORDS", "Status", "parse_status"]
