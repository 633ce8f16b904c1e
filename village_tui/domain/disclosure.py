"""When a disclosure is owed and when it falls due: one definition for the township and the county."""

from __future__ import annotations

from datetime import date, timedelta

from .model import MatterState
from .steps import Step

# Township reminders, not legal rules: how long a resolution or a finished
# implementation may wait before its notice goes up.
RESOLUTION_DISCLOSE_DAYS = 7
RESULT_DISCLOSE_DAYS = 30


def owed_disclosures(state: MatterState) -> list[tuple[Step, date, date]]:
    """The disclosures a matter owes: (step, the day it became owed, the day it falls due).

    The one definition of "late" that the township review and the county report share.
    """
    out = []
    resolution = state.steps.get(Step.RESOLUTION)
    if resolution is not None and Step.RESOLUTION_DISCLOSURE not in state.steps:
        since = resolution.held_on
        out.append((Step.RESOLUTION_DISCLOSURE, since, since + timedelta(RESOLUTION_DISCLOSE_DAYS)))
    if state.completion is not None and Step.RESULT_DISCLOSURE not in state.steps:
        since = state.completion.completed_on
        out.append((Step.RESULT_DISCLOSURE, since, since + timedelta(RESULT_DISCLOSE_DAYS)))
    return out
