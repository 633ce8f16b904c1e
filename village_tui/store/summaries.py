"""The dashboard's view of every matter, read from the summary columns in two queries.

Loading full MatterStates (every step's record) for thousands of matters costs
more than a first paint should; the table needs only these columns. Findings
are evaluated afterwards from full states, once per load.

This module stays clear of the SQLModel tables and the ledger at import time:
the app's first paint needs only what is here (defining the tables costs tens
of milliseconds of start-up).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import text

from ..domain.steps import POSTING_STEPS, Step
from .db import is_sqlite, read_session


@dataclass(frozen=True)
class MatterSummary:
    """One dashboard line's facts: no findings yet."""

    id: str
    title: str
    category: str
    reached: Step | None
    completed_on: date | None
    review_state: str
    review_comment: str
    search_key: str
    planned_fen: int
    spent_fen: int
    postings: dict[Step, tuple[date, date | None]]  # posting step -> (posted_on, until)


@dataclass(frozen=True)
class VillageHeader:
    """What the dashboard's title and rules need before the full Village is read."""

    code: str
    name: str
    township_name: str
    county_name: str
    profile: str


def village_code(engine) -> str | None:
    """The code of the village this database belongs to (None before set-up), without the ORM."""
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT value FROM setting WHERE key = :key"), {"key": "village_code"}
        ).scalar()


def village_header(engine) -> VillageHeader | None:
    """This database's village: code, names and profile (None before set-up)."""
    with engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT v.code, v.name, v.township_name, v.county_name, v.profile"
                " FROM village v JOIN setting s ON s.value = v.code WHERE s.key = :key"
            ),
            {"key": "village_code"},
        ).first()
    return VillageHeader(*row) if row else None


# Plain SQL on the summary columns: this runs on every start-up and every reload,
# and skipping the ORM's statement compilation halves its cost.
_MATTERS = (
    "SELECT id, title, category, reached, completed_on, review_state, review_comment,"
    " search_key, planned_fen, spent_fen FROM matter WHERE village_code = ? ORDER BY opened_seq DESC"
)
_POSTINGS = 'SELECT matter_id, step, "on", until FROM step WHERE step IN (?, ?)'


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def matter_summaries(
    engine, village_code: str | None, limit: int | None = None
) -> list[MatterSummary]:
    """The village's matters, newest first (the first `limit` only, if given), with their postings."""
    if not is_sqlite(engine):
        found = _summaries_orm(engine, village_code)
        return found[:limit] if limit else found
    with engine.connect() as conn:
        sql, params = _MATTERS, (village_code,)
        if limit:
            sql, params = sql + " LIMIT ?", (village_code, limit)
        rows = conn.exec_driver_sql(sql, params).all()
        kinds = tuple(p.value for p in sorted(POSTING_STEPS, key=lambda p: p.index))
        postings_sql, posting_params = _POSTINGS, kinds
        if limit:
            ids = [r[0] for r in rows]
            marks = ",".join("?" * len(ids))
            postings_sql += f" AND matter_id IN ({marks})" if ids else " AND 0"
            posting_params = kinds + tuple(ids)
        postings: dict[str, dict[Step, tuple[date, date | None]]] = {}
        for mid, step, on, until in conn.exec_driver_sql(postings_sql, posting_params):
            postings.setdefault(mid, {})[Step(step)] = (_day(on), _day(until))
    return [_summary(r, postings) for r in rows]


def _summary(r, postings) -> MatterSummary:
    return MatterSummary(
        id=r[0],
        title=r[1],
        category=r[2],
        reached=Step(r[3]) if r[3] else None,
        completed_on=_day(r[4]),
        review_state=r[5] or "pending",
        review_comment=r[6] or "",
        search_key=(r[7] or r[1]).lower(),
        planned_fen=r[8] or 0,
        spent_fen=r[9] or 0,
        postings=postings.get(r[0], {}),
    )


def _summaries_orm(engine, village_code: str | None) -> list[MatterSummary]:
    from sqlalchemy import select

    from .tables import MatterRow, StepRow

    m = MatterRow.__table__.c
    s = StepRow.__table__.c
    with read_session(engine) as session:
        rows = session.execute(
            select(
                m.id,
                m.title,
                m.category,
                m.reached,
                m.completed_on,
                m.review_state,
                m.review_comment,
                m.search_key,
                m.planned_fen,
                m.spent_fen,
            )
            .where(m.village_code == village_code)
            .order_by(m.opened_seq.desc())
        ).all()
        postings: dict[str, dict[Step, tuple[date, date | None]]] = {}
        for mid, step, on, until in session.execute(
            select(s.matter_id, s.step, s.on, s.until).where(
                s.step.in_([p.value for p in POSTING_STEPS])
            )
        ):
            postings.setdefault(mid, {})[Step(step)] = (on, until)
    return [_summary(r, postings) for r in rows]
