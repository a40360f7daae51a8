"""The app's words in Japanese (default) and English.

A plain table rather than gettext: the app has a few dozen strings, two languages and no
translators' workflow, and a dict keeps a missing translation a test failure, not a
silent fallback (``tests/test_app_main.py`` checks every key has both)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # tabs and panes
    "tab.plan": ("計画", "Plan"),
    "tab.overview": ("一覧表", "Overview"),
    "filter.placeholder": ("絞り込み(/)…", "Filter (/)…"),
    "list.name": ("市町", "Municipality"),
    "list.completion": ("完了", "Ends"),
    "list.findings": ("指摘", "Issues"),
    "list.sorted": ("並び: {by}", "Sort: {by}"),
    "list.loading": ("読み込み中 {n}/{total}", "Loading {n}/{total}"),
    "sort.code": ("団体コード", "code"),
    "sort.name": ("名前", "name"),
    "sort.completion": ("完了予定", "completion"),
    "sort.severity": ("重大度", "severity"),
    "phases.phase": ("フェーズ", "Phase"),
    "phases.date": ("完了予定", "Planned"),
    "phases.interval": ("期間", "Months"),
    "phases.status": ("状況", "Status"),
    "phases.slack": ("余裕", "Slack"),
    "phases.business": ("業務", "Business"),
    "phases.all": ("全体", "all"),
    "slack.months": ("{n}か月", "{n} mo"),
    "findings.none": ("指摘はありません", "No findings"),
    "findings.line": ("({n}行目)", " (line {n})"),
    "findings.title": ("指摘 {n}件", "Findings: {n}"),
    "gantt.placeholder": ("ガントチャート(準備中)", "Gantt chart (coming)"),
    "unsaved": ("● 未保存", "● unsaved"),
    "strategy": ("ベンダ方針: {s}", "Vendor: {s}"),
    "strategy.current_vendor": ("現行ベンダ", "current vendor"),
    "strategy.new_vendor": ("新ベンダ", "new vendor"),
    "strategy.undecided": ("未定", "undecided"),
    "strategy.clear": ("指定しない(日付から判断)", "not set (from the dates)"),
    "strategy.title": ("{m} のベンダ方針", "Vendor strategy of {m}"),
    "status.done": ("完了済み", "done"),
    "status.in_progress": ("作業中", "in progress"),
    "status.not_started": ("未着手", "not started"),
    "status.n/a": ("対象外", "n/a"),
    "status.none": ("(未記入)", "(none)"),
    "load.error": ("読込エラー", "load error"),
    "overview.facts": ("まとめ", "Roll-up"),
    "overview.hint": ("行を選ぶとその市町を開きます", "Choose a row to open that municipality"),
    # edit modal
    "edit.title": ("{m} — {p}", "{m} — {p}"),
    "edit.date": ("完了予定", "Planned completion"),
    "edit.date.help": ("R4.10・R5(年度)・令和4年10月・2022-10・完了 など。空欄で削除", "R4.10, R5 (fiscal year), 令和4年10月, 2022-10, 完了…; blank removes it"),
    "edit.status": ("状況", "Status"),
    "edit.note": ("メモ", "Note"),
    "edit.ok": ("反映 (Enter)", "Apply (Enter)"),
    "edit.cancel": ("取消 (Esc)", "Cancel (Esc)"),
    "edit.empty": ("(空欄: この日付を削除)", "(blank: removes this date)"),
    "edit.preview": ("変更後の指摘:", "After this change:"),
    "edit.preview.here": ("このフェーズ:", "On this phase:"),
    "edit.preview.clean": ("このフェーズの指摘: なし", "On this phase: none"),
    "edit.invalid": ("✖ {e}", "✖ {e}"),
    # messages
    "saved": ("{f} を保存しました", "Saved {f}"),
    "nothing_to_save": ("保存する変更はありません", "Nothing to save"),
    "save.failed": ("保存できませんでした: {e}。変更はメモリに残っています", "Could not save: {e}. The edit is kept in memory"),
    "undo": ("元に戻しました: {l}", "Undone: {l}"),
    "redo": ("やり直しました: {l}", "Redone: {l}"),
    "undo.none": ("元に戻す操作はありません", "Nothing to undo"),
    "redo.none": ("やり直す操作はありません", "Nothing to redo"),
    "cannot_edit": ("この計画は読み込めないため編集できません", "This plan cannot be loaded, so it cannot be edited"),
    "no_phase": ("フェーズを選んでください", "Choose a phase first"),
    "no_finding": ("指摘を選んでください", "Choose a finding first"),
    "edited": ("{m}: {l}(指摘 {n}件)", "{m}: {l} ({n} findings)"),
    "reloaded": ("{f} をディスクから読み直しました(ctrl+z で戻せます)", "Reloaded {f} from disk (ctrl+z brings your edit back)"),
    # dialogs
    "quit.title": ("未保存の変更があります", "There are unsaved changes"),
    "quit.body": ("{files}\nを保存せずに終了しますか?", "{files}\nQuit without saving?"),
    "quit.save": ("保存して終了", "Save and quit"),
    "quit.discard": ("保存せず終了", "Quit without saving"),
    "quit.cancel": ("戻る", "Back"),
    "ext.title": ("ファイルがディスク上で変更されました", "The file changed on disk"),
    "ext.body": (
        "{f} は読み込んだ後に別のプログラムで変更(または削除)されました。\nどちらを残しますか?",
        "{f} was changed (or deleted) by another program since it was loaded.\nWhich do you keep?",
    ),
    "ext.reload": ("ディスクの内容を読み直す", "Reload from disk"),
    "ext.overwrite": ("自分の変更で上書き", "Overwrite with my edit"),
    "ext.cancel": ("あとで決める", "Decide later"),
    "help.title": ("キー操作", "Keys"),
    "help.all": ("全体", "anywhere"),
    "help.list": ("市町一覧", "list"),
    "help.phases": ("フェーズ", "phases"),
    "help.findings": ("指摘", "findings"),
    "help.overview": ("一覧表", "overview"),
    "help.dialogs": ("ダイアログ", "dialogs"),
    "help.choose": ("選ぶ", "choose"),
    "help.highlight": ("そのフェーズを強調", "highlight its phase"),
    "help.type": ("文字を入力", "type"),
    "help.close": ("Esc または F1 で閉じる", "Esc or F1 closes"),
    "rule.close": ("Esc で閉じる", "Esc closes"),
    # bindings (footer and help)
    "key.quit": ("終了", "Quit"),
    "key.save": ("保存", "Save"),
    "key.undo": ("元に戻す", "Undo"),
    "key.redo": ("やり直し", "Redo"),
    "key.help": ("ヘルプ", "Help"),
    "key.filter": ("絞り込み", "Filter"),
    "key.sort": ("並び替え", "Sort"),
    "key.edit": ("編集", "Edit"),
    "key.strategy": ("ベンダ方針", "Vendor strategy"),
    "key.rule": ("ルール説明", "Rule doc"),
    "key.overview": ("一覧表", "Overview"),
    "key.plan": ("計画", "Plan"),
    "key.zoom_in": ("拡大", "Zoom in"),
    "key.zoom_out": ("縮小", "Zoom out"),
    "key.what_if": ("What-if", "What-if"),
    "key.palette": ("コマンド", "Commands"),
    "key.next_pane": ("次の枠", "Next pane"),
    "key.prev_pane": ("前の枠", "Previous pane"),
    "key.close": ("閉じる", "Close"),
    "key.apply": ("反映", "Apply"),
    "key.open": ("開く", "Open"),
    "key.clear_filter": ("絞り込み解除", "Clear filter"),
    # palette
    "cmd.save": ("plan: 保存", "plan: Save"),
    "cmd.undo": ("plan: 元に戻す", "plan: Undo"),
    "cmd.redo": ("plan: やり直し", "plan: Redo"),
    "cmd.edit": ("plan: フェーズを編集", "plan: Edit phase"),
    "cmd.strategy": ("plan: ベンダ方針", "plan: Vendor strategy"),
    "cmd.reload": ("plan: ディスクから読み直す", "plan: Reload from disk"),
    "cmd.zoom_in": ("view: 拡大", "view: Zoom in"),
    "cmd.zoom_out": ("view: 縮小", "view: Zoom out"),
    "cmd.sort_name": ("view: 名前順", "view: Sort by name"),
    "cmd.sort_completion": ("view: 完了予定順", "view: Sort by completion"),
    "cmd.sort_severity": ("view: 重大度順", "view: Sort by severity"),
    "cmd.overview": ("view: 一覧表", "view: Overview"),
    "cmd.plan": ("view: 計画", "view: Plan"),
    "cmd.help": ("help: キー操作", "help: Keys"),
    "cmd.rule": ("help: 選んだ指摘のルール説明", "help: Rule of the chosen finding"),
    "cmd.open": ("open: {m}", "open: {m}"),
}

SEVERITY_ICON = {"error": "✖", "warning": "▲", "info": "●", None: "✔"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan", None: "green"}
SEVERITY_WORD = {
    "error": ("エラー", "error"),
    "warning": ("警告", "warning"),
    "info": ("情報", "info"),
}


def t(key: str, lang: str = "ja", **kw: object) -> str:
    """The string ``key`` in ``lang`` (``ja`` or ``en``), formatted with ``kw``."""
    ja, en = STRINGS[key]
    s = en if lang == "en" else ja
    return s.format(**kw) if kw else s


def severity_word(sev: str, lang: str = "ja") -> str:
    ja, en = SEVERITY_WORD[sev]
    return en if lang == "en" else ja
