"""A severity as the app shows it in a table cell: its icon in its style (``model.core.severity``)."""

from __future__ import annotations

from rich.text import Text

from model.core.severity import OK_ICON, OK_STYLE, Severity


def icon_text(severity: str | None, after: str = "") -> Text:
    """The icon of ``severity`` (✔ in the OK style for None), ``after`` it in the same style."""
    if severity is None:
        return Text(OK_ICON + after, style=OK_STYLE)
    sev = Severity(severity)
    return Text(sev.icon + after, style=sev.style)
