"""A deterministic generator of a nationwide plan set: 1,741 municipalities in the 47
prefectures, each plan with per-business dates for all 20 businesses, about a tenth with
extended deadlines (特定移行支援システム), statuses, and conflicts planted at known rates.

    python tests/gen_nationwide.py OUT_DIR [--count N] [--seed S]
    python tests/gen_nationwide.py OUT_DIR --progress 2024-06..2025-05 [--plant]

writes ``OUT_DIR/<prefecture>/<団体コード>.toml``, a copy of ``plans/national.toml`` and
``OUT_DIR/manifest.json``: the findings planted on purpose (file, code, phase, business).
Everything else is clean by construction: ``plans lint OUT_DIR`` must report exactly the
manifest (tests/test_generator.py checks this on a small set, ``make bench`` on all 1,741).

With ``--progress MONTHS`` it also writes a progress snapshot a month for every system of the
set, ``OUT_DIR/progress/YYYY-MM.csv``, by tests/gen_progress.py (:func:`write_progress`);
with ``--plant`` they are clean by construction with planted behind-plan, forecast and
went-back cases in ``OUT_DIR/progress/manifest.json``: ``plans lint OUT_DIR --progress``
must report exactly both manifests (``make bench`` checks it on the 1,741 × 20 × 12).

Prefecture names and municipality counts are real (2024: 792 cities, 743 towns, 183
villages, 23 special wards); municipality names are synthetic (two kanji and 市/町/村) but
unique, and every 団体コード carries a valid check digit. The plans are evaluated as of the
national timeline's ``evaluation_date`` (R4.2), so the generated dates lie after it unless
they are ``完了`` with a ``done`` status.

Written by hand: no library generates plans in this domain's format.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT / "plans" / "national.toml"
TOTAL = 1741

# (code, name, romaji, municipalities) — the real 47 prefectures and their municipality counts.
PREFECTURES: list[tuple[int, str, str, int]] = [
    (1, "北海道", "hokkaido", 179),
    (2, "青森県", "aomori", 40),
    (3, "岩手県", "iwate", 33),
    (4, "宮城県", "miyagi", 35),
    (5, "秋田県", "akita", 25),
    (6, "山形県", "yamagata", 35),
    (7, "福島県", "fukushima", 59),
    (8, "茨城県", "ibaraki", 44),
    (9, "栃木県", "tochigi", 25),
    (10, "群馬県", "gunma", 35),
    (11, "埼玉県", "saitama", 63),
    (12, "千葉県", "chiba", 54),
    (13, "東京都", "tokyo", 62),
    (14, "神奈川県", "kanagawa", 33),
    (15, "新潟県", "niigata", 30),
    (16, "富山県", "toyama", 15),
    (17, "石川県", "ishikawa", 19),
    (18, "福井県", "fukui", 17),
    (19, "山梨県", "yamanashi", 27),
    (20, "長野県", "nagano", 77),
    (21, "岐阜県", "gifu", 42),
    (22, "静岡県", "shizuoka", 35),
    (23, "愛知県", "aichi", 54),
    (24, "三重県", "mie", 29),
    (25, "滋賀県", "shiga", 19),
    (26, "京都府", "kyoto", 26),
    (27, "大阪府", "osaka", 43),
    (28, "兵庫県", "hyogo", 41),
    (29, "奈良県", "nara", 39),
    (30, "和歌山県", "wakayama", 30),
    (31, "鳥取県", "tottori", 19),
    (32, "島根県", "shimane", 19),
    (33, "岡山県", "okayama", 27),
    (34, "広島県", "hiroshima", 23),
    (35, "山口県", "yamaguchi", 19),
    (36, "徳島県", "tokushima", 24),
    (37, "香川県", "kagawa", 17),
    (38, "愛媛県", "ehime", 20),
    (39, "高知県", "kochi", 34),
    (40, "福岡県", "fukuoka", 60),
    (41, "佐賀県", "saga", 20),
    (42, "長崎県", "nagasaki", 21),
    (43, "熊本県", "kumamoto", 45),
    (44, "大分県", "oita", 18),
    (45, "宮崎県", "miyazaki", 26),
    (46, "鹿児島県", "kagoshima", 43),
    (47, "沖縄県", "okinawa", 41),
]

BUSINESSES = [
    "juki",
    "kaigo",
    "shogai",
    "shugaku",
    "kotei",
    "kojin",
    "hojin",
    "keijidosha",
    "jidoteate",
    "senkyo",
    "kokuho",
    "nenkin",
    "koki",
    "seiho",
    "kenko",
    "jidofuyo",
    "kosodate",
    "fuhyo",
    "inkan",
    "koseki",
]
PHASES = ["governance", "current_survey", "fit_gap", "migration_plan", "vendor_selection", "migration"]
BUSINESS_PHASES = PHASES[2:]
PHASE_COMMENT = {
    "governance": "推進体制",
    "current_survey": "システム概要調査",
    "fit_gap": "標準仕様との比較分析",
    "migration_plan": "移行計画作成",
    "vendor_selection": "ベンダ選定",
    "migration": "移行完了",
}
_HEAD = "東西南北上下大小新高中本古若長青白赤黒金銀朝日月星松竹梅桜杉藤森林"
_TAIL = "川山田野原沢島浜崎岡谷瀬尾岩倉津橋宮城塚坂井石部村里江根口"
NA = "現行ベンダで標準化"

# Planted conflicts: rate (share of plans) and what each plants. Rates are per kind; a plan
# gets at most one plant, and every kind appears at least once when there are enough plans.
RATES: dict[str, float] = {
    "PL001": 0.03,  # a business goes live after R8.3 without an extended deadline
    "PL002": 0.04,  # a business's migration plan before its fit-gap analysis
    "PL003": 0.02,  # a fit-gap analysis before the specs are published (R4.8)
    "PL004": 0.01,  # go-live before the vendor packages (and so too soon after selection: PL005)
    "PL005": 0.03,  # under 12 months from vendor selection to go-live
    "PL006": 0.03,  # the migration plan after the budget request for the contract year
    "PL007": 0.02,  # governance planned R4.1, past at R4.2, no status
    "PL008": 0.02,  # the current contract ends a year after go-live
    "PL009": 0.01,  # vendor_strategy current_vendor but a vendor-selection date
    "PL010": 0.01,  # no governance date
    "PL011": 0.02,  # migration plan marked done but planned after the evaluation date
    "PL013": 0.01,  # a suppression that matches nothing
    "PL014": 0.01,  # an extended deadline past R13.3
}
EXTENDED_SHARE = 0.10


def month(y: int, m: int) -> int:
    return y * 12 + m - 1


def reiwa(n: int, m: int) -> int:
    return month(2018 + n, m)


def check_digit(code5: str) -> int:
    s = sum(int(c) * w for c, w in zip(code5, (6, 5, 4, 3, 2), strict=True))
    return (11 - s % 11) % 10


def render(m: int, style: str) -> str:
    y, mo = divmod(m, 12)
    mo += 1
    if style == "iso":
        return f"{y:04d}-{mo:02d}"
    n = y - 2018
    if style == "kanji":
        return f"令和{'元' if n == 1 else n}年{mo}月"
    return f"R{n}.{mo}"


def fiscal_year(m: int) -> int:
    y, mo = divmod(m, 12)
    return y if mo + 1 >= 4 else y - 1


@dataclass
class Biz:
    fit_gap: int
    migration_plan: int
    vendor_selection: int | None  # None: the current vendor standardizes
    migration: int
    extended: str | None = None
    status: dict[str, str] = field(default_factory=dict)


@dataclass
class Muni:
    index: int
    pref_code: int
    prefecture: str
    romaji: str
    name: str
    code: str
    style: str
    governance: int | None  # None = 完了 (done by the survey)
    current_survey: int
    current_vendor: bool
    biz: dict[str, Biz]
    contract_end_offset: int | None = None
    status: dict[str, str] = field(default_factory=dict)
    declared_strategy: str | None = None
    drop: set[str] = field(default_factory=set)
    ignores: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    muni_overrides: dict[str, int | None] = field(default_factory=dict)
    plant: str | None = None

    @property
    def file(self) -> str:
        return f"{self.romaji}/{self.code}.toml"

    def first_go_live_month(self) -> int | None:
        """The earliest go-live of the plan (the municipal line or a business)."""
        months = [b.migration for b in self.biz.values()]
        mig = self.line("migration")
        return min([*months, *([mig] if mig is not None else [])], default=None)

    def first_go_live(self) -> str | None:
        """The line of the earliest go-live: None (the municipal line) when it is as early."""
        first = self.first_go_live_month()
        if self.line("migration") == first:
            return None
        return next(bid for bid, b in self.biz.items() if b.migration == first)

    def line(self, phase: str) -> int | None:
        """The municipal [phases] value: the latest over the businesses on the national deadline."""
        if phase in self.muni_overrides:
            return self.muni_overrides[phase]
        if phase == "governance":
            return self.governance
        if phase == "current_survey":
            return self.current_survey
        regular = [b for b in self.biz.values() if b.extended is None]
        vals = [getattr(b, phase) for b in regular]
        vals = [v for v in vals if v is not None]
        return max(vals) if vals else None


def municipalities() -> list[tuple[int, str, str, str, str]]:
    """All 1,741 (prefecture code, prefecture, romaji, name, 団体コード), deterministic."""
    rng = random.Random(1741)
    heads, tails = list(_HEAD), list(_TAIL)
    used: set[str] = set()
    out: list[tuple[int, str, str, str, str]] = []
    for pcode, pname, romaji, count in PREFECTURES:
        wards = 23 if pcode == 13 else 0
        cities = max(1, round((count - wards) * 0.455))
        towns = round((count - wards - cities) * 0.80)
        kinds = ["区"] * wards + ["市"] * cities + ["町"] * towns
        kinds += ["村"] * (count - len(kinds))
        ward_no, city_no, town_no = 101, 201, 301
        for kind in kinds:
            while True:
                name = rng.choice(heads) + rng.choice(tails) + kind
                if name not in used:
                    used.add(name)
                    break
            if kind == "区":
                num, ward_no = ward_no, ward_no + 1
            elif kind == "市":
                num, city_no = city_no, city_no + 1
            else:
                num, town_no = town_no, town_no + 1
            c5 = f"{pcode:02d}{num:03d}"
            out.append((pcode, pname, romaji, name, f"{c5}{check_digit(c5)}"))
    assert len(out) == TOTAL, len(out)
    return out


def _clean(rng: random.Random, idx: int, row: tuple[int, str, str, str, str]) -> Muni:
    pcode, pname, romaji, name, code = row
    style = rng.choices(["era", "kanji", "iso"], weights=[70, 15, 15])[0]
    gov = None if rng.random() < 0.2 else reiwa(4, 3) + rng.randrange(10)
    survey = max(gov or reiwa(4, 3), reiwa(4, 3)) + rng.randrange(4)
    current_vendor = rng.random() < 0.3
    base_fg = max(survey, reiwa(4, 8)) + rng.randrange(6)
    biz: dict[str, Biz] = {}
    for b in BUSINESSES:
        fg = base_fg + rng.randrange(3)
        mp = min(fg + rng.randrange(5), reiwa(5, 10))
        mp = max(mp, fg)
        # a contract in FY N needs the plan by October of N-1: the earliest such April
        fy_needed = (mp // 12) + (1 if mp % 12 <= 9 else 2)
        vs = max(mp, month(fy_needed, 4)) + rng.randrange(6)
        mig = min(vs + 12 + rng.randrange(12), reiwa(8, 3))
        biz[b] = Biz(fg, mp, None if current_vendor else vs, mig)
        if rng.random() < 0.15:
            biz[b].status["fit_gap"] = "not_started"
    m = Muni(idx, pcode, pname, romaji, name, code, style, gov, survey, current_vendor, biz)
    if gov is None:
        m.status["governance"] = "done"
    elif rng.random() < 0.5:
        m.status["governance"] = "in_progress"
    if rng.random() < 0.4:
        m.status["current_survey"] = rng.choice(["in_progress", "not_started"])
    if rng.random() < 0.3:
        m.contract_end_offset = rng.randrange(4)  # ends 0..3 months after the first go-live: no remainder
    if rng.random() < 0.2:
        m.declared_strategy = "current_vendor" if current_vendor else "new_vendor"
    return m


def _extend(rng: random.Random, m: Muni, limit: str = "R13.3") -> list[str]:
    chosen = rng.sample(BUSINESSES[1:], rng.randint(1, 3))
    for b in chosen:
        bz = m.biz[b]
        bz.migration = reiwa(8, 6) + rng.randrange(30)
        bz.extended = limit
    return chosen


# -- plants: each edits a clean plan and returns the findings it must cause ----------------

Finding = tuple[str, str | None, str | None]  # (code, phase, business)


def _pick_business(rng: random.Random, m: Muni) -> str:
    return rng.choice([b for b in BUSINESSES if m.biz[b].extended is None])


def plant_pl001(rng: random.Random, m: Muni) -> list[Finding]:
    b = _pick_business(rng, m)
    m.biz[b].migration = reiwa(8, 4) + rng.randrange(12)
    return [("PL001", "migration", b)]


def plant_pl002(rng: random.Random, m: Muni) -> list[Finding]:
    b = _pick_business(rng, m)
    bz = m.biz[b]
    bz.migration_plan = bz.fit_gap - 1 - rng.randrange(2)
    bz.fit_gap = max(bz.fit_gap, reiwa(4, 10))
    bz.migration_plan = min(bz.migration_plan, bz.fit_gap - 1)
    return [("PL002", "migration_plan", b)]


def plant_pl003(rng: random.Random, m: Muni) -> list[Finding]:
    b = _pick_business(rng, m)
    if m.governance is not None:
        m.governance = reiwa(4, 3)
    m.current_survey = reiwa(4, 4)
    m.biz[b].fit_gap = reiwa(4, 5) + rng.randrange(3)  # R4.5..R4.7, before R4.8
    return [("PL003", "fit_gap", b)]


def plant_pl004(rng: random.Random, m: Muni) -> list[Finding]:
    b = _pick_business(rng, m)
    bz = m.biz[b]
    if m.governance is not None:
        m.governance = reiwa(4, 3)
    m.current_survey = reiwa(4, 5)
    bz.fit_gap, bz.migration_plan, bz.migration = reiwa(4, 9), reiwa(4, 10), reiwa(5, 6)
    found: list[Finding] = [("PL004", "migration", b)]
    if bz.vendor_selection is None:
        found.append(("PL005", "migration_plan", b))
    else:
        bz.vendor_selection = reiwa(5, 4)
        found.append(("PL005", "vendor_selection", b))
    return found


def plant_pl005(rng: random.Random, m: Muni) -> list[Finding]:
    b = _pick_business(rng, m)
    bz = m.biz[b]
    if bz.vendor_selection is None:
        bz.migration = max(bz.migration_plan + 6 + rng.randrange(5), reiwa(5, 8))
        bz.migration_plan = max(bz.migration_plan, bz.migration - 6)
        return [("PL005", "migration_plan", b)]
    bz.vendor_selection = max(bz.vendor_selection, bz.migration - 11 + rng.randrange(5))
    return [("PL005", "vendor_selection", b)]


def plant_pl006(rng: random.Random, m: Muni) -> list[Finding]:
    if m.current_vendor:  # no contract to budget for: plant it on a new-vendor business
        m.declared_strategy = None  # a declared current_vendor would now contradict it (PL009)
        b = _pick_business(rng, m)
        bz = m.biz[b]
        bz.vendor_selection = reiwa(6, 6)
        bz.migration = max(bz.migration, reiwa(7, 6))
    else:
        b = _pick_business(rng, m)
        bz = m.biz[b]
    assert bz.vendor_selection is not None
    budget = month(fiscal_year(bz.vendor_selection) - 1, 10)
    bz.migration_plan = budget + 1 + rng.randrange(min(3, bz.vendor_selection - budget - 1))
    bz.fit_gap = min(bz.fit_gap, bz.migration_plan)
    return [("PL006", "migration_plan", b)]


def plant_pl007(rng: random.Random, m: Muni) -> list[Finding]:
    m.governance = reiwa(4, 1)
    m.status.pop("governance", None)
    return [("PL007", "governance", None)]


def plant_pl008(rng: random.Random, m: Muni) -> list[Finding]:
    m.contract_end_offset = 6 + rng.randrange(12)
    # one contract covers every business: reported once, at the first go-live
    return [("PL008", "migration", m.first_go_live())]


def plant_pl009(rng: random.Random, m: Muni) -> list[Finding]:
    if m.current_vendor:
        m.declared_strategy = "new_vendor"
    else:
        m.declared_strategy = "current_vendor"
    return [("PL009", "vendor_selection", None)]


def plant_pl010(rng: random.Random, m: Muni) -> list[Finding]:
    m.drop.add("governance")
    m.status.pop("governance", None)
    return [("PL010", "governance", None)]


def plant_pl011(rng: random.Random, m: Muni) -> list[Finding]:
    m.status["migration_plan"] = "done"
    return [("PL011", "migration_plan", None)]


def plant_pl013(rng: random.Random, m: Muni) -> list[Finding]:
    b = _pick_business(rng, m)
    m.ignores.append(("PL003", "fit_gap", b))
    return [("PL013", "fit_gap", b)]


def plant_pl014(rng: random.Random, m: Muni) -> list[Finding]:
    if not any(bz.extended for bz in m.biz.values()):
        _extend(rng, m)
    b = next(b for b in BUSINESSES if m.biz[b].extended)
    m.biz[b].extended = "R14.3"
    return [("PL014", "migration", b)]


PLANTS: dict[str, Callable[[random.Random, Muni], list[Finding]]] = {
    "PL001": plant_pl001,
    "PL002": plant_pl002,
    "PL003": plant_pl003,
    "PL004": plant_pl004,
    "PL005": plant_pl005,
    "PL006": plant_pl006,
    "PL007": plant_pl007,
    "PL008": plant_pl008,
    "PL009": plant_pl009,
    "PL010": plant_pl010,
    "PL011": plant_pl011,
    "PL013": plant_pl013,
    "PL014": plant_pl014,
}


def choose(count: int) -> list[tuple[int, str, str, str, str]]:
    """``count`` municipalities spread evenly over the country (all of them for 1,741)."""
    rows = municipalities()
    count = max(1, min(count, TOTAL))
    return [rows[i * TOTAL // count] for i in range(count)]


def build(count: int = TOTAL, seed: int = 0) -> tuple[list[Muni], list[dict[str, str | None]]]:
    rng = random.Random(seed)
    rows = choose(count)
    munis = [_clean(rng, i, row) for i, row in enumerate(rows)]
    for m in munis:
        if rng.random() < EXTENDED_SHARE:
            _extend(rng, m)
        # the municipal line is fixed from the clean schedule: plants change one business
        for p in BUSINESS_PHASES:
            m.muni_overrides[p] = m.line(p)  # type: ignore[assignment]
    # planted conflicts: at least one of each kind, distinct plans
    order = list(range(len(munis)))
    rng.shuffle(order)
    manifest: list[dict[str, str | None]] = []
    pos = 0
    for code, rate in RATES.items():
        n = max(1, round(rate * len(munis)))
        for _ in range(n):
            if pos >= len(order):
                break
            m = munis[order[pos]]
            pos += 1
            m.plant = code
            for fcode, phase, business in PLANTS[code](rng, m):
                manifest.append({"file": m.file, "code": fcode, "phase": phase, "business": business})
    manifest.sort(key=lambda d: (str(d["file"]), str(d["code"]), str(d["phase"]), str(d["business"])))
    return munis, manifest


def to_toml(m: Muni) -> str:
    st = m.style

    def d(v: int | None) -> str:
        return "完了" if v is None else render(v, st)

    out = [
        f"# {m.name}の標準準拠システム移行計画(生成データ: tests/gen_nationwide.py)",
        f'municipality = "{m.name}"',
        f'code = "{m.code}"',
        f'prefecture = "{m.prefecture}"',
        'surveyed = "R3.12"',
    ]
    if m.declared_strategy:
        out.append(f'vendor_strategy = "{m.declared_strategy}"')
    first = m.first_go_live_month()
    if m.contract_end_offset is not None and first is not None:
        out.append(f'contract_end = "{render(first + m.contract_end_offset, st)}"')
    out += ["", "[phases]  # 各フェーズの完了予定(20業務で異なる場合は最も遅い業務)"]
    for p in PHASES:
        if p in m.drop:
            continue
        val = NA if p == "vendor_selection" and m.current_vendor else d(m.line(p))
        out.append(f'{p:<16} = "{val}"{" " * max(1, 16 - len(val))}# {PHASE_COMMENT[p]}')
    if m.status:
        out += ["", "[status]"]
        out += [f'{k} = "{v}"' for k, v in m.status.items()]
    for b in BUSINESSES:
        bz = m.biz[b]
        out += ["", f"[business.{b}]"]
        out.append(f'fit_gap = "{d(bz.fit_gap)}"')
        out.append(f'migration_plan = "{d(bz.migration_plan)}"')
        out.append(f'vendor_selection = "{NA if bz.vendor_selection is None else d(bz.vendor_selection)}"')
        out.append(f'migration = "{d(bz.migration)}"')
        if bz.extended:
            out.append(f'extended_deadline = "{bz.extended}"  # 特定移行支援システム')
        if bz.status:
            out += ["", f"[business.{b}.status]"]
            out += [f'{k} = "{v}"' for k, v in bz.status.items()]
    for rule, phase, business in m.ignores:
        out += ["", "[[ignore]]", f'rule = "{rule}"']
        if phase:
            out.append(f'phase = "{phase}"')
        if business:
            out.append(f'business = "{business}"')
        out.append('reason = "県の確認済み(生成データ)"')
    return "\n".join(out) + "\n"


def generate(out_dir: Path, count: int = TOTAL, seed: int = 0) -> list[dict[str, str | None]]:
    """Write the plan set into ``out_dir`` (emptied first if it holds an earlier set) and
    return the manifest of planted findings (also written to ``manifest.json``)."""
    out_dir = Path(out_dir)
    if (out_dir / "manifest.json").is_file():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    munis, manifest = build(count, seed)
    shutil.copyfile(NATIONAL, out_dir / "national.toml")
    for m in munis:
        path = out_dir / m.file
        path.parent.mkdir(exist_ok=True)
        path.write_text(to_toml(m), encoding="utf-8")
    meta = {
        "count": len(munis),
        "seed": seed,
        "extended": sum(1 for m in munis if any(b.extended for b in m.biz.values())),
        "current_vendor": sum(1 for m in munis if m.current_vendor),
        "planted": {k: sum(1 for m in munis if m.plant == k) for k in RATES},
        "findings": manifest,
    }
    (out_dir / "manifest.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


Key = tuple[str, str, str | None, str | None]


def planted(out_dir: Path) -> Counter[Key]:
    """What ``plans lint OUT_DIR [--progress]`` must report, each finding as a key: a plan
    finding of ``manifest.json`` by (file, code, phase, business), a progress case of
    ``progress/manifest.json`` (when written) by (municipality, code, phase, business)."""
    meta = json.loads((out_dir / "manifest.json").read_text("utf-8"))
    want: Counter[Key] = Counter((str(f["file"]), f["code"], f["phase"], f["business"]) for f in meta["findings"])
    progress = out_dir / "progress" / "manifest.json"
    if progress.is_file():
        cases = json.loads(progress.read_text("utf-8"))
        want.update((c["municipality"], c["code"], c["phase"], c["business"]) for c in cases)
    return want


def reported(findings: list[dict], out_dir: Path, cwd: Path | None = None) -> Counter[Key]:
    """The findings of ``plans lint --format json`` (run in ``cwd``) as :func:`planted` keys them."""
    root, cwd = out_dir.resolve(), cwd or Path.cwd()
    return Counter(
        (
            f["municipality"]
            if f["code"].startswith("PG")
            else (cwd / f["file"]).resolve().relative_to(root).as_posix(),
            f["code"],
            f["phase"],
            f["business"],
        )
        for f in findings
        if f.get("kind", "finding") == "finding"
    )


def write_progress(out_dir: Path, months: list[str], *, plant: bool = False, seed: int = 0) -> list[Path]:
    """Monthly progress snapshots of the set in ``out_dir`` (tests/gen_progress.py: with
    ``plant``, clean ones with planted cases and their manifest); the files written."""
    import gen_progress

    ms = gen_progress.months_of(months)
    if plant:
        return gen_progress.write_planted(out_dir, ms, seed=seed)[0]
    return gen_progress.write_snapshots(out_dir, ms, seed=seed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--count", type=int, default=TOTAL, help=f"municipalities (default {TOTAL})")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--progress",
        nargs="+",
        metavar="MONTHS",
        help="also write monthly progress snapshots (2025-05, or FIRST..LAST: 2024-06..2025-05)",
    )
    ap.add_argument(
        "--plant",
        action="store_true",
        help="with --progress: clean snapshots with planted PG001-PG003 cases, in progress/manifest.json",
    )
    a = ap.parse_args(argv)
    if a.plant and not a.progress:
        ap.error("--plant goes with --progress")
    manifest = generate(a.out_dir, a.count, a.seed)
    print(f"{a.out_dir}: {min(max(a.count, 1), TOTAL)} plans, {len(manifest)} planted findings")
    if a.progress:
        written = write_progress(a.out_dir, a.progress, plant=a.plant, seed=a.seed)
        print(f"{a.out_dir / 'progress'}: {len(written)} monthly snapshots")
    return 0


if __name__ == "__main__":
    sys.exit(main())
