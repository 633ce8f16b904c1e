"""When a disclosure is owed and when it falls due: one definition for the township and the county."""

from __future__ import annotations

from datetime import date

from .checks_disclosure import disclosure_deadlines
from .model import MatterState
from .profile import Profile
from .steps import Step


def owed_disclosures(state: MatterState, profile: Profile) -> list[tuple[Step, date, date]]:
    """The disclosures a matter owes: (step, the day it became owed, the day it falls due).

    The days are the profile's (`disclosure.*` rules, `domain.checks_disclosure`), the one
    definition of "late" that the evaluator, the township review and the county report share.
    """
    category = state.matter.category
    return [
        (step, since, due)
        for step, since, due in disclosure_deadlines(
            state, lambda rule_id: profile.rule(rule_id, category)
        )
        if step not in state.steps
    ]
