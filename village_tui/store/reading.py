"""The village service's queries: the village, its matters, their findings and history.

Nothing here writes; `recording.py` holds the commands and `services.py` composes both.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import select

from ..domain import events as ev
from ..domain.findings import Finding
from ..domain.model import MatterState, StepRecord, Village, record_from_payload
from ..domain.rules import evaluate, preview, unacknowledged
from ..domain.steps import Step
from ..domain.validate import validate_record
from ..i18n.store import both
from .collector import collector_paused
from .db import read_session
from .errors import ServiceError
from .history_diff import Change, changes
from .ledger import verify
from .state import load_states, village_from_row
from .tables import EventRow, MatterRow, SettingRow, VillageRow


@dataclass(frozen=True)
class HistoryEntry:
    """One event of a matter's history, as the history screen lists it."""

    seq: int
    type: str
    step: str | None
    actor: str
    recorded_at: str
    reason: str
    corrects: int | None
    data: dict[str, Any]
    changes: tuple[Change, ...] = ()  # a correction's fields, old → new


class VillageReading:
    """Reads a village's ledger; mixed into `VillageService` (which sets the engine and clock)."""

    def village_code(self) -> str | None:
        """The code of the village this database belongs to, None before set-up."""
        with read_session(self.engine) as s:
            row = s.get(SettingRow, "village_code")
            return row.value if row else None

    def village(self) -> Village | None:
        code = self.village_code()
        if code is None:
            return None
        with read_session(self.engine) as s:
            row = s.get(VillageRow, code)
            return village_from_row(row) if row else None

    def _require_village(self) -> Village:
        v = self.village()
        if v is None:
            raise ServiceError(*both("not_set_up"))
        return v

    def profile(self, name: str | None = None):
        """The rule profile the village uses (cached)."""
        from ..profiles import load_profile

        name = name or self._require_village().profile
        if name not in self._profiles:
            self._profiles[name] = load_profile(name)
        return self._profiles[name]

    def states(self, matter_ids: Sequence[str] | None = None) -> list[MatterState]:
        """Matter states, newest first; all of the village's when no ids are given."""
        code = self.village_code()
        with read_session(self.engine) as s:
            m = MatterRow.__table__.c
            q = select(*m).where(m.village_code == code)  # plain rows: no ORM object each
            if matter_ids is not None:
                q = q.where(m.id.in_(list(matter_ids)))
            q = q.order_by(m.opened_seq.desc())
            return load_states(s, s.execute(q).all())

    def state(self, matter_id: str) -> MatterState:
        found = self.states([matter_id])
        if not found:
            raise ServiceError(*both("no_matter", matter_id=matter_id))
        return found[0]

    def findings(self, state: MatterState) -> list[Finding]:
        village = self._require_village()
        return evaluate(state, village, self.profile(village.profile), self.today())

    def preview(self, matter_id: str, step: Step, record: StepRecord) -> list[Finding]:
        """Findings the matter would have with `record` saved for `step` (nothing is saved)."""
        village = self._require_village()
        validate_record(step, record, self.today(), roster=village.roster)
        return preview(
            self.state(matter_id),
            village,
            self.profile(village.profile),
            step,
            record,
            self.today(),
        )

    def history(self, matter_id: str) -> list[HistoryEntry]:
        """Every event that touched the matter, oldest first, corrections included."""
        code = self.village_code()
        with read_session(self.engine) as s:
            rows = s.exec(
                select(EventRow)
                .where(EventRow.matter_id == matter_id)
                .order_by(EventRow.ledger != code, EventRow.seq)
            ).all()
        out = []
        latest: dict[tuple[str, int], Any] = {}  # each event's payload as last corrected
        for r in rows:
            data = json.loads(r.payload)
            inner = data.get("payload", data) if r.type == ev.CORRECTION else data
            found: tuple[Change, ...] = ()
            if r.type == ev.CORRECTION and isinstance(data.get("corrects"), int):
                key = (r.ledger, data["corrects"])
                found = tuple(changes(latest.get(key), inner))
                latest[key] = inner
            else:
                latest[(r.ledger, r.seq)] = data
            out.append(
                HistoryEntry(
                    seq=r.seq,
                    type=r.type,
                    step=inner.get("step") if isinstance(inner, dict) else None,
                    actor=r.actor,
                    recorded_at=r.recorded_at,
                    reason=data.get("reason", "") if r.type == ev.CORRECTION else "",
                    corrects=data.get("corrects") if r.type == ev.CORRECTION else None,
                    data=data,
                    changes=found,
                )
            )
        return out

    def attempt_record(self, matter_id: str, step: Step, seq: int) -> StepRecord:
        """The record of one attempt at `step` (the event `seq` recorded), as last corrected."""
        found = None
        for h in self.history(matter_id):
            if h.step != step.value:
                continue
            if h.type == ev.STEP_RECORDED and h.seq == seq:
                found = h.data
            elif h.type == ev.CORRECTION and h.corrects == seq:
                found = h.data.get("payload")
        if not isinstance(found, dict) or "record" not in found:
            raise ServiceError(*both("no_attempt"))
        return record_from_payload(step, found["record"])

    def village_header(self):
        """The village's name and profile, read without the ORM (None before set-up)."""
        from .summaries import village_header

        return village_header(self.engine)

    def summaries(self, village_code: str | None, limit: int | None = None):
        """The village's matters for the dashboard's table, newest first, read without the ORM."""
        from .summaries import matter_summaries

        return matter_summaries(self.engine, village_code, limit=limit)

    def unconfirmed_findings(self) -> dict[str, list[Finding]]:
        """Each matter's findings that still need the clerk (as the dashboard marks them), by id."""
        village = self._require_village()
        profile, today = self.profile(village.profile), self.today()
        # Tens of thousands of small objects and no cycles: each automatic collection would
        # rescan them all, which made 20,000 matters take super-linear time.
        with collector_paused():
            return {
                state.matter.id: unacknowledged(evaluate(state, village, profile, today), state)
                for state in self.states()
            }

    def verify(self):
        with read_session(self.engine) as s:
            return verify(s)
