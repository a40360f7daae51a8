"""Bad input never crashes: generated plan files, valid and corrupted, and date strings.

Every input yields findings or a load error with a place (file and line) and exit 2, never
a traceback, through the model (``parse_plan_bytes``, ``lint_plan``, ``lint_paths``) and the
command line in-process. ``make fuzz`` runs the same checks far longer (tests/fuzz/campaign.py).
Each crash the fuzzing found has a regression test below.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz.checks import NAME, check_cli, check_date, check_edit, check_model, check_problem
from fuzz.strategies import ANY_DATE, EDIT_OPS, PLAN_BYTES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.core.national import National
from model.core.plan_reader import parse_plan_bytes

FAST = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@FAST
@given(raw=PLAN_BYTES)
def test_model_never_crashes(raw: bytes, national: National) -> None:
    check_model(raw, national)


@FAST
@given(text=ANY_DATE)
def test_dates_parse_or_say_what_to_write(text: str) -> None:
    check_date(text)


@settings(
    FAST,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(raw=PLAN_BYTES, fmt=st.sampled_from(["text", "json", "github", "sarif", "junit"]))
def test_cli_exit_codes_and_places(
    raw: bytes, fmt: str, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.main import main

    def via_capsys(argv: list[str]) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(argv)
        cap = capsys.readouterr()
        return code, cap.out, cap.err

    check_cli(raw, fmt, tmp_path_factory.mktemp("fuzz"), via_capsys)


SEEDS = {
    p.name: p.read_bytes()
    for p in (Path(__file__).resolve().parents[1] / "plans").glob("*.toml")
    if p.name != "national.toml"
}


@FAST
@given(name=st.sampled_from(sorted(SEEDS)), ops=EDIT_OPS)
def test_edits_apply_or_are_refused_and_always_save_a_loadable_plan(name: str, ops: list, national: National) -> None:  # type: ignore[type-arg]
    check_edit(name, SEEDS[name], ops, national)


# -- the corruptions named in the issue, each at least once ------------------------

GOOD = Path(__file__).resolve().parents[1].joinpath("plans", "ube.toml").read_bytes()

CORRUPT = {
    "truncated": GOOD[: len(GOOD) // 2],
    "random-bytes": bytes(range(256)) * 3,
    "invalid-utf8": GOOD.replace("宇部市".encode(), b"\xe5\xae\xff"),
    "bom": b"\xef\xbb\xbf" + GOOD,
    "utf16-bom": b"\xff\xfe" + GOOD.decode().encode("utf-16-le"),
    "crlf": GOOD.replace(b"\n", b"\r\n"),
    "lone-cr": GOOD.replace(b"\n", b"\r"),
    "nul": GOOD.replace(b"[phases]", b"[pha\x00ses]"),
    "wrong-types": GOOD.replace(b'migration        = "R8.3"', b"migration = 2026-03-01"),
    "huge-int": GOOD + b'\n[[depends]]\nphase = "migration"\nafter = "fit_gap"\nmin_months = 99999999999999999999999\n',
    "huge-float": GOOD + b'\n[[depends]]\nphase = "migration"\nafter = "fit_gap"\nmin_months = 1e999\n',
    "deep-arrays": GOOD + b"\nx = " + b"[" * 50_000 + b"]" * 50_000 + b"\n",
    "deep-tables": GOOD + b"\nx = " + b"{a=" * 5_000 + b"1" + b"}" * 5_000 + b"\n",
    "deep-dotted-header": b"[" + b".".join([b"a"] * 20_000) + b"]\n" + GOOD,
    "long-string": GOOD.replace(b'prefecture = "', b'prefecture = "' + "あ".encode() * 300_000),
    "long-key": GOOD + b"\n" + b"k" * 500_000 + b' = "x"\n',
    "empty": b"",
    "only-bom": b"\xef\xbb\xbf",
}


@pytest.mark.parametrize("name", sorted(CORRUPT))
def test_named_corruptions_give_a_load_error_with_a_place(name: str, national: National) -> None:
    raw = CORRUPT[name]
    outcome = check_model(raw, national)
    if name in ("bom", "crlf", "long-string"):  # accepted: the same plan / a long but valid name
        assert outcome == "plan"
    else:
        assert outcome == "load-error"
        res = parse_plan_bytes(raw, NAME, national)
        assert all(p.place.line >= 1 for p in res.problems), res.problems


@pytest.mark.parametrize("name", ["truncated", "nul", "huge-int", "deep-arrays", "long-key"])
def test_named_corruptions_through_the_cli(name: str, tmp_path: Path) -> None:
    assert check_cli(CORRUPT[name], "text", tmp_path) == "load-error"


# -- regressions: crashes the fuzzing found ----------------------------------------


def test_regression_integer_literal_beyond_python_digit_limit(national: National) -> None:
    """tomllib raises a bare ValueError (not TOMLDecodeError) for an integer literal longer
    than sys.get_int_max_str_digits() (4300): it was a traceback. Now E001 at its line."""
    raw = b'municipality = "x"\n\n[[depends]]\nmin_months = ' + b"9" * 5000 + b"\n"
    res = parse_plan_bytes(raw, NAME, national)
    assert res.plan is None
    [p] = res.problems
    check_problem(p, NAME)
    assert (p.code, p.place.line, p.place.col) == ("E001", 4, 14)
    assert "too long" in p.words.en


def test_regression_deep_nesting_points_at_its_line(national: National) -> None:
    """tomllib's RecursionError has no place: it was reported at 1:1 whatever the line."""
    raw = CORRUPT["deep-arrays"]
    [p] = parse_plan_bytes(raw, NAME, national).problems
    line_no = raw.decode().splitlines().index("x = " + "[" * 50_000 + "]" * 50_000) + 1
    assert (p.code, p.place.line, p.place.col) == ("E001", line_no, 5 + 100)
    assert "nest" in p.words.en


def test_regression_long_key_is_shortened_in_the_message(national: National) -> None:
    """A 500 KB unknown key was echoed whole into the message (and the terminal)."""
    [p] = parse_plan_bytes(CORRUPT["long-key"], NAME, national).problems
    assert p.code == "E002"
    assert len(p.words.en) < 400 and "kkkk…" in p.words.en


def test_regression_dotted_key_with_thousands_of_parts_is_refused_before_parsing(national: National) -> None:
    """tomllib takes time quadratic in a dotted key's parts: ``[a.a.a…]`` of 200 KB took two
    minutes (a hang in CI). Now refused at once with E001 at its line."""
    raw = b'municipality = "x"\n[' + b".".join([b"a"] * 100_000) + b"]\n"
    [p] = parse_plan_bytes(raw, NAME, national).problems
    check_problem(p, NAME)
    assert (p.code, p.place.line) == ("E001", 2)
    assert "too many parts" in p.words.en


def test_ordinary_dotted_keys_still_load(national: National) -> None:
    raw = b'municipality = "x"\nsurveyed = "R3.12"\nphases.migration = "R8.3"\nbusiness.koseki.migration = "R9.3"\n'
    res = parse_plan_bytes(raw, NAME, national)
    assert res.plan is not None, res.problems
    assert res.plan.businesses["koseki"].phases["migration"].date.text == "R9.3"


def test_regression_note_with_a_lone_surrogate_is_refused_not_a_crash_at_save(national: National) -> None:
    """A note holding a lone surrogate (pasted text) was accepted, then to_bytes() (every
    save) raised UnicodeEncodeError: the app's save would crash. Now the edit is refused."""
    from model.project.document import PlanDocument
    from model.project.edits import EditError

    doc = PlanDocument(Path("ube.toml"), SEEDS["ube.toml"], national, file="ube.toml")
    with pytest.raises(EditError) as e:
        doc.set_note("governance", "a\ud800b")
    assert "surrogate" in e.value.text("en")
    assert not doc.dirty and doc.to_bytes() == SEEDS["ube.toml"]
    doc.set_note("governance", "a\x00b\x1b")  # control characters are escaped by TOML: fine
    assert check_edit("ube.toml", doc.to_bytes(), [("note", "fit_gap", None, "x\u3000y")], national) == "edited"


def test_regression_a_very_long_date_is_shortened_in_the_message(national: National) -> None:
    """A 600 KB value where a date belongs was echoed whole into the E004 message."""
    raw = SEEDS["ube.toml"].replace(b'"R8.3"', b'"R' + b"8" * 600_000 + b'"')
    [p] = parse_plan_bytes(raw, NAME, national).problems
    assert p.code == "E004" and len(p.words.en) < 400 and len(p.words.ja) < 400
