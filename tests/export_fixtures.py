"""A plans folder for the calendar-like exports (MS Project, iCalendar, Mermaid): one plan
with a business table and an extended deadline, a year-only date, a phase done (完了), a go-live
after the deadline (PL001) and a [[depends]] on a national date."""

from __future__ import annotations

from pathlib import Path

from conftest import NATIONAL

BUSINESS_PLAN = """\
municipality = "延長市"
code = "352021"
surveyed = "R3.12"

[phases]
governance = "完了"
current_survey = "R4.9"
fit_gap = "R5"
migration_plan = "R6.3"
vendor_selection = "R6.6"
migration = "R8.9"

[business.koseki]
migration = "R10.3"
extended_deadline = "R13.3"

[[depends]]
phase = "vendor_selection"
after = "policy.basic"
min_months = 6
"""


def business_plans(tmp_path: Path) -> Path:
    """A folder holding national.toml and ``encho.toml`` (:data:`BUSINESS_PLAN`)."""
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "national.toml").write_text(NATIONAL.read_text("utf-8"), encoding="utf-8")
    (folder / "encho.toml").write_text(BUSINESS_PLAN, encoding="utf-8")
    return folder
