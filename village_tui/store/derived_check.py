"""Replaying the ledger into a scratch database and comparing what it derives with what is stored.

The hash chain proves the ledger is unchanged; this proves the tables read
from it (matters, steps, review states ...) are what the ledger says. A hand
edit such as `update matter set review_state='approved'` leaves the chain
whole and is found only here. The replay goes through the one `apply_event`,
in `rebuild`'s order, into a throw-away SQLite file: the database checked is
only read.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, insert, select
from sqlmodel import Session, SQLModel

from .tables import EventRow, LedgerHead

# Parents first, so that the first difference named is the one nearest its cause.
COMPARED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("village", ("code",)),
    ("matter", ("id",)),
    ("step", ("matter_id", "step")),
    ("progress", ("id",)),
    ("objection", ("id",)),
    ("completion", ("matter_id",)),
)
ROW = "(row)"  # the column named when a row exists on one side only
_CHUNK = 2000


@dataclass(frozen=True)
class Difference:
    """The first place where a stored derived table disagrees with the replayed ledger."""

    table: str
    key: str
    column: str
    stored: Any
    replayed: Any


def first_difference(engine: Engine) -> Difference | None:
    """Replay every event of `engine` into a scratch database; the first derived row that differs."""
    with tempfile.TemporaryDirectory(prefix="village-tui-verify-") as tmp:
        scratch = _scratch_engine(Path(tmp) / "replay.db")
        try:
            # One read transaction: an import committing meanwhile is wholly in or out.
            with engine.connect() as src:
                _copy_ledger(src, scratch)
                _replay(scratch)
                with scratch.connect() as dst:
                    return _compare(src, dst)
        finally:
            scratch.dispose()  # Windows cannot remove an open file


def _scratch_engine(path: Path) -> Engine:
    engine = create_engine("sqlite:///" + path.as_posix())

    @event.listens_for(engine, "connect")
    def _fast(dbapi_conn, _record):  # pragma: no cover - run by every check
        # A throw-away file: nothing to keep through a crash.
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=OFF")
        cur.execute("PRAGMA synchronous=OFF")
        cur.close()

    tables = [SQLModel.metadata.tables[n] for n in ("event", "ledger_head", *_names())]
    SQLModel.metadata.create_all(engine, tables=tables)
    return engine


def _names() -> list[str]:
    return [name for name, _ in COMPARED]


def _copy_ledger(src: Connection, scratch: Engine) -> None:
    """The record itself, row for row (events and heads), into the scratch database."""
    with scratch.begin() as dst:
        for table in (EventRow.__table__, LedgerHead.__table__):
            cols = [c for c in table.columns if c.name != "id"]
            rows = src.execute(select(*cols).execution_options(yield_per=_CHUNK)).mappings()
            chunk: list[dict] = []
            for r in rows:
                chunk.append(dict(r))
                if len(chunk) >= _CHUNK:
                    dst.execute(insert(table), chunk)
                    chunk = []
            if chunk:
                dst.execute(insert(table), chunk)


def _replay(scratch: Engine) -> None:
    from .rebuild import apply_all

    with Session(scratch) as s:
        apply_all(s, batched=True)
        s.commit()


def _rows(conn: Connection, name: str, key: tuple[str, ...]) -> dict[tuple, dict]:
    table = SQLModel.metadata.tables[name]
    # A surrogate id (the step table's) is the order rows were inserted in, not a fact.
    cols = [c for c in table.columns if c.name != "id" or "id" in key]
    rows = conn.execute(select(*cols).execution_options(yield_per=_CHUNK)).mappings()
    return {tuple(r[k] for k in key): dict(r) for r in rows}


def _compare(stored: Connection, replayed: Connection) -> Difference | None:
    # Keys sorted here, not by the database: a server's collation may order text otherwise.
    for name, key in COMPARED:
        a, b = _rows(stored, name, key), _rows(replayed, name, key)
        for k in sorted(a.keys() | b.keys(), key=lambda k: tuple(map(str, k))):
            x, y = a.get(k), b.get(k)
            if y is None:
                return Difference(name, _key(k), ROW, x, None)
            if x is None:
                return Difference(name, _key(k), ROW, None, y)
            for col, value in x.items():
                if value != y[col]:
                    return Difference(name, _key(k), col, value, y[col])
    return None


def _key(values: tuple) -> str:
    return "/".join(str(v) for v in values)
