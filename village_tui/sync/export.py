"""Writing bundles: a village's new events, or a township's feedback for each village."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlmodel import Session

from .. import __version__
from ..atomic import write_file
from ..domain.chain import (
    GENESIS_HASH,
    broken_link,
    canonical_json,
    event_fields,
    event_from,
)
from ..domain.events import ATTACHMENT_ADDED, REVIEW_PREFIX
from ..store.attachments import file_digest, folder_for, stored_path
from ..store.db import read_session, write_session
from ..store.ledger import utc_now
from ..store.tables import EventRow, LedgerHead, SettingRow
from . import bundle as bf
from .keys import OwnKey, ensure_own_key_in, own_identity, sign
from .tables import ExportMark


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


class LedgerBroken(Exception):
    """The ledger to export fails its hash chain: nothing is signed or written."""

    def __init__(self, ledger: str, seq: int, reason: str) -> None:
        from ..i18n.cli import BREAK_REASONS
        from ..i18n.sync import BREAK_REASONS_ZH, text

        reason_zh = BREAK_REASONS.get(reason) or BREAK_REASONS_ZH.get(reason.split(" ")[0], reason)
        self.message_zh = text("export_broken", "zh", ledger=ledger, seq=seq, reason=reason_zh)
        self.message_en = text("export_broken", "en", ledger=ledger, seq=seq, reason=reason)
        super().__init__(self.message_en)

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh


class BundleTooBig(Exception):
    """One event of a ledger cannot fit in any bundle the importer takes: nothing is written."""

    def __init__(self, ledger: str, seq: int, size: int) -> None:
        from ..i18n.sync import both

        self.message_zh, self.message_en = both("export_too_big", ledger=ledger, seq=seq, size=size)
        super().__init__(self.message_en)

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh


class AttachmentNotExportable(BundleTooBig):
    """An attached file that cannot go out (missing, changed, or bigger than any bundle)."""

    def __init__(self, key: str, **params: object) -> None:
        from ..i18n.attachments import pair

        self.message_zh, self.message_en = pair(key, **params)
        Exception.__init__(self, self.message_en)


def export_bundles(
    engine: Engine,
    out_dir: Path,
    *,
    full: bool = False,
    now: Callable[[], str] = utc_now,
    progress: Callable[[Exported], None] | None = None,
    limits: bf.Limits = bf.DEFAULT_LIMITS,
) -> list[Exported]:
    """Write the bundles of each ledger's events not yet exported (all of them with `full`).

    A backlog too large for one bundle goes out as several in sequence, each within the
    import's `limits`. Raises LedgerBroken (a hash chain that does not hold: signing it
    would vouch for tampering) or BundleTooBig before any file is written or mark moved.
    """
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
                plan.append((ledger, after, tip.seq, tip.hash))
    # Every bundle is built (and its chain checked) before the first is written.
    folder = folder_for(engine)
    built = [b for item in plan for b in _build(engine, own, identity, *item, now, limits, folder)]
    out_dir.mkdir(parents=True, exist_ok=True)
    done: list[Exported] = []
    for item, data in built:
        item = _write(out_dir, item, data)
        with write_session(engine) as s:
            mark = s.get(ExportMark, item.ledger) or ExportMark(
                ledger=item.ledger, seq=0, exported_at=""
            )
            mark.seq, mark.exported_at = max(mark.seq, item.last_seq), now()
            s.add(mark)
        done.append(item)
        if progress:
            progress(item)
    return done


def _start(s: Session, ledger: str, after: int) -> str:
    """The hash the range continues from, once the event before it is checked against its own
    predecessor (a changed event `after` would otherwise pass as the range's anchor)."""
    if not after:
        return GENESIS_HASH
    t = EventRow.__table__
    q = select(t).where(t.c.ledger == ledger, t.c.seq >= after - 1, t.c.seq <= after)
    rows = {r["seq"]: r for r in s.execute(q.order_by(t.c.seq)).mappings()}
    before = rows.get(after - 1)
    expected_prev = GENESIS_HASH if after == 1 else (before["hash"] if before else None)
    r = rows.get(after)
    if r is None or expected_prev is None:
        raise LedgerBroken(ledger, after - 1 if r is not None else after, "missing event")
    reason = broken_link(event_from(r), expected_prev, after)
    if reason:
        raise LedgerBroken(ledger, after, reason)
    return r["hash"]


def _build(
    engine, own, identity, ledger, after, tip_seq, tip_hash, now, limits, folder
) -> list[tuple[Exported, bytes]]:
    t = EventRow.__table__
    lines: list[tuple] = []  # seq, hash, type, line, attached file (sha256, size) or None
    with read_session(engine) as s:
        prev_hash = _start(s, ledger, after)
        last_hash, last_seq = prev_hash, after
        q = select(t).where(t.c.ledger == ledger, t.c.seq > after).order_by(t.c.seq)
        for r in s.execute(q.execution_options(yield_per=5000)).mappings():
            e = event_from(r)
            reason = broken_link(e, last_hash, last_seq + 1)
            if reason:
                raise LedgerBroken(ledger, r["seq"], reason)
            env = event_fields(e)
            if r["signature"] is not None:
                env["signature"], env["signer"] = r["signature"], r["signer"]
            line = (canonical_json(env) + "\n").encode()
            lines.append((r["seq"], r["hash"], r["type"], line, _attached(r, ledger, folder)))
            last_hash, last_seq = r["hash"], r["seq"]
    if (last_seq, last_hash) != (tip_seq, tip_hash):  # events deleted from the end
        raise LedgerBroken(ledger, tip_seq, "ledger head does not match the last event")
    out: list[tuple[Exported, bytes]] = []
    for chunk in _chunks(lines, _budget(limits), limits, ledger):
        out += _pack(own, identity, ledger, prev_hash, chunk, now, limits, folder)
        prev_hash = chunk[-1][1]
    return out


def _attached(r, ledger: str, folder: Path) -> tuple[str, int] | None:
    """The file an `attachment.added` event records, checked to be there and unchanged."""
    if r["type"] != ATTACHMENT_ADDED:
        return None
    import json

    f = json.loads(r["payload"])["file"]
    path = stored_path(folder, f["sha256"])
    try:
        ok = path.is_file() and file_digest(path) == (f["sha256"], f["size"])
    except OSError:
        ok = False
    if not ok:  # a bundle the township would refuse: say so here, where it can be mended
        raise AttachmentNotExportable("export_file_missing", ledger=ledger, seq=r["seq"])
    return f["sha256"], f["size"]


def _file_budget(limits: bf.Limits) -> int:
    """Attached bytes a bundle may carry: stored as they are, they count in full against the
    bundle's size; a quarter is left for its events (compressed) and manifest."""
    return limits.bundle_bytes * 3 // 4


def _budget(limits: bf.Limits) -> int:
    """The events a bundle may carry uncompressed, with room left for manifest and signature."""
    room = limits.for_member(bf.MANIFEST) + limits.for_member(bf.SIGNATURE)
    return max(1, min(limits.for_member(bf.EVENTS), limits.total_bytes - room))


def _chunks(lines: list, budget: int, limits: bf.Limits, ledger: str = "") -> list[list]:
    chunks: list[list] = [[]]
    size = attached = files = 0
    room = _file_budget(limits)
    for line in lines:
        extra = line[4][1] if line[4] else 0
        if line[4] and extra > room:
            raise AttachmentNotExportable(
                "attachment_too_big", ledger=ledger, seq=line[0], size=extra
            )
        if chunks[-1] and (
            size + len(line[3]) > budget
            or attached + extra > room
            or files + bool(line[4]) > limits.files
        ):
            chunks.append([])
            size = attached = files = 0
        chunks[-1].append(line)
        size += len(line[3])
        attached += extra
        files += bool(line[4])
    return chunks


def _pack(
    own, identity, ledger, prev_hash, chunk, now, limits, folder
) -> list[tuple[Exported, bytes]]:
    """One bundle of `chunk`, or (when its zip is still too big to import) two of its halves."""
    item, data = _bundle(own, identity, ledger, prev_hash, chunk, now, limits, folder)
    if bf.fits(data, limits):
        return [(item, data)]
    if len(chunk) == 1:
        raise BundleTooBig(ledger, chunk[0][0], len(chunk[0][3]) + (chunk[0][4] or ("", 0))[1])
    half = len(chunk) // 2
    first = _pack(own, identity, ledger, prev_hash, chunk[:half], now, limits, folder)
    rest = _pack(own, identity, ledger, chunk[half - 1][1], chunk[half:], now, limits, folder)
    return first + rest


def _bundle(own, identity, ledger, prev_hash, chunk, now, limits, folder) -> tuple[Exported, bytes]:
    events = b"".join(line[3] for line in chunk)
    files = {x[4][0]: stored_path(folder, x[4][0]).read_bytes() for x in chunk if x[4]}
    counts = Counter(line[2] for line in chunk)
    first_seq, (last_seq, last_hash) = chunk[0][0], chunk[-1][:2]
    village_code = ledger.removeprefix(REVIEW_PREFIX)
    manifest = {
        "format": bf.FORMAT,
        "format_version": bf.FORMAT_VERSION,
        "kind": "review" if ledger.startswith(REVIEW_PREFIX) else "village",
        "village_code": village_code,
        "ledger": ledger,
        "first_seq": first_seq,
        "last_seq": last_seq,
        "prev_hash": prev_hash,
        "last_hash": last_hash,
        "event_count": len(chunk),
        "counts": dict(sorted(counts.items())),
        "created_at": now(),
        "tool_version": __version__,
        "members": {bf.EVENTS: {"sha256": hashlib.sha256(events).hexdigest(), "size": len(events)}},
        **(
            {"files": [{"sha256": sha, "size": len(data)} for sha, data in sorted(files.items())]}
            if files
            else {}
        ),
        "signer": {
            "public_key": identity.public_key,
            "fingerprint": identity.fingerprint,
            "owner_code": identity.owner_code,
            "owner_name": identity.owner_name,
            "role": identity.role,
        },
    }
    raw_manifest = canonical_json(manifest).encode("utf-8")
    signature = sign(own, raw_manifest).encode("ascii")
    data = bf.write_bundle(raw_manifest, signature, events, limits, files)
    name = f"{ledger.replace(':', '-')}-{first_seq:06d}-{last_seq:06d}.zip"
    return Exported(Path(name), ledger, first_seq, last_seq, len(chunk)), data


def _write(out_dir: Path, item: Exported, data: bytes) -> Exported:
    path = out_dir / item.path
    write_file(path, data)  # a half-written bundle never carries the real name
    return Exported(path, item.ledger, item.first_seq, item.last_seq, item.count)
