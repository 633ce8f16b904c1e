"""The fair floor for an import: the irreducible work, in plain Python, on the same bundle.

An import must read the zip, check one Ed25519 signature over the manifest and
the sha256 of the events member, then for every event parse its line, check
that it links to the one before, recompute its hash from its canonical bytes,
parse its payload, and write the event row and the one derived row it makes,
in one transaction, into the app's own migrated schema. This does exactly that
and nothing more (no schemas, no ORM, no search keys), so the ratio of the
app's import to it says how much our own code costs on top of the work itself.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

EVENT_COLUMNS = (
    "ledger",
    "seq",
    "type",
    "matter_id",
    "payload",
    "actor",
    "recorded_at",
    "prev_hash",
    "hash",
)
_ENVELOPE = ("actor", "ledger", "matter_id", "prev_hash", "recorded_at", "seq", "type")


def _verify_manifest(manifest_bytes: bytes, signature: bytes) -> dict:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    manifest = json.loads(manifest_bytes)
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(manifest["signer"]["public_key"]))
    key.verify(base64.b64decode(signature.strip()), manifest_bytes)  # raises when forged
    return manifest


def _derived(d: dict, payload: dict, village: str) -> tuple[str, tuple] | None:
    """The one row an event makes, for the types the benchmark ledger holds."""
    t = d["type"]
    if t == "village.set_up":
        v = payload["village"]
        return "village", (
            v["code"],
            v["name"],
            v["township_code"],
            v["township_name"],
            v["county_code"],
            v["county_name"],
            v.get("profile", "national"),
        )
    if t == "matter.opened":
        m = payload["matter"]
        return "matter", (m["id"], village, m["title"], m["category"], m["source"], d["seq"])
    if t == "step.recorded":
        r = payload["record"]
        on = r.get("held_on") or r.get("posted_on") or r.get("started_on")
        return "step", (payload["matter_id"], payload["step"], on, json.dumps(r), d["seq"])
    if t == "progress.recorded":
        e = payload["entry"]
        return "progress", (e["id"], payload["matter_id"], e["on"], e["spent_fen"], d["seq"])
    return None


_INSERTS = {
    "village": "INSERT INTO village (code, name, township_code, township_name, county_code,"
    " county_name, profile, party_members_voting, committee_members, rep_assembly_members,"
    " representatives, women_members, adult_villagers, households, updated_seq)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0)",
    "matter": "INSERT INTO matter (id, village_code, title, category, source, description,"
    " planned_fen, personal_data, reached_index, spent_fen, review_state, review_comment,"
    " corrected_seq, search_key, opened_seq, updated_seq)"
    " VALUES (?, ?, ?, ?, ?, '', 0, 0, -1, 0, 'pending', '', 0, '', ?, 0)",
    "step": 'INSERT INTO step (matter_id, step, step_index, "on", record, acknowledged, version,'
    " seq, actor, recorded_at) VALUES (?, ?, 0, ?, ?, '[]', 1, ?, '', '')",
    "progress": 'INSERT INTO progress (id, matter_id, "on", description, spent_fen, seq)'
    " VALUES (?, ?, ?, '', ?, ?)",
}


def floor_import(bundle: Path, db: Path) -> int:
    """Import `bundle` into the migrated, empty database `db` the fair-floor way; the count."""
    with zipfile.ZipFile(bundle) as zf:
        manifest_bytes = zf.read("manifest.json")
        signature = zf.read("manifest.sig")
        events_bytes = zf.read("events.jsonl")
    manifest = _verify_manifest(manifest_bytes, signature)
    if hashlib.sha256(events_bytes).hexdigest() != manifest["members"]["events.jsonl"]["sha256"]:
        raise ValueError("events member hash")
    village = manifest["village_code"]
    rows: list[tuple] = []
    derived: dict[str, list[tuple]] = {name: [] for name in _INSERTS}
    prev, expected = manifest["prev_hash"], manifest["first_seq"]
    dumps = json.dumps
    for line in events_bytes.decode("utf-8").splitlines():
        d = json.loads(line)
        if d["seq"] != expected or d["prev_hash"] != prev:
            raise ValueError(f"chain at {expected}")
        envelope = dumps({k: d[k] for k in _ENVELOPE}, ensure_ascii=False, separators=(",", ":"))
        h = hashlib.sha256(envelope.encode("utf-8"))
        h.update(b"\n")
        h.update(d["payload"].encode("utf-8"))
        if h.hexdigest() != d["hash"]:
            raise ValueError(f"hash at {expected}")
        payload = json.loads(d["payload"])
        rows.append(tuple(d[c] for c in EVENT_COLUMNS))
        row = _derived(d, payload, village)
        if row is not None:
            derived[row[0]].append(row[1])
        prev, expected = d["hash"], expected + 1
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.executemany(
                f"INSERT INTO event ({', '.join(EVENT_COLUMNS)})"
                f" VALUES ({', '.join('?' * len(EVENT_COLUMNS))})",
                rows,
            )
            for name, sql in _INSERTS.items():
                conn.executemany(sql, derived[name])
    finally:
        conn.close()
    return len(rows)
