"""The national ids a what-if change can name: their values now, their names in words, and
the ones whose move can change a finding."""

from __future__ import annotations

from model.core.dates import Month
from model.core.national import National, national_milestone_dates
from model.core.plan_reader import dates_close
from model.core.words import Words

SCALARS = ("vendor_months",)
DATE_SCALARS = ("deadline", "extended_deadline_limit")
_FIXED = {
    "deadline": Words("移行期限", "deadline"),
    "extended_deadline_limit": Words("延長期限の目安", "extended deadline limit"),
    "vendor_months": Words("パッケージ開発期間(月)", "vendor months"),
}


def targets(nat: National) -> dict[str, Month | int]:
    """Every id a change can name, with its current value (a month, or a number)."""
    out: dict[str, Month | int] = dict(national_milestone_dates(nat))
    if nat.extended_deadline_limit is not None:
        out["extended_deadline_limit"] = nat.extended_deadline_limit.hi
    out["vendor_months"] = nat.vendor_months
    return out


def unknown_target(target: str, nat: National) -> Words:
    """What to say of an id the timeline does not have (with the closest one)."""
    ja, en = dates_close(target, list(targets(nat)))
    return Words(f"国のスケジュールに「{target}」はありません。{ja}", f"no national id {target!r}; {en}")


def target_words(nat: National, target: str) -> Words:
    """A national id in words: ``spec.group2`` -> 第2グループ 標準仕様書."""
    kind, _, gid = target.partition(".")
    if kind in ("spec", "vendor") and gid in nat.groups:
        g = nat.groups[gid]
        if kind == "spec":
            return Words(f"{g.name.ja} 標準仕様書", f"{g.name.en} spec")
        return Words(f"{g.name.ja} 標準準拠パッケージ", f"{g.name.en} vendor packages")
    if target in _FIXED:
        return _FIXED[target]
    m = next((x for x in nat.milestones if x.id == target), None)
    if m is not None:
        return m.name
    return Words(target, target)


def target_label(nat: National, target: str, lang: str = "ja") -> str:
    return target_words(nat, target)(lang)


def effective_targets(nat: National) -> list[str]:
    """The ids whose move can change a finding: gating milestones, specs, vendor packages,
    the deadlines and vendor_months (policy milestones gate nothing)."""
    out = nat.constrained_by()
    out += [f"spec.{g}" for g in nat.groups] + [f"vendor.{g}" for g in nat.groups]
    out += ["deadline"]
    if nat.extended_deadline_limit is not None:
        out.append("extended_deadline_limit")
    out.append("vendor_months")
    return out
