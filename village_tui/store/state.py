"""Reading the derived tables back into domain objects for the evaluator and the screens."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, select

from ..domain.model import (
    Attempt,
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
from .tables import CompletionRow, MatterRow, ObjectionRow, ProgressRow, StepRow, VillageRow


def village_from_row(row: VillageRow) -> Village:
    roster = Roster(**{name: getattr(row, name) for name in Roster.__dataclass_fields__})
    return Village(
        code=row.code,
        name=row.name,
        township_code=row.township_code,
        township_name=row.township_name,
        county_code=row.county_code,
        county_name=row.county_name,
        profile=row.profile,
        roster=roster,
    )


def matter_from_row(row: MatterRow) -> Matter:
    return Matter(
        id=row.id,
        title=row.title,
        category=row.category,
        source=row.source,
        description=row.description,
        planned_fen=row.planned_fen,
        personal_data=row.personal_data,
        opened_on=row.opened_on,
    )


def load_states(session: Session, matters: Iterable[MatterRow]) -> list[MatterState]:
    """MatterStates for many matters in five queries, whatever their number."""
    rows = list(matters)
    ids = [m.id for m in rows]
    by_id = {
        m.id: MatterState(
            matter=matter_from_row(m),
            review_state=m.review_state,
            review_comment=m.review_comment,
            attempts=attempts_from_text(m.attempts),
        )
        for m in rows
    }
    if not ids:
        return []
    for chunk in _chunks(ids, 900):  # SQLite caps bound parameters
        for s in _rows(session, StepRow, chunk):
            step = Step(s.step)
            state = by_id[s.matter_id]
            state.steps[step] = record_from_payload(step, json.loads(s.record))
            acks = frozenset(json.loads(s.acknowledged or "[]"))
            if acks:
                state.acknowledged[step] = acks
        progress = defaultdict(list)
        for p in _rows(session, ProgressRow, chunk):
            progress[p.matter_id].append(
                ProgressEntry(
                    id=p.id,
                    on=p.on,
                    description=p.description,
                    spent_fen=p.spent_fen,
                    reversed=bool(p.reversed),
                )
            )
        for mid, entries in progress.items():
            by_id[mid].progress = sorted(entries, key=lambda p: (p.on, p.id))
        for c in _rows(session, CompletionRow, chunk):
            by_id[c.matter_id].completion = Completion(
                completed_on=c.completed_on, summary=c.summary
            )
        for o in _rows(session, ObjectionRow, chunk):
            by_id[o.matter_id].objections.append(
                Objection(
                    id=o.id,
                    step=o.step,
                    received_on=o.received_on,
                    content=o.content,
                    reply=o.reply,
                    replied_on=o.replied_on,
                )
            )
    for state in by_id.values():
        state.objections.sort(key=lambda o: (o.received_on, o.id))
    return [by_id[i] for i in ids]


def attempts_from_text(text: str | None) -> list[Attempt]:
    """A matter's stored attempts, each marked with the later attempt that superseded it."""
    raw = json.loads(text or "[]")
    later: dict[str, int] = {}
    out: list[Attempt] = []
    for a in reversed(raw):  # newest first, so each knows the next try at its step
        out.append(
            Attempt(
                seq=a["seq"],
                step=a["step"],
                on=date.fromisoformat(a["on"]),
                valid=bool(a.get("valid", True)),
                invalid=tuple(a.get("invalid") or ()),
                defects=tuple(a.get("defects") or ()),
                superseded_by=later.get(a["step"]),
            )
        )
        later[a["step"]] = a["seq"]
    return out[::-1]


def _rows(session: Session, cls: type, matter_ids: list[str]):
    """The table's rows of these matters as plain rows (attributes named as the model's)."""
    t = cls.__table__
    return session.execute(select(*t.c).where(t.c.matter_id.in_(matter_ids)))


def _chunks(items: list[str], size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]
