"""What the readers' own English becomes in Japanese: tomllib's syntax errors (E001), the
operating system's reasons (E009), and a business written by its name in ``[progress]``
(E005 with its id)."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.core.national import National
from model.core.os_words import strerror_ja, toml_error_ja
from model.core.plan_reader import read_plan

BASE = 'municipality = "試験町"\nsurveyed = "R3.12"\n\n[phases]\nmigration = "R8.3"\n'


def problems(tmp_path: Path, national: National, text: str, lang: str = "ja") -> list[str]:
    f = tmp_path / "t.toml"
    f.write_text(text, "utf-8")
    return [f"{p.place.line}:{p.place.col}: {p.code} {p.text(lang)}" for p in read_plan(f, national).problems]


def test_a_japanese_key_unquoted_is_told_how_to_write_it(tmp_path: Path, national: National) -> None:
    text = BASE + '\n[progress."2025-05"]\n住民記録 = { "1-12" = "完了済み" }\n'
    (ja,) = problems(tmp_path, national, text)
    assert ja.startswith("8:1: E001 TOMLとして読めません: キー = 値 の形になっていません")
    assert '"住民記録" のように引用符で囲むか' in ja
    (en,) = problems(tmp_path, national, text, "en")
    assert "Invalid statement" in en  # English keeps tomllib's words


def test_a_business_by_its_name_is_given_its_id(tmp_path: Path, national: National) -> None:
    text = BASE + '\n[progress."2025-05"]\n"住民記録" = { "1-12" = "完了済み" }\nkoseki2 = { 1 = "done" }\n'
    got = problems(tmp_path, national, text)
    assert got == [
        "8:1: E005 未知の業務「住民記録」です。住民記録の識別子 juki で書いてください",
        "9:1: E005 未知の業務「koseki2」です。「koseki」(戸籍)ではありませんか",
    ]


@pytest.mark.parametrize(
    ("english", "japanese"),
    [
        ("Unclosed inline table", "インライン表が「}」で閉じていません(1行で書きます)"),
        ("Duplicate inline table key '1'", "インライン表のキー '1' が二度あります"),
        ("Expected newline or end of document after a statement", "1行に書けるのは キー = 値 を1つだけです"),
        ("Something tomllib may say one day", "Something tomllib may say one day"),  # kept, never lost
    ],
)
def test_tomllib_messages_in_japanese(english: str, japanese: str) -> None:
    assert toml_error_ja(english).startswith(japanese)


def test_an_unreadable_file_says_why_in_japanese(tmp_path: Path, national: National) -> None:
    assert strerror_ja("No such file or directory") == "ファイルまたはフォルダがありません"
    assert strerror_ja("Some new reason") == "Some new reason"
    (p,) = read_plan(tmp_path / "missing.toml", national).problems
    assert p.code == "E009" and p.text("ja") == "読めません: ファイルまたはフォルダがありません"
    assert p.text("en") == "cannot read: No such file or directory"
