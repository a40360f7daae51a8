"""``plans lint --select``/``--ignore`` that leave no rule to check are usage errors (exit 2)
naming what to write, never a clean run that checked nothing (issue 11 item 6)."""

from __future__ import annotations

import pytest

from model.checks.registry import RULES, NoRuleSelected, select


@pytest.mark.parametrize("spec", [[""], [","], [" , "], ["", ""]])
def test_a_selection_naming_no_rule_raises(spec: list[str]) -> None:
    with pytest.raises(NoRuleSelected) as e:
        select(spec, None)
    assert e.value.by == "select"


@pytest.mark.parametrize(
    ("spec", "ignore"), [(None, ["PL0"]), (["PL001"], ["PL001"]), (["ALL"], ["ALL"]), (["PL00"], ["PL00,PL01"])]
)
def test_ignoring_every_selected_rule_raises(spec: list[str] | None, ignore: list[str]) -> None:
    with pytest.raises(NoRuleSelected) as e:
        select(spec, ignore)
    assert e.value.by == "ignore"


def test_selections_that_leave_a_rule_are_unchanged() -> None:
    assert select(None, None) == set(RULES)
    assert select(None, [""]) == set(RULES)  # an empty --ignore ignores nothing
    assert select(["", "PL002"], None) == {"PL002"}
    assert select(["PL00"], ["PL001"]) == {c for c in RULES if c.startswith("PL00")} - {"PL001"}


@pytest.mark.parametrize(
    ("args", "ja", "en"),
    [
        (("--select", ""), "--select に規則がありません", "--select names no rule: write codes, prefixes or names"),
        (("--select", ","), "--select に規則がありません", "--select names no rule: write codes, prefixes or names"),
        (("--ignore", "PL0"), "--ignore で規則がすべて外れ", "--ignore removes every selected rule"),
        (
            ("--select", "PL002", "--ignore", "phase-order"),
            "--ignore で規則がすべて外れ",
            "--ignore removes every selected rule",
        ),
    ],
)
def test_cli_says_what_to_write_and_exits_2(cli, args: tuple[str, ...], ja: str, en: str) -> None:  # type: ignore[no-untyped-def]
    for lang, words in (("ja", ja), ("en", en)):
        for fmt in ("text", "json", "sarif"):
            r = cli("lint", "plans", *args, "--format", fmt, "--lang", lang)
            assert r.code == 2, (args, fmt)
            assert r.out == ""  # no report claiming a clean run
            assert words in r.err and "plans rule --all" in r.err and "Traceback" not in r.err
    assert "--select ALL" in cli("lint", "plans", "--select", "").err  # what to write to check every rule
