"""The checks a command runs before it records: findings to confirm, locks to lift."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..domain.findings import Finding, Severity
from ..domain.model import MatterState, Roster, StepRecord
from ..domain.roster_check import composition_findings, expected_below_roster
from ..domain.rules import evaluate, preview
from ..domain.steps import Step
from ..domain.validate import validate_record
from .errors import REOPEN_RULE, NeedsConfirmation, reopen_finding


class RecordingChecks:
    """The checks behind the commands; mixed into `VillageService`."""

    @staticmethod
    def _confirm_composition(roster: Roster, profile: Any, acknowledged: Sequence[str]) -> None:
        """The assembly's composition (组织法 art. 25) checked when the roster is set, not later."""
        pending = [
            f for f in composition_findings(roster, profile) if f.rule_id not in set(acknowledged)
        ]
        if pending:
            raise NeedsConfirmation(pending)

    @staticmethod
    def _unlock(state: MatterState, step: Step | None, acknowledged: Sequence[str]) -> None:
        """An approved matter is locked: correcting it needs a confirmation, which reopens its review."""
        if state.review_state == "approved" and REOPEN_RULE not in acknowledged:
            raise NeedsConfirmation([reopen_finding(step)])

    def _check(
        self,
        state: MatterState,
        step: Step,
        record: StepRecord,
        acknowledged: Sequence[str],
        whole_matter: bool,
    ) -> list[Finding]:
        """The findings about `step` with `record`; refused only if they are not all confirmed.

        Nothing a rule finds stops a true record: an invalid meeting is recorded as
        not valid, a defect as a defect. Each must be confirmed, so that the clerk
        knows what the ledger will say; the confirmations are recorded.
        """
        village = self._require_village()
        validate_record(step, record, self.today(), roster=village.roster)
        profile = self.profile(village.profile)
        found = preview(state, village, profile, step, record, self.today())
        if whole_matter:
            below = expected_below_roster(step, record, village.roster, profile)
            found += [below] if below else []
        pending = [f for f in found if f.step == step and f.rule_id not in set(acknowledged)]
        if pending:
            raise NeedsConfirmation(pending)
        return [f for f in found if f.step == step]

    def _defects(self, state: MatterState, step: Step) -> list[Finding]:
        """The defects the step's current record has (what a new attempt would cure)."""
        return [f for f in self.findings(state) if f.step is step and f.severity is Severity.DEFECT]

    def _new_findings(self, before: MatterState, after: MatterState) -> list[Finding]:
        """Findings of any class that `after` has and `before` had not."""
        village = self._require_village()
        profile = self.profile(village.profile)
        old = {(f.rule_id, f.step) for f in evaluate(before, village, profile, self.today())}
        return [
            f
            for f in evaluate(after, village, profile, self.today())
            if (f.rule_id, f.step) not in old
        ]

    def _blocking_after(self, before: MatterState | None, after: MatterState) -> list[Finding]:
        """Blocking findings of `after` that `before` did not already have (all, without `before`)."""
        village = self._require_village()
        profile = self.profile(village.profile)
        old = set()
        if before is not None:
            old = {
                (f.rule_id, f.step)
                for f in evaluate(before, village, profile, self.today())
                if f.blocking
            }
        return [
            f
            for f in evaluate(after, village, profile, self.today())
            if f.blocking and (f.rule_id, f.step) not in old
        ]
