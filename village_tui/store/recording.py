"""The village service's commands: each appends one event and applies it, or changes nothing."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlmodel import select

from ..domain import events as ev
from ..domain.chain import canonical_json
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
from ..domain.steps import Step
from ..domain.text import check_recordable
from ..domain.validate import validate_matter, validate_record, validate_roster
from ..i18n.store import both
from .db import read_session, write_session
from .errors import NeedsConfirmation, ServiceError
from .ledger import append
from .step_payload import step_payload
from .tables import EventRow, MatterRow, ObjectionRow, SettingRow

ROLE_VILLAGE = "village"


class VillageRecording:
    """Records to a village's ledger; mixed into `VillageService`."""

    def _append(
        self,
        type_: str,
        payload: dict[str, Any],
        matter_id: str | None = None,
        ledger: str | None = None,
    ):
        ledger = ledger or self.village_code()
        if ledger is None:
            raise ServiceError(*both("not_set_up"))
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
            raise ServiceError(*both("already_set_up"))
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
            raise InvalidRecord("reason", *both("roster_reason_needed"))
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
            raise ServiceError(*both("step_already_recorded"))
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
            raise ServiceError(*both("step_not_recorded"))
        self._unlock(state, step, acknowledged)
        try:
            findings = self._check(state, step, record, acknowledged, whole_matter=False)
            asked: list[Finding] = []
        except NeedsConfirmation as exc:
            findings, asked = [], exc.findings
        if step in state.steps:
            # A new date can break a rule elsewhere (work now starts inside the posting):
            # asked together with the step's own findings, so one confirmation covers all.
            after = replace(state, steps={**state.steps, step: record})
            asked += [
                f
                for f in self._new_findings(state, after)
                if f.step != step and f.rule_id not in set(acknowledged)
            ]
        if asked:
            raise NeedsConfirmation(asked)
        if attempt_seq is not None:
            if attempt_seq not in {a.seq for a in attempts}:
                raise ServiceError(*both("no_attempt"))
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
            raise ServiceError(*both("progress_before_start"))
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
            raise ServiceError(*both("progress_reversed"))
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
        raise ServiceError(*both("no_progress"))

    def _check_progress(self, entry: ProgressEntry) -> None:
        if entry.spent_fen < 0:
            raise InvalidRecord("spent_fen", *both("negative_spent"))
        if entry.on > self.today():
            raise InvalidRecord("on", *both("future_date"))
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
        raise ServiceError(*both("no_progress"))

    def complete(self, matter_id: str, *, completed_on: date, summary: str) -> None:
        """Record that implementation is finished."""
        state = self.state(matter_id)
        if Step.IMPLEMENTATION not in state.steps:
            raise ServiceError(*both("completion_before_start"))
        if completed_on > self.today():
            raise InvalidRecord("completed_on", *both("future_date"))
        if completed_on < state.steps[Step.IMPLEMENTATION].started_on:
            raise InvalidRecord("completed_on", *both("completion_before_started_on"))
        payload = {
            "matter_id": matter_id,
            "completion": to_payload(Completion(completed_on=completed_on, summary=summary)),
        }
        if state.completion is not None:
            raise ServiceError(*both("already_completed"))
        self._append(ev.IMPLEMENTATION_COMPLETED, payload, matter_id=matter_id)

    def add_objection(self, matter_id: str, *, step: Step, received_on: date, content: str) -> str:
        """Record an objection to a posted notice; returns its id."""
        state = self.state(matter_id)
        if not step.is_posting or step not in state.steps:
            raise ServiceError(*both("objection_not_posted"))
        if not content.strip():
            raise InvalidRecord("content", *both("objection_content_needed"))
        if received_on > self.today():
            raise InvalidRecord("received_on", *both("future_date"))
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
            raise ServiceError(*both("no_objection"))
        if not reply.strip():
            raise InvalidRecord("reply", *both("reply_needed"))
        if replied_on < row.received_on:
            raise InvalidRecord("replied_on", *both("reply_before_received"))
        if replied_on > self.today():
            raise InvalidRecord("replied_on", *both("future_date"))
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
            raise ServiceError(*both("no_matter", matter_id=matter_id))
        if row.review_state != "returned":
            raise ServiceError(*both("not_returned"))
        if answer not in ("fixed", "explained"):
            raise InvalidRecord("answer", *both("answer_choice"))
        if not text.strip():
            raise InvalidRecord("text", *both("answer_text_needed"))
        payload = {"matter_id": matter_id, "answer": answer, "text": text.strip()}
        if row.review_seq:
            payload["review_seq"] = row.review_seq
        self._append(ev.MATTER_ANSWERED, payload, matter_id=matter_id)

    # The one builder the sample loader uses too (sample data is recorded as the forms record it).
    _step_payload = staticmethod(step_payload)

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
            raise ServiceError(*both("no_matter", matter_id=matter_id))
        return row

    def _step_event(self, matter_id: str, step: Step) -> int:
        for h in self.history(matter_id):
            if h.type == ev.STEP_RECORDED and h.step == step.value:
                return h.seq
        raise ServiceError(*both("step_not_recorded"))

    def _correct(
        self, corrects: int, type_: str, payload: dict[str, Any], reason: str, matter_id: str
    ) -> None:
        if not reason.strip():
            raise InvalidRecord("reason", *both("correction_reason_needed"))
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
