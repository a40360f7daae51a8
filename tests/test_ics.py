"""``plans export --format ics``: the calendars, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import PLANS
from export_fixtures import business_plans
from icalendar import Calendar

from model.project.lint import LintResult, lint_paths
from model.render.export_tables import Options, build
from model.render.ics import calendar, calendars

STAMP = dt.datetime(2022, 2, 24, 1, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def shipped() -> LintResult:
    return lint_paths([PLANS])


def _events(cal: Calendar | bytes) -> dict[str, dict[str, object]]:
    """UID -> the event's properties (dates as date objects, texts as str)."""
    if isinstance(cal, bytes):
        cal = Calendar.from_ical(cal)
    out: dict[str, dict[str, object]] = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev["UID"])
        assert uid not in out, uid
        out[uid] = {
            "start": ev.decoded("DTSTART"),
            "end": ev.decoded("DTEND"),
            "summary": str(ev["SUMMARY"]),
            "description": str(ev.get("DESCRIPTION", "")),
            "status": str(ev["STATUS"]),
            "categories": [str(c) for c in ev["CATEGORIES"].cats],
            "stamp": ev.decoded("DTSTAMP"),
        }
    return out


def test_one_calendar_for_all(shipped: LintResult) -> None:
    blob = calendar(shipped.plans, shipped.national, shipped.findings, stamp=STAMP).to_ical()
    cal = Calendar.from_ical(blob)
    assert str(cal["VERSION"]) == "2.0" and str(cal["X-WR-CALNAME"]) == "標準準拠システム移行計画"
    events = _events(cal)
    # every event is all-day (a date, one day long), outside busy time
    for ev in events.values():
        assert type(ev["start"]) is dt.date and ev["end"] == ev["start"] + dt.timedelta(days=1)  # type: ignore[operator]
        assert ev["stamp"] == STAMP
    # planned completions: a month on its last day; a year-only date at its fiscal year's end, tentative
    ube = events["352021.all.fit_gap@plans"]
    assert (ube["start"], ube["summary"], ube["status"]) == (
        dt.date(2024, 3, 31),
        "宇部市: 標準仕様との比較分析 R6.3",
        "CONFIRMED",
    )
    assert ube["description"] == "完了予定 R6.3(2024-03)" and ube["categories"] == ["plans", "完了予定"]
    hirao = events["353442.all.fit_gap@plans"]
    assert (hirao["start"], hirao["status"]) == (dt.date(2023, 3, 31), "TENTATIVE")
    assert str(hirao["description"]).startswith("完了予定 R4: 年度のみ(R4.4〜R5.3 のいずれかの月)")
    # a phase's findings: the worst one's icon in the title, each finding in the description
    hikari = events["352101.all.migration_plan@plans"]
    assert hikari["summary"] == "✖ 光市: 移行計画作成 R7.10"
    assert "PL005 エラー: 移行計画作成(R7.10)から移行完了(R8.3)まで5か月" in str(hikari["description"])
    # the deadline and the national milestones (vendor packages are a working assumption)
    assert events["national.deadline@plans"]["start"] == dt.date(2026, 3, 31)
    assert events["national.deadline@plans"]["categories"] == ["plans", "期限"]
    assert events["national.spec.group2@plans"]["summary"] == "第2グループ 標準仕様書 R4.8"
    assert events["national.vendor.group2@plans"]["status"] == "TENTATIVE"
    assert events["national.cloud.pilot@plans"]["summary"] == "ガバメントクラウド 先行事業 R3.4–R5.3"
    # one event per dated phase of every plan, plus the national ones
    dated = sum(1 for p in shipped.plans for e in p.phases.values() if e.date is not None and not e.date.is_na)
    national = sum(1 for uid in events if uid.startswith("national."))
    assert len(events) == dated + national


def test_uids_are_stable_across_exports(shipped: LintResult) -> None:
    first = _events(calendar(shipped.plans, shipped.national, shipped.findings, stamp=STAMP).to_ical())
    later = STAMP + dt.timedelta(days=30)
    again = _events(calendar(list(reversed(shipped.plans)), shipped.national, shipped.findings, stamp=later).to_ical())
    assert set(first) == set(again)
    for uid, ev in first.items():
        assert {k: v for k, v in ev.items() if k != "stamp"} == {k: v for k, v in again[uid].items() if k != "stamp"}
        assert again[uid]["stamp"] == later  # newer: a calendar takes the import as an update


def test_business_lines_extended_deadlines_and_done(tmp_path: Path) -> None:
    res = lint_paths([business_plans(tmp_path)])
    events = _events(calendar(res.plans, res.national, res.findings, stamp=STAMP).to_ical())
    koseki = events["352021.koseki.migration@plans"]
    assert (koseki["start"], koseki["summary"]) == (dt.date(2028, 3, 31), "延長市: 移行完了 (戸籍) R10.3")
    assert events["352021.koseki.extended_deadline@plans"]["start"] == dt.date(2031, 3, 31)
    assert events["352021.koseki.extended_deadline@plans"]["summary"] == "延長市: 戸籍 延長期限 R13.3"
    done = events["352021.all.governance@plans"]
    assert (done["start"], done["description"]) == (dt.date(2021, 12, 31), "完了(調査時点 R3.12 までに)")
    assert events["352021.all.migration@plans"]["summary"] == "✖ 延長市: 移行完了 R8.9"  # PL001
    # the business takes its other phases from the municipal line: no copies of those
    assert not any(
        uid.startswith("352021.koseki.") and "migration" not in uid and "extended" not in uid for uid in events
    )
    en = _events(calendar(res.plans, res.national, res.findings, "en", stamp=STAMP).to_ical())
    assert en["352021.koseki.migration@plans"]["summary"] == "延長市: Go-live (Family register) R10.3"
    assert en["national.deadline@plans"]["summary"] == "Migration deadline R8.3"


def test_one_calendar_per_municipality(shipped: LintResult) -> None:
    data = build(shipped.plans, shipped.national, shipped.findings)
    files = calendars(data, Options(lang="ja"), stamp=STAMP)
    assert sorted(files) == sorted(f"{Path(p.file).stem}.ics" for p in shipped.plans)
    ube = Calendar.from_ical(files["ube.ics"])
    assert str(ube["X-WR-CALNAME"]) == "標準準拠システム移行計画 — 宇部市"
    uids = set(_events(ube))
    assert "national.deadline@plans" in uids and "352021.all.migration@plans" in uids
    assert {u.split(".")[0] for u in uids} == {"national", "352021"}


def test_the_command_writes_a_file_or_a_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    one = tmp_path / "all.ics"
    r = cli("export", "plans", "--format", "ics", "-o", str(one))
    assert r.code == 0, r.err
    assert len([u for u in _events(one.read_bytes()) if not u.startswith("national.")]) > 19 * 5
    folder = tmp_path / "calendars"
    r = cli("export", "plans", "--format", "ics", "-o", str(folder), "--lang", "en")
    assert r.code == 0, r.err
    assert r.err.strip() == f"wrote 19 calendars to {folder}"
    assert len(list(folder.glob("*.ics"))) == 19
    assert "Migration deadline R8.3" in (folder / "hagi.ics").read_text("utf-8")
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    r = cli("export", "plans", "--format", "ics", "-o", str(blocked))
    assert r.code == 2 and str(blocked) in r.err
