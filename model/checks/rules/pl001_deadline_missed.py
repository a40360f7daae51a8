"""PL001 deadline-missed: a go-live after the deadline or the business's extended deadline."""

from __future__ import annotations

from model.checks.context import Context
from model.checks.graph import Link, Node
from model.checks.rule import Rule
from model.core.dates import Truth
from model.core.severity import Severity
from model.core.words import Words


def by(cx: Context, link: Link, phase: Node, target: Node, t: Truth) -> None:
    """``phase`` (a go-live) completes after the deadline it must meet."""
    assert phase.date and target.date and link.src[2]
    pid, b = link.src[2], link.src[1]
    deadline = target.date
    extended = deadline is not cx.nat.deadline
    nj, ne = cx.names(pid, b)
    if extended:
        hint_ja, hint_en = "延長期限までに完了する計画にしてください", "plan it within the extended deadline"
    elif b is not None:
        bj, be = cx.nat.business_name(b), cx.nat.business_name(b, "en")
        hint_ja = f"期限までに完了する計画にするか、{bj}が特定移行支援システムなら [business.{b}] に extended_deadline を記載してください"
        hint_en = (
            f"plan it by the deadline, or, if {be} is a declared system, add its extended_deadline under [business.{b}]"
        )
    else:
        hint_ja = "期限までに完了する計画にするか、特定移行支援システムの業務は [business.<業務id>](例 [business.koseki])に extended_deadline を記載してください"
        hint_en = "plan it by the deadline, or give a declared business its extended_deadline under [business.<id>] (e.g. [business.koseki])"
    ja = f"{nj}({phase.date})が{'延長' if extended else ''}期限 {deadline} を過ぎています。{hint_ja}"
    en = f"{ne} ({phase.date}) is after the {'extended ' if extended else ''}deadline {deadline}; {hint_en}"
    cx.add(RULE, t, phase.place, pid, b, Words(ja, en), dates=(phase.date, deadline))


RULE = Rule(
    code="PL001",
    name="deadline-missed",
    severity=Severity.ERROR,
    title=Words(
        "移行完了が期限(R8.3、または特定移行支援システムの延長期限)を過ぎている",
        "Go-live after the deadline (R8.3, or the business's extended deadline)",
    ),
    what=Words(
        "移行完了の予定月が、国の期限 deadline(national.toml)または業務ごとの extended_deadline より後であるかを調べます。",
        "Whether the planned go-live month falls after the national deadline (national.toml) or the business's own extended_deadline.",
    ),
    why=Words(
        "標準化法は令和7年度末(R8.3)までの移行を義務づけています。期限後の移行は、特定移行支援システムとして認められた業務でなければ法令違反の計画です。",
        "The Standardization Act requires migration by the end of FY2025 (R8.3). A later go-live is only lawful for a business declared a specially supported system, with its own deadline.",
    ),
    bad='[phases]\nmigration = "R8.9"',
    good='[phases]\nmigration = "R8.3"\n\n# or, for a declared system:\n[business.koseki]\nmigration = "R9.3"\nextended_deadline = "R13.3"',
    fix=Words(
        "移行完了を期限までに前倒しするか、特定移行支援システムに該当する業務だけを [business.<id>] に分けて extended_deadline を記載してください。",
        "Bring go-live forward to the deadline, or move only the declared business into [business.<id>] with its extended_deadline.",
    ),
    by=by,
)
