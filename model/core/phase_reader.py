"""Reading one table of phases — the plan's ``[phases]``/``[status]``/``[notes]`` or a
``[business.<id>]`` table — into :class:`~model.core.plan.PhaseEntry` records, each problem
at its key or value (the rest of a plan file: :mod:`model.core.plan_reader`)."""

from __future__ import annotations

from typing import Any

from model.core import dates
from model.core.dates import Precision
from model.core.errors import Place
from model.core.plan import STATUSES, PhaseEntry
from model.core.reader import Reader


def read_phase_table(
    r: Reader,
    base: tuple[Any, ...],
    t: dict[str, Any],
    phase_ids: list[str],
    surveyed: dates.Month | None,
    place: Any,
    *,
    need_surveyed: bool,
) -> dict[str, PhaseEntry]:
    """Read phases: at the top level from [phases]/[status]/[notes]; in a business table
    the phase keys sit directly in it, with optional status/notes sub-tables."""
    top = base == ()
    dates_t = t.get("phases", {}) if top else {k: v for k, v in t.items() if k in phase_ids}
    dpath = ("phases",) if top else base
    if top and r.typed(("phases",), dates_t, dict, "[phases]") is None:
        dates_t = {}
    if top:
        r.check_keys(("phases",), dates_t, phase_ids, "[phases]")
    # (an absent or empty [status] / [notes] has nothing to check: skipped without a call)
    status_t = t.get("status", {})
    if "status" in t and r.typed((*base, "status"), status_t, dict, "[status]") is None:
        status_t = {}
    if status_t:
        r.check_keys((*base, "status"), status_t, phase_ids, "[status]")
    notes_t = t.get("notes", {})
    if "notes" in t and r.typed((*base, "notes"), notes_t, dict, "[notes]") is None:
        notes_t = {}
    if notes_t:
        r.check_keys((*base, "notes"), notes_t, phase_ids, "[notes]")

    # this loop runs for every date of a nationwide tree: positions are read from the
    # scanner's table directly (``place`` only when a path has none) and the date kinds are
    # tested on ``precision``; the checks and their order are those of the plain loop
    out: dict[str, PhaseEntry] = {}
    file, pos = r.file, r.pos
    done, na = Precision.DONE, Precision.NA
    for pid in phase_ids:
        in_dates = pid in dates_t
        if not in_dates and pid not in status_t and pid not in notes_t:
            continue
        d = None
        if in_dates:
            where = (*dpath, pid)
            v = dates_t[pid]
            try:  # what r.date does, without its call for a well-written date
                d = dates.parse(v, surveyed=surveyed) if type(v) is str else r.date(where, v, surveyed=surveyed)
            except dates.DateError:
                d = r.date(where, v, surveyed=surveyed)  # parses again and reports it
            if d is not None and d.precision is done and need_surveyed:
                r.err(
                    where,
                    "E007",
                    '「完了」を使うには調査時点 surveyed = "R3.12" が必要です',
                    'using 完了 needs the survey date: add surveyed = "R3.12"',
                )
            if (
                d is not None
                and d.precision is na
                and d.text.strip() == dates.NA_CURRENT_VENDOR
                and pid != "vendor_selection"
            ):
                r.err(
                    where,
                    "E008",
                    "「現行ベンダで標準化」はベンダ選定(vendor_selection)にだけ書けます",
                    "現行ベンダで標準化 is only valid for vendor_selection",
                )
        st = status_t.get(pid) if status_t else None
        if (
            st is not None
            and r.typed((*base, "status", pid), st, str, 'governance = "done"') is not None
            and st not in STATUSES
        ):
            r.err(
                (*base, "status", pid),
                "E008",
                f"状況は {', '.join(STATUSES)} のいずれかです",
                f"status must be one of {', '.join(STATUSES)}",
            )
            st = None
        nt = notes_t.get(pid) if notes_t else None
        if nt is not None and r.typed((*base, "notes", pid), nt, str, 'fit_gap = "..."') is None:
            nt = None
        if not in_dates:
            where = (*base, "status", pid) if pid in status_t else (*base, "notes", pid)
        p = pos.get(where)
        out[pid] = PhaseEntry(
            d,
            st if isinstance(st, str) else None,
            nt,
            Place(file, p.line, p.value_col) if p is not None else place(where),
        )
    return out
