"""The app's words in Japanese (default) and English: one catalogue of ``Words``.

Every text the app shows that is not the model's own (findings, rule docs, phase and
business names carry their ``Words``) is an entry here, looked up by key: ``t(key, lang,
**fields)``. A dict keeps a missing translation a test failure, not a silent fallback
(``tests/test_app_main.py`` checks that every entry has both languages with the same
fields, and that every key the app asks for is here). Severity words, icons and styles
come from ``model.core.severity``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from textual.dom import DOMNode

from model.core.words import Words

WORDS: dict[str, Words] = {
    # tabs and panes
    "tab.plan": Words("計画", "Plan"),
    "tab.overview": Words("一覧表", "Overview"),
    "tab.stats": Words("統計", "Stats"),
    "filter.placeholder": Words("絞り込み(/)…", "Filter (/)…"),
    "list.name": Words("市区町村", "Municipality"),
    "list.completion": Words("完了", "Ends"),
    "list.sorted": Words("並び: {by}", "Sort: {by}"),
    "list.loading": Words("読み込み中 {n}/{total}", "Loading {n}/{total}"),
    "list.no_match": Words("該当なし", "No match"),
    "list.rates_month": Words("完了率は {month} 時点", "Done rates at {month}"),
    "plan.none": Words(
        "該当する市区町村がありません(esc で絞り込みを解除)", "No municipality matches the filter (esc clears it)"
    ),
    "no_plan": Words("市区町村が選ばれていません", "No municipality is selected"),
    "sort.code": Words("団体コード", "code"),
    "sort.name": Words("名前(読み)", "name (reading)"),
    "sort.completion": Words("完了予定", "completion"),
    "sort.severity": Words("重大度", "severity"),
    "phases.phase": Words("フェーズ", "Phase"),
    "phases.date": Words("完了予定", "Planned"),
    "phases.interval": Words("期間", "Months"),
    "phases.status": Words("状況", "Status"),
    "phases.slack": Words("余裕", "Slack"),
    "slack.months": Words("{n}か月", "{n} mo"),
    "findings.none": Words("指摘はありません", "No findings"),
    "findings.line": Words("({n}行目)", " (line {n})"),
    "findings.title": Words("指摘 {n}件", "Findings: {n}"),
    "unsaved": Words("● 未保存", "● unsaved"),
    "strategy": Words("ベンダ方針: {s}", "Vendor: {s}"),
    "strategy.current_vendor": Words("現行ベンダ", "current vendor"),
    "strategy.new_vendor": Words("新ベンダ", "new vendor"),
    "strategy.undecided": Words("未定", "undecided"),
    "strategy.clear": Words("指定しない(日付から判断)", "not set (from the dates)"),
    "strategy.title": Words("{m} のベンダ方針", "Vendor strategy of {m}"),
    "status.done": Words("完了済み", "done"),
    "status.in_progress": Words("作業中", "in progress"),
    "status.not_started": Words("未着手", "not started"),
    "status.n/a": Words("対象外", "n/a"),
    "status.none": Words("(未記入)", "(none)"),
    "load.error": Words("読込エラー", "load error"),
    "overview.facts": Words("まとめ", "Roll-up"),
    "overview.hint": Words("行を選ぶとその市区町村を開きます", "Choose a row to open that municipality"),
    # edit modal
    "edit.title": Words("{m} — {p}", "{m} — {p}"),
    "edit.date": Words("完了予定", "Planned completion"),
    "edit.date.help": Words(
        "R4.10・R5(年度)・令和4年10月・2022-10・完了 など。空欄で削除",
        "R4.10, R5 (fiscal year), 令和4年10月, 2022-10, 完了…; blank removes it",
    ),
    "edit.status": Words("状況", "Status"),
    "edit.note": Words("メモ", "Note"),
    "edit.ok": Words("反映 (Enter)", "Apply (Enter)"),
    "edit.cancel": Words("取消 (Esc)", "Cancel (Esc)"),
    "edit.empty": Words("(空欄: この日付を削除)", "(blank: removes this date)"),
    "edit.preview": Words("変更後の指摘:", "After this change:"),
    "edit.preview.here": Words("このフェーズ:", "On this phase:"),
    "edit.preview.clean": Words("このフェーズの指摘: なし", "On this phase: none"),
    "edit.vendor_only": Words(
        "「現行ベンダで標準化」はベンダ選定にだけ書けます", "現行ベンダで標準化 is only valid for vendor selection"
    ),
    # messages
    "saved": Words("{f} を保存しました", "Saved {f}"),
    "nothing_to_save": Words("保存する変更はありません", "Nothing to save"),
    "save.failed": Words(
        "保存できませんでした: {e}。変更はメモリに残っています", "Could not save: {e}. The edit is kept in memory"
    ),
    "undo": Words("元に戻しました: {l}", "Undone: {l}"),
    "redo": Words("やり直しました: {l}", "Redone: {l}"),
    "undo.reload": Words(
        "元に戻しました: ディスクからの読み直し。ディスクの内容とは違うため、保存するときにもう一度確認します",
        "Undone: the reload from disk. The file on disk differs, so saving will ask again",
    ),
    "undo.none": Words("元に戻す操作はありません", "Nothing to undo"),
    "redo.none": Words("やり直す操作はありません", "Nothing to redo"),
    "cannot_edit": Words(
        "この計画は読み込めないため編集できません", "This plan cannot be loaded, so it cannot be edited"
    ),
    "no_phase": Words("フェーズを選んでください", "Choose a phase first"),
    "no_finding": Words("指摘を選んでください", "Choose a finding first"),
    "edit.reload": Words("ディスクからの読み直し", "the reload from disk"),
    "edit.other": Words("変更", "an edit"),
    "edited": Words("{m}: {l}(指摘 {n}件)", "{m}: {l} ({n} findings)"),
    "reloaded": Words(
        "{f} をディスクから読み直しました(ctrl+z で戻せます)", "Reloaded {f} from disk (ctrl+z brings your edit back)"
    ),
    # dialogs
    "quit.title": Words("未保存の変更があります", "There are unsaved changes"),
    "quit.body": Words("{files}\nを保存せずに終了しますか?", "{files}\nQuit without saving?"),
    "quit.save": Words("保存して終了", "Save and quit"),
    "quit.discard": Words("保存せず終了", "Quit without saving"),
    "quit.cancel": Words("戻る", "Back"),
    "ext.title": Words("ファイルがディスク上で変更されました", "The file changed on disk"),
    "ext.body": Words(
        "{f} は読み込んだ後に別のプログラムで変更(または削除)されました。\nどちらを残しますか?",
        "{f} was changed (or deleted) by another program since it was loaded.\nWhich do you keep?",
    ),
    "ext.reload": Words("ディスクの内容を読み直す", "Reload from disk"),
    "ext.overwrite": Words("自分の変更で上書き", "Overwrite with my edit"),
    "ext.cancel": Words("あとで決める", "Decide later"),
    "help.title": Words("キー操作", "Keys"),
    "help.all": Words("全体", "anywhere"),
    "help.list": Words("市区町村一覧", "list"),
    "help.phases": Words("フェーズ", "phases"),
    "help.findings": Words("指摘", "findings"),
    "help.overview": Words("一覧表", "overview"),
    "help.dialogs": Words("ダイアログ", "dialogs"),
    "help.replan": Words("修正案", "re-plan"),
    "help.gantt": Words("ガントチャート", "Gantt"),
    "help.choose": Words("選ぶ", "choose"),
    "help.highlight": Words("そのフェーズを強調", "highlight its phase"),
    "help.type": Words("文字を入力", "type"),
    "help.close": Words("Esc または F1 で閉じる", "Esc or F1 closes"),
    "help.legend": Words("ガントの記号", "Gantt marks"),
    "legend.work": Words("作業期間(完了予定の月まで)", "work, up to the planned month"),
    "legend.uncertain": Words(
        "年度だけの完了予定(その12か月のどこか)", "a fiscal year only: some month of these twelve"
    ),
    "legend.done": Words("完了済み", "done"),
    "legend.national": Words("国の動き(先行事業・ベンダ開発)", "national: pilots, vendor development"),
    "legend.mark": Words("国のマイルストーン・仕様書の公開", "a national milestone, a spec release"),
    "legend.deadline": Words("移行期限(R8.3)", "the deadline (R8.3)"),
    "legend.extended": Words("延長期限(特定移行支援システム)", "an extended deadline"),
    "legend.evaluation": Words("評価日", "the evaluation date"),
    "legend.line": Words(
        "縦線の位置(見出し行: 年度表示では名前つき)", "where a vertical line runs (named at year zoom)"
    ),
    "legend.slack": Words("余裕(か月、マイナスは遅れ)", "slack in months (negative: late)"),
    "rule.close": Words("Esc で閉じる", "Esc closes"),
    # bindings (footer and help)
    "key.quit": Words("終了", "Quit"),
    "key.save": Words("保存", "Save"),
    "key.undo": Words("元に戻す", "Undo"),
    "key.redo": Words("やり直し", "Redo"),
    "key.help": Words("ヘルプ", "Help"),
    "key.filter": Words("絞り込み", "Filter"),
    "key.sort": Words("並び替え", "Sort"),
    "key.edit": Words("編集", "Edit"),
    "key.strategy": Words("ベンダ方針", "Vendor strategy"),
    "key.rule": Words("ルール説明", "Rule doc"),
    "key.overview": Words("一覧表", "Overview"),
    "key.plan": Words("計画", "Plan"),
    "key.stats": Words("統計", "Stats"),
    "key.fix": Words("修正案", "Fix"),
    "key.zoom_in": Words("拡大", "Zoom in"),
    "key.zoom_out": Words("縮小", "Zoom out"),
    "key.zoom_fit": Words("全体を表示", "Fit to width"),
    "key.what_if": Words("試算", "What-if"),
    "help.key.click": Words("クリック", "click"),
    "help.key.hover": Words("ポイント", "hover"),
    "help.key.enter": Words("Enterキー", "enter"),
    "key.palette": Words("コマンド", "Commands"),
    "key.next_pane": Words("次の枠", "Next pane"),
    "key.prev_pane": Words("前の枠", "Previous pane"),
    "key.close": Words("閉じる", "Close"),
    "key.apply": Words("反映", "Apply"),
    "key.open": Words("開く", "Open"),
    "key.clear_filter": Words("絞り込み解除", "Clear filter"),
    # the Gantt chart (its keys: zoom in/out as key.zoom_in / key.zoom_out)
    "gantt.national": Words("国のスケジュール", "National timeline"),
    "gantt.zoom": Words("表示: {z}", "zoom: {z}"),
    "gantt.zoom.month": Words("月", "month"),
    "gantt.zoom.quarter": Words("四半期", "quarter"),
    "gantt.zoom.year": Words("年度", "year"),
    "gantt.line.deadline": Words("期限", "deadline"),
    "gantt.line.extended": Words("延長期限", "extended"),
    "gantt.line.evaluation": Words("評価日", "as of"),
    "gantt.slack": Words("余裕 {n}か月", "slack {n} mo"),
    "gantt.latest": Words("安全な最終月 {m}", "latest safe {m}"),
    "gantt.key.left": Words("左へ", "Scroll left"),
    "gantt.key.right": Words("右へ", "Scroll right"),
    "gantt.key.page_left": Words("左へ1画面", "Page left"),
    "gantt.key.page_right": Words("右へ1画面", "Page right"),
    "gantt.key.previous": Words("前のフェーズ", "Previous phase"),
    "gantt.key.next": Words("次のフェーズ", "Next phase"),
    "gantt.key.expand": Words("業務別", "Per business"),
    "gantt.key.national": Words("国の動き", "National lanes"),
    # the what-if mode
    "whatif.title": Words(
        "試算: 国の日程を動かす(保存されません)", "What-if: move the national timeline (nothing is saved)"
    ),
    "whatif.targets": Words("国の日程 (← → で移動)", "National timeline (← → to move)"),
    "whatif.plans": Words("影響を受ける計画", "Affected plans"),
    "whatif.detail": Words("増減した指摘", "Findings gained and lost"),
    "whatif.item": Words("項目", "item"),
    "whatif.now": Words("現在", "now"),
    "whatif.shifted": Words("変更後", "shifted"),
    "whatif.municipality": Words("市区町村", "municipality"),
    "whatif.summary": Words(
        "{plans}計画中 {plans_gaining}計画で指摘が増加(+{gained})、{plans_losing}計画で減少(−{lost})。指摘 {findings_before} → {findings_after}",
        "{plans_gaining} of {plans} plans gain findings (+{gained}), {plans_losing} lose (−{lost}); findings {findings_before} → {findings_after}",
    ),
    "whatif.hint": Words(
        "← → で選んだ日程を動かすと、影響を受ける計画がここに出ます",
        "Move the selected date with ← → to see the plans it affects",
    ),
    "whatif.key.earlier": Words("1か月前へ", "−1 month"),
    "whatif.key.later": Words("1か月後へ", "+1 month"),
    "whatif.key.reset": Words("元に戻す", "reset"),
    "whatif.key.reset_all": Words("すべて戻す", "reset all"),
    "whatif.key.close": Words("閉じる", "close"),
    # the re-plan preview (f)
    "replan.title": Words("{m} — 修正案(再計画)", "{m} — proposed fix (re-plan)"),
    "replan.phase": Words("フェーズ", "Phase"),
    "replan.before": Words("現在", "Planned"),
    "replan.after": Words("修正案", "Proposed"),
    "replan.kind": Words("種別", "Kind"),
    "replan.safe": Words("✔ 安全", "✔ safe"),
    "replan.go_live": Words("▲ 移行完了が動きます", "▲ a go-live moves"),
    "replan.extended": Words("▲ 延長期限が必要", "▲ needs an extended deadline"),
    "replan.gone": Words("解消する指摘 {n}件", "Findings cleared: {n}"),
    "replan.remain": Words("残る指摘 {n}件", "Findings left: {n}"),
    "replan.new": Words("新たな指摘 {n}件", "Findings brought: {n}"),
    "replan.nothing": Words("なし", "none"),
    "replan.cannot": Words("この修正案は反映できません", "This proposal cannot be applied"),
    "replan.unsafe_hint": Words(
        "安全でない修正です: 反映する前に移行完了の日付を確かめてください",
        "An unsafe fix: check the go-live dates before applying it",
    ),
    "replan.none": Words(
        "{m}: 直す日付はありません(PL001〜PL006 の指摘なし)", "{m}: nothing to re-plan (no PL001-PL006 finding)"
    ),
    "replan.applied": Words("再計画を反映 ({n}か所)", "re-plan applied ({n} dates)"),
    "replan.key.apply": Words("反映", "Apply"),
    "replan.key.close": Words("閉じる", "Close"),
    # the stats tab
    "stats.by_fiscal_year": Words("移行完了(年度別)", "Go-lives by fiscal year"),
    "stats.by_month": Words("移行完了(月別)", "Go-lives by month"),
    "stats.by_strategy": Words("ベンダ方針別", "Plans by vendor strategy"),
    "stats.by_rule": Words("ルール別の指摘", "Findings by rule"),
    # progress: the list's column, the progress view (g), the overview's columns, the stats' chart
    "list.progress": Words("完了率", "Done"),
    "sort.progress": Words("完了率(低い順)", "done rate, lowest first"),
    "progress.business": Words("業務", "Business"),
    "progress.done": Words("完了率", "Done"),
    "progress.in_progress": Words("作業中", "Doing"),
    "progress.not_started": Words("未着手", "To do"),
    "progress.rates": Words(
        "完了率 {done} · 作業中 {in_progress} · 未着手 {not_started}",
        "done {done} · in progress {in_progress} · not started {not_started}",
    ),
    "progress.total": Words("全体({n}システム)", "all {n} systems:"),
    "progress.month": Words("進捗 {month}({i}/{n}、[ ] で月を切替)", "Progress {month} ({i}/{n}; [ ] other months)"),
    "progress.loading": Words("進捗を読み込み中…", "Loading progress…"),
    "progress.loading.month": Words("この月を読み込み中…", "Loading this month…"),
    "progress.none": Words(
        "進捗のスナップショットがありません(progress/ に YYYY-MM.csv を置くか、plans import FILE --progress で取り込めます)",
        "No progress snapshot (put YYYY-MM.csv into progress/, or import one with plans import FILE --progress)",
    ),
    "progress.no_report": Words("{month} に {m} の報告はありません", "no report of {m} at {month}"),
    "progress.no_report.row": Words("報告なし", "no report"),
    "progress.step": Words("ステップ {n} {name}", "step {n} {name}"),
    "progress.first": Words("最初の月です", "This is the first month"),
    "progress.last": Words("最新の月です", "This is the latest month"),
    "rate.done": Words("完了率", "Done"),
    "rate.in_progress": Words("作業中率", "In progress"),
    "rate.not_started": Words("未着手率", "Not started"),
    "stats.progress_total": Words("完了率の推移(全体)", "Done rate over time (all systems)"),
    "stats.progress_prefecture": Words(
        "都道府県別の進捗({month}、推移は {first}〜{last})", "By prefecture ({month}; over {first}–{last})"
    ),
    "stats.progress_loading": Words("(読み込み中 {n}/{total}か月)", "(loading: {n}/{total} months)"),
    "key.progress": Words("進捗", "Progress"),
    "key.month_earlier": Words("前の月", "Month before"),
    "key.month_later": Words("次の月", "Month after"),
    "help.progress": Words("進捗", "progress"),
    "help.progress.cell": Words("セルを選ぶ(ステップ名を表示)", "choose a cell (its step is named)"),
    "help.progress.ends": Words("最初・最後のステップ", "first / last step"),
    "help.progress.rows": Words("最初・最後の業務", "first / last business"),
    "help.progress.glyphs": Words(
        "完了済み / 作業中 / 未着手 / 対象外(記号と色)", "done / in progress / not started / n/a (glyph and colour)"
    ),
    "cmd.progress": Words("view: 進捗", "view: Progress"),
    "cmd.sort_progress": Words("view: 完了率順", "view: Sort by done rate"),
    "cmd.month_earlier": Words("view: 進捗 前の月", "view: Progress, month before"),
    "cmd.month_later": Words("view: 進捗 次の月", "view: Progress, month after"),
    # palette
    "cmd.save": Words("plan: 保存", "plan: Save"),
    "cmd.undo": Words("plan: 元に戻す", "plan: Undo"),
    "cmd.redo": Words("plan: やり直し", "plan: Redo"),
    "cmd.edit": Words("plan: フェーズを編集", "plan: Edit phase"),
    "cmd.strategy": Words("plan: ベンダ方針", "plan: Vendor strategy"),
    "cmd.reload": Words("plan: ディスクから読み直す", "plan: Reload from disk"),
    "cmd.zoom_in": Words("view: 拡大", "view: Zoom in"),
    "cmd.zoom_out": Words("view: 縮小", "view: Zoom out"),
    "cmd.sort_code": Words("view: 団体コード順", "view: Sort by code"),
    "cmd.sort_name": Words("view: 名前順", "view: Sort by name"),
    "cmd.sort_completion": Words("view: 完了予定順", "view: Sort by completion"),
    "cmd.sort_severity": Words("view: 重大度順", "view: Sort by severity"),
    "cmd.overview": Words("view: 一覧表", "view: Overview"),
    "cmd.plan": Words("view: 計画", "view: Plan"),
    "cmd.stats": Words("view: 統計", "view: Stats"),
    "cmd.help": Words("help: キー操作", "help: Keys"),
    "cmd.fix": Words("plan: 修正案(再計画)を見る", "plan: Preview the re-plan"),
    "cmd.whatif": Words("view: 試算(国の日程を動かす)", "view: What-if (move the national timeline)"),
    "cmd.rule": Words("help: 選んだ指摘のルール説明", "help: Rule of the chosen finding"),
    "cmd.open": Words("open: {m}", "open: {m}"),
    "palette.placeholder": Words("コマンドを検索…(例: 保存、並び、宇部)", "Search for commands…"),
    "sys.theme": Words("テーマ", "Theme"),
    "sys.theme.help": Words("画面の配色を変える", "Change the colour theme"),
    "sys.keys": Words("キー操作", "Keys"),
    "sys.keys.help": Words("すべてのキーとガントの記号(F1)", "Every key and the Gantt's marks (F1)"),
    "sys.maximize": Words("最大化", "Maximize"),
    "sys.maximize.help": Words("選んだ枠を画面いっぱいに", "Maximize the focused pane"),
    "sys.minimize": Words("元の大きさ", "Minimize"),
    "sys.minimize.help": Words("最大化した枠を元に戻す", "Restore the maximized pane"),
    "sys.screenshot": Words("スクリーンショット", "Screenshot"),
    "sys.screenshot.help": Words("いまの画面をSVGで保存", "Save the screen as an SVG"),
    "sys.quit": Words("終了", "Quit"),
    "sys.quit.help": Words("アプリを終える(未保存の変更は確認します)", "Quit (asks about unsaved edits)"),
}


def t(key: str, lang: str = "ja", **kw: object) -> str:
    """The words ``key`` in ``lang`` (``ja`` or ``en``), with ``{fields}`` filled from ``kw``."""
    s = WORDS[key](lang)
    return s.format(**kw) if kw else s


def localize_bindings(node: DOMNode, keys: Mapping[str, str], lang: str) -> None:
    """Give ``node`` its own copy of its bindings, each action in ``keys`` (action ->
    catalogue key) described in ``lang`` (the footer and the help show the descriptions)."""
    node._bindings = node._bindings.copy()
    table = node._bindings.key_to_bindings
    for key, bindings in list(table.items()):
        table[key] = [replace(b, description=t(keys[b.action], lang)) if b.action in keys else b for b in bindings]
