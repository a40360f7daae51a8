"""``plans lint --format junit``: JUnit XML for CI test reports. One testsuite per file, a
testcase per plan with a <failure> per error or warning finding (info findings in
<system-out>), load errors as <error>; counts add up; always well-formed XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def junit(cli: Callable[..., object], *args: str, cwd: Path = ROOT, lang: str = "en") -> tuple[int, ET.Element]:
    r = cli("lint", *args, "--format", "junit", "--as-of", "R4.2", "--lang", lang, cwd=cwd)
    assert r.out.startswith('<?xml version="1.0" encoding="UTF-8"?>')  # type: ignore[attr-defined]
    return r.code, ET.fromstring(r.out)  # type: ignore[attr-defined]


def test_seed_plans_one_suite_per_file_one_case_per_plan(cli: Callable[..., object]) -> None:
    code, root = junit(cli, "plans")
    assert code == 1
    items = json.loads(cli("lint", "plans", "--format", "json", "--as-of", "R4.2", "--lang", "en").out)  # type: ignore[attr-defined]
    files = sorted(p.name for p in (ROOT / "plans").glob("*.toml") if p.name != "national.toml")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [f"plans/{f}" for f in files]
    failing = Counter(i["file"] for i in items if i["severity"] in ("error", "warning"))
    infos = Counter(i["file"] for i in items if i["severity"] == "info")
    for s in suites:
        [case] = s.findall("testcase")
        assert case.get("classname") == s.get("name")
        fails = case.findall("failure")
        assert len(fails) == failing[s.get("name")] == int(s.get("failures", "-1"))
        assert s.get("tests") == "1" and s.get("errors") == "0"
        out = case.find("system-out")
        assert (out.text.count("(info)") if out is not None else 0) == infos[s.get("name")]
    assert root.get("tests") == str(len(files))
    assert root.get("failures") == str(sum(failing.values()))
    hofu = root.find("testsuite[@name='plans/hofu.toml']/testcase")
    assert hofu is not None and hofu.get("name") == "防府市"
    [f] = hofu.findall("failure")
    assert f.get("type") == "PL002" and f.get("message", "").startswith("plans/hofu.toml:13:20: PL002")


def test_load_errors_are_errors(cli: Callable[..., object], tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "bad.toml").write_text('municipality = "x"\n[phases]\nmigration = R8.3\n', encoding="utf-8")
    (tmp_path / "plans" / "ok.toml").write_bytes((ROOT / "plans" / "abu.toml").read_bytes())
    code, root = junit(cli, "plans", cwd=tmp_path)
    assert code == 2
    bad = root.find("testsuite[@name='plans/bad.toml']")
    assert bad is not None and bad.get("errors") == "1" and bad.get("tests") == "1"
    [err] = bad.iter("error")
    assert err.get("type") == "E001" and "plans/bad.toml:3:" in err.get("message", "")
    ok = root.find("testsuite[@name='plans/ok.toml']")
    assert ok is not None and ok.get("errors") == "0"
    assert root.get("errors") == "1"


def test_characters_xml_cannot_carry_are_replaced(cli: Callable[..., object], tmp_path: Path) -> None:
    """A control character in a user's key reaches the message; ElementTree writes it raw,
    which made the report unreadable XML. Now it is U+FFFD and the XML parses."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "ctl.toml").write_text('municipality = "x"\n"a\\u0001<&>\\u001b" = 1\n', encoding="utf-8")
    code, root = junit(cli, "plans", cwd=tmp_path, lang="ja")
    assert code == 2
    [err] = root.iter("error")
    assert "a\ufffd<&>\ufffd" in err.get("message", "")
    assert err.get("message", "").startswith("plans/ctl.toml:2:1: E002")


def test_escaped_quoted_key_is_placed_on_its_line(national: object) -> None:
    """tomlpos read "a\\u0001" as the key 'au0001' and the error fell back to 1:1."""
    from model.core.plan_reader import parse_plan_bytes

    raw = b'municipality = "x"\n"a\\u0001" = 1\n"t\\"q" = 2\n'
    probs = parse_plan_bytes(raw, "f.toml", national).problems  # type: ignore[arg-type]
    assert [(p.code, p.place.line, p.place.col) for p in probs] == [("E002", 2, 1), ("E002", 3, 1)]
