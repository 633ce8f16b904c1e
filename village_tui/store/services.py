"""What the screens and the CLI call to read and record a village's matters.

Screens never hold a session: every method opens its own, and every write is
one transaction that appends one event and applies it, or changes nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Engine
from sqlmodel import select

from ..domain import events as ev
from ..domain.codes import check_village_code
from ..domain.findings import Finding, InvalidRecord
from ..domain.model import (
    Completion,
    Matter,
    MatterState,
    Objection,
    ProgressEntry,
    Roster,
    StepRecord,
    Village,
    to_payload,
)
from ..domain.roster_check import expected_below_roster
from ..domain.rules import evaluate, preview
from ..domain.steps import Step
from ..domain.validate import validate_matter, validate_record, validate_roster
from .db import read_session, write_session
from .errors import (  # noqa: F401  (re-exported: callers import them from here)
    REOPEN_RULE,
    Blocked,
    NeedsConfirmation,
    ServiceError,
    reopen_finding,
)
from .ledger import append, utc_now, verify
from .state import load_states, village_from_row
from .tables import EventRow, MatterRow, ObjectionRow, SettingRow, VillageRow

ROLE_VILLAGE = "village"


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


class VillageService:
    """A village's ledger, for the clerk's app and the village CLI."""

    def __init__(
        self,
        engine: Engine,
        *,
        actor: str = "村文书",
        today: Callable[[], date] = date.today,
        now: Callable[[], str] = utc_now,
    ) -> None:
        self.engine = engine
        self.actor = actor
        self.today = today
        self.now = now
        self._profiles: dict[str, Any] = {}

    # --- reading ----------------------------------------------------------------

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
            raise ServiceError(
                "尚未设置村庄信息，请先完成初始设置", "The village has not been set up yet"
            )
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
            q = select(MatterRow).where(MatterRow.village_code == code)
            if matter_ids is not None:
                q = q.where(MatterRow.id.in_(list(matter_ids)))
            q = q.order_by(MatterRow.opened_seq.desc())
            return load_states(s, s.exec(q).all())

    def state(self, matter_id: str) -> MatterState:
        found = self.states([matter_id])
        if not found:
            raise ServiceError(f"找不到事项 {matter_id}", f"No matter {matter_id}")
        return found[0]

    def findings(self, state: MatterState) -> list[Finding]:
        village = self._require_village()
        return evaluate(state, village, self.profile(village.profile), self.today())

    def preview(self, matter_id: str, step: Step, record: StepRecord) -> list[Finding]:
        """Findings the matter would have with `record` saved for `step` (nothing is saved)."""
        village = self._require_village()
        validate_record(step, record, self.today())
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
        for r in rows:
            data = json.loads(r.payload)
            inner = data.get("payload", data) if r.type == ev.CORRECTION else data
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
                )
            )
        return out

    def verify(self):
        with read_session(self.engine) as s:
            return verify(s)

    # --- writing ----------------------------------------------------------------

    def _append(
        self,
        type_: str,
        payload: dict[str, Any],
        matter_id: str | None = None,
        ledger: str | None = None,
    ):
        ledger = ledger or self.village_code()
        if ledger is None:
            raise ServiceError(
                "尚未设置村庄信息，请先完成初始设置", "The village has not been set up yet"
            )
        with write_session(self.engine) as s:
            return append(
                s,
                ledger=ledger,
                type=type_,
                payload=payload,
                actor=self.actor,
                matter_id=matter_id,
                now=self.now,
            )

    def set_up(self, village: Village) -> None:
        """Record the village, its profile and roster; once per database."""
        check_village_code(village.code)
        validate_roster(village.roster)
        self.profile(village.profile)  # an unknown profile is refused before anything is written
        if self.village_code() is not None:
            raise ServiceError(
                "本数据库已设置过村庄，不能重复设置", "This database already belongs to a village"
            )
        with write_session(self.engine) as s:
            s.add(SettingRow(key="role", value=ROLE_VILLAGE))
            s.add(SettingRow(key="village_code", value=village.code))
            append(
                s,
                ledger=village.code,
                type=ev.VILLAGE_SET_UP,
                payload={"village": to_payload(village)},
                actor=self.actor,
                now=self.now,
            )

    def change_roster(self, roster: Roster, reason: str, effective_on: date | None = None) -> None:
        """Record new roster figures; meetings already recorded keep the 应到 they used."""
        validate_roster(roster)
        if not reason.strip():
            raise InvalidRecord("reason", "请填写变更原因", "A reason for the change is required")
        self._append(
            ev.ROSTER_CHANGED,
            {
                "roster": to_payload(roster),
                "reason": reason,
                "effective_on": (effective_on or self.today()).isoformat(),
            },
        )

    def open_matter(
        self,
        *,
        title: str,
        category: str,
        source: str,
        description: str = "",
        planned_fen: int = 0,
        personal_data: bool = False,
        opened_on: date | None = None,
        matter_id: str | None = None,
    ) -> str:
        """Record a new matter and return its id."""
        matter = Matter(
            id=matter_id or uuid.uuid4().hex,
            title=title.strip(),
            category=category,
            source=source,
            description=description,
            planned_fen=planned_fen,
            personal_data=personal_data,
            opened_on=opened_on or self.today(),
        )
        validate_matter(matter, self.profile().known_categories)
        self._append(ev.MATTER_OPENED, {"matter": to_payload(matter)}, matter_id=matter.id)
        return matter.id

    def correct_matter(self, matter: Matter, reason: str, acknowledged: Sequence[str] = ()) -> None:
        """Replace a matter's particulars, with the reason on record."""
        state = self.state(matter.id)
        self._unlock(state, None, acknowledged)
        validate_matter(matter, self.profile().known_categories)
        # A new category or amount can bring stricter rules (征地: 30 days' posting).
        new = self._blocking_after(state, replace(state, matter=matter))
        if new:
            raise Blocked(new)
        first = self._first_event(matter.id, ev.MATTER_OPENED)
        self._correct(first, ev.MATTER_OPENED, {"matter": to_payload(matter)}, reason, matter.id)

    def record_step(
        self, matter_id: str, step: Step, record: StepRecord, acknowledged: Sequence[str] = ()
    ) -> list[Finding]:
        """Record a step. Refused when invalid or blocking; warnings must be in `acknowledged`."""
        state = self.state(matter_id)
        if step in state.steps:
            raise ServiceError(
                "该步骤已记录，如需修改请使用更正",
                "This step is already recorded; use a correction to change it",
            )
        findings = self._check(state, step, record, acknowledged, whole_matter=True)
        self._append(
            ev.STEP_RECORDED,
            self._step_payload(matter_id, step, record, acknowledged),
            matter_id=matter_id,
        )
        return findings

    def correct_step(
        self,
        matter_id: str,
        step: Step,
        record: StepRecord,
        reason: str,
        acknowledged: Sequence[str] = (),
    ) -> list[Finding]:
        """Replace a recorded step with a new version; the old one stays in the ledger."""
        state = self.state(matter_id)
        if step not in state.steps:
            raise ServiceError(
                "该步骤尚未记录，无法更正",
                "This step has not been recorded, so it cannot be corrected",
            )
        self._unlock(state, step, acknowledged)
        findings = self._check(state, step, record, acknowledged, whole_matter=False)
        original = self._step_event(matter_id, step)
        self._correct(
            original,
            ev.STEP_RECORDED,
            self._step_payload(matter_id, step, record, acknowledged),
            reason,
            matter_id,
        )
        return findings

    def add_progress(self, matter_id: str, *, on: date, description: str, spent_fen: int) -> str:
        """Record an implementation progress entry; returns its id."""
        entry = ProgressEntry(
            id=uuid.uuid4().hex, on=on, description=description, spent_fen=spent_fen
        )
        state = self.state(matter_id)
        if Step.IMPLEMENTATION not in state.steps:
            raise ServiceError(
                "尚未记录开始实施，不能登记进度",
                "Implementation has not started; record its start first",
            )
        if spent_fen < 0:
            raise InvalidRecord("spent_fen", "支出金额不能为负数", "Money spent cannot be negative")
        if on > self.today():
            raise InvalidRecord("on", "日期不能晚于今天", "The date cannot be in the future")
        self._append(
            ev.PROGRESS_RECORDED,
            {"matter_id": matter_id, "entry": to_payload(entry)},
            matter_id=matter_id,
        )
        return entry.id

    def complete(self, matter_id: str, *, completed_on: date, summary: str) -> None:
        """Record that implementation is finished."""
        state = self.state(matter_id)
        if Step.IMPLEMENTATION not in state.steps:
            raise ServiceError("尚未记录开始实施，不能登记完成", "Implementation has not started")
        if completed_on > self.today():
            raise InvalidRecord(
                "completed_on", "日期不能晚于今天", "The date cannot be in the future"
            )
        if completed_on < state.steps[Step.IMPLEMENTATION].started_on:
            raise InvalidRecord(
                "completed_on",
                "完成日期早于开始实施日期",
                "Completion is dated before implementation started",
            )
        payload = {
            "matter_id": matter_id,
            "completion": to_payload(Completion(completed_on=completed_on, summary=summary)),
        }
        if state.completion is not None:
            raise ServiceError(
                "已登记完成，如需修改请使用更正", "Completion is already recorded; use a correction"
            )
        self._append(ev.IMPLEMENTATION_COMPLETED, payload, matter_id=matter_id)

    def add_objection(self, matter_id: str, *, step: Step, received_on: date, content: str) -> str:
        """Record an objection to a posted notice; returns its id."""
        state = self.state(matter_id)
        if not step.is_posting or step not in state.steps:
            raise ServiceError(
                "只能对已张贴的公示登记异议",
                "Objections can only be recorded against a posted notice",
            )
        if not content.strip():
            raise InvalidRecord("content", "请填写异议内容", "The objection's content is required")
        if received_on > self.today():
            raise InvalidRecord(
                "received_on", "日期不能晚于今天", "The date cannot be in the future"
            )
        o = Objection(
            id=uuid.uuid4().hex, step=step.value, received_on=received_on, content=content
        )
        self._append(
            ev.OBJECTION_RECORDED,
            {"matter_id": matter_id, "objection": to_payload(o)},
            matter_id=matter_id,
        )
        return o.id

    def answer_objection(
        self, matter_id: str, objection_id: str, *, reply: str, replied_on: date
    ) -> None:
        """Record the reply to an objection."""
        with read_session(self.engine) as s:
            row = s.get(ObjectionRow, objection_id)
        if row is None or row.matter_id != matter_id:
            raise ServiceError("找不到该异议", "No such objection")
        if not reply.strip():
            raise InvalidRecord("reply", "请填写答复内容", "The reply is required")
        if replied_on < row.received_on:
            raise InvalidRecord(
                "replied_on",
                "答复日期早于收到异议的日期",
                "The reply is dated before the objection was received",
            )
        if replied_on > self.today():
            raise InvalidRecord(
                "replied_on", "日期不能晚于今天", "The date cannot be in the future"
            )
        payload = {
            "matter_id": matter_id,
            "objection_id": objection_id,
            "reply": reply,
            "replied_on": replied_on.isoformat(),
        }
        self._append(ev.OBJECTION_ANSWERED, payload, matter_id=matter_id)

    def answer_return(self, matter_id: str, *, answer: str, text: str) -> None:
        """Answer the township's return of a matter: fixed (已整改) or explained (说明)."""
        with read_session(self.engine) as s:
            row = s.get(MatterRow, matter_id)
        if row is None:
            raise ServiceError(f"找不到事项 {matter_id}", f"No matter {matter_id}")
        if row.review_state != "returned":
            raise ServiceError(
                "该事项没有被乡镇退回，无需答复", "This matter was not returned; nothing to answer"
            )
        if answer not in ("fixed", "explained"):
            raise InvalidRecord("answer", "请选择已整改或说明", "Choose fixed or explained")
        if not text.strip():
            raise InvalidRecord("text", "请填写答复内容", "The answer needs a text")
        payload = {"matter_id": matter_id, "answer": answer, "text": text.strip()}
        if row.review_seq:
            payload["review_seq"] = row.review_seq
        self._append(ev.MATTER_ANSWERED, payload, matter_id=matter_id)

    @staticmethod
    def _unlock(state: MatterState, step: Step | None, acknowledged: Sequence[str]) -> None:
        """An approved matter is locked: correcting it needs a confirmation, which reopens its review."""
        if state.review_state == "approved" and REOPEN_RULE not in acknowledged:
            raise NeedsConfirmation([reopen_finding(step)])

    # --- helpers ----------------------------------------------------------------

    def _check(
        self,
        state: MatterState,
        step: Step,
        record: StepRecord,
        acknowledged: Sequence[str],
        whole_matter: bool,
    ) -> list[Finding]:
        village = self._require_village()
        validate_record(step, record, self.today())
        profile = self.profile(village.profile)
        found = preview(state, village, profile, step, record, self.today())
        if whole_matter:
            below = expected_below_roster(step, record, village.roster)
            found += [below] if below else []
        after = replace(state, steps={**state.steps, step: record})
        seen = {(f.rule_id, f.step) for f in found}
        # A new step must leave the matter with no blocking finding at all; a
        # correction (which may be fixing an old one) must not add a new one.
        found += [
            f
            for f in self._blocking_after(state if not whole_matter else None, after)
            if (f.rule_id, f.step) not in seen
        ]
        blocking = [f for f in found if f.blocking]
        if blocking:
            raise Blocked(blocking)
        pending = [
            f
            for f in found
            if not f.blocking and f.step == step and f.rule_id not in set(acknowledged)
        ]
        if pending:
            raise NeedsConfirmation(pending)
        return found

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

    @staticmethod
    def _step_payload(
        matter_id: str, step: Step, record: StepRecord, acknowledged: Sequence[str]
    ) -> dict[str, Any]:
        return {
            "matter_id": matter_id,
            "step": step.value,
            "record": to_payload(record),
            "acknowledged": sorted(set(acknowledged)),
        }

    def _first_event(self, matter_id: str, type_: str) -> int:
        with read_session(self.engine) as s:
            row = s.exec(
                select(EventRow.seq)
                .where(
                    EventRow.ledger == self.village_code(),
                    EventRow.matter_id == matter_id,
                    EventRow.type == type_,
                )
                .order_by(EventRow.seq)
            ).first()
        if row is None:
            raise ServiceError(f"找不到事项 {matter_id}", f"No matter {matter_id}")
        return row

    def _step_event(self, matter_id: str, step: Step) -> int:
        for h in self.history(matter_id):
            if h.type == ev.STEP_RECORDED and h.step == step.value:
                return h.seq
        raise ServiceError(
            "该步骤尚未记录，无法更正", "This step has not been recorded, so it cannot be corrected"
        )

    def _correct(
        self, corrects: int, type_: str, payload: dict[str, Any], reason: str, matter_id: str
    ) -> None:
        if not reason.strip():
            raise InvalidRecord("reason", "更正必须填写原因", "A correction needs a reason")
        self._append(
            ev.CORRECTION,
            {"corrects": corrects, "reason": reason, "type": type_, "payload": payload},
            matter_id=matter_id,
        )
