"""Each matter's report figures, kept in `matter_figure` and worked out again only when stale.

Running the rules over every matter of a year was most of a county report's
time. A matter's figures depend only on what was recorded for it, its
village's roster and profile, the rule code, and the report date, so they are
kept with a fingerprint of each: the matter's last event in the ledger (read
from the event table, so that a hand edit of `matter` cannot make a stale figure
look current), a `basis` hash (roster, profile contents, rule code, and the kept
figures themselves, so that an edited kept row is worked out again) and `as_of`. A report reads the kept
figures and works out only those whose fingerprint no longer matches; a
county import brings them up to date for the report dates of the day.

The table is a cache, not a record: `rebuild` empties it, and a database that
cannot be written to (a read-only copy) still gets a correct report, worked
out in full each time.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.exc import DBAPIError

from .. import __version__
from ..domain.model import Village
from ..domain.profile import Profile
from ..store.collector import collector_paused
from ..store.db import WriterBusy, write_session
from ..store.tables import MatterFigureRow, MatterRow, VillageRow
from .errors import CountyError
from .matter_figures import (
    MatterFigures,
    matter_figures,
)
from .snapshot import Scope, load_villages, read_snapshot, snapshot_connection
from .sources import LedgerFacts, ledger_facts

log = logging.getLogger("village_tui")
F = MatterFigureRow.__table__
M = MatterRow.__table__
V = VillageRow.__table__
# Stale matters are worked out this many at a time, named in an id list (SQLite
# builds before 3.32 allow only 999 bound parameters in one statement).
BATCH = 500
_PACKAGE = Path(__file__).resolve().parents[1]
# The code a matter's figures come from: a change to any of it makes every kept figure stale.
_CODE = (
    *sorted((_PACKAGE / "domain").glob("*.py")),
    *(
        _PACKAGE / "county" / name
        for name in ("matter_figures.py", "snapshot.py", "sources.py", "stored.py")
    ),
)


@dataclass(frozen=True)
class ScopeMatter:
    """A matter in the report's scope: what the report shows of it, and its figures."""

    id: str
    village_code: str
    category: str
    title: str
    personal_data: bool
    review_state: str
    figures: MatterFigures


@dataclass
class ScopeFigures:
    """Every matter in a report's scope with current figures, and the villages they belong to."""

    villages: dict[str, Village]
    profiles: dict[str, Profile]
    matters: list[ScopeMatter]
    worked_out: int = 0  # matters whose kept figures were missing or stale
    kept: bool = True  # False when the new figures could not be written back


def _hash_code() -> str:
    h = hashlib.sha256(__version__.encode())
    try:
        for path in _CODE:
            h.update(path.name.encode())
            # Line endings normalised: a Windows checkout and a Linux install sharing one
            # server database must agree, or each would keep redoing the other's figures.
            h.update(path.read_bytes().replace(b"\r\n", b"\n"))
    except OSError:  # a frozen or zipped install: the version alone has to do
        pass
    return h.hexdigest()


# Read when the rules are loaded, not when first asked: a program still running
# after an upgrade must not keep old rules' figures under the new code's name.
# The version is in it too, for the same reason (an upgrade changes it).
_CODE_FINGERPRINT = _hash_code()


def code_fingerprint() -> str:
    """A hash of the rule and figure code this program runs (and of its version)."""
    return _CODE_FINGERPRINT


def bases(villages: dict[str, Village], profiles: dict[str, Profile]) -> dict[str, str]:
    """For each village, what (besides the matter and the date) its matters' figures depend on."""
    code = code_fingerprint()
    rules = {name: hashlib.sha256(repr(p).encode()).hexdigest() for name, p in profiles.items()}
    return {
        c: hashlib.sha256(
            f"{code}|{rules[v.profile]}|{v.profile}|{v.roster!r}".encode()
        ).hexdigest()
        for c, v in villages.items()
    }


def _profiles(villages: dict[str, Village]) -> dict[str, Profile]:
    from ..profiles import UnknownProfile, load_profile

    profiles: dict[str, Profile] = {}
    for v in villages.values():
        if v.profile not in profiles:
            try:
                profiles[v.profile] = load_profile(v.profile)
            except UnknownProfile:
                from ..i18n.county import refusal

                raise CountyError(
                    *refusal("unknown_profile", code=v.code, profile=v.profile)
                ) from None
    return profiles


def current_figures(
    engine: Engine, scope: Scope, *, keep: bool = True, reuse: bool = True
) -> ScopeFigures:
    """The matters of `scope` with figures as of its date; stale ones worked out (and kept).

    `reuse=False` works every matter out afresh (to check or to time the kept ones).
    """
    with collector_paused():
        return _current_figures(engine, scope, keep, reuse)


def _current_figures(engine: Engine, scope: Scope, keep: bool, reuse: bool) -> ScopeFigures:
    found: dict[str, MatterFigures] = {}
    to_keep: list[dict] = []
    # Everything is read in one snapshot, so that an import committing meanwhile is
    # either wholly in the report or not at all.
    with snapshot_connection(engine) as conn:
        villages = load_villages(conn, scope.township)
        rows = conn.execute(_scope_query(scope)).fetchall()
        profiles = _profiles(villages)
        basis_of = bases(villages, profiles)
        facts = ledger_facts(
            conn, {r.id: r.village_code for r in rows}, {r.id: r.reviewed_seq for r in rows}
        )
        stale: list[str] = []
        untrusted: set[str] = set()  # derived rows that disagree with the ledger: never kept
        for row in rows:
            mid = row.id
            fact = facts.get(mid)
            source = fact.seq if fact is not None else None
            if (
                reuse
                and source is not None
                and row.as_of == scope.as_of
                and row.matter_seq == source
                and row.basis == _sealed(basis_of[row.village_code], source, _kept_values(row))
            ):
                found[mid] = _from_row(_kept_values(row))
            else:
                stale.append(mid)
                if source is None or source != row.updated_seq:
                    untrusted.add(mid)
        if untrusted:
            log.warning(
                "county report: %d matter(s) whose derived rows disagree with the ledger;"
                " run verify-db",
                len(untrusted),
            )
        # A few hundred at a time: memory stays that of one batch, however many are stale.
        for i in range(0, len(stale), BATCH):
            batch = Scope(scope.year, scope.as_of, scope.township, frozenset(stale[i : i + BATCH]))
            snap = read_snapshot(conn, batch, villages)
            for state in snap.states:
                mid = state.matter.id
                village = villages[snap.village_of[mid]]
                figures = matter_figures(state, village, profiles[village.profile], scope.as_of)
                found[mid] = figures
                if keep and mid not in untrusted:
                    to_keep.append(
                        _as_row(mid, scope.as_of, figures, facts[mid].seq, basis_of[village.code])
                    )
    # The review state as the township's review events give it, not as `matter` says.
    matters = [
        ScopeMatter(
            r.id,
            r.village_code,
            r.category,
            r.title,
            bool(r.personal_data),
            _review(facts, r.id),
            found[r.id],
        )
        for r in rows
    ]
    kept = keep and (not to_keep or _keep(engine, to_keep))
    return ScopeFigures(villages, profiles, matters, worked_out=len(stale), kept=kept)


# The kept figures' columns, in the order their values are sealed into `basis`
# (changing the order makes every kept figure stale once, nothing worse).
_FIGURE_COLUMNS = (
    "reached",
    "blocking",
    "honoured",
    "missed",
    "spent_fen",
    "resolved_fen",
    "to_resolution",
    "to_result",
    "overdue_step",
    "overdue_due",
    "retried",
)


def _kept_values(row) -> tuple:
    """A `_scope_query` row's kept figures, by column name, in `_FIGURE_COLUMNS` order."""
    return tuple(getattr(row, name) for name in _FIGURE_COLUMNS)


def _scope_query(scope: Scope):
    return (
        select(
            M.c.id,
            M.c.village_code,
            M.c.category,
            M.c.title,
            M.c.personal_data,
            M.c.review_state,
            M.c.updated_seq,
            F.c.as_of,
            F.c.matter_seq,
            F.c.basis,
            *(F.c[name] for name in _FIGURE_COLUMNS),
            M.c.reviewed_seq,  # for reviews that did not record what they covered
        )
        .join(V, V.c.code == M.c.village_code)
        .outerjoin(F, F.c.matter_id == M.c.id)
        .where(scope.condition())
        .order_by(M.c.village_code, M.c.opened_on, M.c.id)
    )


def _review(facts: dict[str, LedgerFacts], mid: str) -> str:
    fact = facts.get(mid)
    return fact.review_state if fact is not None else "pending"  # no event: no verdict either


def _sealed(basis: str, seq: int, values) -> str:
    """What a kept row's `basis` holds: its basis, the event it follows and its own figures.

    A kept row edited by hand (say `blocking` emptied) then no longer matches and
    is worked out again.
    """
    return hashlib.sha256(f"{basis}|{seq}|{tuple(values)!r}".encode()).hexdigest()


def _figure_columns(figures: MatterFigures) -> dict:
    """The figures as the kept row's columns (`blocking` joined into one text)."""
    out = {name: getattr(figures, name) for name in _FIGURE_COLUMNS}
    out["blocking"] = ",".join(figures.blocking)
    return out


def _figure_values(figures: MatterFigures) -> tuple:
    """The figures in `_FIGURE_COLUMNS` order (as `_kept_values` reads them back)."""
    return tuple(_figure_columns(figures).values())


def _from_row(values) -> MatterFigures:
    kept = dict(zip(_FIGURE_COLUMNS, values, strict=True))
    blocking = kept.pop("blocking")
    retried = kept.pop("retried")
    return MatterFigures(
        **kept,
        blocking=tuple(blocking.split(",")) if blocking else (),
        retried=retried or 0,
    )


def _keep(engine: Engine, rows: list[dict]) -> bool:
    """Write figures back, if the database takes them now; a report never waits for a writer."""
    try:
        with write_session(engine, wait=False) as s:
            for i in range(0, len(rows), BATCH):
                ids = [r["matter_id"] for r in rows[i : i + BATCH]]
                s.execute(delete(F).where(F.c.matter_id.in_(ids)))
            s.execute(insert(F), rows)
    except WriterBusy:  # an import is writing: it is left to the next report
        log.info("county figures not kept: another program is writing")
        return False
    except DBAPIError as exc:
        # A read-only copy, say: the report is still right, only worked out again next time.
        # One line: a copy that is always read-only would otherwise fill the log every report.
        reason = (str(exc.orig or exc).strip().splitlines() or ["?"])[0]
        log.warning("county figures not kept: %s", reason)
        return False
    return True


def _as_row(mid: str, as_of: date, figures: MatterFigures, seq: int, basis_: str) -> dict:
    return {
        "matter_id": mid,
        "as_of": as_of,
        "matter_seq": seq,
        "basis": _sealed(basis_, seq, _figure_values(figures)),
        **_figure_columns(figures),
    }


def refresh(engine: Engine, today: date) -> int:
    """Bring the kept figures of every year up to date for today's reports; how many were stale."""
    from .snapshot import as_of_date

    with engine.connect() as conn:
        first, last = conn.execute(select(func.min(M.c.opened_on), func.max(M.c.opened_on))).one()
    if first is None:
        return 0
    worked = 0
    for year in range(first.year, min(last.year, today.year) + 1):
        worked += current_figures(engine, Scope(year, as_of_date(year, today))).worked_out
    return worked
