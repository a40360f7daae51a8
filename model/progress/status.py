"""The four statuses of a step and the words for them: :mod:`model.core.step_status`, where
the plan reader (a plan's ``[progress]`` table) can read them too."""

from model.core.step_status import (
    ACCEPTED,
    ALIASES,
    COUNTED_DONE,
    STATUSES,
    WORDS,
    Status,
    norm,
    parse_status,
)

__all__ = ["ACCEPTED", "ALIASES", "COUNTED_DONE", "STATUSES", "WORDS", "Status", "norm", "parse_status"]
