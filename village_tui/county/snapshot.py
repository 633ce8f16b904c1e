"""Reading a year's matters from a county database as they stood on the report date.

A report for a past year shows the matters as they stood at the year's end:
steps, progress, completion and objection replies dated after the report date
are left out, so a matter resolved the following January counts as not yet
resolved, and the evaluator never sees a date "in the future". The review
state is the township's latest word, whenever it was given (review events
carry no business date).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, and_, select

from ..domain.model import (
    Completion,
    Matter,
    MatterState,
    Objection,
    ProgressEntry,
    Roster,
    Village,
    record_from_payload,
)
from ..domain.steps import Step
from ..store.tables import CompletionRow, MatterRow, ObjectionRow, ProgressRow, StepRow, VillageRow

M = MatterRow.__table__
V = VillageRow.__table__
S = StepRow.__table__
P = ProgressRow.__table__
C = CompletionRow.__table__
O = ObjectionRow.__table__  # noqa: E741 - the table's initial, like the others


def as_of_date(year: int, today: date) -> date:
    """The report date: the last day of `year`, or today when the year is not over."""
    return min(date(year, 12, 31), today)


@dataclass
class Snapshot:
    """The villages and matter states of one report scope."""

    year: int
    as_of: date
    township: str | None
    villages: dict[str, Village] = field(default_factory=dict)
    states: list[MatterState] = field(default_factory=list)
    village_of: dict[str, str] = field(default_factory=dict)  # matter id -> village code


def _scope(year: int, as_of: date, township: str | None):
    cond = [M.c.opened_on >= date(year, 1, 1), M.c.opened_on <= as_of]
    if township:
        cond.append(V.c.township_code == township)
    return and_(*cond)


def _in_scope(cols, year: int, as_of: date, township: str | None, *extra):
    """Rows of a per-matter table whose matter is in scope (one query, no id lists)."""
    table = cols[0].table
    q = select(*cols).join(M, M.c.id == table.c.matter_id)
    if township:
        q = q.join(V, V.c.code == M.c.village_code)
    return q.where(_scope(year, as_of, township), *extra)


def load_snapshot(engine: Engine, year: int, as_of: date, township: str | None = None) -> Snapshot:
    """Every matter opened in `year` (up to `as_of`), cut at `as_of`, with its village."""
    snap = Snapshot(year=year, as_of=as_of, township=township)
    roster_fields = list(Roster.__dataclass_fields__)
    with engine.connect() as conn:
        vq = select(V)
        if township:
            vq = vq.where(V.c.township_code == township)
        for v in conn.execute(vq).mappings():
            snap.villages[v["code"]] = Village(
                code=v["code"],
                name=v["name"],
                township_code=v["township_code"],
                township_name=v["township_name"],
                county_code=v["county_code"],
                county_name=v["county_name"],
                profile=v["profile"],
                roster=Roster(**{k: v[k] for k in roster_fields}),
            )
        mq = (
            select(M)
            .join(V, V.c.code == M.c.village_code)
            .where(_scope(year, as_of, township))
            .order_by(M.c.village_code, M.c.opened_on, M.c.id)
        )
        by_id: dict[str, MatterState] = {}
        for m in conn.execute(mq).mappings():
            state = MatterState(
                matter=Matter(
                    id=m["id"],
                    title=m["title"],
                    category=m["category"],
                    source=m["source"],
                    description="",  # free text the report never shows
                    planned_fen=m["planned_fen"],
                    personal_data=bool(m["personal_data"]),
                    opened_on=m["opened_on"],
                ),
                review_state=m["review_state"],
            )
            by_id[m["id"]] = state
            snap.village_of[m["id"]] = m["village_code"]
            snap.states.append(state)
        # Plain tuples, only the columns needed, dates cut in SQL: this loop is most of the report.
        steps = _in_scope(
            (S.c.matter_id, S.c.step, S.c.record, S.c.acknowledged),
            year,
            as_of,
            township,
            S.c.on <= as_of,
        )
        for matter_id, step_name, record, acknowledged in conn.execute(steps).fetchall():
            step = Step(step_name)
            state = by_id[matter_id]
            state.steps[step] = record_from_payload(step, json.loads(record))
            if acknowledged not in (None, "", "[]"):
                state.acknowledged[step] = frozenset(json.loads(acknowledged))
        progress = _in_scope(
            (P.c.matter_id, P.c.id, P.c.on, P.c.spent_fen), year, as_of, township, P.c.on <= as_of
        )
        for matter_id, pid, on, fen in conn.execute(progress).fetchall():
            by_id[matter_id].progress.append(ProgressEntry(id=pid, on=on, spent_fen=fen))
        done = _in_scope(
            (C.c.matter_id, C.c.completed_on), year, as_of, township, C.c.completed_on <= as_of
        )
        for matter_id, completed_on in conn.execute(done).fetchall():
            by_id[matter_id].completion = Completion(completed_on=completed_on)
        cols = (O.c.matter_id, O.c.id, O.c.step, O.c.received_on, O.c.reply, O.c.replied_on)
        for matter_id, oid, step_name, received, reply, replied_on in conn.execute(
            _in_scope(cols, year, as_of, township, O.c.received_on <= as_of)
        ):
            replied = replied_on is not None and replied_on <= as_of
            by_id[matter_id].objections.append(
                Objection(
                    id=oid,
                    step=step_name,
                    received_on=received,
                    reply=reply if replied else "",
                    replied_on=replied_on if replied else None,
                )
            )
    for state in snap.states:
        state.progress.sort(key=lambda p: (p.on, p.id))
        state.objections.sort(key=lambda o: (o.received_on, o.id))
    return snap
