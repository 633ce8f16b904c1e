"""Canonical JSON and the hash chain that makes the ledger tamper-evident."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

GENESIS_HASH = "0" * 64


# What `json.dumps` builds on every call with these settings, built once: a ledger
# walk encodes two texts per event, and building the encoder was half of that.
_CANONICAL = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
)


def canonical_json(value: Any) -> str:
    """One text for one value: sorted keys, no spaces, UTF-8 characters as they are."""
    return _CANONICAL.encode(value)


@dataclass(frozen=True)
class Event:
    """One entry of a ledger. `payload` is the canonical JSON text, stored byte for byte."""

    ledger: str  # a village's 12-digit code, or a review ledger's id
    seq: int  # 1, 2, 3 ... within the ledger
    type: str
    matter_id: str | None
    payload: str
    actor: str
    recorded_at: str  # ISO 8601, UTC, seconds
    prev_hash: str
    hash: str = ""

    @property
    def data(self) -> dict[str, Any]:
        return json.loads(self.payload)


# The one list of an event's fields: the ledger's columns, the bundle's envelope and
# the hash are all read from it, so a field cannot be added to one and missed in another.
EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Event))
# What the hash covers besides the payload text (the hash cannot cover itself), in
# canonical (sorted) order.
HASHED_FIELDS: tuple[str, ...] = tuple(
    sorted(name for name in EVENT_FIELDS if name not in ("payload", "hash"))
)


def event_fields(e: Event) -> dict[str, Any]:
    """The event as a mapping of its fields (a row to store, an envelope to send)."""
    return {name: getattr(e, name) for name in EVENT_FIELDS}


def event_from(source: Any) -> Event:
    """The event held by a mapping (a parsed envelope) or an object with the fields (a row)."""
    if isinstance(source, Mapping):
        return Event(**{name: source[name] for name in EVENT_FIELDS})
    return Event(**{name: getattr(source, name) for name in EVENT_FIELDS})


def event_hash(e: Event) -> str:
    """sha256 over the canonical envelope, the payload text included as it is stored."""
    envelope = canonical_json({name: getattr(e, name) for name in HASHED_FIELDS})
    h = hashlib.sha256()
    h.update(envelope.encode("utf-8"))
    h.update(b"\n")
    h.update(e.payload.encode("utf-8", errors="surrogateescape"))
    return h.hexdigest()


def seal(e: Event) -> Event:
    """The event with its hash filled in."""
    return Event(**{**e.__dict__, "hash": event_hash(e)})


def broken_link(e: Event, expected_prev: str, expected_seq: int) -> str | None:
    """Why `e` does not continue the chain (a short English reason), or None when it does."""
    if e.seq != expected_seq:
        return f"sequence {e.seq} where {expected_seq} was expected"
    if e.prev_hash != expected_prev:
        return "previous hash does not match"
    try:
        parsed = json.loads(e.payload)
    except ValueError:
        return "payload is not valid JSON"
    if canonical_json(parsed) != e.payload:
        return "payload is not in canonical form"
    if event_hash(e) != e.hash:
        return "hash does not match its contents"
    return None
