"""The load codes E001–E010 with their documentation, as the rules have theirs.

A load code names why a file cannot be read as a plan (it is then not checked, and
``plans lint`` exits 2); its words at each place come from the reader
(:class:`model.core.errors.Problem`). Here each code has a page in the shape of a rule's
(``model.checks.registry``): what it means, why it stops the file, a bad and a good
example and the fix. ``plans rule E004`` prints it; ``plans rule --all`` lists it after
the rules. The kebab-case names are ``model.core.errors.LOAD_CODES``.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.core.errors import LOAD_CODES
from model.core.words import Words

_SECTIONS = {
    "what": Words("## 何を調べるか", "## What it checks"),
    "why": Words("## なぜ重要か", "## Why it matters"),
    "example": Words("## 例", "## Example"),
    "instead": Words("こう直す:", "Instead:"),
    "fix": Words("## 直し方", "## Fix"),
}
LOAD_ERROR = Words("読み込みエラー", "load error")


def doc_page(head: str, title: str, what: str, why: str, bad: str, good: str, fix: str, lang: str = "ja") -> str:
    """A documentation page as ``plans rule`` prints it (a rule's or a load code's)."""
    parts = [head, "=" * len(head), "", title, "", _SECTIONS["what"](lang), what, "", _SECTIONS["why"](lang), why, ""]
    parts += [
        _SECTIONS["example"](lang),
        "```toml",
        bad.strip(),
        "```",
        "",
        _SECTIONS["instead"](lang),
        "```toml",
        good.strip(),
        "```",
        "",
    ]
    parts += [_SECTIONS["fix"](lang), fix]
    return "\n".join(parts) + "\n"


@dataclass(frozen=True, slots=True)
class LoadCode:
    code: str
    name: str
    title: Words
    what: Words
    why: Words
    fix: Words
    bad: str
    good: str

    def doc(self, lang: str = "ja") -> str:
        head = f"{self.code} {self.name} ({LOAD_ERROR(lang)})"
        return doc_page(
            head, self.title(lang), self.what(lang), self.why(lang), self.bad, self.good, self.fix(lang), lang
        )


def _code(code: str, title: Words, what: Words, why: Words, fix: Words, bad: str, good: str) -> LoadCode:
    return LoadCode(code, LOAD_CODES[code], title, what, why, fix, bad, good)


_STOPS = Words(
    "読み込めないファイルはチェックされません。1か所の誤りで計画全体の指摘が出なくなるため、CIでは終了コード 2 になります。",
    "A file that cannot be loaded is not checked: one mistake hides every finding of the plan, so CI exits 2.",
)


def _stops_too(why: Words) -> Words:
    return why + Words("", " ") + _STOPS


_CODES = (
    _code(
        "E001",
        Words("TOMLの構文誤り", "TOML syntax error"),
        Words(
            "ファイルがTOMLとして読めるか(引用符・括弧・表の見出し・重複したキー)。",
            "Whether the file is valid TOML (quotes, brackets, table headers, repeated keys).",
        ),
        _STOPS,
        Words(
            '示された行と列の書き方を直してください。文字列の値は "R6.6" のように引用符で囲みます。',
            'Correct the text at the line and column given; a string value is quoted, as in "R6.6".',
        ),
        'municipality = "宇部市\n[phases]\nmigration = R8.3',
        'municipality = "宇部市"\n[phases]\nmigration = "R8.3"',
    ),
    _code(
        "E002",
        Words("未知のキー", "unknown key"),
        Words(
            "表に書けるキーだけが使われているか。綴りの近いキーがあれば候補を示します。",
            "Whether every key is one the table allows; a key spelled close to a known one is suggested.",
        ),
        _stops_too(
            Words(
                "綴り違いのキーは黙って無視されると、その日付や方針がチェックされないまま残ります。",
                "A misspelt key silently ignored would leave its date or strategy unchecked.",
            )
        ),
        Words("示されたキーの綴りを直すか、不要なら削除してください。", "Correct the key's spelling, or delete it."),
        '[phases]\ngoverance = "R4.4"',
        '[phases]\ngovernance = "R4.4"',
    ),
    _code(
        "E003",
        Words("値の型が違う", "wrong type"),
        Words(
            "値が期待される型(文字列・整数・表・配列)か。",
            "Whether a value has the expected type (string, integer, table, array).",
        ),
        _STOPS,
        Words(
            "日付やコードは引用符で囲んだ文字列に、min_months は整数にしてください。",
            "Quote dates and codes as strings; write min_months as an integer.",
        ),
        "code = 352021\n[phases]\nmigration = 2026",
        'code = "352021"\n[phases]\nmigration = "R8.3"',
    ),
    _code(
        "E004",
        Words("日付として読めない", "invalid date"),
        Words(
            "日付が調査の書き方(R6.6、令和6年6月、R6、2024-06、完了、対象外、現行ベンダで標準化)で、実在する月か。",
            "Whether a date is written as the survey writes them (R6.6, 令和6年6月, R6, 2024-06, 完了, 対象外, 現行ベンダで標準化) and is a real month.",
        ),
        _stops_too(
            Words(
                "読めない日付はどの期限とも比べられません。",
                "A date that cannot be read cannot be compared with any deadline.",
            )
        ),
        Words(
            "月は1〜12で書いてください。年度だけなら R6 と書けます(その年度のいずれかの月)。",
            "Write the month as 1–12; a fiscal year alone is written R6 (some month of that year).",
        ),
        '[phases]\nfit_gap = "R4.13"',
        '[phases]\nfit_gap = "R5.3"',
    ),
    _code(
        "E005",
        Words("未知の識別子", "unknown id"),
        Words(
            "業務・フェーズ・国のマイルストーンの識別子が national.toml にあるか([business.x]、[status]、[[depends]]、[[ignore]])。",
            "Whether the ids of businesses, phases and national milestones exist in national.toml ([business.x], [status], [[depends]], [[ignore]]).",
        ),
        _STOPS,
        Words(
            "示された候補の識別子に直してください(使える識別子は national.toml にあります)。",
            "Use the id suggested (the known ids are in national.toml).",
        ),
        '[business.kosekii]\nmigration = "R10.3"',
        '[business.koseki]\nmigration = "R10.3"',
    ),
    _code(
        "E006",
        Words("同じ市町村の計画が2つある", "duplicate municipality"),
        Words(
            "1つの市町村の計画が1ファイルだけか。パス順で最初のファイルが使われ、後のファイルがこのエラーになります。",
            "Whether each municipality has one plan file: the first in sorted path order is used, a later one gets this error.",
        ),
        _stops_too(
            Words(
                "2つの計画のどちらが正しいかは分からず、集計で二重に数えられてしまいます。",
                "Which of two plans is right cannot be told, and roll-ups would count it twice.",
            )
        ),
        Words(
            "どちらか一方のファイルを削除するか、正しい municipality を書いてください。",
            "Delete one of the files, or write the right municipality.",
        ),
        '# a.toml\nmunicipality = "宇部市"\n# b.toml\nmunicipality = "宇部市"',
        '# a.toml\nmunicipality = "宇部市"\n# b.toml\nmunicipality = "萩市"',
    ),
    _code(
        "E007",
        Words("必須のキーがない", "missing key"),
        Words(
            "必須のキー(municipality、[[depends]] の phase と after、完了 を使うときの surveyed など)が書かれているか。",
            "Whether the required keys are there (municipality; phase and after in [[depends]]; surveyed when a date says 完了, …).",
        ),
        _STOPS,
        Words("示されたキーを書き足してください。", "Add the key named."),
        '[phases]\ngovernance = "完了"',
        'surveyed = "R3.12"\n[phases]\ngovernance = "完了"',
    ),
    _code(
        "E008",
        Words("値が使えない", "invalid value"),
        Words(
            "値が許される範囲か(団体コードの検査数字、状況と方針の語、「現行ベンダで標準化」はベンダ選定だけ、など)。",
            "Whether a value is allowed (the code's check digit, the words of status and strategy, 現行ベンダで標準化 only for vendor_selection, …).",
        ),
        _STOPS,
        Words("示された候補の値に直してください。", "Use the value suggested."),
        'code = "352022"',
        'code = "352021"',
    ),
    _code(
        "E009",
        Words("ファイルが読めない", "unreadable file"),
        Words(
            "ファイルが開けて、UTF-8の文字で、NUL文字がなく、大きすぎないか(計画ファイルは数KBです)。",
            "Whether the file can be opened, is UTF-8 text without NUL characters and is not too large (a plan is a few KB).",
        ),
        _STOPS,
        Words(
            "ファイルの権限を確かめ、UTF-8で保存し直してください。計画ファイルでなければ指定から外してください。",
            "Check the file's permissions and save it as UTF-8; if it is not a plan file, leave it out.",
        ),
        '# saved as Shift_JIS\nmunicipality = "宇部市"',
        '# saved as UTF-8\nmunicipality = "宇部市"',
    ),
    _code(
        "E010",
        Words("理由のない抑制", "suppression without a reason"),
        Words("[[ignore]] に reason が書かれているか。", "Whether every [[ignore]] says why (reason)."),
        _stops_too(
            Words(
                "理由のない抑制は、指摘が本当に対処済みか後から確かめられません。",
                "A suppression without a reason cannot be checked later: was the finding really dealt with?",
            )
        ),
        Words('reason = "..." に対処の内容を書いてください。', 'Write what was done in reason = "...".'),
        '[[ignore]]\nrule = "PL006"',
        '[[ignore]]\nrule = "PL006"\nreason = "補正予算(R5.12)で予算措置済み"',
    ),
)

LOAD_DOCS: dict[str, LoadCode] = {c.code: c for c in _CODES}
"""Every load code's page, by code (E001 … E010), named as in ``LOAD_CODES``."""


def get(code_or_name: str) -> LoadCode | None:
    """A load code's page by its code (``E004``, any case) or name (``invalid-date``)."""
    hit = LOAD_DOCS.get(code_or_name.upper())
    return hit if hit is not None else next((c for c in LOAD_DOCS.values() if c.name == code_or_name), None)


__all__ = ["LOAD_DOCS", "LoadCode", "doc_page", "get"]
