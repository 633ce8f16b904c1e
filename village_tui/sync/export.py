"""Writing bundles: a village's new events, or a township's feedback for each village."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlmodel import Session

from .. import __version__
from ..domain.chain import GENESIS_HASH, canonical_json
from ..store.db import read_session, write_session
from ..store.ledger import utc_now
from ..store.tables import EventRow, LedgerHead, SettingRow
from . import bundle as bf
from .keys import OwnKey, ensure_own_key_in, own_identity, sign
from .tables import ExportMark
from .verify import REVIEW_PREFIX


@dataclass(frozen=True)
class Exported:
    """One bundle written."""

    path: Path
    ledger: str
    first_seq: int
    last_seq: int
    count: int


def _role(session: Session) -> str:
    row = session.get(SettingRow, "role")
    return row.value if row else "township"


def ledgers_to_export(session: Session) -> list[str]:
    """The ledgers this database speaks for: its village's, or its review ledgers."""
    if _role(session) == "village":
        code = session.get(SettingRow, "village_code")
        return [code.value] if code else []
    heads = session.execute(select(LedgerHead.ledger)).scalars()
    return sorted(h for h in heads if h.startswith(REVIEW_PREFIX))


def export_bundles(
    engine: Engine,
    out_dir: Path,
    *,
    full: bool = False,
    now: Callable[[], str] = utc_now,
    progress: Callable[[Exported], None] | None = None,
) -> list[Exported]:
    """Write one bundle per ledger with events not yet exported (all of them with `full`)."""
    with write_session(engine) as s:
        ensure_own_key_in(s)  # a village set up before keys existed gets its pair now
    with read_session(engine) as s:
        own = s.get(OwnKey, 1)
        identity = own_identity(s)
        plan = []
        for ledger in ledgers_to_export(s):
            mark = s.get(ExportMark, ledger)
            after = 0 if full or mark is None else mark.seq
            tip = s.get(LedgerHead, ledger)
            if tip is not None and tip.seq > after:
                plan.append((ledger, after))
    out_dir.mkdir(parents=True, exist_ok=True)
    done: list[Exported] = []
    for ledger, after in plan:
        item = _export_one(engine, own, identity, ledger, after, out_dir, now)
        with write_session(engine) as s:
            mark = s.get(ExportMark, ledger) or ExportMark(ledger=ledger, seq=0, exported_at="")
            mark.seq, mark.exported_at = max(mark.seq, item.last_seq), now()
            s.add(mark)
        done.append(item)
        if progress:
            progress(item)
    return done


def _export_one(engine, own, identity, ledger, after, out_dir, now) -> Exported:
    t = EventRow.__table__
    lines: list[str] = []
    counts: Counter[str] = Counter()
    prev_hash, last_hash, last_seq = GENESIS_HASH, "", after
    with read_session(engine) as s:
        if after:
            prev_hash = s.execute(
                select(t.c.hash).where(t.c.ledger == ledger, t.c.seq == after)
            ).scalar_one()
        q = select(t).where(t.c.ledger == ledger, t.c.seq > after).order_by(t.c.seq)
        for r in s.execute(q.execution_options(yield_per=5000)).mappings():
            env = {k: r[k] for k in _ENVELOPE}
            if r["signature"] is not None:
                env["signature"], env["signer"] = r["signature"], r["signer"]
            lines.append(canonical_json(env))
            counts[r["type"]] += 1
            last_hash, last_seq = r["hash"], r["seq"]
    events = ("\n".join(lines) + "\n").encode("utf-8")
    village_code = ledger.removeprefix(REVIEW_PREFIX)
    manifest = {
        "format": bf.FORMAT,
        "format_version": bf.FORMAT_VERSION,
        "kind": "review" if ledger.startswith(REVIEW_PREFIX) else "village",
        "village_code": village_code,
        "ledger": ledger,
        "first_seq": after + 1,
        "last_seq": last_seq,
        "prev_hash": prev_hash,
        "last_hash": last_hash,
        "event_count": len(lines),
        "counts": dict(sorted(counts.items())),
        "created_at": now(),
        "tool_version": __version__,
        "members": {bf.EVENTS: {"sha256": hashlib.sha256(events).hexdigest(), "size": len(events)}},
        "signer": {
            "public_key": identity.public_key,
            "fingerprint": identity.fingerprint,
            "owner_code": identity.owner_code,
            "owner_name": identity.owner_name,
            "role": identity.role,
        },
    }
    raw_manifest = canonical_json(manifest).encode("utf-8")
    data = bf.write_bundle(raw_manifest, sign(own, raw_manifest).encode("ascii"), events)
    name = f"{ledger.replace(':', '-')}-{after + 1:06d}-{last_seq:06d}.zip"
    path = out_dir / name
    tmp = path.with_suffix(".zip.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # a half-written bundle never carries the real name
    return Exported(path, ledger, after + 1, last_seq, len(lines))


_ENVELOPE = (
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
