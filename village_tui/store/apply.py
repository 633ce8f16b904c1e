"""The one function that turns a ledger event into the derived tables.

The village app, the township import and the county import all call
`apply_event`, so they can never disagree about what a ledger means. It reads
nothing but the event and the tables it maintains: no clock, no settings.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlmodel import Session, select

from ..domain import events as ev
from ..domain.chain import Event, canonical_json
from ..domain.model import (
    Completion,
    Matter,
    Objection,
    ProgressEntry,
    Roster,
    Village,
    from_payload,
    record_from_payload,
)
from ..domain.steps import Step
from .search import search_key
from .tables import CompletionRow, MatterRow, ObjectionRow, ProgressRow, StepRow, VillageRow


class ApplyError(ValueError):
    """An event that cannot be applied to the state it meets (unknown matter, bad payload)."""


Handler = Callable[[Session, Event, dict[str, Any], bool], None]
_HANDLERS: dict[str, Handler] = {}


def _handles(*types: str):
    def register(fn: Handler) -> Handler:
        for t in types:
            _HANDLERS[t] = fn
        return fn

    return register


def apply_event(session: Session, e: Event) -> None:
    """Bring the derived tables up to date with one event."""
    data = json.loads(e.payload)
    if e.type == ev.CORRECTION:
        original = data.get("type")
        if original not in ev.CORRECTABLE:
            raise ApplyError(f"event {e.seq}: cannot correct an event of type {original!r}")
        _dispatch(session, e, original, data.get("payload"), corrected=True)
    else:
        _dispatch(session, e, e.type, data, corrected=False)


def _dispatch(session: Session, e: Event, type_: str, data: Any, corrected: bool) -> None:
    handler = _HANDLERS.get(type_)
    if handler is None:
        raise ApplyError(f"event {e.seq}: unknown type {type_!r}")
    if not isinstance(data, dict):
        raise ApplyError(f"event {e.seq}: payload is not an object")
    try:
        handler(session, e, data, corrected)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, ApplyError):
            raise
        raise ApplyError(f"event {e.seq} ({type_}): {exc}") from None


def _matter(session: Session, matter_id: str, e: Event) -> MatterRow:
    row = session.get(MatterRow, matter_id)
    if row is None:
        raise ApplyError(f"event {e.seq}: no matter {matter_id!r}")
    return row


def _touch(session: Session, matter: MatterRow, e: Event, corrected: bool) -> None:
    matter.updated_seq = e.seq
    # A correction to a matter the township approved sends it back for review.
    if corrected and matter.review_state == "approved":
        matter.review_state = "reopened"
    session.add(matter)


@_handles(ev.VILLAGE_SET_UP)
def _village_set_up(session: Session, e: Event, data: dict, corrected: bool) -> None:
    v = from_payload(Village, data["village"])
    row = session.get(VillageRow, v.code) or VillageRow(code=v.code)
    row.name, row.profile = v.name, v.profile
    row.township_code, row.township_name = v.township_code, v.township_name
    row.county_code, row.county_name = v.county_code, v.county_name
    _set_roster(row, v.roster)
    row.updated_seq = e.seq
    session.add(row)


def _set_roster(row: VillageRow, roster: Roster) -> None:
    for name, value in roster.__dict__.items():
        setattr(row, name, value)


def _village(session: Session, e: Event) -> VillageRow:
    row = session.get(VillageRow, e.ledger)
    if row is None:
        raise ApplyError(f"event {e.seq}: village {e.ledger} has not been set up")
    return row


@_handles(ev.ROSTER_CHANGED)
def _roster_changed(session: Session, e: Event, data: dict, corrected: bool) -> None:
    row = _village(session, e)
    _set_roster(row, from_payload(Roster, data["roster"]))
    row.updated_seq = e.seq
    session.add(row)


@_handles(ev.PROFILE_CHANGED)
def _profile_changed(session: Session, e: Event, data: dict, corrected: bool) -> None:
    row = _village(session, e)
    row.profile = str(data["profile"])
    row.updated_seq = e.seq
    session.add(row)


@_handles(ev.MATTER_OPENED)
def _matter_opened(session: Session, e: Event, data: dict, corrected: bool) -> None:
    m = from_payload(Matter, data["matter"])
    row = session.get(MatterRow, m.id)
    if row is None:
        if corrected:
            raise ApplyError(f"event {e.seq}: no matter {m.id!r} to correct")
        _village(session, e)
        row = MatterRow(id=m.id, village_code=e.ledger, title="", category="", source="")
        row.opened_seq = e.seq
    row.title, row.category, row.source = m.title, m.category, m.source
    row.description, row.planned_fen, row.personal_data = (
        m.description,
        m.planned_fen,
        m.personal_data,
    )
    row.opened_on = m.opened_on
    row.search_key = search_key(m.title)
    _touch(session, row, e, corrected)


@_handles(ev.STEP_RECORDED)
def _step_recorded(session: Session, e: Event, data: dict, corrected: bool) -> None:
    matter = _matter(session, data["matter_id"], e)
    step = Step(data["step"])
    record = record_from_payload(step, data["record"])
    row = session.exec(
        select(StepRow).where(StepRow.matter_id == matter.id, StepRow.step == step.value)
    ).first()
    if row is None:
        row = StepRow(
            matter_id=matter.id,
            step=step.value,
            step_index=step.index,
            on=_on(record),
            record="",
            seq=e.seq,
            version=0,
        )
    row.on = _on(record)
    row.until = getattr(record, "until", None)
    row.record = canonical_json(data["record"])
    row.acknowledged = canonical_json(sorted(set(data.get("acknowledged") or [])))
    row.version += 1
    row.seq, row.actor, row.recorded_at = e.seq, e.actor, e.recorded_at
    session.add(row)
    if step.index > matter.reached_index:
        matter.reached, matter.reached_index = step.value, step.index
        # New work after an approval is new work to review.
        if matter.review_state == "approved" and not corrected:
            matter.review_state = "pending"
    _touch(session, matter, e, corrected)


def _on(record: Any):
    for name in ("held_on", "posted_on", "started_on"):
        if hasattr(record, name):
            return getattr(record, name)
    raise ApplyError("record has no date")


@_handles(ev.PROGRESS_RECORDED)
def _progress(session: Session, e: Event, data: dict, corrected: bool) -> None:
    matter = _matter(session, data["matter_id"], e)
    entry = from_payload(ProgressEntry, data["entry"])
    row = session.get(ProgressRow, entry.id)
    old = row.spent_fen if row is not None else 0
    if row is None:
        row = ProgressRow(id=entry.id, matter_id=matter.id, on=entry.on, seq=e.seq)
    row.on, row.description, row.spent_fen, row.seq = (
        entry.on,
        entry.description,
        entry.spent_fen,
        e.seq,
    )
    session.add(row)
    matter.spent_fen = matter.spent_fen - old + entry.spent_fen
    _touch(session, matter, e, corrected)


@_handles(ev.IMPLEMENTATION_COMPLETED)
def _completed(session: Session, e: Event, data: dict, corrected: bool) -> None:
    matter = _matter(session, data["matter_id"], e)
    c = from_payload(Completion, data["completion"])
    row = session.get(CompletionRow, matter.id) or CompletionRow(
        matter_id=matter.id, completed_on=c.completed_on, seq=e.seq
    )
    row.completed_on, row.summary, row.seq = c.completed_on, c.summary, e.seq
    session.add(row)
    matter.completed_on = c.completed_on
    _touch(session, matter, e, corrected)


@_handles(ev.OBJECTION_RECORDED)
def _objection(session: Session, e: Event, data: dict, corrected: bool) -> None:
    matter = _matter(session, data["matter_id"], e)
    o = from_payload(Objection, data["objection"])
    row = session.get(ObjectionRow, o.id) or ObjectionRow(
        id=o.id, matter_id=matter.id, step=o.step, received_on=o.received_on, seq=e.seq
    )
    row.step, row.received_on, row.content = Step(o.step).value, o.received_on, o.content
    row.reply, row.replied_on, row.seq = o.reply, o.replied_on, e.seq
    session.add(row)
    _touch(session, matter, e, corrected)


@_handles(ev.OBJECTION_ANSWERED)
def _answered(session: Session, e: Event, data: dict, corrected: bool) -> None:
    matter = _matter(session, data["matter_id"], e)
    row = session.get(ObjectionRow, data["objection_id"])
    if row is None or row.matter_id != matter.id:
        raise ApplyError(f"event {e.seq}: no objection {data['objection_id']!r}")
    o = from_payload(
        Objection,
        {
            "id": row.id,
            "step": row.step,
            "received_on": row.received_on.isoformat(),
            "reply": data["reply"],
            "replied_on": data.get("replied_on"),
        },
    )
    row.reply, row.replied_on, row.seq = o.reply, o.replied_on, e.seq
    session.add(row)
    _touch(session, matter, e, corrected)


@_handles(ev.REVIEW_APPROVED, ev.REVIEW_RETURNED)
def _reviewed(session: Session, e: Event, data: dict, corrected: bool) -> None:
    matter = session.get(MatterRow, data["matter_id"])
    if matter is None:
        # A review can reach a database that never saw the village's ledger (a
        # county importing a township's bundle first); it is kept in the ledger
        # and takes effect through `replay` once the matter arrives.
        return
    matter.review_state = "approved" if e.type == ev.REVIEW_APPROVED else "returned"
    matter.review_comment = str(data.get("comment", ""))
    matter.review_seq = e.seq
    session.add(matter)
