"""``plans export --format msproject``: the MSPDI document's structure, checked with
ElementTree (unique UIDs, links to existing tasks, outline nesting, ISO dates, the schema's
element order for the elements written), its content on the shipped plans and on a plan with
business tables.

The published MSPDI schema is in no registry package. The PyPI package ``mpxj`` ships the
JAXB classes MPXJ generates from it; a schema derived from them (``JAXBContext.generateSchema``,
with a global ``Project`` element added) validates the output where ``MSPDI_XSD`` names it and
``xmlschema`` is installed; where ``mpxj`` (with a Java runtime) is installed, MPXJ reads the
file back. Both are skipped otherwise.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import PLANS
from export_fixtures import business_plans

from model.project.lint import LintResult, lint_paths
from model.render.msproject import NS, write_mspdi

N = {"p": NS}
TASK_ORDER = [
    "UID",
    "ID",
    "Name",
    "Active",
    "Manual",
    "Type",
    "IsNull",
    "OutlineNumber",
    "OutlineLevel",
    "Start",
    "Finish",
    "Duration",
    "DurationFormat",
    "Estimated",
    "Milestone",
    "Summary",
    "PercentComplete",
    "ConstraintType",
    "ConstraintDate",
    "Deadline",
    "Notes",
    "PredecessorLink",
    "ManualStart",
    "ManualFinish",
    "ManualDuration",
]
"""The Task elements written, in the order of the MSPDI schema's sequence."""
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")
LAG_MONTH = 432000  # tenths of a minute in an elapsed (30-day) month


@pytest.fixture(scope="module")
def shipped() -> LintResult:
    return lint_paths([PLANS])


def _tasks(xml: bytes) -> list[ET.Element]:
    root = ET.fromstring(xml)
    assert root.tag == f"{{{NS}}}Project"
    return root.findall("p:Tasks/p:Task", N)


def _get(t: ET.Element, tag: str) -> str | None:
    return t.findtext(f"p:{tag}", namespaces=N)


def _lags(t: ET.Element) -> dict[str | None, int]:
    """A task's predecessors: UID -> lag in months."""
    return {
        _get(link, "PredecessorUID"): int(_get(link, "LinkLag") or 0) // LAG_MONTH
        for link in t.findall("p:PredecessorLink", N)
    }


def _by_outline(tasks: list[ET.Element]) -> dict[tuple[str, ...], ET.Element]:
    """Tasks by their path of names (municipality, line, phase …) from the top level."""
    out: dict[tuple[str, ...], ET.Element] = {}
    path: list[str] = []
    for t in tasks:
        level = int(_get(t, "OutlineLevel") or 0)
        path = [*path[: level - 1], str(_get(t, "Name"))] if level else []
        out[tuple(path)] = t
    return out


def check_structure(xml: bytes) -> list[ET.Element]:
    """Every structural rule of an MSPDI task list; returns the tasks."""
    tasks = _tasks(xml)
    uids = [int(_get(t, "UID") or -1) for t in tasks]
    assert len(uids) == len(set(uids)) and uids[0] == 0
    assert [int(_get(t, "ID") or -1) for t in tasks] == list(range(len(tasks)))
    for t in tasks:
        tags = [c.tag.removeprefix(f"{{{NS}}}") for c in t]
        assert [x for x in TASK_ORDER if x in tags] == list(dict.fromkeys(tags)), tags  # schema order
        for link in t.findall("p:PredecessorLink", N):
            pred = int(_get(link, "PredecessorUID") or -1)
            assert pred in uids and pred != int(_get(t, "UID") or -1)
            assert (_get(link, "Type"), _get(link, "LagFormat")) == ("1", "12")
            assert int(_get(link, "LinkLag") or -1) % LAG_MONTH == 0
        for tag in ("Start", "Finish", "ConstraintDate", "Deadline", "ManualStart", "ManualFinish"):
            if (v := _get(t, tag)) is not None:
                assert ISO.match(v), (tag, v)
        start, finish = (
            dt.datetime.fromisoformat(str(_get(t, "Start"))),
            dt.datetime.fromisoformat(str(_get(t, "Finish"))),
        )
        assert start <= finish
        hours = int(re.fullmatch(r"PT(\d+)H0M0S", str(_get(t, "Duration"))).group(1))  # type: ignore[union-attr]
        assert hours == (0 if _get(t, "Milestone") == "1" else ((finish.date() - start.date()).days + 1) * 8)
    # outline: a level at most one below the previous; a summary's children follow it and
    # its dates span theirs; outline numbers say the same
    for i, t in enumerate(tasks):
        level = int(_get(t, "OutlineLevel") or 0)
        number = str(_get(t, "OutlineNumber"))
        assert (level, number) == (0, "0") if i == 0 else number.count(".") + 1 == level
        if i:
            assert level <= int(_get(tasks[i - 1], "OutlineLevel") or 0) + 1
        children = []
        for c in tasks[i + 1 :]:
            cl = int(_get(c, "OutlineLevel") or 0)
            if cl <= level:
                break
            if cl == level + 1:
                children.append(c)
        assert bool(children) == (_get(t, "Summary") == "1"), _get(t, "Name")
        if children:
            assert _get(t, "Start") == min(str(_get(c, "Start")) for c in children)
            assert _get(t, "Finish") == max(str(_get(c, "Finish")) for c in children)
    return tasks


def test_the_shipped_plans(shipped: LintResult) -> None:
    xml = write_mspdi(shipped.plans, shipped.national, shipped.findings)
    tasks = check_structure(xml)
    root = ET.fromstring(xml)
    assert (root.findtext("p:FYStartDate", namespaces=N), root.findtext("p:CalendarUID", namespaces=N)) == ("4", "1")
    assert len(root.findall("p:Calendars/p:Calendar/p:WeekDays/p:WeekDay[p:DayWorking='1']", N)) == 7
    by = _by_outline(tasks)
    top = [p[0] for p in by if len(p) == 1]
    assert top == ["国のスケジュール", *(p.municipality for p in shipped.plans)]
    # national milestones are milestones; the cloud pilots a period
    spec = by[("国のスケジュール", "第2グループ 標準仕様書 R4.8")]
    assert (_get(spec, "Milestone"), _get(spec, "Finish")) == ("1", "2022-08-31T17:00:00")
    assert _get(by[("国のスケジュール", "ガバメントクラウド 先行事業 R3.4–R5.3")], "Milestone") == "0"
    assert _get(by[("国のスケジュール", "移行期限 R8.3")], "Finish") == "2026-03-31T17:00:00"
    # no business tables: municipality › phase; finish on the month's last day, manual
    fit = by[("宇部市", "標準仕様との比較分析 R6.3")]
    assert (_get(fit, "Finish"), _get(fit, "Manual"), _get(fit, "Estimated")) == ("2024-03-31T17:00:00", "1", "0")
    # the go-live must finish on or before the deadline, 12 months after vendor selection
    live = by[("宇部市", "移行完了 R8.3")]
    assert (_get(live, "ConstraintType"), _get(live, "ConstraintDate"), _get(live, "Deadline")) == (
        "7",
        "2026-03-31T17:00:00",
        "2026-03-31T17:00:00",
    )
    lags = _lags(live)
    assert lags[_get(by[("宇部市", "ベンダ選定 R6.6")], "UID")] == 12
    assert lags[_get(by[("国のスケジュール", "ガバメントクラウド 利用開始 R5.4")], "UID")] == 0
    # the plan's order comes from the constraints: fit-gap before the migration plan (PL002 in 宇部市)
    plan = by[("宇部市", "移行計画作成 R5.9")]
    assert _lags(plan) == {_get(fit, "UID"): 0}
    assert "PL002 エラー: 移行計画作成(R5.9)が、前提の標準仕様との比較分析(R6.3)より前" in str(_get(plan, "Notes"))
    # a year-only date: its fiscal year's end, estimated; 完了: done at the survey month
    hirao = by[("平生町", "標準仕様との比較分析 R4")]
    assert (_get(hirao, "Finish"), _get(hirao, "Estimated")) == ("2023-03-31T17:00:00", "1")
    assert str(_get(hirao, "Notes")).startswith("R4: 年度のみ(R4.4〜R5.3)")
    done = by[("下関市", "推進体制の立ち上げ 完了")]
    assert (_get(done, "Finish"), _get(done, "PercentComplete")) == ("2021-12-31T17:00:00", "100")
    # 山口市's overdue 推進体制 (PL007) is that phase's note
    assert "PL007 警告" in str(_get(by[("山口市", "推進体制の立ち上げ R4.1")], "Notes"))


def test_business_tables_extended_deadlines_and_depends(tmp_path: Path) -> None:
    res = lint_paths([business_plans(tmp_path)])
    by = _by_outline(check_structure(write_mspdi(res.plans, res.national, res.findings)))
    assert [p for p in by if p[:1] == ("延長市",) and len(p) == 2] == [("延長市", "全業務"), ("延長市", "戸籍")]
    muni_live = by[("延長市", "全業務", "移行完了 R8.9")]
    assert _get(muni_live, "ConstraintDate") == "2026-03-31T17:00:00"  # R8.3, missed (PL001)
    assert "PL001 エラー" in str(_get(muni_live, "Notes"))
    koseki_live = by[("延長市", "戸籍", "移行完了 R10.3")]
    assert (_get(koseki_live, "Finish"), _get(koseki_live, "ConstraintDate")) == (
        "2028-03-31T17:00:00",
        "2031-03-31T17:00:00",
    )
    # the business line holds every phase of the graph; those it takes from the municipal line say so
    koseki = by[("延長市", "戸籍", "ベンダ選定 R6.6")]
    assert str(_get(koseki, "Notes")).endswith("(全業務の値)")
    assert _lags(koseki_live)[_get(koseki, "UID")] == 12
    # [[depends]]: vendor selection at least 6 months after the basic policy (a national date)
    vs = by[("延長市", "全業務", "ベンダ選定 R6.6")]
    assert _lags(vs)[_get(by[("国のスケジュール", "基本方針 R4.10")], "UID")] == 6
    done = by[("延長市", "全業務", "推進体制の立ち上げ 完了")]
    assert (_get(done, "Finish"), _get(done, "PercentComplete")) == ("2021-12-31T17:00:00", "100")


def test_english(shipped: LintResult) -> None:
    by = _by_outline(_tasks(write_mspdi(shipped.plans, shipped.national, shipped.findings, "en")))
    assert ("National timeline", "Group 2 spec R4.8") in by and ("宇部市", "Fit-gap analysis R6.3") in by


def test_the_command(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "plans.xml"
    r = cli("export", "plans", "--format", "msproject", "-o", str(out))
    assert r.code == 0, r.err
    check_structure(out.read_bytes())
    r = cli("export", "plans", "--format", "msproject")
    assert r.code == 0 and r.out.startswith(
        "<?xml version='1.0' encoding='utf-8'?>\n<Project xmlns=\"http://schemas.microsoft.com/project\">"
    )


XSD = os.environ.get("MSPDI_XSD")


@pytest.mark.skipif(
    not XSD or importlib.util.find_spec("xmlschema") is None, reason="MSPDI_XSD (a schema) and xmlschema not available"
)
def test_valid_against_the_schema(shipped: LintResult, tmp_path: Path) -> None:
    import xmlschema

    res = lint_paths([business_plans(tmp_path)])
    schema = xmlschema.XMLSchema(XSD)
    for xml in (
        write_mspdi(shipped.plans, shipped.national, shipped.findings),
        write_mspdi(res.plans, res.national, res.findings, "en"),
    ):
        errors = [f"{e.path}: {e.reason}" for e in schema.iter_errors(xml.decode("utf-8"))]
        assert not errors, errors[:5]


@pytest.mark.skipif(importlib.util.find_spec("mpxj") is None, reason="mpxj (MPXJ with a Java runtime) not installed")
def test_mpxj_reads_it_back(shipped: LintResult, tmp_path: Path) -> None:
    import jpype
    import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)

    if not jpype.isJVMStarted():
        jpype.startJVM()
    from org.mpxj.reader import UniversalProjectReader  # type: ignore[import-not-found]

    path = tmp_path / "plans.xml"
    path.write_bytes(write_mspdi(shipped.plans, shipped.national, shipped.findings))
    tasks = {str(t.getName()): t for t in UniversalProjectReader().read(str(path)).getTasks()}
    live = tasks["移行完了 R8.3"]
    assert (
        str(live.getConstraintType()) == "FINISH_NO_LATER_THAN" and str(live.getConstraintDate()) == "2026-03-31T17:00"
    )
    assert {str(r.getLag()) for r in live.getPredecessors()} >= {"12.0emo"}
    assert bool(tasks["第2グループ 標準仕様書 R4.8"].getMilestone())
