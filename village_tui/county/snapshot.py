"""Reading a year's matters from a county database as they stood on the report date.

A report for a past year shows the matters as they stood at the year's end:
steps, progress, completion and objection replies dated after the report date
are left out, so a matter resolved the following January counts as not yet
resolved, and the evaluator never sees a date "in the future". The review
state is the township's latest word, whenever it was given (review events
carry no business date).

The states are built for the evaluator and the figures only: of each step
record just the fields they read (MEETING_FIELDS), no free text and no
acknowledgements, which no county figure uses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import JSON, Connection, Engine, and_, case, cast, func, select

from ..domain.model import (
    Completion,
    Implementation,
    Matter,
    MatterState,
    Meeting,
    Objection,
    Posting,
    ProgressEntry,
    Roster,
    StepRecord,
    Village,
    trusted_record,
)
from ..domain.steps import Step
from ..store.state import attempts_from_text
from ..store.tables import CompletionRow, MatterRow, ObjectionRow, ProgressRow, StepRow, VillageRow

M = MatterRow.__table__
V = VillageRow.__table__
S = StepRow.__table__
P = ProgressRow.__table__
C = CompletionRow.__table__
O = ObjectionRow.__table__  # noqa: E741 - the table's initial, like the others


_STEPS = {s.value: s for s in Step}
# The meeting fields the evaluator and the figures read, besides the date (the
# step row's `on`), with the default a payload without them stands for. Free
# text (content, minutes, place, officials) is never shown in a county report
# and never checked, so it is not read: parsing whole records was most of the
# report's time. A rule that reads another field must add it here.
MEETING_FIELDS: dict[str, type] = {
    "expected": int,
    "present": int,
    "votes_for": int,
    "merged_with_proposal": bool,
    "plan_sent_on": date,
    "assembly": str,
    "households_represented": int,
    "notice_given_on": date,
    "representatives_among_members": int,
    "women_among_members": int,
}
_DATES = tuple(name for name, kind in MEETING_FIELDS.items() if kind is date)
_NOT_NONE = {"expected": 0, "present": 0, "assembly": Meeting.assembly}


def _meeting_columns(dialect: str) -> list:
    """Columns holding the meeting fields, read out of the record's JSON by the database."""
    if dialect == "sqlite":
        # One call parses the record once and returns the fields as a JSON array.
        meetings = [step.value for step in Step if step.is_meeting]
        paths = (f"$.{name}" for name in MEETING_FIELDS)
        return [case((S.c.step.in_(meetings), func.json_extract(S.c.record, *paths)))]
    doc = cast(S.c.record, JSON)
    as_type = {int: "as_integer", bool: "as_boolean", str: "as_string", date: "as_string"}
    return [getattr(doc[name], as_type[kind])() for name, kind in MEETING_FIELDS.items()]


def _meeting_values(dialect: str, rows: list) -> list:
    """For each step row, its meeting fields' values in order (None for other steps)."""
    if dialect != "sqlite":
        return [
            fields if _STEPS[step].is_meeting else None
            for _matter_id, step, _on, _until, *fields in rows
        ]
    # One parse for all the JSON arrays: calling json.loads per row cost more than parsing.
    arrays = [fields for _matter_id, _step, _on, _until, fields in rows]
    parsed = iter(json.loads("[" + ",".join(a for a in arrays if a is not None) + "]"))
    return [None if a is None else next(parsed) for a in arrays]


def _lean_record(step: Step, on: date, until: date | None, values: list | None) -> StepRecord:
    """The step's record with the fields the report uses (see MEETING_FIELDS)."""
    if step.is_meeting:
        fields = dict(zip(MEETING_FIELDS, values, strict=True))
        fields["held_on"] = on
        for name, default in _NOT_NONE.items():  # a field missing from an older payload
            if fields[name] is None:
                fields[name] = default
        for name in _DATES:
            if fields[name] is not None:
                fields[name] = date.fromisoformat(fields[name])
        return trusted_record(Meeting, fields)
    if step is Step.IMPLEMENTATION:
        return trusted_record(Implementation, {"started_on": on})
    return trusted_record(Posting, {"posted_on": on, "until": until})


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
    seq_of: dict[str, int] = field(default_factory=dict)  # matter id -> its updated_seq when read


@dataclass(frozen=True)
class Scope:
    """Which matters a report covers: opened in `year` up to `as_of`, of one township or all."""

    year: int
    as_of: date
    township: str | None = None
    only: frozenset[str] | None = None  # just these matters (the ones to work out again)

    def condition(self):
        cond = [M.c.opened_on >= date(self.year, 1, 1), M.c.opened_on <= self.as_of]
        if self.township:
            cond.append(V.c.township_code == self.township)
        if self.only is not None:
            cond.append(M.c.id.in_(sorted(self.only)))
        return and_(*cond)

    def rows_of(self, cols, *extra):
        """Rows of a per-matter table whose matter is in scope (one query, no id lists)."""
        matters = select(M.c.id).where(self.condition())
        if self.township:
            matters = matters.join(V, V.c.code == M.c.village_code)
        # IN (matters) rather than a join: SQLite then reads only the rows it needs
        # through the matter_id index instead of scanning the whole table.
        return select(*cols).where(cols[0].table.c.matter_id.in_(matters), *extra)


def snapshot_connection(engine: Engine):
    """A connection whose reads all see the database at one moment (an import may be running)."""
    conn = engine.connect()
    if conn.dialect.name != "sqlite":  # SQLite: our BEGIN already reads from one snapshot
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
    return conn


def load_villages(conn, township: str | None = None) -> dict[str, Village]:
    """The villages (of one township, or all) with their rosters, by code."""
    roster_fields = list(Roster.__dataclass_fields__)
    vq = select(V)
    if township:
        vq = vq.where(V.c.township_code == township)
    return {
        v["code"]: Village(
            code=v["code"],
            name=v["name"],
            township_code=v["township_code"],
            township_name=v["township_name"],
            county_code=v["county_code"],
            county_name=v["county_name"],
            profile=v["profile"],
            roster=Roster(**{k: v[k] for k in roster_fields}),
        )
        for v in conn.execute(vq).mappings()
    }


def load_snapshot(engine: Engine, scope: Scope) -> Snapshot:
    """Every matter in `scope`, cut at its report date, with its village."""
    with snapshot_connection(engine) as conn:
        return read_snapshot(conn, scope)


def read_snapshot(
    conn: Connection, scope: Scope, villages: dict[str, Village] | None = None
) -> Snapshot:
    """`load_snapshot` inside the caller's read (so that it sees what the caller's other reads see).

    `villages`: the scope's villages, when the caller has already read them in this read.
    """
    year, as_of, township = scope.year, scope.as_of, scope.township
    snap = Snapshot(year=year, as_of=as_of, township=township)
    snap.villages = villages if villages is not None else load_villages(conn, township)
    mq = (
        select(
            M.c.id,
            M.c.village_code,
            M.c.title,
            M.c.category,
            M.c.source,
            M.c.planned_fen,
            M.c.personal_data,
            M.c.opened_on,
            M.c.review_state,
            M.c.updated_seq,
            M.c.attempts,
        )
        .join(V, V.c.code == M.c.village_code)
        .where(scope.condition())
        .order_by(M.c.village_code, M.c.opened_on, M.c.id)
    )
    by_id: dict[str, MatterState] = {}
    for (
        mid,
        code,
        title,
        category,
        source,
        planned,
        personal,
        opened,
        review,
        seq,
        attempts,
    ) in conn.execute(mq).fetchall():
        state = MatterState(
            matter=Matter(
                id=mid,
                title=title,
                category=category,
                source=source,
                description="",  # free text the report never shows
                planned_fen=planned,
                personal_data=bool(personal),
                opened_on=opened,
            ),
            review_state=review,
            # Only tries made by the report date count.
            attempts=[a for a in attempts_from_text(attempts) if a.on <= as_of],
        )
        by_id[mid] = state
        snap.village_of[mid] = code
        snap.seq_of[mid] = seq
        snap.states.append(state)
    # Plain tuples, only the columns needed, dates cut in SQL, and of each record
    # only what the evaluator reads (see `_lean_record`): this loop was most of the report.
    dialect = conn.dialect.name
    steps = scope.rows_of(
        (S.c.matter_id, S.c.step, S.c.on, S.c.until, *_meeting_columns(dialect)),
        S.c.on <= as_of,
    )
    rows = conn.execute(steps).fetchall()
    for (matter_id, step_name, on, until, *_), values in zip(
        rows, _meeting_values(dialect, rows), strict=True
    ):
        step = _STEPS[step_name]
        by_id[matter_id].steps[step] = _lean_record(step, on, until, values)
    progress = scope.rows_of(
        (P.c.matter_id, P.c.id, P.c.on, P.c.spent_fen, P.c.reversed), P.c.on <= as_of
    )
    for matter_id, pid, on, fen, struck in conn.execute(progress).fetchall():
        by_id[matter_id].progress.append(
            ProgressEntry(id=pid, on=on, spent_fen=fen, reversed=bool(struck))
        )
    done = scope.rows_of((C.c.matter_id, C.c.completed_on), C.c.completed_on <= as_of)
    for matter_id, completed_on in conn.execute(done).fetchall():
        by_id[matter_id].completion = Completion(completed_on=completed_on)
    cols = (O.c.matter_id, O.c.id, O.c.step, O.c.received_on, O.c.reply, O.c.replied_on)
    for matter_id, oid, step_name, received, reply, replied_on in conn.execute(
        scope.rows_of(cols, O.c.received_on <= as_of)
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
