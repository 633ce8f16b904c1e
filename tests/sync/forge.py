"""Bundles an attacker would write: any signer, any claims, every hash and signature in order."""

from __future__ import annotations

import hashlib
from pathlib import Path

from village_tui.domain.chain import GENESIS_HASH, Event, canonical_json, seal
from village_tui.domain.events import review_ledger
from village_tui.sync import bundle as bf
from village_tui.sync.keys import sign
from village_tui.sync.tables import OwnKey

from .helpers import VILLAGE, cli


def signer(key: OwnKey, owner_code: str, role: str, name: str = "") -> dict:
    return {
        "public_key": key.public_key,
        "fingerprint": key.fingerprint,
        "owner_code": owner_code,
        "owner_name": name,
        "role": role,
    }


def review_payload(matter_id: str, village: str = VILLAGE, township: str | None = None) -> dict:
    return {
        "matter_id": matter_id,
        "village_code": village,
        "township_code": village[:9] if township is None else township,
        "comment": "同意",
        "reviewer": "某某",
        "reviewed_seq": 1,
    }


def bundle(
    key: OwnKey,
    who: dict,
    events: list[tuple[str, str | None, dict]],
    *,
    village: str = VILLAGE,
    kind: str = "review",
    first_seq: int = 1,
    prev_hash: str = GENESIS_HASH,
    envelope_changes: dict | None = None,
    manifest_changes: dict | None = None,
) -> bytes:
    """A bundle of `events` (type, matter id, payload), sealed, signed by `key` as `who` claims."""
    ledger = review_ledger(village) if kind == "review" else village
    lines, prev, seq = [], prev_hash, first_seq
    for type_, matter_id, payload in events:
        e = seal(
            Event(
                ledger,
                seq,
                type_,
                matter_id,
                canonical_json(payload),
                "某某",
                "2026-11-20T09:00:00Z",
                prev,
            )
        )
        env = {k: getattr(e, k) for k in ("ledger", "seq", "type", "matter_id", "payload", "actor")}
        env.update(recorded_at=e.recorded_at, prev_hash=e.prev_hash, hash=e.hash)
        if kind == "review":
            env.update(signature=sign(key, e.hash.encode()), signer=key.fingerprint)
        env.update(envelope_changes or {})
        lines.append(canonical_json(env))
        prev, seq = e.hash, seq + 1
    raw_events = ("\n".join(lines) + "\n").encode()
    manifest = {
        "format": bf.FORMAT,
        "format_version": bf.FORMAT_VERSION,
        "kind": kind,
        "village_code": village,
        "ledger": ledger,
        "first_seq": first_seq,
        "last_seq": seq - 1,
        "prev_hash": prev_hash,
        "last_hash": prev,
        "event_count": len(lines),
        "counts": {},
        "created_at": "2026-11-20T09:00:00Z",
        "tool_version": "0",
        "members": {
            bf.EVENTS: {"sha256": hashlib.sha256(raw_events).hexdigest(), "size": len(raw_events)}
        },
        "signer": who,
        **(manifest_changes or {}),
    }
    raw = canonical_json(manifest).encode()
    return bf.write_bundle(raw, sign(key, raw).encode(), raw_events)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def verifies(capsys, db: Path) -> None:
    """What a receiving database accepted, it can verify and rebuild."""
    code, out, err = cli(capsys, "--db", db, "verify-db")
    assert (code, err) == (0, ""), err
    code, out, err = cli(capsys, "--db", db, "rebuild")
    assert (code, err) == (0, ""), err
    code, out, err = cli(capsys, "--db", db, "verify-db")
    assert (code, err) == (0, ""), err
