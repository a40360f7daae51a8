"""A JSON Schema (draft-04, the draft taplo and "Even Better TOML" read) of a plan file.

Built from the national timeline, so phase keys, business ids and statuses always match
what ``plans lint`` accepts. An editor that knows the schema underlines a misspelt phase,
an unknown business or a date that is not a planner's date while the planner types; the
full checks (check digits, era boundaries, the rules) stay with ``plans lint``.

Written for the validators editors and CI use, not only Python's:

- every pattern is an ECMA-262 regular expression valid in unicode mode (ajv, VS Code,
  check-jsonschema's ``regress``; no identity escapes such as ``\\-``), checked in
  ``tests/test_schema_ecma.py``;
- a date is one of a few short shapes (``anyOf``), each with a description, so a wrong
  date reads "not valid under any of the given schemas" at its key rather than a 400-character
  regex; ``errorMessage`` (ajv-errors, VS Code) and ``patternErrorMessage`` (VS Code) say what
  to write;
- enum values carry descriptions (``enumDescriptions`` for VS Code, and in ``description``
  for the rest): statuses, vendor strategies, rule codes, the ids ``[[depends]]`` may name;
- shared parts are written once under ``definitions`` and referenced with ``$ref``.

Put ``#:schema ../schema/plan.schema.json`` on the first line of a plan to use it.
"""

from __future__ import annotations

import json
from typing import Any

from model.checks.registry import RULES
from model.core.dates import DONE_WORDS, NA_WORDS
from model.core.national import National
from model.core.plan import STATUSES, STRATEGIES
from model.core.words import Words

SCHEMA_URI = "http://json-schema.org/draft-04/schema#"
SCHEMA_ID = "https://plans.invalid/schema/plan.schema.json"

_D = "[0-9０-９]"  # ASCII or full-width digits (the loader folds them with NFKC)
_S = r"[\s　]*"  # spaces, including the ideographic space
_YEAR = f"(?:{_D}{{1,2}}|元)"
_SEP = f"{_S}[./．／]{_S}"

DATE_SHAPES: tuple[tuple[str, Words], ...] = (
    (
        f"[RrHhＲＨｒｈ]{_S}{_YEAR}(?:{_SEP}{_D}{{1,2}})?",
        Words("和暦の年月・年度: R4.10, R5, H31.4", "era month or fiscal year: R4.10, R5, H31.4"),
    ),
    (f"[RrHhＲＨｒｈ]{_S}{_YEAR}{_S}年度", Words("和暦の年度: R5年度", "era fiscal year: R5年度")),
    (
        f"(?:令和|平成){_S}{_YEAR}{_S}年(?:{_S}{_D}{{1,2}}{_S}月|度)",
        Words("令和4年10月, 令和5年度", "令和4年10月 (month), 令和5年度 (fiscal year)"),
    ),
    (
        f"{_D}{{4}}{_S}[-/.－／．]{_S}{_D}{{1,2}}",
        Words("西暦の年月: 2022-10, 2022/4", "year and month: 2022-10, 2022/4"),
    ),
    (f"{_D}{{4}}{_S}年{_S}{_D}{{1,2}}{_S}月", Words("西暦の年月: 2022年10月", "year and month: 2022年10月")),
    (f"{_D}{{4}}{_S}年度", Words("西暦の年度: 2023年度", "fiscal year: 2023年度")),
    (f"[Ff][Yy]{_S}{_D}{{4}}", Words("年度: FY2023", "fiscal year: FY2023")),
)
"""Every date shape :func:`model.core.dates.parse` reads (the shape only: ``R4.13`` matches and
``plans lint`` reports the month), with what it is; the words (完了, …) come after them."""

DATE_HELP = Words(
    "計画の日付を書いてください: R4.10 (年月)、R5 (年度)、令和4年10月、2022-10、FY2023、完了、現行ベンダで標準化 (ベンダ選定)。"
    "「-」や「対象外」は日付ではありません (対象外のフェーズは [status] に n/a)",
    "write a plan date: R4.10 (month), R5 (fiscal year), 令和4年10月, 2022-10, FY2023, 完了 (done), "
    "現行ベンダで標準化 (vendor selection: the current vendor); '-' or 対象外 is not a date (a phase that does not apply: n/a in [status])",
)
NOT_A_DATE = Words(
    "日付ではありません: R4.10、R5、令和4年10月、2022-10、FY2023、完了 などと書きます",
    "not a plan date: write R4.10, R5, 令和4年10月, 2022-10, FY2023, 完了, …",
)
"""What an editor says at a wrong date (VS Code's ``patternErrorMessage`` on each shape)."""
STATUS_WORDS = {
    "done": Words("完了済み (日付が予定でも完了として扱う)", "done (the phase is finished whatever its date says)"),
    "in_progress": Words("作業中", "in progress"),
    "not_started": Words("未着手", "not started"),
    "n/a": Words("対象外 (このフェーズは行わない)", "not applicable (the phase is not done at all)"),
}
STRATEGY_WORDS = {
    "current_vendor": Words(
        "現行ベンダの標準準拠システムへ移行 (ベンダ選定は「現行ベンダで標準化」)",
        "the current vendor's standard-compliant system (vendor selection: 現行ベンダで標準化)",
    ),
    "new_vendor": Words("ベンダを選定して移行", "a vendor chosen by procurement"),
    "undecided": Words("未定", "not decided yet"),
}


def _both(w: Words) -> str:
    return f"{w.ja} / {w.en}"


def _words_pattern(words: list[str]) -> str:
    return "|".join("".join("\\" + c if c in r"\.^$|?*+()[]{}/" else c for c in w) for w in words)


def date_shapes() -> list[tuple[str, Words]]:
    """(pattern, what it is) of every date a plan may hold, each anchored and written in
    the regex syntax shared by ECMA-262 (unicode mode) and Rust's ``regex`` (taplo)."""
    words = sorted({*DONE_WORDS, *NA_WORDS}, key=lambda w: (-len(w), w))
    shapes = [*DATE_SHAPES, (_words_pattern(words), Words("言葉: " + "、".join(words), "words: " + ", ".join(words)))]
    return [(f"^{_S}(?:{p}){_S}$", what) for p, what in shapes]


def date_pattern() -> str:
    """One regular expression for every date shape (the union of :func:`date_shapes`)."""
    return "|".join(f"(?:{p})" for p, _ in date_shapes())


def _enum(
    values: list[str], words: dict[str, Words] | dict[str, str], what: str, *, listed: bool = True
) -> dict[str, Any]:
    """An enum whose values are described: ``enumDescriptions`` (VS Code) and, when
    ``listed``, the list in ``description`` too (editors that show only that)."""
    texts = [w if isinstance(w, str) else _both(w) for w in (words[v] for v in values)]
    if listed:
        what += " — " + "; ".join(f"{v}: {t}" for v, t in zip(values, texts, strict=True))
    return {"enum": values, "enumDescriptions": texts, "description": what}


def _ref(name: str, description: str | None = None) -> dict[str, Any]:
    """A use of ``definitions/name``; with its own description, as ``allOf`` (draft-04
    ignores anything beside a ``$ref``)."""
    ref = {"$ref": f"#/definitions/{name}"}
    return {"allOf": [ref], "description": description} if description else ref


def definitions(nat: National) -> dict[str, Any]:
    """The parts a plan's schema shares (dates, tables of a line, enums of ids)."""
    phase_ids = [p.id for p in nat.phases]
    phases = {pid: _both(nat.phase(pid).name) for pid in phase_ids}
    line_phases = phases | {
        f"{b}.{pid}": f"{bus.name.ja}: {nat.phase_name(pid)}" for b, bus in nat.businesses.items() for pid in phase_ids
    }
    date = {
        "type": "string",
        "description": _both(DATE_HELP),
        "anyOf": [
            {"pattern": p, "description": _both(what), "patternErrorMessage": _both(NOT_A_DATE)}
            for p, what in date_shapes()
        ],
        "errorMessage": _both(DATE_HELP),
    }
    phase_dates = {p.id: _ref("date", f"{p.name.ja} ({p.name.en}) の完了予定") for p in nat.phases}
    statuses = {
        "type": "object",
        "description": "フェーズの状況 / status of each phase",
        "properties": {pid: {"$ref": "#/definitions/status"} for pid in phase_ids},
        "additionalProperties": False,
    }
    notes = {
        "type": "object",
        "description": "フェーズごとのメモ / a note per phase",
        "properties": {pid: {"type": "string"} for pid in phase_ids},
        "additionalProperties": False,
    }
    return {
        "date": date,
        "status": _enum(list(STATUSES), STATUS_WORDS, "フェーズの状況 / status"),
        "phases": {
            "type": "object",
            "description": "各フェーズの完了予定 / planned completion of each phase",
            "properties": phase_dates,
            "additionalProperties": False,
        },
        "statuses": statuses,
        "notes": notes,
        "business": {
            "type": "object",
            "description": "この業務だけの日程 / this business's own schedule",
            "properties": {
                **phase_dates,
                "extended_deadline": _ref("date", "特定移行支援システムの延長期限 / extended deadline"),
                "contract_end": _ref("date", "現行契約の終了 / current contract ends"),
                "note": {"type": "string"},
                "status": {"$ref": "#/definitions/statuses"},
                "notes": {"$ref": "#/definitions/notes"},
            },
            "additionalProperties": False,
        },
        "line_phase": _enum(
            sorted(line_phases),
            line_phases,
            "フェーズ (migration) か業務のフェーズ (koseki.migration) / a phase of the plan or of one business",
            listed=False,
        ),
        "national_node": _enum(sorted(nodes := _national_nodes(nat)), nodes, "国の節目 / a national milestone"),
        "node": {
            "description": "フェーズか国の節目 / a phase or a national milestone",
            "anyOf": [{"$ref": "#/definitions/line_phase"}, {"$ref": "#/definitions/national_node"}],
        },
        "rule": _enum(list(RULES), {c: _both(r.title) for c, r in RULES.items()}, "ルール / rule"),
        "phase_id": _enum(phase_ids, phases, "フェーズ / phase"),
        "business_id": _enum(
            list(nat.businesses), {b: _both(bus.name) for b, bus in nat.businesses.items()}, "業務 / business"
        ),
    }


def plan_schema(nat: National) -> dict[str, Any]:
    """The schema of a plan file for this national timeline (phases, businesses)."""
    businesses = {
        b.id: _ref("business", f"{b.name.ja} ({b.name.en}) の日程が異なる場合") for b in nat.businesses.values()
    }
    return {
        "$schema": SCHEMA_URI,
        "id": SCHEMA_ID,
        "title": "plans: 標準準拠システム移行計画 (one municipality's plan)",
        "description": "A plan file of the `plans` tool. Generated by `plans schema`; do not edit by hand.",
        "type": "object",
        "required": ["municipality"],
        "additionalProperties": False,
        "properties": {
            "municipality": {
                "type": "string",
                "minLength": 1,
                "pattern": "\\S",
                "description": "市町村名, e.g. 宇部市",
                "patternErrorMessage": "市町村名を書いてください / the municipality's name",
            },
            "kana": {
                "type": "string",
                "pattern": "^[\u3041-\u309f\u30a0-\u30ff\uff66-\uff9f \u3000]+$",
                "description": "読み(ひらがな・カタカナ): アプリの名前順 / the reading, for sorting by name, e.g. うべし",
            },
            "code": {
                "type": "string",
                "pattern": f"^{_D}{{5,6}}$",
                "description": "全国地方公共団体コード (5 or 6 digits)",
                "patternErrorMessage": "団体コードは5桁か6桁の数字です / 5 or 6 digits",
            },
            "prefecture": {"type": "string", "description": "都道府県, e.g. 山口県"},
            "surveyed": _ref("date", "調査時点 / when the values were surveyed (bounds 完了)"),
            "vendor_strategy": _enum(list(STRATEGIES), STRATEGY_WORDS, "ベンダ方針 / vendor strategy"),
            "contract_end": _ref("date", "現行契約の終了 / current contract ends"),
            "note": {"type": "string"},
            "phases": {"$ref": "#/definitions/phases"},
            "status": {"$ref": "#/definitions/statuses"},
            "notes": {"$ref": "#/definitions/notes"},
            "business": {
                "type": "object",
                "description": "業務ごとの日程 / per-business schedules",
                "properties": businesses,
                "additionalProperties": False,
            },
            "depends": {
                "type": "array",
                "description": "計画独自の順序 / the plan's own dependencies",
                "items": {
                    "type": "object",
                    "required": ["phase", "after"],
                    "additionalProperties": False,
                    "properties": {
                        "phase": {"$ref": "#/definitions/line_phase"},
                        "after": {"$ref": "#/definitions/node"},
                        "min_months": {
                            "type": "integer",
                            "minimum": 0,
                            "maximum": 120,
                            "description": "最小の間隔 (か月) / minimum months between them",
                        },
                        "reason": {"type": "string"},
                    },
                },
            },
            "ignore": {
                "type": "array",
                "description": "指摘の抑制 (理由が必要) / suppressions (each with a reason)",
                "items": {
                    "type": "object",
                    "required": ["rule", "reason"],
                    "additionalProperties": False,
                    "properties": {
                        "rule": {"$ref": "#/definitions/rule"},
                        "phase": {"$ref": "#/definitions/phase_id"},
                        "business": {"$ref": "#/definitions/business_id"},
                        "reason": {
                            "type": "string",
                            "minLength": 1,
                            "pattern": "\\S",
                            "description": "抑制の理由 (required)",
                            "patternErrorMessage": "抑制の理由を書いてください / write why it is suppressed",
                        },
                    },
                },
            },
            "progress": {
                "type": "object",
                "description": '手で記録する進捗: 月ごと、業務ごとのステップの状況 (書かないステップは未着手) / steps recorded by hand, per month and business (steps not named: not started), e.g. [progress."2025-05"] juki = { "1-12" = "完了済み", 13 = "作業中" }',
                "propertyNames": {"pattern": "\\S", "description": "月 / the month, e.g. 2025-05 or R7.5"},
                "additionalProperties": {
                    "type": "object",
                    "propertyNames": {"$ref": "#/definitions/business_id"},
                    "additionalProperties": {
                        "type": "object",
                        "propertyNames": {
                            "pattern": "^\\s*[0-9０-９]+\\s*([-~〜–]\\s*[0-9０-９]+\\s*)?$",
                            "description": "ステップの番号か範囲 / a step number or a range, e.g. 1-12",
                        },
                        "additionalProperties": {
                            "type": "string",
                            "description": "完了済み、作業中、未着手、対象外 (or done, in_progress, not_started, na)",
                        },
                    },
                },
            },
        },
        "definitions": definitions(nat),
    }


def _national_nodes(nat: National) -> dict[str, str]:
    """The national ids ``[[depends]] after`` may name, with what each is."""
    from model.core.national import national_milestone_dates

    names = {m.id: _both(m.name) for m in nat.milestones}
    for g in nat.groups.values():
        names[f"spec.{g.id}"] = f"{g.name.ja}の標準仕様書 / {g.name.en}: standard specification"
        names[f"vendor.{g.id}"] = f"{g.name.ja}のベンダパッケージ / {g.name.en}: vendor packages ready"
    names["deadline"] = f"移行期限 {nat.deadline.text} / the deadline"
    return {k: names.get(k, k) for k in national_milestone_dates(nat)}


def schema_text(nat: National) -> str:
    """The schema as the committed file ``schema/plan.schema.json`` holds it."""
    return json.dumps(plan_schema(nat), ensure_ascii=False, indent=2) + "\n"
