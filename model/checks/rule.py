"""A rule: its code, kebab-case name, default severity, its doc in ja/en, and its checks.

Each rule lives in one module of ``model/checks/rules/`` that defines ``RULE``: the doc
(what it checks, why it matters, an example and the fix, as ruff's rule pages) and the
functions the engine calls. A plan-level rule has ``check(cx)``; a rule that reports a
constraint of ``national.toml`` (or a plan's ``[[depends]]``) has the hook for the kind of
link it reports:

- ``lead(cx, link, src, dst, truth)``: ``dst`` completes less than ``min_months`` after ``src``;
- ``after_national(cx, links, national, dst, truth)``: ``dst`` completes before a national date
  it waits for (``links`` are the binding ones, sharing that month);
- ``by(cx, link, phase, target, truth)``: ``phase`` completes after a national date it must precede.

Every link between phases also implies order; an order violation is reported by the
phase-order rule (``ORDER_RULE``) with its ``order`` hook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from model.core.severity import Severity
from model.core.words import Words

if TYPE_CHECKING:
    from model.checks.context import Context

ORDER_RULE = "PL002"

Hook = Callable[..., None]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    title: Words
    what: Words
    why: Words
    bad: str
    good: str
    fix: Words
    check: Callable[[Context], None] | None = None
    order: Hook | None = None
    lead: Hook | None = None
    after_national: Hook | None = None
    by: Hook | None = None

    @property
    def link_kinds(self) -> tuple[str, ...]:
        """The constraint kinds this rule can report (``lead``, ``after_national``, ``by``)."""
        return tuple(k for k in ("order", "lead", "after_national", "by") if getattr(self, k) is not None)

    def doc(self, lang: str = "ja") -> str:
        en = lang == "en"
        head = f"{self.code} {self.name} ({self.severity})"
        parts = [
            head,
            "=" * len(head),
            "",
            self.title(lang),
            "",
            "## What it checks" if en else "## 何を調べるか",
            self.what(lang),
            "",
            "## Why it matters" if en else "## なぜ重要か",
            self.why(lang),
            "",
            "## Example" if en else "## 例",
            "```toml",
            self.bad.strip(),
            "```",
            "",
            "Instead:" if en else "こう直す:",
            "```toml",
            self.good.strip(),
            "```",
            "",
            "## Fix" if en else "## 直し方",
            self.fix(lang),
        ]
        return "\n".join(parts) + "\n"

    def as_dict(self, lang: str = "ja") -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "severity": str(self.severity), "title": self.title(lang)}


__all__ = ["ORDER_RULE", "Rule"]
