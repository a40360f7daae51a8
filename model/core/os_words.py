"""Japanese for the English texts that Python's readers give: tomllib's syntax errors and the
operating system's ``strerror``. Written by hand: tomllib and the C library ship no Japanese
catalogue, and a planner reading ``E001 TOMLとして読めません: Invalid statement`` is not told
what to change. A text not listed stays as it is (English), never lost."""

from __future__ import annotations

import re

_TOML: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(f"^{pattern}$"), ja)
    for pattern, ja in (
        (
            r"Invalid statement",
            'キー = 値 の形になっていません(日本語のキーは "住民記録" のように引用符で囲むか、識別子で書きます)',
        ),
        (r"Expected '=' after a key in a key/value pair", "キーの後に「=」がありません"),
        (r"Expected ']' at the end of a table declaration", "表の見出しが「]」で閉じていません"),
        (r"Expected ']]' at the end of an array declaration", "[[…]] の見出しが「]]」で閉じていません"),
        (r"Invalid value", '値として読めません(文字列は "R4.10" のように引用符で囲みます)'),
        (r"Invalid initial character for a key part", "キーの最初の文字が使えません"),
        (r"Unclosed array", "配列が「]」で閉じていません"),
        (r"Unclosed inline table", "インライン表が「}」で閉じていません(1行で書きます)"),
        (r"Unterminated string", "文字列の引用符が閉じていません"),
        (r"Unescaped '\\' in a string", "文字列の中の「\\」はエスケープが要ります(「\\\\」と書くか '…' で囲みます)"),
        (r"Invalid date or datetime", '日付として読めません(計画の日付は "R4.10" のように引用符で囲みます)'),
        (r"Invalid hex value", "16進のエスケープが正しくありません"),
        (r"Escaped character is not a Unicode scalar value", "エスケープした文字が Unicode の文字ではありません"),
        (r"Cannot overwrite a value", "同じキーに値を二度書いています"),
        (r"Cannot declare (?P<key>.+) twice", "{key} を二度宣言しています"),
        (r"Cannot redefine namespace (?P<key>.+)", "{key} を別の形で定義し直しています"),
        (r"Cannot mutate immutable namespace (?P<key>.+)", "{key} はインライン表か配列なので、後から足せません"),
        (r"Duplicate inline table key (?P<key>.+)", "インライン表のキー {key} が二度あります"),
        (r"Found invalid character (?P<key>.+)", "使えない文字 {key} があります"),
        (r"Illegal character (?P<key>.+)", "使えない文字 {key} があります"),
        (
            r"Expected newline or end of document after a statement",
            "1行に書けるのは キー = 値 を1つだけです(値の後に余分な文字があります)",
        ),
        (r"Expected (?P<key>.+)", "{key} が要ります"),
    )
)

_STRERROR = {
    "No such file or directory": "ファイルまたはフォルダがありません",
    "Permission denied": "読み書きの権限がありません",
    "Is a directory": "フォルダです",
    "Not a directory": "フォルダではありません",
    "Too many levels of symbolic links": "シンボリックリンクが循環しています",
    "File name too long": "ファイル名が長すぎます",
    "No space left on device": "ディスクの空きがありません",
    "Read-only file system": "読み取り専用のファイルシステムです",
    "not a regular file (a folder, FIFO or device)": "通常のファイルではありません(フォルダ、FIFO、デバイス)",
    "not UTF-8 text": "UTF-8 の文字列ではありません",
}


def toml_error_ja(msg: str) -> str:
    """tomllib's message in Japanese (as it is when not known)."""
    for pattern, ja in _TOML:
        if m := pattern.match(msg):
            return ja.replace("{key}", m["key"]) if "key" in m.groupdict() else ja
    return msg


def strerror_ja(strerror: str | None) -> str:
    """An OSError's ``strerror`` in Japanese (as it is when not known; "?" when there is none)."""
    if strerror is None:
        return "?"
    return _STRERROR.get(strerror, strerror)


__all__ = ["strerror_ja", "toml_error_ja"]
