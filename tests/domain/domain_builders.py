"""Small builders for domain tests: a sample village and a matter that breaks no rule."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from village_tui.domain.findings import Finding
from village_tui.domain.model import (
    Completion,
    Implementation,
    Matter,
    MatterState,
    Meeting,
    Objection,
    Posting,
    ProgressEntry,
    Roster,
    Village,
)
from village_tui.domain.rules import evaluate
from village_tui.domain.steps import Step
from village_tui.profiles import load_profile

TODAY = date(2025, 6, 30)
COMPLETED_ON = date(2025, 5, 1)  # the good matter's completion
PROFILES = ("national", "henan-4+2")

ROSTER = Roster(
    party_members_voting=66,
    committee_members=9,
    rep_assembly_members=45,
    representatives=38,
    women_members=15,
    adult_villagers=1200,
    households=400,
)
# Fictitious (示例): real village codes were not available.
VILLAGE = Village(
    code="410621101901",
    name="示例村",
    township_code="410621101",
    township_name="善堂镇",
    county_code="410621",
    county_name="浚县",
    roster=ROSTER,
)


def d(month: int, day: int, year: int = 2025) -> date:
    """A date in 2025 unless told otherwise."""
    return date(year, month, day)


def good_steps() -> dict[Step, Any]:
    """Six steps and the implementation that pass every rule of both shipped profiles."""
    return {
        Step.PROPOSAL: Meeting(held_on=d(3, 1), expected=5, present=5),
        Step.JOINT_MEETING: Meeting(held_on=d(3, 2), expected=9, present=9),
        Step.PARTY_ASSEMBLY: Meeting(
            held_on=d(3, 6), expected=66, present=60, votes_for=50, plan_sent_on=d(3, 3)
        ),
        Step.RESOLUTION: Meeting(
            held_on=d(3, 8),
            expected=45,
            present=40,
            votes_for=35,
            votes_against=3,
            votes_abstain=2,
            representatives_among_members=38,
            women_among_members=15,
        ),
        Step.RESOLUTION_DISCLOSURE: Posting(posted_on=d(3, 9), until=d(3, 16)),
        Step.IMPLEMENTATION: Implementation(started_on=d(3, 17)),
        Step.RESULT_DISCLOSURE: Posting(posted_on=d(5, 2), until=d(5, 9)),
    }


def state(
    category: str = "road",
    planned_fen: int = 1_000_000,
    steps: dict[Step, Any] | None = None,
    *,
    completed_on: date | None = COMPLETED_ON,
    objections: list[Objection] | None = None,
    progress: list[ProgressEntry] | None = None,
    acknowledged: dict[Step, frozenset[str]] | None = None,
) -> MatterState:
    """A matter with `steps` (default: all good ones) and its completion."""
    matter = Matter(
        id="m1", title="村道硬化", category=category, source="cadres", planned_fen=planned_fen
    )
    return MatterState(
        matter=matter,
        steps=good_steps() if steps is None else steps,
        progress=progress or [],
        completion=Completion(completed_on) if completed_on else None,
        objections=objections or [],
        acknowledged=acknowledged or {},
    )


def change(st: MatterState, step: Step, **fields: Any) -> MatterState:
    """The state with one step's record changed."""
    steps = dict(st.steps)
    steps[step] = dataclasses.replace(steps[step], **fields)
    return dataclasses.replace(st, steps=steps)


def without(st: MatterState, *drop: Step) -> MatterState:
    """The state with some steps not recorded."""
    return dataclasses.replace(st, steps={k: v for k, v in st.steps.items() if k not in drop})


def findings(
    st: MatterState, profile: str = "national", today: date = TODAY, village: Village = VILLAGE
) -> list[Finding]:
    """Evaluate under a shipped profile."""
    return evaluate(st, village, load_profile(profile), today)


def rule_ids(found: list[Finding]) -> set[str]:
    """The rule ids among findings."""
    return {f.rule_id for f in found}


def only(found: list[Finding], rule_id: str) -> Finding:
    """The single finding of `rule_id`."""
    hits = [f for f in found if f.rule_id == rule_id]
    assert len(hits) == 1, hits
    return hits[0]
