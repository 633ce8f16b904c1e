"""The township's signed checkpoints: where each village ledger stood when the township took it in.

A checkpoint is a `ledger.witnessed` event in the township's review ledger of
that village, signed like a review, so it travels back in the village's
feedback bundle and on to the county with the township's other review events.
A village that later rewrites history the township has seen (an old backup
restored and recorded over, a hand-edited file) is then told so by its own
`verify-db`, and the township refuses the rewritten ledger as a fork.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from sqlmodel import Session

from ..domain import events as ev
from ..domain.chain import Event
from ..domain.codes import township_code as township_of
from ..store.ledger import append, head
from ..store.tables import SettingRow
from .keys import ensure_own_key_in, event_signer

WITNESS_ACTOR = "乡镇台账见证"


def witness(session: Session, village_code: str, now: Callable[[], str]) -> Event:
    """Sign a checkpoint of `village_code`'s ledger as it now stands, in the caller's transaction."""
    seq, hash_ = head(session, village_code)
    own = ensure_own_key_in(session)
    setting = session.get(SettingRow, "township_code")
    recorded_at = now()
    payload = {
        "village_code": village_code,
        "township_code": setting.value if setting else township_of(village_code),
        "seq": seq,
        "head_hash": hash_,
        "witnessed_on": recorded_at[:10],
    }
    return append(
        session,
        ledger=ev.review_ledger(village_code),
        type=ev.LEDGER_WITNESSED,
        payload=payload,
        actor=WITNESS_ACTOR,
        now=lambda: recorded_at,
        sign=event_signer(own),
    )


class Witnessed(NamedTuple):
    """A township checkpoint: it has seen the village's ledger up to `seq`, whose hash is `hash`."""

    seq: int
    hash: str
    date: str  # the ISO date the township signed it


def latest_witnessed(session: Session, village_code: str) -> Witnessed | None:
    """The furthest township checkpoint of `village_code`'s ledger held here, or None.

    Checkpoints reach a village in its feedback, whose signatures the import
    checked; `sync.restore` refuses a backup whose ledger stops before this
    point, or differs from it there.
    """
    from ..store.checkpoints import checkpoints_of

    held = checkpoints_of(session, village_code)
    if not held:
        return None
    c = max(held, key=lambda c: (c.seq, c.review_seq))
    return Witnessed(c.seq, c.head_hash, c.witnessed_on)
