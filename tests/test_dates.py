"""Planner dates (model/dates.py): every notation, the invalid ones, round trips and the
three-valued comparisons checked against brute force over the months of both intervals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.core import dates as d
from model.core.dates import (
    DateError,
    PlanDate,
    Precision,
    Style,
    Truth,
    fiscal_year_interval,
    fiscal_year_of,
    month_of,
    parse,
    render_fiscal_year,
    render_month,
)

FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
"""ASCII to full-width forms (R -> Ｒ, 4 -> ４, . -> ．), as Japanese IMEs type them."""


def interval(x: PlanDate) -> tuple[int, int]:
    return x.lo, x.hi


# -- every notation in the issue ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lo", "hi", "precision", "style"),
    [
        ("R4.10", (2022, 10), (2022, 10), Precision.MONTH, Style.ERA),
        ("R5", (2023, 4), (2024, 3), Precision.FISCAL_YEAR, Style.ERA),
        ("R5年度", (2023, 4), (2024, 3), Precision.FISCAL_YEAR, Style.ERA),
        ("令和4年10月", (2022, 10), (2022, 10), Precision.MONTH, Style.KANJI),
        ("令和5年度", (2023, 4), (2024, 3), Precision.FISCAL_YEAR, Style.KANJI),
        ("2022-10", (2022, 10), (2022, 10), Precision.MONTH, Style.ISO),
        ("2022年10月", (2022, 10), (2022, 10), Precision.MONTH, Style.ISO),
        ("2023年度", (2023, 4), (2024, 3), Precision.FISCAL_YEAR, Style.ISO),
        ("H31.4", (2019, 4), (2019, 4), Precision.MONTH, Style.ERA),
        ("R1.5", (2019, 5), (2019, 5), Precision.MONTH, Style.ERA),
        ("H31", (2019, 4), (2020, 3), Precision.FISCAL_YEAR, Style.ERA),  # 平成31年度 = 令和元年度
        ("R8.3", (2026, 3), (2026, 3), Precision.MONTH, Style.ERA),
        ("Ｒ４．１０", (2022, 10), (2022, 10), Precision.MONTH, Style.ERA),
        ("令和４年１０月", (2022, 10), (2022, 10), Precision.MONTH, Style.KANJI),
        ("２０２２－１０", (2022, 10), (2022, 10), Precision.MONTH, Style.ISO),
        ("ｒ５", (2023, 4), (2024, 3), Precision.FISCAL_YEAR, Style.ERA),
        ("令和元年5月", (2019, 5), (2019, 5), Precision.MONTH, Style.KANJI),
        ("令和元年度", (2019, 4), (2020, 3), Precision.FISCAL_YEAR, Style.KANJI),
        ("R元", (2019, 4), (2020, 3), Precision.FISCAL_YEAR, Style.ERA),
        ("平成元年1月", (1989, 1), (1989, 1), Precision.MONTH, Style.KANJI),
        (" R4.10 ", (2022, 10), (2022, 10), Precision.MONTH, Style.ERA),
    ],
)
def test_parses_each_notation(
    text: str, lo: tuple[int, int], hi: tuple[int, int], precision: Precision, style: Style
) -> None:
    x = parse(text)
    assert interval(x) == (month_of(*lo), month_of(*hi))
    assert x.precision is precision
    assert x.style is style
    assert x.text == text  # kept exactly as written


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("R4.10", "R4.10"),
        ("R5", "R5"),
        ("令和4年10月", "令和4年10月"),
        ("令和5年度", "令和5年度"),
        ("令和元年度", "令和元年度"),
        ("令和元年5月", "令和元年5月"),
        ("2022-10", "2022-10"),
        ("H31.4", "H31.4"),
        ("Ｒ４．１０", "R4.10"),
        ("完了", "完了"),
        ("現行ベンダで標準化", "現行ベンダで標準化"),
    ],
)
def test_renders_in_the_planners_notation(text: str, rendered: str) -> None:
    assert parse(text, surveyed=month_of(2021, 12)).render() == rendered


def test_done_is_bounded_by_the_survey_month() -> None:
    x = parse("完了", surveyed=month_of(2021, 12))
    assert x.is_done and x.precision is Precision.DONE
    assert x.hi == month_of(2021, 12)
    assert x.lo < month_of(1989, 1)  # open to the left: some month up to the survey
    assert d.before_month(x, month_of(2022, 1)) is Truth.CERTAIN
    assert d.after_month(x, month_of(2021, 12)) is Truth.NO


def test_not_applicable() -> None:
    x = parse("現行ベンダで標準化")
    assert x.is_na and x.precision is Precision.NA


@pytest.mark.parametrize("text", ["対象外", "-", "－", "―", "n/a", "N/A", "なし"])
def test_words_for_not_applicable_are_not_dates(text: str) -> None:
    # a plan of six "-" once passed lint and counted as 現行ベンダで標準化: only the documented
    # word (vendor selection) and status n/a mean "does not apply"
    with pytest.raises(DateError) as ei:
        parse(text)
    assert "status n/a" in ei.value.text("en") and "[status] に n/a" in ei.value.text("ja")


@pytest.mark.parametrize("text", ["S64.1", "昭和60年4月", "T3.1"])
def test_showa_and_earlier_eras_say_they_are_not_supported(text: str) -> None:
    with pytest.raises(DateError) as ei:
        parse(text)
    assert "Shōwa" in ei.value.text("en") and "昭和" in ei.value.text("ja")


def test_kanji_year_without_month_or_fiscal_year_asks_for_one() -> None:
    # 令和元年 alone is a calendar year, which no phase is planned in: the error names the
    # value and offers both forms a planner means.
    with pytest.raises(DateError) as ei:
        parse("令和元年")
    assert ei.value.value == "令和元年"
    assert "令和元年度" in ei.value.text("ja") and "令和元年度" in ei.value.text("en")


# -- invalid values ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("R4.13", "1〜12"),
        ("2022-00", "1〜12"),
        ("R4.0", "1〜12"),
        ("R", "R4.10"),
        ("", "R4.10"),
        ("   ", "R4.10"),
        ("1988-12", "平成より前"),
        ("1988年度", "平成より前"),
        ("S63.4", "R4.10"),
        ("R1.4", "H31.4"),  # Reiwa began 2019-05: the message says what to write instead
        ("H31.5", "R1.5"),
        ("H32.4", "R2.4"),  # Heisei 32 does not exist: 2020-04 is R2.4
        ("平成32年度", "R2"),
        ("H0.5", "1以上"),
        ("2100-01", "2099"),
        ("R4.10.1", "R4.10"),
        ("令和", "R4.10"),
    ],
)
def test_invalid_values_name_the_value_and_what_to_write(text: str, hint: str) -> None:
    with pytest.raises(DateError) as ei:
        parse(text)
    e = ei.value
    assert e.value == text
    assert repr(text) in e.text("ja") and repr(text) in e.text("en")
    assert hint in e.text("ja")


def test_non_string_is_an_error_not_a_crash() -> None:
    with pytest.raises(DateError):
        parse(202210)  # type: ignore[arg-type]


def test_parse_month_refuses_a_fiscal_year() -> None:
    assert d.parse_month("R4.2") == month_of(2022, 2)
    with pytest.raises(DateError, match="R5"):
        d.parse_month("R5")


# -- properties -------------------------------------------------------------------

# no per-example deadline: these are checks of logic, and a loaded machine must not fail them
PROPERTY = settings(deadline=None, max_examples=300)

LAST = month_of(2099, 12)
months = st.integers(min_value=d.EARLIEST, max_value=LAST)
fiscal_years = st.integers(min_value=1989, max_value=2099)
styles = st.sampled_from([Style.ERA, Style.KANJI, Style.ISO])


@PROPERTY
@given(months, styles)
def test_month_round_trip(m: int, style: Style) -> None:
    x = parse(render_month(m, style))
    assert interval(x) == (m, m)
    assert x.precision is Precision.MONTH
    assert x.style is style
    assert x.render() == render_month(m, style)


@PROPERTY
@given(fiscal_years, styles)
def test_fiscal_year_round_trip(fy: int, style: Style) -> None:
    x = parse(render_fiscal_year(fy, style))
    assert interval(x) == fiscal_year_interval(fy)
    assert x.precision is Precision.FISCAL_YEAR
    assert x.render() == render_fiscal_year(fy, style)


@PROPERTY
@given(months, styles)
def test_full_width_parses_the_same(m: int, style: Style) -> None:
    text = render_month(m, style)
    assert interval(parse(text.translate(FULL_WIDTH))) == (m, m)


@PROPERTY
@given(st.integers(min_value=month_of(1989, 4), max_value=LAST))  # FY1988 is 昭和63年度
def test_a_month_lies_inside_its_fiscal_year(m: int) -> None:
    fy = fiscal_year_of(m)
    lo, hi = fiscal_year_interval(fy)
    assert lo <= m <= hi
    assert hi - lo == 11
    whole = parse(render_fiscal_year(fy))
    assert whole.lo <= parse(render_month(m)).lo <= whole.hi


# dates around the migration years, small enough to enumerate their months
near_months = st.integers(min_value=month_of(2018, 1), max_value=month_of(2032, 12))
near_years = st.integers(min_value=2018, max_value=2031)


@st.composite
def plan_dates(draw: st.DrawFn) -> PlanDate:
    if draw(st.booleans()):
        return parse(render_month(draw(near_months), draw(styles)))
    return parse(render_fiscal_year(draw(near_years), draw(styles)))


def expected(holds: list[bool]) -> Truth:
    if all(holds):
        return Truth.CERTAIN
    return Truth.POSSIBLE if any(holds) else Truth.NO


def months_of(x: PlanDate) -> range:
    return range(x.lo, x.hi + 1)


@PROPERTY
@given(plan_dates())
def test_interval_order(x: PlanDate) -> None:
    assert x.lo <= x.hi
    assert x.hi - x.lo in (0, 11)
    assert interval(parse(x.render())) == interval(x)


@PROPERTY
@given(plan_dates(), near_months)
def test_after_month_matches_brute_force(x: PlanDate, m: int) -> None:
    assert d.after_month(x, m) is expected([xm > m for xm in months_of(x)])


@PROPERTY
@given(plan_dates(), near_months)
def test_before_month_matches_brute_force(x: PlanDate, m: int) -> None:
    assert d.before_month(x, m) is expected([xm < m for xm in months_of(x)])


@PROPERTY
@given(plan_dates(), plan_dates())
def test_certain_implies_possible(a: PlanDate, b: PlanDate) -> None:
    # CERTAIN means "for every choice of months", so it must hold for some choice as well;
    # and the converse relation cannot then be certain too.
    if b.hi < a.lo:  # b strictly before a, for every choice (the checker's certain order conflict)
        assert any(bm < am for am in months_of(a) for bm in months_of(b))
        assert not (a.hi < b.lo)
    if d.after_month(a, b.lo) is Truth.CERTAIN:
        assert d.before_month(a, b.lo + 1) is Truth.NO


def test_latest_is_the_maximum_and_skips_not_applicable() -> None:
    xs = [parse("R7.12"), parse("R8.3"), parse("現行ベンダで標準化"), parse("R7")]
    assert d.latest(xs) is xs[1]  # R8.3 ends with FY R7; the month is the sharper one
    assert d.latest([parse("現行ベンダで標準化")]).is_na
    assert d.latest([]) is None
