"""The app's keys in words: what each binding of the app does (footer and help, in the
app's language) and the rows of the F1 table, built from the live bindings so the list
cannot drift from the keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.i18n import t

if TYPE_CHECKING:
    from tui.app.app import PlansApp

# action -> catalogue key of its description (footer, help)
DESCRIPTIONS = {
    "quit": "key.quit", "save": "key.save", "undo": "key.undo", "redo": "key.redo",
    "help": "key.help", "filter": "key.filter", "sort": "key.sort", "edit": "key.edit",
    "vendor_strategy": "key.strategy", "rule_doc": "key.rule", "show_tab('overview')": "key.overview",
    "show_tab('plan')": "key.plan", "zoom_in": "key.zoom_in", "zoom_out": "key.zoom_out",
    "command_palette": "key.palette", "what_if": "key.what_if",
}  # fmt: skip

# (where, key, what) of the panes' own keys, as catalogue keys (the key itself: as shown)
PANE_KEYS = [
    ("help.list", "↑ ↓ / click", "help.choose"),
    ("help.list", None, "key.filter"),  # None: "type" in words
    ("help.list", "esc", "key.clear_filter"),
    ("help.phases", "↑ ↓", "help.choose"),
    ("help.phases", "enter / click", "key.edit"),
    ("help.findings", "↑ ↓ / click", "help.highlight"),
    ("help.findings", "r", "key.rule"),
    ("help.overview", "enter / click", "key.open"),
]


def key_rows(app: PlansApp) -> list[tuple[str, str, str]]:
    """(where, key, what) for every key: the app's bindings (as the footer shows them), the
    panes' keys, the Gantt's own bindings and the dialogs'."""
    lang = app.lang
    rows: list[tuple[str, str, str]] = []
    for bindings in app._bindings.key_to_bindings.values():
        for b in bindings:
            if b.action in DESCRIPTIONS:
                rows.append((t("help.all", lang), app.get_key_display(b), b.description))
    rows += [(t(where, lang), key or t("help.type", lang), t(what, lang)) for where, key, what in PANE_KEYS]
    gantt = app.main.gantt
    for bindings in gantt._bindings.key_to_bindings.values():
        for b in bindings:
            if b.description:
                rows.append(("Gantt", app.get_key_display(b), b.description))
    rows += [
        (t("help.dialogs", lang), "enter / esc", f"{t('key.apply', lang)} / {t('key.close', lang)}"),
        (t("help.all", lang), "tab / shift+tab", f"{t('key.next_pane', lang)} / {t('key.prev_pane', lang)}"),
    ]
    return rows
