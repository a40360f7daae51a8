"""Hypothesis strategies for plan files, valid and corrupted, and for planners' dates.

Shared by tests/test_fuzz.py (a short run in the test suite) and tests/fuzz/campaign.py
(``make fuzz``: a long run). A generated plan starts from a realistic plan (the real keys,
the real phases and businesses, dates in every notation) and is then corrupted: truncated,
random bytes, invalid UTF-8, a BOM, CRLF, NUL, wrong types, huge numbers, deep nesting and
very long strings.
"""

from __future__ import annotations

from typing import Any

import tomli_w
from hypothesis import strategies as st

from model.core import dates as d_

PHASES = ["governance", "current_survey", "fit_gap", "migration_plan", "vendor_selection", "migration"]
BUSINESSES = ["koseki", "juki", "kojin", "kokuho", "jidoteate", "kaigo", "nope", "koseki.migration"]
TOP_KEYS = ["municipality", "code", "prefecture", "surveyed", "vendor_strategy", "contract_end", "note"]
RULE_CODES = [f"PL{n:03d}" for n in range(1, 16)] + ["E001", "pl006", ""]

# -- dates -------------------------------------------------------------------

_ERA = st.sampled_from(["R", "H", "r", "h", "令和", "平成", "Ｒ", ""])
_NUM = st.one_of(
    st.integers(min_value=-3, max_value=40).map(str),
    st.sampled_from(["元", "０", "１０", "99", "100", "007", "1e3", "٣", "²"]),
)
_SEP = st.sampled_from([".", "/", "．", "-", " ", "年", "月", "年度", ""])


@st.composite
def date_like(draw: st.DrawFn) -> str:
    """A string that looks like a planner's date, right or nearly right."""
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(_ERA) + draw(_NUM) + draw(_SEP) + draw(_NUM) + draw(st.sampled_from(["", "月", "年度", " "]))
    if kind == 1:
        return f"{draw(st.integers(-10, 100_000))}{draw(_SEP)}{draw(st.integers(-2, 20))}"
    if kind == 2:
        return draw(
            st.sampled_from(
                [
                    "完了",
                    "完了済み",
                    "済",
                    "done",
                    "現行ベンダで標準化",
                    "対象外",
                    "n/a",
                    "-",
                    "―",
                    "FY2024",
                    "fy1",
                    "2023年度",
                    "令和元年度",
                    "H31.4",
                    "H31.5",
                    "R1.4",
                    "R1.5",
                ]
            )
        )
    if kind == 3:
        return draw(st.text(max_size=12))
    if kind == 4:
        return draw(_ERA) + draw(_NUM) + draw(_SEP)
    return draw(st.text(alphabet="RH令和平成元年度月0123456789０１２３.／/- \t\u3000", max_size=14))


DATES = date_like()


@st.composite
def valid_date(draw: st.DrawFn) -> str:
    """A date a planner may write, in any of the notations (rendered by model.core.dates)."""
    style = draw(st.sampled_from([d_.Style.ERA, d_.Style.KANJI, d_.Style.ISO]))
    if draw(st.booleans()):
        return d_.render_month(d_.month_of(draw(st.integers(2019, 2032)), draw(st.integers(1, 12))), style)
    return d_.render_fiscal_year(draw(st.integers(2019, 2031)), style)


VALID_DATES = valid_date()

_FULLWIDTH = str.maketrans("0123456789.R", "０１２３４５６７８９．Ｒ")


@st.composite
def varied_date(draw: st.DrawFn) -> str:
    """A valid date written loosely: full-width, spaced, lower-case, 元年."""
    text = draw(VALID_DATES)
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.integers(0, 4))
        if op == 0:
            text = text.translate(_FULLWIDTH)
        elif op == 1:
            text = draw(st.sampled_from([" ", "\u3000", "\t", ""])) + text + draw(st.sampled_from([" ", "\u3000", ""]))
        elif op == 2:
            text = text.lower()
        elif op == 3:
            text = text.replace("令和1年", "令和元年").replace("R1.", "R元.")
        else:
            text = text.replace(".", draw(st.sampled_from([".", "/", " . "])), 1)
    return text


ANY_DATE = st.one_of(DATES, VALID_DATES, varied_date(), st.text(max_size=30))

EDIT_VALUE = st.one_of(
    DATES,
    VALID_DATES,
    st.text(max_size=40),
    st.sampled_from(
        [
            '"',
            "'''",
            "\\",
            "\n",
            "\r\n",
            'a"""b',
            "\x00",
            "\x1b",
            "\ud800",
            " # c",
            "]\n[x]",
            "done",
            "n/a",
            "new_vendor",
        ]
    ),
)
EDIT_OPS = st.lists(
    st.tuples(
        st.sampled_from(["date", "status", "note", "phase", "strategy", "undo", "redo"]),
        st.sampled_from(PHASES),
        st.one_of(st.none(), st.sampled_from(["koseki", "juki"])),
        st.one_of(st.none(), EDIT_VALUE),
    ),
    max_size=6,
)

# -- plan values ---------------------------------------------------------------

_HUGE = st.sampled_from([10**30, -(10**30), 2**63, -(2**63) - 1, 10**400])


def _scalar() -> st.SearchStrategy[Any]:
    return st.one_of(
        DATES,
        st.integers(min_value=-(2**64), max_value=2**64),
        _HUGE,
        st.booleans(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=20),
        st.dates(),
        st.datetimes(),
        st.times(),
    )


def _value(depth: int = 2) -> st.SearchStrategy[Any]:
    """Mostly a date string, sometimes a wrong type (number, bool, array, table)."""
    leaf = _scalar()
    if depth <= 0:
        return leaf
    inner = _value(depth - 1)
    return st.one_of(
        DATES,
        DATES,
        leaf,
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from([*PHASES, "x", "rule"]), inner, max_size=3),
    )


@st.composite
def plan_data(draw: st.DrawFn) -> dict[str, Any]:
    """A plan as a TOML-able dict: real keys mostly, wrong values sometimes."""
    d: dict[str, Any] = {}
    if draw(st.booleans()) or draw(st.booleans()):
        d["municipality"] = draw(
            st.one_of(st.sampled_from(["宇部市", "萩市", " ", ""]), st.text(max_size=8), _scalar())
        )
    for k in TOP_KEYS[1:]:
        if draw(st.integers(0, 3)) == 0:
            d[k] = draw(
                st.one_of(
                    st.sampled_from(
                        [
                            "352021",
                            "352020",
                            "35202",
                            "３５２０２１",
                            "R3.12",
                            "current_vendor",
                            "new_vendor",
                            "undecided",
                        ]
                    ),
                    DATES,
                    _scalar(),
                )
            )
    if draw(st.integers(0, 5)):
        d["phases"] = draw(st.dictionaries(st.sampled_from([*PHASES, "migraton", "phases"]), _value(1), max_size=7))
    if draw(st.integers(0, 2)) == 0:
        d["status"] = draw(
            st.dictionaries(
                st.sampled_from(PHASES),
                st.one_of(st.sampled_from(["done", "in_progress", "not_started", "n/a", "DONE"]), _scalar()),
                max_size=4,
            )
        )
    if draw(st.integers(0, 3)) == 0:
        d["notes"] = draw(
            st.dictionaries(st.sampled_from(PHASES), st.one_of(st.text(max_size=30), _scalar()), max_size=3)
        )
    if draw(st.integers(0, 2)) == 0:
        d["business"] = draw(
            st.one_of(
                st.dictionaries(
                    st.sampled_from(BUSINESSES),
                    st.dictionaries(
                        st.sampled_from(
                            [*PHASES, "extended_deadline", "contract_end", "note", "status", "notes", "bogus"]
                        ),
                        _value(1),
                        max_size=5,
                    ),
                    max_size=3,
                ),
                _value(1),
            )
        )
    if draw(st.integers(0, 3)) == 0:
        ref = st.one_of(
            st.sampled_from(
                [*PHASES, "koseki.migration", "juki.fit_gap", "group2", "cloud", "spec.group2", "nope.x", ".", ""]
            ),
            _scalar(),
        )
        d["depends"] = draw(
            st.one_of(
                st.lists(
                    st.fixed_dictionaries(
                        {},
                        optional={
                            "phase": ref,
                            "after": ref,
                            "min_months": st.one_of(st.integers(-5, 200), _HUGE, _scalar()),
                            "reason": st.text(max_size=5),
                        },
                    ),
                    max_size=3,
                ),
                _value(1),
            )
        )
    if draw(st.integers(0, 3)) == 0:
        d["ignore"] = draw(
            st.one_of(
                st.lists(
                    st.fixed_dictionaries(
                        {},
                        optional={
                            "rule": st.one_of(st.sampled_from(RULE_CODES), _scalar()),
                            "phase": st.one_of(st.sampled_from(PHASES), _scalar()),
                            "business": st.one_of(st.sampled_from(BUSINESSES), _scalar()),
                            "reason": st.one_of(st.sampled_from(["補正予算", "", "  "]), _scalar()),
                        },
                    ),
                    max_size=3,
                ),
                _value(1),
            )
        )
    if draw(st.integers(0, 6)) == 0:
        d[draw(st.text(min_size=1, max_size=10))] = draw(_value(1))
    return d


def _toml(d: dict[str, Any]) -> str | None:
    try:
        return tomli_w.dumps(d)
    except (TypeError, ValueError, OverflowError):
        return None  # tomli_w cannot write some values (huge ints are fine, NaN keys ...)


@st.composite
def valid_plan_data(draw: st.DrawFn) -> dict[str, Any]:
    """A plan that loads: real keys and values only (findings may still be many)."""
    d: dict[str, Any] = {
        "municipality": draw(st.sampled_from(["宇部市", "萩市", "阿武町", "Fuzz"])),
        "surveyed": "R3.12",
    }
    if draw(st.booleans()):
        d["code"] = draw(st.sampled_from(["352021", "35202"]))
    if draw(st.booleans()):
        d["vendor_strategy"] = draw(st.sampled_from(["current_vendor", "new_vendor", "undecided"]))
    phase_val = st.one_of(VALID_DATES, VALID_DATES, VALID_DATES, st.sampled_from(["完了"]))
    d["phases"] = draw(st.dictionaries(st.sampled_from(PHASES), phase_val, max_size=6))
    if draw(st.booleans()):
        d["phases"]["vendor_selection"] = draw(st.sampled_from(["現行ベンダで標準化", "R6.6", "R7"]))
    if draw(st.booleans()):
        d["status"] = draw(
            st.dictionaries(
                st.sampled_from(PHASES), st.sampled_from(["done", "in_progress", "not_started", "n/a"]), max_size=3
            )
        )
    if draw(st.booleans()):
        d["business"] = draw(
            st.dictionaries(
                st.sampled_from(BUSINESSES[:6]),
                st.dictionaries(st.sampled_from([*PHASES, "extended_deadline"]), VALID_DATES, max_size=3),
                max_size=2,
            )
        )
    if draw(st.booleans()):
        ref = st.sampled_from([*PHASES, "koseki.migration", "juki.fit_gap"])
        d["depends"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"phase": st.sampled_from(PHASES), "after": ref, "min_months": st.integers(0, 24)}
                ),
                max_size=2,
            )
        )
    if draw(st.booleans()):
        d["ignore"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"rule": st.sampled_from(RULE_CODES[:14]), "reason": st.just("補正予算で対応")},
                    optional={"phase": st.sampled_from(PHASES)},
                ),
                max_size=2,
            )
        )
    return d


@st.composite
def plan_text(draw: st.DrawFn) -> str:
    """A syntactically valid TOML plan (as tomli_w writes it), or a hand-shaped one."""
    d = draw(valid_plan_data() if draw(st.integers(0, 2)) else plan_data())
    text = _toml(d)
    if text is None or draw(st.integers(0, 7)) == 0:
        text = draw(hand_toml())
    return text


@st.composite
def hand_toml(draw: st.DrawFn) -> str:
    """TOML as people write it: aligned keys, comments, inline tables, dotted keys, quotes."""
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 7))
        key = draw(
            st.sampled_from(
                [*TOP_KEYS, *PHASES, "phases.migration", '"quoted key"', "'lit'", "a.b.c", "ｍ", "rule", "reason"]
            )
        )
        val = draw(
            st.one_of(
                DATES.map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'),
                st.sampled_from(
                    [
                        "1",
                        "-1",
                        "1e999",
                        "inf",
                        "nan",
                        "true",
                        "0x1F",
                        "1979-05-27",
                        "[1, 2]",
                        "{ a = 1 }",
                        "'''x\ny'''",
                        '"""\nR4.10"""',
                        "[\n  1,\n  2,\n]",
                        '{ migration = "R8.3", fit_gap = [1] }',
                        '"R4.10" # c',
                        "99999999999999999999",
                    ]
                ),
            )
        )
        if kind == 0:
            lines.append(
                f"[{draw(st.sampled_from(['phases', 'status', 'notes', 'business.koseki', 'business.juki.status', 'business', 'x.y', 'phases.inner']))}]"
            )
        elif kind == 1:
            lines.append(f"[[{draw(st.sampled_from(['ignore', 'depends', 'ignore.x', 'business']))}]]")
        elif kind == 2:
            lines.append(f"# {draw(st.text(max_size=10))}")
        else:
            lines.append(f"{key}{draw(st.sampled_from([' = ', '=', '   = ', ' =']))}{val}")
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


# -- corruption ----------------------------------------------------------------


@st.composite
def corrupt(draw: st.DrawFn, raw: bytes) -> bytes:
    """Apply one to three corruptions to the bytes of a plan."""
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.integers(0, 12))
        n = len(raw)
        at = draw(st.integers(0, n)) if n else 0
        if op == 0:  # truncated
            raw = raw[:at]
        elif op == 1:  # random bytes inserted
            raw = raw[:at] + draw(st.binary(min_size=1, max_size=16)) + raw[at:]
        elif op == 2:  # invalid UTF-8
            raw = (
                raw[:at]
                + draw(st.sampled_from([b"\xff", b"\xc3", b"\xe3\x81", b"\xed\xa0\x80", b"\x80\x80"]))
                + raw[at:]
            )
        elif op == 3:  # BOM (once, twice, UTF-16)
            raw = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])) + raw
        elif op == 4:  # CRLF / CR
            raw = raw.replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r", b"\n\r"])))
        elif op == 5:  # NUL and control characters
            raw = (
                raw[:at] + draw(st.sampled_from([b"\x00", b"\x01", b"\x7f", b"\x0b", b"\x0c", b"\x1b[31m"])) + raw[at:]
            )
        elif op == 6:  # deep nesting
            k = draw(st.sampled_from([10, 100, 1000, 5000, 50_000]))
            kind = draw(st.integers(0, 2))
            if kind == 0:
                nest = b"x = " + b"[" * k + b"]" * k + b"\n"
            elif kind == 1:
                nest = b"x = " + b"{a=" * k + b"1" + b"}" * k + b"\n"
            else:
                nest = b"[" + b".".join([b"a"] * k) + b"]\n"
            raw = raw + b"\n" + nest if draw(st.booleans()) else nest + raw
        elif op == 7:  # very long strings
            k = draw(st.sampled_from([1000, 100_000, 400_000]))
            raw = (
                raw[:at]
                + draw(st.sampled_from([b'note = "', b"# ", b"x", b'"']))
                + b"\xe3\x81\x82" * (k // 3)
                + raw[at:]
            )
        elif op == 8:  # huge numbers
            raw = (
                raw[:at]
                + b"\nmin_months = "
                + draw(st.sampled_from([b"9" * 5000, b"1e99999", b"-0", b"0b" + b"1" * 300]))
                + b"\n"
                + raw[at:]
            )
        elif op == 9:  # a byte flipped
            if n:
                i = min(at, n - 1)
                raw = raw[:i] + bytes([raw[i] ^ draw(st.integers(1, 255))]) + raw[i + 1 :]
        elif op == 10:  # a line duplicated (duplicate keys / tables)
            lines = raw.split(b"\n")
            if lines:
                i = draw(st.integers(0, len(lines) - 1))
                lines.insert(i, lines[i])
                raw = b"\n".join(lines)
        elif op == 11:  # a slice deleted
            end = draw(st.integers(at, n)) if n else 0
            raw = raw[:at] + raw[end:]
        else:  # whitespace: tabs, full-width space, lone surrogates escaped
            raw = (
                raw[:at]
                + draw(st.sampled_from([b"\t", "\u3000".encode(), b'"\\ud800"', b"\\", b'"\\u00', b"'''"]))
                + raw[at:]
            )
    return raw


@st.composite
def plan_bytes(draw: st.DrawFn) -> bytes:
    """A plan's bytes: valid, or corrupted, or random bytes."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.binary(max_size=300))
    raw = draw(plan_text()).encode("utf-8", "surrogatepass")
    if kind <= 4:
        return raw
    return draw(corrupt(raw))


PLAN_BYTES = plan_bytes()
