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
from ..domain.chain import canonical_json
from ..domain.codes import check_village_code
from ..domain.findings import Finding, InvalidRecord, Severity
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
from ..domain.roster_check import composition_findings, expected_below_roster
from ..domain.rules import evaluate, preview
from ..domain.steps import Step
from ..domain.text import check_recordable
from ..domain.validate import validate_matter, validate_record, validate_roster
from .db import read_session, write_session
from .errors import (  # noqa: F401  (re-exported: callers import them from here)
    REOPEN_RULE,
    Blocked,
    NeedsConfirmation,
    ServiceError,
    reopen_finding,
)
from .history_diff import Change, changes
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
    changes: tuple[Change, ...] = ()  # a correction's fields, old → new


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
            m = MatterRow.__table__.c
            q = select(*m).where(m.village_code == code)  # plain rows: no ORM object each
            if matter_ids is not None:
                q = q.where(m.id.in_(list(matter_ids)))
            q = q.order_by(m.opened_seq.desc())
            return load_states(s, s.execute(q).all())

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
        check_recordable(payload, canonical_json(payload), self.actor)
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

    def set_up(self, village: Village, acknowledged: Sequence[str] = ()) -> None:
        """Record the village, its profile and roster; once per database."""
        check_village_code(village.code)
        validate_roster(village.roster)
        profile = self.profile(village.profile)  # unknown: refused before anything is written
        self._confirm_composition(village.roster, profile, acknowledged)
        if self.village_code() is not None:
            raise ServiceError(
                "本数据库已设置过村庄，不能重复设置", "This database already belongs to a village"
            )
        payload = {"village": to_payload(village)}
        check_recordable(payload, canonical_json(payload), self.actor)
        with write_session(self.engine) as s:
            s.add(SettingRow(key="role", value=ROLE_VILLAGE))
            s.add(SettingRow(key="village_code", value=village.code))
            append(
                s,
                ledger=village.code,
                type=ev.VILLAGE_SET_UP,
                payload=payload,
                actor=self.actor,
                now=self.now,
            )

    def change_roster(
        self,
        roster: Roster,
        reason: str,
        effective_on: date | None = None,
        acknowledged: Sequence[str] = (),
    ) -> None:
        """Record new roster figures; meetings already recorded keep the 应到 they used."""
        validate_roster(roster)
        if not reason.strip():
            raise InvalidRecord("reason", "请填写变更原因", "A reason for the change is required")
        self._confirm_composition(roster, self.profile(), acknowledged)
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
        pending = [f for f in new if f.rule_id not in set(acknowledged)]
        if pending:
            raise NeedsConfirmation(pending)
        first = self._first_event(matter.id, ev.MATTER_OPENED)
        self._correct(first, ev.MATTER_OPENED, {"matter": to_payload(matter)}, reason, matter.id)

    def record_step(
        self, matter_id: str, step: Step, record: StepRecord, acknowledged: Sequence[str] = ()
    ) -> list[Finding]:
        """Record an attempt at a step, valid or not; every finding about it must be confirmed.

        A meeting that missed its quorum or majority, or came out of order, is
        recorded as not valid: the step is not reached and the next meeting for it
        is a second attempt. A step already reached may be recorded again only to
        cure a defect (the notice posted again for its full period, a new meeting).
        """
        state = self.state(matter_id)
        if step in state.steps and not self._defects(state, step):
            raise ServiceError(
                "该步骤已记录，如需修改请使用更正",
                "This step is already recorded; use a correction to change it",
            )
        trial = replace(state, steps={k: v for k, v in state.steps.items() if k is not step})
        findings = self._check(trial, step, record, acknowledged, whole_matter=True)
        self._append(
            ev.STEP_RECORDED,
            self._step_payload(matter_id, step, record, acknowledged, findings),
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
        attempt_seq: int | None = None,
    ) -> list[Finding]:
        """Replace an attempt at a step (by default the latest) with a new version; the old stays."""
        state = self.state(matter_id)
        attempts = state.attempts_at(step)
        if step not in state.steps and not attempts:
            raise ServiceError(
                "该步骤尚未记录，无法更正",
                "This step has not been recorded, so it cannot be corrected",
            )
        self._unlock(state, step, acknowledged)
        findings = self._check(state, step, record, acknowledged, whole_matter=False)
        if step in state.steps:
            # A new date can break a rule elsewhere (work now starts inside the posting).
            after = replace(state, steps={**state.steps, step: record})
            elsewhere = [
                f
                for f in self._new_findings(state, after)
                if f.step != step and f.rule_id not in set(acknowledged)
            ]
            if elsewhere:
                raise NeedsConfirmation(elsewhere)
        if attempt_seq is not None:
            if attempt_seq not in {a.seq for a in attempts}:
                raise ServiceError("找不到该次记录", "No such attempt at this step")
            original = attempt_seq
        else:
            original = attempts[-1].seq if attempts else self._step_event(matter_id, step)
        self._correct(
            original,
            ev.STEP_RECORDED,
            self._step_payload(matter_id, step, record, acknowledged, findings),
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
        self._check_progress(entry)
        self._append(
            ev.PROGRESS_RECORDED,
            {"matter_id": matter_id, "entry": _entry_payload(entry)},
            matter_id=matter_id,
        )
        return entry.id

    def correct_progress(
        self,
        matter_id: str,
        entry_id: str,
        *,
        on: date,
        description: str,
        spent_fen: int,
        reason: str,
        acknowledged: Sequence[str] = (),
    ) -> None:
        """Replace a progress entry's date, text or amount, with the reason on record."""
        state = self.state(matter_id)
        old = self._progress_entry(state, entry_id)
        self._unlock(state, Step.IMPLEMENTATION, acknowledged)
        entry = replace(old, on=on, description=description, spent_fen=spent_fen)
        self._check_progress(entry)
        self._correct(
            self._progress_event(matter_id, entry_id),
            ev.PROGRESS_RECORDED,
            {"matter_id": matter_id, "entry": _entry_payload(entry)},
            reason,
            matter_id,
        )

    def reverse_progress(
        self, matter_id: str, entry_id: str, *, reason: str, acknowledged: Sequence[str] = ()
    ) -> None:
        """Strike out a progress entry (a reversal): it stays on record, its money no longer counts."""
        state = self.state(matter_id)
        old = self._progress_entry(state, entry_id)
        if old.reversed:
            raise ServiceError("该进度已冲销", "This progress entry is already reversed")
        self._unlock(state, Step.IMPLEMENTATION, acknowledged)
        self._correct(
            self._progress_event(matter_id, entry_id),
            ev.PROGRESS_RECORDED,
            {"matter_id": matter_id, "entry": _entry_payload(replace(old, reversed=True))},
            reason,
            matter_id,
        )

    def _progress_entry(self, state: MatterState, entry_id: str) -> ProgressEntry:
        for p in state.progress:
            if p.id == entry_id:
                return p
        raise ServiceError("找不到该进度记录", "No such progress entry")

    def _check_progress(self, entry: ProgressEntry) -> None:
        if entry.spent_fen < 0:
            raise InvalidRecord("spent_fen", "支出金额不能为负数", "Money spent cannot be negative")
        if entry.on > self.today():
            raise InvalidRecord("on", "日期不能晚于今天", "The date cannot be in the future")
        validate_record(Step.IMPLEMENTATION, entry, self.today())

    def _progress_event(self, matter_id: str, entry_id: str) -> int:
        """The event that first recorded progress entry `entry_id`."""
        with read_session(self.engine) as s:
            rows = s.exec(
                select(EventRow.seq, EventRow.payload)
                .where(
                    EventRow.ledger == self.village_code(),
                    EventRow.matter_id == matter_id,
                    EventRow.type == ev.PROGRESS_RECORDED,
                )
                .order_by(EventRow.seq)
            ).all()
        for seq, payload in rows:
            if json.loads(payload).get("entry", {}).get("id") == entry_id:
                return seq
        raise ServiceError("找不到该进度记录", "No such progress entry")

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

    # --- helpers ----------------------------------------------------------------

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
            below = expected_below_roster(step, record, village.roster)
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

    @staticmethod
    def _step_payload(
        matter_id: str,
        step: Step,
        record: StepRecord,
        acknowledged: Sequence[str],
        findings: Sequence[Finding] = (),
    ) -> dict[str, Any]:
        payload = {
            "matter_id": matter_id,
            "step": step.value,
            "record": to_payload(record),
            "acknowledged": sorted(set(acknowledged)),
        }
        # What the rules of the day made of it, so that every copy of the ledger
        # agrees which attempt counted. A clean step carries none (as before).
        invalid = sorted({f.rule_id for f in findings if f.step is step and f.invalid})
        defects = sorted(
            {f.rule_id for f in findings if f.step is step and f.severity is Severity.DEFECT}
        )
        if invalid or defects:
            payload["verdict"] = {"valid": not invalid, "invalid": invalid, "defects": defects}
        return payload

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


def _entry_payload(entry: ProgressEntry) -> dict[str, Any]:
    """A progress entry as the ledger stores it; `reversed` only once it is."""
    payload = to_payload(entry)
    if not entry.reversed:
        del payload["reversed"]
    return payload
