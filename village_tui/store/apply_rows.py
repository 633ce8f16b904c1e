"""Where `apply` finds and keeps the derived rows it changes.

One event at a time (the village app) it works on ORM rows in the session,
as any service does. A batch (an import's bundle, inside `apply.applying`)
holds plain records in memory instead: every row the bundle names is loaded
up front with a few IN queries, changed in memory, and written with Core
INSERT/UPDATE executemany at the end. The handlers in `apply` see the same
attributes either way, so there is still one apply logic.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from json.encoder import c_make_encoder, encode_basestring
from operator import itemgetter
from typing import Any

from sqlalchemy import and_, bindparam, select
from sqlalchemy.sql import ClauseElement
from sqlmodel import Session

from ..domain import events as ev
from ..domain.chain import Event, canonical_json
from .tables import (
    CompletionRow,
    EventRow,
    MatterRow,
    ObjectionRow,
    ProgressRow,
    StepRow,
    VillageRow,
)

# Ids per IN (...) list. SQLAlchemy names an expanded IN's parameters in time
# quadratic in their number (measured: 500 ids cost 12 ms to render, 100 ids 0.5 ms).
_IN_CHUNK = 100
DERIVED = (VillageRow, MatterRow, StepRow, ProgressRow, ObjectionRow, CompletionRow)
# Inserts go parents first: foreign keys are checked statement by statement.
_INSERT_ORDER = (VillageRow, MatterRow, StepRow, ProgressRow, ObjectionRow, CompletionRow)


def _not_json(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# `chain.canonical_json` without building a new encoder on every call: the very
# same C encoder with the very same settings (ensure_ascii off, sorted keys,
# compact separators, no NaN), so the text is byte for byte the same. It skips
# only the check for circular references, which data parsed from JSON cannot have.
_ENCODE = (
    c_make_encoder(None, _not_json, encode_basestring, None, ":", ",", True, False, False)
    if c_make_encoder is not None
    else None
)


def canonical_text(value: Any) -> str:
    """`chain.canonical_json(value)` for parsed JSON data, faster."""
    if _ENCODE is None or isinstance(value, str):
        return canonical_json(value)
    return "".join(_ENCODE(value, 0))


class Bulk:
    """One INSERT or UPDATE run with the driver's own executemany, in the session's transaction.

    SQLAlchemy's Core executemany sorts out every parameter set in Python
    (measured: about half of an import's writing time); the driver takes
    plain tuples. The statement is compiled by SQLAlchemy for the engine's
    dialect (SQLite, or a server) and each value goes through its column
    type's own bind processor (dates become the same text SQLAlchemy would
    store), so the rows written are exactly those Core would write.
    """

    def __init__(
        self, session: Session, stmt: ClauseElement, names: list[str], key: Any = None
    ) -> None:
        """`key` names the statement for reuse: compiled once per dialect, not once per bundle."""
        conn = session.connection()
        dialect = conn.dialect
        cache_key = None if key is None else (key, tuple(names), dialect.name, dialect.driver)
        found = _COMPILED.get(cache_key) if cache_key is not None else None
        if found is None:
            found = _compile(stmt, names, dialect)
            if cache_key is not None:
                _COMPILED[cache_key] = found
        self.sql, self.keys, self.positional, self.procs = found
        self.pick = _getter(self.keys)
        self.conn = conn

    def run(self, rows: list[dict[str, Any]]) -> None:
        """Execute for `rows` (dicts holding at least the bind names)."""
        if not rows:
            return
        pick, procs = self.pick, self.procs
        if procs:
            params = []
            for r in rows:
                t = list(pick(r))
                for i, proc in procs:
                    t[i] = proc(t[i])
                params.append(tuple(t))
        else:
            params = [pick(r) for r in rows]
        if not self.positional:
            keys = self.keys
            params = [dict(zip(keys, t, strict=True)) for t in params]
        self.conn.exec_driver_sql(self.sql, params)


# (statement's name, bind names, dialect) -> what `Bulk` needs from its compiled form
_COMPILED: dict[tuple, tuple[str, list[str], bool, list]] = {}


def _compile(stmt: ClauseElement, names: list[str], dialect: Any) -> tuple:
    compiled = stmt.compile(dialect=dialect, column_keys=names)
    # the order the statement wants its parameters in, by bind name
    order = list(compiled.positiontup) if compiled.positional else list(compiled.binds)
    missing = set(order) - set(names)
    if missing:
        raise ValueError(f"no values for {sorted(missing)}")
    procs = [
        (i, proc)
        for i, name in enumerate(order)
        if (proc := _processor(compiled.binds[name].type, dialect)) is not None
    ]
    return compiled.string, order, compiled.positional, procs


def _processor(type_: Any, dialect: Any) -> Any:
    return type_.dialect_impl(dialect).bind_processor(dialect)


class Rows:
    """One event's rows: ORM objects looked up in the session (None: known to be absent)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_key: dict[tuple[type, str], Any] = {}
        self.steps: dict[str, dict[str, Any]] = {}  # matter id -> step value -> row
        self.corrects: int | None = None  # the event the correction being applied replaces

    def get(self, cls: type, key: str) -> Any:
        try:
            return self.by_key[(cls, key)]
        except KeyError:
            pass
        row = self.by_key[(cls, key)] = self._load(cls, key)
        return row

    def _load(self, cls: type, key: str) -> Any:
        return self.session.get(cls, key)

    def create(self, cls: type, key: str | None, **values: Any) -> Any:
        row = cls(**values)
        self.session.add(row)
        if key is not None:
            self.by_key[(cls, key)] = row
        return row

    def delete(self, cls: type, row: Any) -> None:
        """Remove a derived row (a step no longer reached after a correction)."""
        if row in self.session.new:
            self.session.expunge(row)
        else:
            self.session.delete(row)

    def steps_of(self, matter_id: str) -> dict[str, Any]:
        found = self.steps.get(matter_id)
        if found is None:
            q = select(StepRow).where(StepRow.matter_id == matter_id)
            found = self.steps[matter_id] = {r.step: r for r in self.session.execute(q).scalars()}
        return found

    def earlier_review(self, ledger: str, matter_id: str) -> Review | None:
        """The last review of `matter_id` in the review ledger `ledger` (type, payload, seq)."""
        t = EventRow.__table__
        q = (
            select(t.c.type, t.c.payload, t.c.seq)
            .where(
                t.c.ledger == ledger,
                t.c.matter_id == matter_id,
                t.c.type.in_(sorted(ev.REVIEW_TYPES)),
            )
            .order_by(t.c.seq.desc())
            .limit(1)
        )
        found = self.session.execute(q).first()
        return None if found is None else (found.type, json.loads(found.payload), found.seq)

    def review_waiting(self, ledger: str, matter_id: Any, type_: str, data: dict, seq: int) -> None:
        """A review of a matter not here yet: one event at a time, it is in the event table."""

    def attempts_of(self, matter: Any) -> list[dict[str, Any]]:
        """The matter's attempts (parsed `attempts` text), to change and give to `set_attempts`."""
        return json.loads(matter.attempts or "[]")

    def set_attempts(self, matter: Any, attempts: list[dict[str, Any]]) -> None:
        matter.attempts = canonical_text(attempts)

    def new_matter(self, row: Any) -> None:
        # Foreign keys guarantee that nothing refers to a matter that did not exist.
        self.steps[row.id] = {}
        self.by_key[(CompletionRow, row.id)] = None

    def flush(self) -> None:
        self.session.flush()

    def close(self) -> None:
        pass


Review = tuple[str, dict[str, Any], int]  # an event's type, parsed payload and seq


def _later(a: Review | None, b: Review | None) -> Review | None:
    if a is None or (b is not None and b[2] > a[2]):
        return b
    return a


class Record:
    """A derived row held in memory by a batch: its columns as plain attributes."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


class StoredRecord(Record):
    """A record whose row is already in the database: changing it marks it for UPDATE.

    Only rows read from the database, or written by an earlier flush of the
    same batch, are of this kind; a new row is a plain `Record` until it is
    inserted, so the usual case (rows born and finished in one flush) pays
    nothing for the bookkeeping, and a flush looks only at rows that changed.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        d = self.__dict__
        d[name] = value
        d["_dirty"][id(self)] = self


class _Shape:
    """What a batch needs to know about one table."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.table = table = cls.__table__
        auto = table.autoincrement_column
        self.columns = [c.name for c in table.columns if c is not auto]
        self.key = (
            ("matter_id", "step") if cls is StepRow else tuple(table.primary_key.columns.keys())
        )
        self.changing = [c for c in self.columns if c not in self.key]
        self.values = _getter(self.changing)  # a record's __dict__ -> tuple of changing values
        self.defaults = {
            name: f.get_default(call_default_factory=True)
            for name, f in cls.model_fields.items()
            if not f.is_required() and name in self.columns
        }
        where = and_(*(table.c[k] == bindparam("key_" + k) for k in self.key))
        self.update = table.update().where(where)

    def record(self, row: Any, dirty: dict[int, Any]) -> Record:
        rec = StoredRecord({c: row[c] for c in self.columns})
        rec.__dict__.update(_dirty=dirty, _cls=self.cls)
        return rec


@lru_cache(maxsize=1)
def _shapes() -> dict[type, _Shape]:
    """The tables' shapes, worked out once per process (they were, once per bundle)."""
    return {cls: _Shape(cls) for cls in DERIVED}


class BatchRows(Rows):
    """A batch's rows: plain records, loaded in bulk, written with Core at `flush`."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.shapes = _shapes()
        self.new: dict[type, list[Record]] = {cls: [] for cls in _INSERT_ORDER}
        self.dirty: dict[int, StoredRecord] = {}  # stored rows changed since the last flush
        self.deleted: dict[type, list[dict[str, Any]]] = {}  # keys of stored rows to delete
        self.bulks: dict[tuple[type, str], Bulk] = {}
        # (review ledger, matter id) -> its last stored review, for the batch's new matters
        self.reviews: dict[tuple[str, str], Review | None] = {}
        self.waiting: dict[tuple[str, str], Review] = {}  # reviews applied in this batch
        # matter id -> (record, attempts): kept parsed, written as text once per flush
        self.attempts: dict[str, tuple[Any, list[dict[str, Any]]]] = {}
        self.attempts_changed: set[str] = set()

    def attempts_of(self, matter: Any) -> list[dict[str, Any]]:
        found = self.attempts.get(matter.id)
        if found is None or found[0] is not matter:
            found = self.attempts[matter.id] = (matter, super().attempts_of(matter))
        return found[1]

    def set_attempts(self, matter: Any, attempts: list[dict[str, Any]]) -> None:
        self.attempts[matter.id] = (matter, attempts)
        self.attempts_changed.add(matter.id)

    def earlier_review(self, ledger: str, matter_id: str) -> Review | None:
        key = (ledger, matter_id)
        stored = self.reviews[key] if key in self.reviews else super().earlier_review(*key)
        return _later(stored, self.waiting.get(key))

    def review_waiting(self, ledger: str, matter_id: Any, type_: str, data: dict, seq: int) -> None:
        """Kept: its row may not be written yet when the matter comes later in the batch."""
        if isinstance(matter_id, str):
            key = (ledger, matter_id)
            self.waiting[key] = _later(self.waiting.get(key), (type_, data, seq))

    def delete(self, cls: type, row: Any) -> None:
        if isinstance(row, StoredRecord):
            self.dirty.pop(id(row), None)
            shape = self.shapes[cls]
            self.deleted.setdefault(cls, []).append(
                {"key_" + k: row.__dict__[k] for k in shape.key}
            )
        else:
            self.new[cls] = [r for r in self.new[cls] if r is not row]

    def _select(self, cls: type, where) -> list[Record]:
        shape = self.shapes[cls]
        cols = [shape.table.c[c] for c in shape.columns]
        rows = self.session.execute(select(*cols).where(where)).mappings()
        return [shape.record(r, self.dirty) for r in rows]

    def _load(self, cls: type, key: str) -> Any:
        pk = self.shapes[cls].table.c[self.shapes[cls].key[0]]
        found = self._select(cls, pk == key)
        return found[0] if found else None

    def create(self, cls: type, key: str | None, **values: Any) -> Any:
        rec = Record({**self.shapes[cls].defaults, **values})
        self.new[cls].append(rec)
        if key is not None:
            self.by_key[(cls, key)] = rec
        return rec

    def steps_of(self, matter_id: str) -> dict[str, Any]:
        found = self.steps.get(matter_id)
        if found is None:
            rows = self._select(StepRow, StepRow.__table__.c.matter_id == matter_id)
            found = self.steps[matter_id] = {r.step: r for r in rows}
        return found

    def _bulk(self, cls: type, kind: str) -> Bulk:
        found = self.bulks.get((cls, kind))
        if found is None:
            shape = self.shapes[cls]
            name = (shape.table.name, kind)
            if kind == "insert":
                found = Bulk(self.session, shape.table.insert(), shape.columns, name)
            elif kind == "delete":
                where = and_(*(shape.table.c[k] == bindparam("key_" + k) for k in shape.key))
                keys = ["key_" + k for k in shape.key]
                found = Bulk(self.session, shape.table.delete().where(where), keys, name)
            else:
                keys = ["key_" + k for k in shape.key]
                found = Bulk(self.session, shape.update, shape.changing + keys, name)
            self.bulks[(cls, kind)] = found
        return found

    def flush(self) -> None:
        for mid in self.attempts_changed:
            matter, attempts = self.attempts[mid]
            matter.attempts = canonical_text(attempts)
        self.attempts_changed.clear()
        self.session.flush()  # ORM objects of the same transaction (the ledger head)
        # Deletes first: a step deleted and recorded again in one batch is a new row.
        for cls, keys in self.deleted.items():
            self._bulk(cls, "delete").run(keys)
        self.deleted.clear()
        dirty = self.dirty
        for cls, recs in self.new.items():
            if recs:
                self._bulk(cls, "insert").run([r.__dict__ for r in recs])
                for r in recs:  # in the database now: later changes are UPDATEs
                    r.__dict__.update(_dirty=dirty, _cls=cls)
                    r.__class__ = StoredRecord
                recs.clear()
        changed: dict[type, list[dict[str, Any]]] = {}
        for rec in dirty.values():
            d = rec.__dict__
            shape = self.shapes[d["_cls"]]
            params = dict(zip(shape.changing, shape.values(d), strict=True))
            params.update({"key_" + k: d[k] for k in shape.key})
            changed.setdefault(shape.cls, []).append(params)
        dirty.clear()
        for cls, params in changed.items():
            self._bulk(cls, "update").run(params)

    def close(self) -> None:
        # ORM objects of these tables read earlier in the session are stale now.
        for obj in list(self.session.identity_map.values()):
            if isinstance(obj, DERIVED):
                self.session.expire(obj)

    def prefetch(self, events: Iterable[tuple[Event, Any]]) -> None:
        """Load every row the events name, so that the batch never queries one row at a time."""
        want: dict[type, set[str]] = {
            VillageRow: set(),
            MatterRow: set(),
            ProgressRow: set(),
            ObjectionRow: set(),
        }
        for e, data in events:
            want[VillageRow].add(e.ledger)
            type_ = e.type
            if type_ == ev.CORRECTION and isinstance(data, dict):
                type_, data = data.get("type"), data.get("payload")
            if isinstance(data, dict):  # else apply_event refuses it, or parses it itself
                _collect(want, type_, data)
        for cls, keys in want.items():
            pk = self.shapes[cls].table.c[self.shapes[cls].key[0]]
            todo = sorted(k for k in keys if isinstance(k, str) and (cls, k) not in self.by_key)
            for chunk in _chunks(todo):
                found = {getattr(r, pk.name): r for r in self._select(cls, pk.in_(chunk))}
                for k in chunk:
                    self.by_key[(cls, k)] = found.get(k)
        matters = [k for (cls, k), r in self.by_key.items() if cls is MatterRow]
        for k in matters:
            self.steps.setdefault(k, {})
            self.by_key.setdefault((CompletionRow, k), None)
        present = sorted(k for k in matters if self.by_key[(MatterRow, k)] is not None)
        for chunk in _chunks(present):
            for r in self._select(StepRow, StepRow.__table__.c.matter_id.in_(chunk)):
                self.steps[r.matter_id][r.step] = r
            for r in self._select(CompletionRow, CompletionRow.__table__.c.matter_id.in_(chunk)):
                self.by_key[(CompletionRow, r.matter_id)] = r
        self._prefetch_reviews(events)

    def _prefetch_reviews(self, events: Iterable[tuple[Event, Any]]) -> None:
        """The stored reviews of the matters the batch opens, a few queries per review ledger."""
        new: dict[str, set[str]] = {}
        for e, data in events:
            if e.type == ev.MATTER_OPENED and data is None:  # a replay passes the text only
                try:
                    data = json.loads(e.payload)
                except (ValueError, RecursionError):
                    continue  # apply_event refuses it
            if e.type == ev.MATTER_OPENED and isinstance(data, dict):
                m = data.get("matter")
                mid = m.get("id") if isinstance(m, dict) else None
                if isinstance(mid, str) and self.by_key.get((MatterRow, mid), 0) is None:
                    new.setdefault(ev.review_ledger(e.ledger), set()).add(mid)
        t = EventRow.__table__
        types = sorted(ev.REVIEW_TYPES)
        for ledger, mids in new.items():
            for chunk in _chunks(sorted(mids)):
                q = select(t.c.matter_id, t.c.type, t.c.payload, t.c.seq).where(
                    t.c.ledger == ledger, t.c.matter_id.in_(chunk), t.c.type.in_(types)
                )
                last: dict[str, Any] = {}
                for r in self.session.execute(q):
                    if r.matter_id not in last or r.seq > last[r.matter_id].seq:
                        last[r.matter_id] = r
                for mid in chunk:
                    r = last.get(mid)
                    found = None if r is None else (r.type, json.loads(r.payload), r.seq)
                    self.reviews[(ledger, mid)] = found


def _getter(names: list[str]):
    get = itemgetter(*names)
    return get if len(names) > 1 else lambda d: (get(d),)


def _chunks(keys: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(keys), _IN_CHUNK):
        yield keys[i : i + _IN_CHUNK]


def _collect(want: dict[type, set[str]], type_: Any, data: dict) -> None:
    mid = data.get("matter_id")
    if type_ == ev.MATTER_OPENED and isinstance(data.get("matter"), dict):
        mid = data["matter"].get("id")
    if isinstance(mid, str):
        want[MatterRow].add(mid)
    entry, objection = data.get("entry"), data.get("objection")
    if type_ == ev.PROGRESS_RECORDED and isinstance(entry, dict):
        want[ProgressRow].add(entry.get("id"))
    if type_ == ev.OBJECTION_RECORDED and isinstance(objection, dict):
        want[ObjectionRow].add(objection.get("id"))
    if type_ == ev.OBJECTION_ANSWERED:
        want[ObjectionRow].add(data.get("objection_id"))
    if type_ == ev.ATTACHMENT_ADDED and isinstance(entry, dict):
        table = {"progress": ProgressRow, "objection": ObjectionRow}.get(entry.get("kind"))
        if table is not None and isinstance(entry.get("ref"), str):
            want[table].add(entry["ref"])
