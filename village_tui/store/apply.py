"""The one function that turns a ledger event into the derived tables.

The village app, the township import and the county import all call
`apply_event`, so they can never disagree about what a ledger means. It reads
nothing but the event and the tables it maintains: no clock, no settings.

Imports apply thousands of events in one transaction inside `applying`: the
rows they touch are then looked up in memory instead of with a query (and an
autoflush) per event, and written in one flush at the end.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlmodel import Session

from ..domain import events as ev
from ..domain.chain import Event
from ..domain.model import (
    Completion,
    Matter,
    Objection,
    ProgressEntry,
    Roster,
    Village,
    from_payload,
    record_date,
    record_from_payload,
)
from ..domain.steps import ORDER, Step
from .apply_rows import BatchRows, Rows, canonical_text
from .search import search_key
from .tables import (
    CompletionRow,
    MatterRow,
    ObjectionRow,
    ProgressRow,
    StepRow,
    VillageRow,
)


class ApplyError(ValueError):
    """An event that cannot be applied to the state it meets (unknown matter, bad payload)."""


_ROWS_KEY = "village_tui.apply.rows"


def _rows(session: Session) -> Rows:
    """The batch's rows inside `applying`; otherwise a fresh, one-event lookup."""
    return session.info.get(_ROWS_KEY) or Rows(session)


@contextmanager
def applying(session: Session, events: Iterable[tuple[Event, Any]] = ()) -> Iterator[None]:
    """Apply many events in one go: rows kept in memory, written once when the block ends.

    `events` (event, parsed payload or None) are the events about to be
    applied, so the rows they name can be loaded up front with a few queries.
    Inside the block nothing but `apply_event` (through `ledger.store_event`)
    may write the derived tables; on an exception nothing is written.
    """
    if _ROWS_KEY in session.info:  # nested: the outer batch already does all this
        yield
        return
    rows = BatchRows(session)
    session.info[_ROWS_KEY] = rows
    try:
        with session.no_autoflush:
            rows.prefetch(events)
            yield
            rows.flush()
    finally:
        session.info.pop(_ROWS_KEY, None)
        rows.close()


def flush_batch(session: Session) -> None:
    """Write what the open batch (if any) holds so far."""
    rows = session.info.get(_ROWS_KEY)
    if rows is None:
        session.flush()
    else:
        rows.flush()


Handler = Callable[[Rows, Event, dict[str, Any], bool], None]
_HANDLERS: dict[str, Handler] = {}


def _handles(*types: str):
    def register(fn: Handler) -> Handler:
        for t in types:
            _HANDLERS[t] = fn
        return fn

    return register


def apply_event(session: Session, e: Event, data: Any = None) -> None:
    """Bring the derived tables up to date with one event (`data`: its payload, already parsed)."""
    if data is None:
        data = json.loads(e.payload)
    rows = _rows(session)
    if e.type == ev.CORRECTION:
        original = data.get("type") if isinstance(data, dict) else None
        if original not in ev.CORRECTABLE:
            raise ApplyError(f"event {e.seq}: cannot correct an event of type {original!r}")
        # Which event is corrected matters to a step: it names the attempt replaced.
        rows.corrects = data.get("corrects")
        try:
            _dispatch(rows, e, original, data.get("payload"), corrected=True)
        finally:
            rows.corrects = None
    else:
        _dispatch(rows, e, e.type, data, corrected=False)


def _dispatch(rows: Rows, e: Event, type_: str, data: Any, corrected: bool) -> None:
    handler = _HANDLERS.get(type_)
    if handler is None:
        raise ApplyError(f"event {e.seq}: unknown type {type_!r}")
    if not isinstance(data, dict):
        raise ApplyError(f"event {e.seq}: payload is not an object")
    try:
        handler(rows, e, data, corrected)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, ApplyError):
            raise
        raise ApplyError(f"event {e.seq} ({type_}): {exc}") from None


def _matter(rows: Rows, matter_id: str, e: Event) -> MatterRow:
    row = rows.get(MatterRow, matter_id)
    if row is None:
        raise ApplyError(f"event {e.seq}: no matter {matter_id!r}")
    _own(row, e)
    return row


def _own(matter: MatterRow, e: Event) -> None:
    """Refuse an event that reaches into a matter of another village's ledger."""
    # A township or county database holds many villages: without this, one village's
    # signed bundle could rewrite another village's matter under the same id.
    if matter.village_code != e.ledger:
        raise ApplyError(
            f"event {e.seq}: matter {matter.id!r} belongs to village {matter.village_code},"
            f" not to ledger {e.ledger}"
        )
    if e.matter_id is not None and e.matter_id != matter.id:
        raise ApplyError(
            f"event {e.seq}: envelope names matter {e.matter_id!r}, payload {matter.id!r}"
        )


def _same_matter(row, matter: MatterRow, e: Event, what: str) -> None:
    if row is not None and row.matter_id != matter.id:
        raise ApplyError(f"event {e.seq}: {what} {row.id!r} belongs to another matter")


def _touch(matter: MatterRow, e: Event, corrected: bool) -> None:
    matter.updated_seq = e.seq
    if corrected:
        matter.corrected_seq = e.seq
    _settle_review(matter)


def _settle_review(matter: MatterRow) -> None:
    """The review state from the township's last verdict and what the village did after it.

    A verdict covers the version the township saw (`reviewed_seq`). Village work after
    it means a new review is due: a correction of an approved matter, or any change to
    a returned one, reopens it; a new step of an approved one is simply pending. This
    depends only on the recorded facts, so a village and a township that receive the
    same events in a different order (a correction and an approval crossing in the
    post) end in the same state.
    """
    state = settled_review(
        matter.review_verdict, matter.reviewed_seq, matter.updated_seq, matter.corrected_seq
    )
    if state is not None:  # None: never reviewed, pending as created
        matter.review_state = state


def settled_review(
    verdict: str | None, seen: int | None, updated_seq: int, corrected_seq: int
) -> str | None:
    """`_settle_review` on plain values (the county report works it out from the ledger too)."""
    if verdict is None:
        return None
    if seen is None or updated_seq <= seen:
        return verdict
    if verdict == "returned" or corrected_seq > seen:
        return "reopened"
    return "pending"


@_handles(ev.VILLAGE_SET_UP)
def _village_set_up(rows: Rows, e: Event, data: dict, corrected: bool) -> None:
    v = from_payload(Village, data["village"])
    if v.code != e.ledger:  # a village's ledger speaks for that village only
        raise ApplyError(f"event {e.seq}: sets up village {v.code} in the ledger of {e.ledger}")
    row = rows.get(VillageRow, v.code)
    if row is None:
        row = rows.create(VillageRow, v.code, code=v.code)
    row.name, row.profile = v.name, v.profile
    row.township_code, row.township_name = v.township_code, v.township_name
    row.county_code, row.county_name = v.county_code, v.county_name
    _set_roster(row, v.roster)
    row.updated_seq = e.seq


def _set_roster(row: VillageRow, roster: Roster) -> None:
    for name, value in roster.__dict__.items():
        setattr(row, name, value)


def _village(rows: Rows, e: Event) -> VillageRow:
    row = rows.get(VillageRow, e.ledger)
    if row is None:
        raise ApplyError(f"event {e.seq}: village {e.ledger} has not been set up")
    return row


@_handles(ev.ROSTER_CHANGED)
def _roster_changed(rows: Rows, e: Event, data: dict, corrected: bool) -> None:
    row = _village(rows, e)
    _set_roster(row, from_payload(Roster, data["roster"]))
    row.updated_seq = e.seq


@_handles(ev.PROFILE_CHANGED)
def _profile_changed(rows: Rows, e: Event, data: dict, corrected: bool) -> None:
    row = _village(rows, e)
    row.profile = str(data["profile"])
    row.updated_seq = e.seq


@_handles(ev.MATTER_OPENED)
def _matter_opened(rows: Rows, e: Event, data: dict, corrected: bool) -> None:
    m = from_payload(Matter, data["matter"])
    row = rows.get(MatterRow, m.id)
    if row is None:
        if corrected:
            raise ApplyError(f"event {e.seq}: no matter {m.id!r} to correct")
        _village(rows, e)
        row = rows.create(
            MatterRow, m.id, id=m.id, village_code=e.ledger, title="", category="", source=""
        )
        row.opened_seq = e.seq
        rows.new_matter(row)
        _earlier_review(rows, row)
    else:
        _own(row, e)
        if not corrected:
            raise ApplyError(f"event {e.seq}: matter {m.id!r} is already open")
    row.title, row.category, row.source = m.title, m.category, m.source
    row.description, row.planned_fen, row.personal_data = (
        m.description,
        m.planned_fen,
        m.personal_data,
    )
    row.opened_on = m.opened_on
    row.search_key = search_key(m.title)
    _touch(row, e, corrected)


@_handles(ev.STEP_RECORDED)
def _step_recorded(rows: Rows, e: Event, data: dict, corrected: bool) -> None:
    """One attempt at a step; the step's current record is its latest valid attempt.

    A meeting that missed its quorum is recorded (`verdict.valid` false, written by
    the service that evaluated it) but does not reach the step; a later attempt at
    the same step supersedes the earlier one, which is how a defect is cured. A
    correction replaces the attempt it names and may make a step count or stop
    counting, so the furthest step is worked out again, forwards or back.
    """
    matter = _matter(rows, data["matter_id"], e)
    step = Step(data["step"])
    record = record_from_payload(step, data["record"])
    verdict = data.get("verdict") or {}
    valid = verdict.get("valid", True) is not False
    acknowledged = sorted(set(data.get("acknowledged") or []))
    attempts = rows.attempts_of(matter)
    key = rows.corrects if corrected and isinstance(rows.corrects, int) else e.seq
    entry = next((a for a in attempts if a["seq"] == key), None)
    if entry is None:
        entry = {"seq": key}
        attempts.append(entry)
    elif entry["step"] != step.value:
        raise ApplyError(f"event {e.seq}: a correction cannot move an attempt to another step")
    entry.update(
        step=step.value,
        on=record_date(record).isoformat(),
        valid=valid,
        invalid=sorted(str(r) for r in verdict.get("invalid") or []),
        defects=sorted(str(r) for r in verdict.get("defects") or []),
        record=data["record"],
        acknowledged=acknowledged,
        version_seq=e.seq,
        actor=e.actor,
        recorded_at=e.recorded_at,
    )
    attempts.sort(key=lambda a: a["seq"])
    rows.set_attempts(matter, attempts)
    steps = rows.steps_of(matter.id)
    current = [a for a in attempts if a["step"] == step.value and a.get("valid", True)]
    if current:
        # the record just read, when it is the one that counts (the usual case)
        known = record if current[-1] is entry else None
        _set_step(rows, steps, matter, step, current[-1], e, known)
    elif corrected and step.value in steps:
        # The correction says the only try that counted did not: the step is not reached.
        rows.delete(StepRow, steps.pop(step.value))
    last = max((r.step_index for r in steps.values()), default=-1)
    matter.reached = Step(ORDER[last]).value if last >= 0 else None
    matter.reached_index = last
    _touch(matter, e, corrected)


def _set_step(
    rows: Rows, steps: dict, matter: MatterRow, step: Step, a: dict, e: Event, record: Any = None
) -> None:
    """The step's row made to hold attempt `a` (`record`: its record, when already read)."""
    if record is None:
        record = record_from_payload(step, a["record"])
    row = steps.get(step.value)
    if row is None:
        row = steps[step.value] = rows.create(
            StepRow,
            None,
            matter_id=matter.id,
            step=step.value,
            step_index=step.index,
            on=record_date(record),
            record="",
            seq=e.seq,
            version=0,
        )
    row.on = record_date(record)
    row.until = getattr(record, "until", None)
    row.record = canonical_text(a["record"])
    row.acknowledged = canonical_text(a["acknowledged"])
    row.version += 1
    row.seq, row.actor, row.recorded_at = e.seq, e.actor, e.recorded_at


@_handles(ev.PROGRESS_RECORDED)
def _progress(rows: Rows, e: Event, data: dict, corrected: bool) -> None:
    matter = _matter(rows, data["matter_id"], e)
    entry = from_payload(ProgressEntry, data["entry"])
    row = rows.get(ProgressRow, entry.id)
    _same_matter(row, matter, e, "progress entry")
    if row is None and corrected:
        raise ApplyError(f"event {e.seq}: no progress entry {entry.id!r} to correct")
    # What the entry counted before: nothing when new or reversed.
    old = row.spent_fen if row is not None and not row.reversed else 0
    if row is None:
        row = rows.create(
            ProgressRow, entry.id, id=entry.id, matter_id=matter.id, on=entry.on, seq=e.seq
        )
    row.on, row.description, row.spent_fen, row.reversed, row.seq = (
        entry.on,
        entry.description,
        entry.spent_fen,
        entry.reversed,
        e.seq,
    )
    matter.spent_fen = matter.spent_fen - old + (0 if entry.reversed else entry.spent_fen)
    _touch(matter, e, corrected)


@_handles(ev.IMPLEMENTATION_COMPLETED)
def _completed(rows: Rows, e: Event, data: dict, corrected: bool) -> None:
    matter = _matter(rows, data["matter_id"], e)
    c = from_payload(Completion, data["completion"])
    row = rows.get(CompletionRow, matter.id)
    if row is None:
        row = rows.create(
            CompletionRow, matter.id, matter_id=matter.id, completed_on=c.completed_on, seq=e.seq
        )
    row.completed_on, row.summary, row.seq = c.completed_on, c.summary, e.seq
    matter.completed_on = c.completed_on
    _touch(matter, e, corrected)


@_handles(ev.OBJECTION_RECORDED)
def _objection(rows: Rows, e: Event, data: dict, corrected: bool) -> None:
    matter = _matter(rows, data["matter_id"], e)
    o = from_payload(Objection, data["objection"])
    row = rows.get(ObjectionRow, o.id)
    _same_matter(row, matter, e, "objection")
    if row is None:
        row = rows.create(
            ObjectionRow,
            o.id,
            id=o.id,
            matter_id=matter.id,
            step=o.step,
            received_on=o.received_on,
            seq=e.seq,
        )
    row.step, row.received_on, row.content = Step(o.step).value, o.received_on, o.content
    row.reply, row.replied_on, row.seq = o.reply, o.replied_on, e.seq
    _touch(matter, e, corrected)


@_handles(ev.OBJECTION_ANSWERED)
def _answered(rows: Rows, e: Event, data: dict, corrected: bool) -> None:
    matter = _matter(rows, data["matter_id"], e)
    row = rows.get(ObjectionRow, data["objection_id"])
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
    _touch(matter, e, corrected)


@_handles(ev.KEY_ROTATED, ev.KEY_REPLACED)
def _key_event(rows: Rows, e: Event, data: dict, corrected: bool) -> None:
    """Kept in the ledger only: which keys a receiver trusts is its own bookkeeping."""
    if corrected or e.matter_id is not None:
        raise ApplyError(f"event {e.seq}: a key event is never corrected and names no matter")


@_handles(ev.MATTER_ANSWERED)
def _answered_return(rows: Rows, e: Event, data: dict, corrected: bool) -> None:
    # The answer is in the ledger (the township reads it there); for the matter it is
    # new work after the return, so the township's review is due again.
    _touch(_matter(rows, data["matter_id"], e), e, corrected)


@_handles(ev.REVIEW_APPROVED, ev.REVIEW_RETURNED)
def _reviewed(rows: Rows, e: Event, data: dict, corrected: bool) -> None:
    matter = rows.get(MatterRow, data["matter_id"])
    if matter is None:
        # A review can reach a database that never saw the village's ledger (a
        # county importing a township's bundle first); it stays in the ledger
        # and `_earlier_review` applies it when the matter arrives.
        rows.review_waiting(e.ledger, data["matter_id"], e.type, data, e.seq)
        return
    if e.ledger != ev.review_ledger(matter.village_code):
        raise ApplyError(
            f"event {e.seq}: a review in {e.ledger} of a matter of village {matter.village_code}"
        )
    _set_review(matter, e.type, data, e.seq)


@_handles(ev.LEDGER_WITNESSED)
def _witnessed(rows: Rows, e: Event, data: dict, corrected: bool) -> None:
    """A township's checkpoint changes no derived row: it is read from the ledger itself.

    It must sit in the review ledger of the village it names, or a checkpoint of
    one village could be passed off in another's feedback.
    """
    if e.ledger != ev.review_ledger(str(data["village_code"])):
        raise ApplyError(
            f"event {e.seq}: a checkpoint of village {data['village_code']} in {e.ledger}"
        )


def _set_review(matter: MatterRow, type_: str, data: dict, seq: int) -> None:
    matter.review_verdict = "approved" if type_ == ev.REVIEW_APPROVED else "returned"
    matter.review_comment = str(data.get("comment", ""))
    matter.review_seq = seq
    seen = data.get("reviewed_seq")
    # Without the position it saw, a review is taken to cover everything received so far.
    matter.reviewed_seq = (
        seen if isinstance(seen, int) and not isinstance(seen, bool) else matter.updated_seq
    )
    _settle_review(matter)


def _earlier_review(rows: Rows, matter: MatterRow) -> None:
    """A review that arrived before its matter (see `_reviewed`) takes effect now.

    The last one in the review ledger's own order: `recorded_at` is only the township
    PC's clock, which may be wrong, and must never make the result depend on import order.
    A batch looks these up for all its new matters at once (`BatchRows.prefetch`).
    """
    found = rows.earlier_review(ev.review_ledger(matter.village_code), matter.id)
    if found is not None:
        type_, data, seq = found
        _set_review(matter, type_, data, seq)


@_handles(ev.ATTACHMENT_ADDED)
def _attachment(rows: Rows, e: Event, data: dict, corrected: bool) -> None:
    """A file belongs to an entry the matter has; the file itself is checked beside the ledger."""
    matter = _matter(rows, data["matter_id"], e)
    if e.matter_id != matter.id:  # the file lists find attachments by the envelope's matter
        raise ApplyError(f"event {e.seq}: an attachment's envelope must name its matter")
    kind, ref = data["entry"]["kind"], data["entry"]["ref"]
    if kind == "step":
        found = any(a["step"] == ref for a in rows.attempts_of(matter))
    elif kind == "progress":
        found = getattr(rows.get(ProgressRow, ref), "matter_id", None) == matter.id
    elif kind == "objection":
        found = getattr(rows.get(ObjectionRow, ref), "matter_id", None) == matter.id
    elif kind == "completion":
        found = rows.get(CompletionRow, matter.id) is not None
    else:
        raise ApplyError(f"event {e.seq}: an attachment cannot belong to {kind!r}")
    if not found:
        raise ApplyError(f"event {e.seq}: matter {matter.id!r} has no {kind} {ref!r} to attach to")
    # New evidence is new work: an approved or returned matter is due for review again.
    _touch(matter, e, corrected)
