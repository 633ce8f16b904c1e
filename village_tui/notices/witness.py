"""When the township witnessed a village ledger position: the hook for township checkpoints.

Checkpoints (issue 9, point 5) are added on another branch. When they land,
this returns the date of the earliest checkpoint at or beyond `seq` whose head
agrees with the ledger held here; until then nothing is known to be witnessed.
"""

from __future__ import annotations

from sqlmodel import Session


def witnessed_on(session: Session, village_code: str, seq: int) -> str | None:
    """The date (ISO) the township witnessed the village's ledger at or beyond `seq`, if known."""
    return None
