"""What the township has witnessed of a village's ledger: the point a restore must not go behind."""

from __future__ import annotations

from typing import NamedTuple

from sqlmodel import Session


class Witnessed(NamedTuple):
    """A township checkpoint: it has seen the village's ledger up to `seq`, whose hash is `hash`."""

    seq: int
    hash: str
    date: str  # ISO date (or timestamp) of the checkpoint, as the township signed it


def latest_witnessed(session: Session, village_code: str) -> Witnessed | None:
    """The newest township checkpoint of `village_code`'s ledger in this database, or None.

    To be wired to the township checkpoints (the `verify` branch): signed events in the
    review ledger `review:<village code>` that the village receives in its feedback
    bundles, each saying which sequence number and head hash of the village's own ledger
    the township has seen, and when. This should return the one with the highest
    sequence number whose signature is from a trusted township key, as
    `Witnessed(seq, hash, date)`.

    `village_tui.sync.restore` calls it on the backup being restored and on the database
    it would replace, and refuses a backup whose ledger stops before that point (or
    differs from it there) unless told explicitly. Until checkpoints exist no database
    holds one, so this reads nothing and returns None.
    """
    del session, village_code  # nothing to read yet; see the docstring
    return None
