"""A deterministic plan of fictitious villages and their matters, for demos, tests and benchmarks.

Everything comes from `random.Random` seeded with the seed and the village
code, so the same seed gives the same plan. The plan keeps its ground truth
(which matters are faulty, returned or late) so tests can check the county
report against it without calling the report code. Villages sit under the
real 鹤壁 townships (DOMAIN.md) with fictitious village digits 901-999 and are
named 示例. No person's name, ID or phone number appears anywhere.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..domain.model import Implementation, Meeting, Official, Posting, Roster, Village
from ..domain.steps import Step

# (township code, township name, county code, county name): DOMAIN.md, 2023 list.
TOWNSHIPS: tuple[tuple[str, str, str, str], ...] = (
    ("410602100", "鹤壁集镇", "410602", "鹤山区"),
    ("410602201", "姬家山乡", "410602", "鹤山区"),
    ("410603100", "石林镇", "410603", "山城区"),
    ("410611100", "大赉店镇", "410611", "淇滨区"),
    ("410611101", "钜桥镇", "410611", "淇滨区"),
    ("410611200", "上峪乡", "410611", "淇滨区"),
    ("410611201", "大河涧乡", "410611", "淇滨区"),
    ("410621101", "善堂镇", "410621", "浚县"),
    ("410621102", "屯子镇", "410621", "浚县"),
    ("410621104", "新镇镇", "410621", "浚县"),
    ("410621105", "小河镇", "410621", "浚县"),
    ("410621107", "卫贤镇", "410621", "浚县"),
    ("410621108", "王庄镇", "410621", "浚县"),
    ("410621109", "白寺镇", "410621", "浚县"),
    ("410622101", "高村镇", "410622", "淇县"),
    ("410622102", "北阳镇", "410622", "淇县"),
    ("410622103", "西岗镇", "410622", "淇县"),
    ("410622104", "庙口镇", "410622", "淇县"),
    ("410622202", "黄洞乡", "410622", "淇县"),
)
MAX_VILLAGES = len(TOWNSHIPS) * 99
_PLACES = "东西南北前后上下"
_STEMS = (
    "王庄",
    "李屯",
    "河口",
    "杨店",
    "柳林",
    "石桥",
    "槐树",
    "枣园",
    "新寨",
    "高岗",
    "白塔",
    "龙泉",
)
# Shares the generator aims at; the plan records what it actually drew.
FAULT_SHARE = 0.12
LATE_SHARE = 0.08
RETURN_SHARE_FAULTY = 0.6
RETURN_SHARE_CLEAN = 0.04
APPROVE_SHARE = 0.7
OFFICIALS = (Official("示例乡镇干部甲", "包村干部"), Official("示例乡镇干部乙", "组织委员"))


@dataclass
class MatterPlan:
    """One matter: its particulars, the records of its steps, and its ground truth."""

    id: str
    village_code: str
    title: str
    category: str
    source: str
    planned_fen: int
    personal_data: bool
    opened_on: date
    steps: dict[Step, Meeting | Posting | Implementation] = field(default_factory=dict)
    progress: list[tuple[str, date, int]] = field(default_factory=list)  # (id, on, fen)
    completed_on: date | None = None
    objection: tuple[str, date, date] | None = None  # (id, received, replied) at step 5
    fault: str | None = None  # "quorum" (step 4) or "short_posting" (step 5)
    late: Step | None = None  # the disclosure never made
    review: str | None = None  # "approved" | "returned"
    review_on: date | None = None


@dataclass
class VillagePlan:
    village: Village
    matters: list[MatterPlan] = field(default_factory=list)


@dataclass
class CountyPlan:
    seed: int
    years: tuple[int, ...]
    today: date
    villages: list[VillagePlan] = field(default_factory=list)

    def matters(self):
        for vp in self.villages:
            yield from vp.matters


def plan_county(villages: int, years: int, seed: int, today: date) -> CountyPlan:
    """The plan for `villages` villages over the `years` years up to and including today's."""
    if not 1 <= villages <= MAX_VILLAGES:
        raise ValueError(f"villages must be between 1 and {MAX_VILLAGES}")
    if not 1 <= years <= 50:
        raise ValueError("years must be between 1 and 50")
    from .synthetic_matters import plan_matter

    span = tuple(range(today.year - years + 1, today.year + 1))
    plan = CountyPlan(seed=seed, years=span, today=today)
    for i in range(villages):
        tc, tname, cc, cname = TOWNSHIPS[i % len(TOWNSHIPS)]
        code = f"{tc}{901 + i // len(TOWNSHIPS):03d}"
        rng = random.Random(f"{seed}:{code}")
        name = f"{rng.choice(_PLACES)}{rng.choice(_STEMS)}村（示例）"
        members = rng.randint(36, 60)
        roster = Roster(
            party_members_voting=rng.randint(24, 80),
            committee_members=rng.randint(5, 9),
            rep_assembly_members=members,
            representatives=members - members // 6,
            women_members=-(-members // 3) + rng.randint(0, 3),
            adult_villagers=rng.randint(600, 2500),
            households=rng.randint(200, 800),
        )
        profile = "henan-4+2" if rng.random() < 0.75 else "national"
        village = Village(code, name, tc, tname, cc, cname, profile, roster)
        vp = VillagePlan(village)
        for year in span:
            for n in range(rng.randint(6, 12)):
                opened = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
                if opened > today:
                    continue
                vp.matters.append(
                    plan_matter(rng, village, f"{code}-{year}-{n + 1:02d}", opened, today)
                )
        vp.matters.sort(key=lambda m: (m.opened_on, m.id))
        plan.villages.append(vp)
    return plan
