"""The rule registry: code, kebab-case name, default severity, title and a doc for each rule.

A doc follows ruff's rule pages: what it checks, why it matters, a bad and a good example,
and the fix. ``plans rule CODE`` prints it; each rule has a fixture
``tests/fixtures/rules/<CODE>.toml`` carrying its expected finding.
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITY_ORDER = {"error": 3, "warning": 2, "info": 1}
SEVERITY_JA = {"error": "エラー", "warning": "警告", "info": "情報"}


def lower(severity: str) -> str:
    """One level lower, for a conflict that is only possible (year-only dates)."""
    return {"error": "warning", "warning": "info"}.get(severity, "info")


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: str
    title: str
    title_en: str
    what: str
    what_en: str
    why: str
    why_en: str
    bad: str
    good: str
    fix: str
    fix_en: str

    def doc(self, lang: str = "ja") -> str:
        en = lang == "en"
        head = f"{self.code} {self.name} ({self.severity})"
        parts = [
            head,
            "=" * len(head),
            "",
            self.title_en if en else self.title,
            "",
            "## What it checks" if en else "## 何を調べるか",
            self.what_en if en else self.what,
            "",
            "## Why it matters" if en else "## なぜ重要か",
            self.why_en if en else self.why,
            "",
            "## Example" if en else "## 例",
            "```toml",
            self.bad.strip(),
            "```",
            "",
            "Instead:" if en else "こう直す:",
            "```toml",
            self.good.strip(),
            "```",
            "",
            "## Fix" if en else "## 直し方",
            self.fix_en if en else self.fix,
        ]
        return "\n".join(parts) + "\n"


RULES: dict[str, Rule] = {}


def _rule(**kw: str) -> None:
    r = Rule(**kw)
    assert r.code not in RULES
    RULES[r.code] = r


_rule(
    code="PL001",
    name="deadline-missed",
    severity="error",
    title="移行完了が期限(R8.3、または特定移行支援システムの延長期限)を過ぎている",
    title_en="Go-live after the deadline (R8.3, or the business's extended deadline)",
    what="移行完了の予定月が、国の期限 deadline(national.toml)または業務ごとの extended_deadline より後であるかを調べます。",
    what_en="Whether the planned go-live month falls after the national deadline (national.toml) or the business's own extended_deadline.",
    why="標準化法は令和7年度末(R8.3)までの移行を義務づけています。期限後の移行は、特定移行支援システムとして認められた業務でなければ法令違反の計画です。",
    why_en="The Standardization Act requires migration by the end of FY2025 (R8.3). A later go-live is only lawful for a business declared a specially supported system, with its own deadline.",
    bad='[phases]\nmigration = "R8.9"',
    good='[phases]\nmigration = "R8.3"\n\n# or, for a declared system:\n[business.koseki]\nmigration = "R9.3"\nextended_deadline = "R13.3"',
    fix="移行完了を期限までに前倒しするか、特定移行支援システムに該当する業務だけを [business.<id>] に分けて extended_deadline を記載してください。",
    fix_en="Bring go-live forward to the deadline, or move only the declared business into [business.<id>] with its extended_deadline.",
)
_rule(
    code="PL002",
    name="phase-order",
    severity="error",
    title="フェーズが依存する前のフェーズより先に完了する",
    title_en="A phase completes before a phase it depends on",
    what="各フェーズが、national.toml の依存関係(推進体制→概要調査→比較分析→移行計画→ベンダ選定→移行完了)や [[depends]] で前に来るべきフェーズより前に完了していないかを調べます。同じ月は問題ありません。",
    what_en="Whether a phase completes before one it depends on, per national.toml's edges (governance → survey → fit-gap → plan → vendor selection → go-live) and the plan's [[depends]]. The same month is fine.",
    why="移行計画は比較分析の結果に基づき、ベンダ選定は移行計画に基づきます。順序が逆の計画は、前提のない作業を予定していることになります。",
    why_en="The migration plan rests on the fit-gap analysis, the vendor selection on the plan. A reversed order schedules work without its basis.",
    bad='[phases]\nfit_gap = "R6.3"\nmigration_plan = "R5.9"',
    good='[phases]\nfit_gap = "R5.9"\nmigration_plan = "R6.3"',
    fix="後のフェーズを前のフェーズの完了以降にずらすか、前のフェーズを早く終える計画にしてください。",
    fix_en="Move the later phase after the earlier one, or finish the earlier phase sooner.",
)
_rule(
    code="PL003",
    name="spec-not-published",
    severity="error",
    title="標準仕様書の公表前に比較分析が完了する",
    title_en="Fit-gap analysis completes before the spec it needs is published",
    what="標準仕様との比較分析の完了が、対象業務のグループの標準仕様書(とデータ要件・連携要件)の公表月より前でないかを調べます。",
    what_en="Whether the fit-gap analysis completes before the spec of a business it covers (and the common data requirements) is published.",
    why="比較分析(Fit&Gap)は標準仕様書と現行システムを比べる作業です。仕様書がなければ分析は完了できません。",
    why_en="Fit&Gap compares current systems with the standard spec; it cannot be finished before the spec exists.",
    bad='[phases]\nfit_gap = "R4.6"   # 第2グループの仕様は R4.8',
    good='[phases]\nfit_gap = "R5.3"',
    fix="比較分析の完了を仕様書の公表月以降にしてください。",
    fix_en="Plan the fit-gap analysis to finish after the spec's release month.",
)
_rule(
    code="PL004",
    name="platform-not-ready",
    severity="error",
    title="ベンダの標準準拠パッケージやガバメントクラウドより前に移行が完了する",
    title_en="Go-live before vendor packages or the Government Cloud can exist",
    what="移行完了が、各グループの仕様書公表+ベンダ開発期間(vendor_months、作業仮定)や、ガバメントクラウドの利用開始より前でないかを調べます。",
    what_en="Whether go-live precedes each group's spec release plus vendor development time (vendor_months, a working assumption), or the Government Cloud's availability.",
    why="ベンダは仕様書が出てから標準準拠システムを開発します。製品も基盤もない時点での移行完了は実現できません。",
    why_en="Vendors build compliant packages only after each spec; a go-live before packages or platform exist cannot happen.",
    bad='[phases]\nmigration = "R5.3"',
    good='[phases]\nmigration = "R6.3"',
    fix="移行完了をパッケージ提供・クラウド利用開始以降にしてください。前提が変わった場合は national.toml の作業仮定を更新してください。",
    fix_en="Move go-live after packages and the cloud are available; if the assumption changed, update it in national.toml.",
)
_rule(
    code="PL005",
    name="lead-time-too-short",
    severity="error",
    title="フェーズ間の期間が足りない(ベンダ選定から移行完了まで12か月未満など)",
    title_en="Too little time between phases (under 12 months from vendor selection to go-live, …)",
    what="national.toml の min_months(ベンダ選定→移行完了は12か月、現行ベンダで標準化する場合は移行計画→移行完了が12か月)や [[depends]] の min_months より短い間隔を調べます。",
    what_en="Gaps shorter than the min_months in national.toml (12 months from vendor selection to go-live; from the migration plan when the current vendor standardizes) or in [[depends]].",
    why="データ移行、テスト、研修、条例改正などに最低限の期間が必要です。短すぎる計画は期限直前の失敗につながります。",
    why_en="Data migration, testing, training and by-law changes need a minimum time; a squeezed plan fails at the deadline.",
    bad='[phases]\nvendor_selection = "R7.4"\nmigration = "R8.3"',
    good='[phases]\nvendor_selection = "R7.3"\nmigration = "R8.3"',
    fix="前のフェーズを早めて必要な期間を確保してください(メッセージが期限を示します)。",
    fix_en="Finish the earlier phase sooner to leave the required months (the message gives the date).",
)
_rule(
    code="PL006",
    name="budget-cycle",
    severity="warning",
    title="ベンダ契約の前年度の予算要求(10月頃)までに移行計画ができていない",
    title_en="The migration plan is not ready for the budget request of the contract's year",
    what="ベンダ選定(契約)が年度Nなら、その予算は年度N−1の秋(budget_request_month、既定10月)に要求します。移行計画作成がそれより後でないかを調べます。",
    what_en="A vendor contract in fiscal year N needs money requested in the autumn of N−1 (budget_request_month, October by default); checks that the migration plan is done by then.",
    why="移行計画(調達範囲・方式・スケジュール)がなければ予算の根拠資料が作れず、契約年度に予算がつきません。",
    why_en="Without the plan (scope, procurement, schedule) there is no basis for the budget request, and the contract year has no money.",
    bad='[phases]\nmigration_plan = "R5.12"\nvendor_selection = "R6.6"   # R6年度の契約 → R5.10 に予算要求',
    good='[phases]\nmigration_plan = "R5.9"\nvendor_selection = "R6.6"',
    fix="移行計画作成を予算要求の月までに終えるか、ベンダ選定を翌年度にしてください。補正予算で対応する場合は [[ignore]] に理由を書いてください。",
    fix_en="Finish the plan by the budget month, or select the vendor a year later; if a supplementary budget covers it, suppress with a reason.",
)
_rule(
    code="PL007",
    name="overdue",
    severity="warning",
    title="完了予定を過ぎたのに完了になっていない",
    title_en="A planned completion has passed and the phase is not done",
    what="評価日(--as-of、または national.toml の evaluation_date、なければ今日)時点で完了予定月を過ぎ、status が done でないフェーズを調べます。",
    what_en="Phases whose planned month has passed at the evaluation date (--as-of, national.toml's evaluation_date, or today) without status done.",
    why="遅れは後続のフェーズと期限に波及します。早く気づけば計画を組み直せます。",
    why_en="A slip propagates to later phases and the deadline; seen early, it can be re-planned.",
    bad='[phases]\ngovernance = "R4.1"\n# evaluated at R4.2, no status',
    good='[phases]\ngovernance = "R4.1"\n[status]\ngovernance = "done"',
    fix='完了していれば [status] に done を記録し、未完了なら完了予定を見直してください。',
    fix_en='Record status = "done" if it is done; otherwise re-plan the completion.',
)
_rule(
    code="PL008",
    name="lease-remainder",
    severity="warning",
    title="現行契約(リース)が移行完了より大きく後に終わる(リース残債)",
    title_en="The current contract (lease) ends well after go-live: a lease remainder",
    what="contract_end(計画全体または業務ごと)が移行完了より lease_overlap_months(作業仮定、既定3か月)を超えて後でないかを調べます。",
    what_en="Whether contract_end (plan or business) is more than lease_overlap_months (a working assumption, 3) after go-live.",
    why="移行後も旧システムのリース料を払い続けることになり(リース残債)、費用の扱いは国の補助でも明確でないと資料1が課題に挙げています。",
    why_en="The old system's lease is paid on after go-live (a remainder); the seed names its funding as an open problem.",
    bad='contract_end = "R9.3"\n[phases]\nmigration = "R8.3"',
    good='contract_end = "R8.3"\n[phases]\nmigration = "R8.3"',
    fix="契約終了と移行時期を合わせるか、残債の財源を確保してその理由を [[ignore]] に書いてください。",
    fix_en="Align the contract end with go-live, or fund the remainder and suppress with the reason.",
)
_rule(
    code="PL009",
    name="vendor-strategy-mismatch",
    severity="error",
    title="現行ベンダで標準化する計画なのにベンダ選定日がある(またはその逆)",
    title_en="A current-vendor plan with a vendor-selection date, or the reverse",
    what="vendor_strategy の宣言と、ベンダ選定欄(日付か「現行ベンダで標準化」)が矛盾していないかを調べます。",
    what_en="Whether the declared vendor_strategy contradicts the vendor-selection column (a date, or 現行ベンダで標準化).",
    why="どちらが正しいかで、必要な期間・予算・リードタイムの判定が変わります。",
    why_en="Which one is true changes the lead times, budget and checks that apply.",
    bad='vendor_strategy = "current_vendor"\n[phases]\nvendor_selection = "R6.6"',
    good='vendor_strategy = "current_vendor"\n[phases]\nvendor_selection = "現行ベンダで標準化"',
    fix="どちらか一方に揃えてください。",
    fix_en="Make the two agree.",
)
_rule(
    code="PL010",
    name="missing-date",
    severity="warning",
    title="フェーズの完了予定がない",
    title_en="A phase has no planned completion",
    what="6つのフェーズのうち日付がなく、status が n/a でもないものを調べます。",
    what_en="Any of the six phases with no date and no status n/a.",
    why="日付のないフェーズは期限や順序を確認できず、集計からも漏れます。",
    why_en="An undated phase cannot be checked against order or deadline and drops out of roll-ups.",
    bad='[phases]\ngovernance = "R4.10"\n# current_survey missing',
    good='[phases]\ngovernance = "R4.10"\ncurrent_survey = "R5"',
    fix="年度だけでもよいので完了予定を書くか、対象外なら [status] に n/a と書いてください。",
    fix_en="Write a completion (a fiscal year will do), or status n/a if it does not apply.",
)
_rule(
    code="PL011",
    name="status-contradicts-date",
    severity="warning",
    title="状況(status)と日付が矛盾する",
    title_en="A status that contradicts its date",
    what="「完了」なのに未着手・作業中、評価日より後の予定なのに done、対象外(n/a)なのに日付がある、などを調べます。",
    what_en="完了 with status not_started or in_progress; done with a date after the evaluation date; n/a with a date.",
    why="集計や遅延判定は状況と日付の両方を使います。矛盾はどちらかが古い印です。",
    why_en="Roll-ups and overdue checks use both; a contradiction means one of them is stale.",
    bad='[phases]\nfit_gap = "完了"\n[status]\nfit_gap = "in_progress"',
    good='[phases]\nfit_gap = "完了"\n[status]\nfit_gap = "done"',
    fix="実態に合わせて status か日付を直してください。",
    fix_en="Correct whichever of status and date is stale.",
)
_rule(
    code="PL012",
    name="dependency-cycle",
    severity="error",
    title="依存関係が循環している",
    title_en="Dependencies form a cycle",
    what="[[depends]] と national.toml の依存関係を合わせたグラフに循環がないかを調べ、その経路を示します。",
    what_en="Whether the plan's [[depends]] together with national.toml's edges form a cycle; the path is shown.",
    why="循環する依存関係は満たせる日付が存在せず、余裕(スラック)も計算できません。",
    why_en="No dates satisfy a cycle, and slack cannot be computed.",
    bad='[[depends]]\nphase = "fit_gap"\nafter = "migration_plan"',
    good='[[depends]]\nphase = "migration_plan"\nafter = "fit_gap"',
    fix="経路のどれかの依存関係を削除するか向きを直してください。",
    fix_en="Remove or reverse one dependency on the path.",
)
_rule(
    code="PL013",
    name="unused-suppression",
    severity="warning",
    title="使われていない抑制([[ignore]])",
    title_en="A suppression ([[ignore]]) that suppresses nothing",
    what="[[ignore]] のうち、どの指摘にも当てはまらなかったものを調べます。",
    what_en="[[ignore]] entries that matched no finding.",
    why="計画が直った後に残った抑制は、同じ問題が再発したときにそれを隠します。",
    why_en="A suppression left after the plan was fixed hides the problem when it comes back.",
    bad='[[ignore]]\nrule = "PL006"\nreason = "補正予算"\n# but PL006 no longer fires',
    good="# (remove the [[ignore]])",
    fix="不要になった [[ignore]] を削除してください。",
    fix_en="Delete the [[ignore]].",
)
_rule(
    code="PL014",
    name="extended-deadline-past-limit",
    severity="warning",
    title="延長期限が国の目安(概ね5年、R13.3)を超えている",
    title_en="An extended deadline beyond the national limit (about 5 years, R13.3)",
    what="業務の extended_deadline が national.toml の extended_deadline_limit より後でないかを調べます。",
    what_en="Whether a business's extended_deadline is after national.toml's extended_deadline_limit.",
    why="特定移行支援システムの期限は基本方針で概ね5年以内とされています。",
    why_en="The basic policy gives specially supported systems roughly five more years.",
    bad='[business.koseki]\nextended_deadline = "R15.3"',
    good='[business.koseki]\nextended_deadline = "R13.3"',
    fix="延長期限を目安以内にしてください。",
    fix_en="Keep the extended deadline within the limit.",
)


def get(code: str) -> Rule | None:
    return RULES.get(code.upper())


def by_name(name: str) -> Rule | None:
    for r in RULES.values():
        if r.name == name:
            return r
    return None


def select(spec: list[str] | None, ignore: list[str] | None) -> set[str]:
    """Rule codes enabled by ``--select``/``--ignore`` (codes, prefixes like ``PL00``, or names)."""

    def expand(items: list[str]) -> set[str]:
        out: set[str] = set()
        for item in items:
            for tok in item.split(","):
                tok = tok.strip()
                if not tok:
                    continue
                if tok.upper() == "ALL":
                    out |= set(RULES)
                    continue
                r = by_name(tok)
                if r:
                    out.add(r.code)
                    continue
                hits = {c for c in RULES if c.startswith(tok.upper())}
                if not hits:
                    raise KeyError(tok)
                out |= hits
        return out

    enabled = expand(spec) if spec else set(RULES)
    if ignore:
        enabled -= expand(ignore)
    return enabled
