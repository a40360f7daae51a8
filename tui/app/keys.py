"""The app's keys in words: what each binding of the app does (footer and help, in the
app's language) and the rows of the F1 table, built from the live bindings so the list
cannot drift from the keys: one row per action, with every key that runs it, and the
legend of the Gantt's marks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.i18n import t
from tui.app.widgets.gantt import DESCRIPTIONS as GANTT_DESCRIPTIONS

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from tui.app.app import PlansApp

# action -> catalogue key of its description (footer, help)
DESCRIPTIONS = {
    "quit": "key.quit", "save": "key.save", "undo": "key.undo", "redo": "key.redo",
    "help": "key.help", "filter": "key.filter", "sort": "key.sort", "edit": "key.edit",
    "vendor_strategy": "key.strategy", "rule_doc": "key.rule", "show_tab('overview')": "key.overview",
    "show_tab('plan')": "key.plan", "show_tab('stats')": "key.stats", "zoom_in": "key.zoom_in",
    "zoom_out": "key.zoom_out", "command_palette": "key.palette", "what_if": "key.what_if",
    "fix_preview": "key.fix", "progress": "key.progress", "progress_month(-1)": "key.month_earlier",
    "progress_month(1)": "key.month_later",
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
    ("help.progress", "← → ↑ ↓ / click / hover", "help.progress.cell"),
    ("help.progress", "home / end", "help.progress.ends"),
    ("help.progress", "pgup / pgdn", "help.progress.rows"),
    ("help.progress", "● ◐ · -", "help.progress.glyphs"),
    ("help.replan", "enter", "replan.key.apply"),
    ("help.replan", "esc", "replan.key.close"),
]

# the Gantt's marks: (glyph as drawn, catalogue key of what it means)
LEGEND = [
    ("█", "legend.work"), ("░", "legend.uncertain"), ("▓", "legend.done"), ("▒", "legend.national"),
    ("◆", "legend.mark"), ("┃", "legend.deadline"), ("╏", "legend.extended"), ("┊", "legend.evaluation"),
    ("▼", "legend.line"), ("+7 / -5", "legend.slack"),
]  # fmt: skip


def _rows_of(
    app: PlansApp, node: DOMNode, where: str, described: dict[str, str], skip: frozenset[str] = frozenset()
) -> list[tuple[str, str, str]]:
    """One row per action of ``node``'s bindings that ``described`` names: every key of it."""
    keys: dict[str, list[str]] = {}
    what: dict[str, str] = {}
    for bindings in node._bindings.key_to_bindings.values():
        for b in bindings:
            if b.action in described and b.action not in skip:
                display = app.get_key_display(b)  # a binding of several keys shows one display
                keys.setdefault(b.action, [])
                if display not in keys[b.action]:
                    keys[b.action].append(display)
                what[b.action] = b.description
    return [(where, " / ".join(keys[a]), what[a]) for a in keys]


def key_words(key: str | None, lang: str) -> str:
    """A pane key as the help lists it, its words in the UI's language (クリック, not click);
    None: typing, in words."""
    if key is None:
        return t("help.type", lang)
    words = {"click": t("help.key.click", lang), "hover": t("help.key.hover", lang), "enter": t("help.key.enter", lang)}
    return " ".join(words.get(part, part) for part in key.split(" "))


def key_rows(app: PlansApp) -> list[tuple[str, str, str]]:
    """(where, keys, what) for every action: the app's bindings (as the footer shows them),
    the panes' keys, the Gantt's own (those the app also binds once, under the app's), the
    dialogs' and the legend of the Gantt's marks."""
    lang = app.lang
    rows = _rows_of(app, app, t("help.all", lang), DESCRIPTIONS)
    rows += [(t(where, lang), key_words(key, lang), t(what, lang)) for where, key, what in PANE_KEYS]
    rows += _rows_of(app, app.main.gantt, t("help.gantt", lang), GANTT_DESCRIPTIONS, skip=frozenset(DESCRIPTIONS))
    rows += [
        (t("help.dialogs", lang), key_words("enter / esc", lang), f"{t('key.apply', lang)} / {t('key.close', lang)}"),
        (t("help.all", lang), "tab / shift+tab", f"{t('key.next_pane', lang)} / {t('key.prev_pane', lang)}"),
    ]
    rows += [(t("help.legend", lang), glyph, t(what, lang)) for glyph, what in LEGEND]
    return rows
