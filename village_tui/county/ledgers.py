"""Turning a synthetic plan into genuine ledger events, through the store's own `append`.

Events go through `village_tui.store.ledger.append` (sealed, hash-chained,
applied by the one apply function) with a clock that returns fixed times
derived from each event's business date, so the same plan gives the same
hashes. The rule checks of `VillageService` are bypassed on purpose: the plan
contains faulty matters that the clerk's app would have refused, as ledgers
kept elsewhere or on paper and typed in later would.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlmodel import Session

from ..domain import events as ev
from ..domain.model import Completion, Matter, Objection, ProgressEntry, to_payload
from ..domain.rule_context import record_date
from ..domain.steps import Step
from ..store.ledger import append, storing
from .synthetic import MatterPlan, VillagePlan

ACTOR = "示例村文书"


def _matter_events(m: MatterPlan) -> Iterator[tuple[date, float, str, dict[str, Any]]]:
    matter = Matter(
        id=m.id,
        title=m.title,
        category=m.category,
        source=m.source,
        description="示例数据",
        planned_fen=m.planned_fen,
        personal_data=m.personal_data,
        opened_on=m.opened_on,
    )
    yield m.opened_on, 0, ev.MATTER_OPENED, {"matter": to_payload(matter)}
    for step, record in m.steps.items():
        payload = {
            "matter_id": m.id,
            "step": step.value,
            "record": to_payload(record),
            "acknowledged": [],
        }
        yield record_date(record), 1 + 2 * step.index, ev.STEP_RECORDED, payload
    for pid, on, fen in m.progress:
        entry = ProgressEntry(id=pid, on=on, description="按进度拨付", spent_fen=fen)
        yield on, 12, ev.PROGRESS_RECORDED, {"matter_id": m.id, "entry": to_payload(entry)}
    if m.completed_on:
        done = Completion(completed_on=m.completed_on, summary="已完工")
        payload = {"matter_id": m.id, "completion": to_payload(done)}
        yield m.completed_on, 12.5, ev.IMPLEMENTATION_COMPLETED, payload
    if m.objection:
        oid, received, replied = m.objection
        o = Objection(
            id=oid,
            step=Step.RESOLUTION_DISCLOSURE.value,
            received_on=received,
            content="对公示内容有疑问",
        )
        yield received, 10, ev.OBJECTION_RECORDED, {"matter_id": m.id, "objection": to_payload(o)}
        answer = {
            "matter_id": m.id,
            "objection_id": oid,
            "reply": "已当面解释",
            "replied_on": replied.isoformat(),
        }
        yield replied, 10.5, ev.OBJECTION_ANSWERED, answer


def village_events(vp: VillagePlan, first_day: date) -> list[tuple[str, str, dict, str | None]]:
    """(recorded_at, type, payload, matter_id) for the village's whole ledger, oldest first."""
    dated: list[tuple[date, int, float, str, dict, str | None]] = [
        (first_day, -1, 0, ev.VILLAGE_SET_UP, {"village": to_payload(vp.village)}, None)
    ]
    for n, m in enumerate(vp.matters):
        for on, phase, type_, payload in _matter_events(m):
            dated.append((on, n, phase, type_, payload, m.id))
    dated.sort(key=lambda d: (d[0], d[1], d[2]))
    per_day: dict[date, int] = defaultdict(int)
    out = []
    for on, _n, _phase, type_, payload, mid in dated:
        k = per_day[on]
        per_day[on] += 1
        # Recorded the same afternoon, a few minutes apart: fixed, so hashes are repeatable.
        minutes = 14 * 60 + 3 * k
        stamp = f"{on.isoformat()}T{minutes // 60 % 24:02d}:{minutes % 60:02d}:00Z"
        out.append((stamp, type_, payload, mid))
    return out


def append_village(session: Session, vp: VillagePlan, first_day: date) -> int:
    """Append the village's ledger to the database in `session`; returns the number of events."""
    count = 0
    with storing(session):  # the import's batch path: one write at the end, not one per event
        for stamp, type_, payload, mid in village_events(vp, first_day):
            append(
                session,
                ledger=vp.village.code,
                type=type_,
                payload=payload,
                actor=ACTOR,
                matter_id=mid,
                now=lambda stamp=stamp: stamp,
            )
            count += 1
    return count
