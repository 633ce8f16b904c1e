"""`gen-synthetic`: signed bundles for fictitious villages, byte for byte the same for the same seed.

Each village's ledger is written into its own village database through the
store (see `ledgers`), then exported with the sync bundle writer. Each
township signs its review events (returned / approved) with its own key in its
own database and exports them the same way. Keys are derived from the seed,
every timestamp from the plan's dates, and the zip writer fixes member dates,
so nothing depends on the clock or on chance.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from .county.ledgers import append_village, village_events
from .county.synthetic import TOWNSHIPS, CountyPlan, VillagePlan, plan_county
from .domain import events as ev
from .domain.chain import Event, canonical_json, seal
from .store.db import make_engine, open_engine, write_session
from .store.ledger import head, store_event
from .store.tables import SettingRow

REVIEWER = "示例乡镇审核员"


@dataclass(frozen=True)
class Generated:
    """What `generate` wrote."""

    plan: CountyPlan
    village_bundles: list[Path]
    review_bundles: list[Path]
    events: int


def _seeded_key(seed: int, owner: str, created_at: str):
    """An OwnKey row whose Ed25519 key is derived from the seed and the owner's code."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from .store.keys import fingerprint
    from .store.sync_tables import OwnKey

    raw = hashlib.sha256(f"village-tui synthetic key:{seed}:{owner}".encode()).digest()
    private = Ed25519PrivateKey.from_private_bytes(raw)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")
    pub_raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    pub = base64.b64encode(pub_raw).decode("ascii")
    return OwnKey(
        private_key=pem, public_key=pub, fingerprint=fingerprint(pub), created_at=created_at
    )


def _fresh_db(template: Path, path: Path) -> Engine:
    shutil.copyfile(template, path)
    return make_engine(path)


def _write_village(
    vp: VillagePlan, template: Path, work: Path, out: Path, seed: int, first_day: date, stamp: str
) -> tuple[Path, int]:
    from .sync.export import export_bundles

    engine = _fresh_db(template, work / f"{vp.village.code}.db")
    try:
        with write_session(engine) as s:
            s.add(SettingRow(key="role", value="village"))
            s.add(SettingRow(key="village_code", value=vp.village.code))
            s.add(_seeded_key(seed, vp.village.code, stamp))
            count = append_village(s, vp, first_day)
        (item,) = export_bundles(engine, out, full=True, now=lambda: stamp)
    finally:
        engine.dispose()
    return item.path, count


def _positions(vp: VillagePlan, first_day: date) -> dict[str, list[tuple[date, int]]]:
    """For each matter, the day and village-ledger position of each of its events."""
    out: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for seq, (stamp, _type, _payload, mid) in enumerate(village_events(vp, first_day), start=1):
        if mid is not None:
            out[mid].append((date.fromisoformat(stamp[:10]), seq))
    return out


def _write_reviews(
    township: tuple[str, str, str, str],
    villages: list[VillagePlan],
    template: Path,
    work: Path,
    out: Path,
    seed: int,
    first_day: date,
    stamp: str,
) -> tuple[list[Path], int]:
    from .domain.events import review_ledger
    from .store.keys import sign
    from .sync.export import export_bundles

    code, name = township[0], township[1]
    engine = _fresh_db(template, work / f"township-{code}.db")
    count = 0
    try:
        with write_session(engine) as s:
            s.add(SettingRow(key="role", value="township"))
            s.add(SettingRow(key="township_code", value=code))
            s.add(SettingRow(key="township_name", value=name))
            own = _seeded_key(seed, code, stamp)
            s.add(own)
            for vp in villages:
                reviews = sorted(
                    (m.review_on, m.id, m.review) for m in vp.matters if m.review is not None
                )
                ledger = review_ledger(vp.village.code)
                positions = _positions(vp, first_day)
                for on, mid, verdict in reviews:
                    returned = verdict == "returned"
                    payload = {
                        "matter_id": mid,
                        "village_code": vp.village.code,
                        "township_code": code,
                        "reviewer": REVIEWER,
                        "comment": "会议记录不完整，请补正后重新报送" if returned else "同意",
                        # What the township had seen, as the review screen records it: the
                        # matter's last event recorded before the review (10:00, before the
                        # village's afternoon entries that day).
                        "reviewed_seq": max(seq for day, seq in positions[mid] if day < on),
                    }
                    seq, prev = head(s, ledger)
                    e = seal(
                        Event(
                            ledger=ledger,
                            seq=seq + 1,
                            type=ev.REVIEW_RETURNED if returned else ev.REVIEW_APPROVED,
                            matter_id=mid,
                            payload=canonical_json(payload),
                            actor=REVIEWER,
                            recorded_at=f"{on.isoformat()}T10:00:00Z",
                            prev_hash=prev,
                        )
                    )
                    # Review events travel with the township's own signature over their hash.
                    store_event(
                        s, e, signature=sign(own, e.hash.encode("ascii")), signer=own.fingerprint
                    )
                    count += 1
        paths = [x.path for x in export_bundles(engine, out, full=True, now=lambda: stamp)]
    finally:
        engine.dispose()
    return paths, count


def generate(
    out_dir: Path,
    *,
    villages: int,
    years: int,
    seed: int,
    today: date,
    progress: Callable[[int, int], None] | None = None,
) -> Generated:
    """Plan the county and write one folder per township: village bundles, then review bundles."""
    plan = plan_county(villages, years, seed, today)
    stamp = f"{today.isoformat()}T18:00:00Z"
    first_day = date(plan.years[0], 1, 1)
    out_dir.mkdir(parents=True, exist_ok=True)
    village_paths: list[Path] = []
    review_paths: list[Path] = []
    events = 0
    by_township: dict[str, list[VillagePlan]] = defaultdict(list)
    for vp in plan.villages:
        by_township[vp.village.township_code].append(vp)
    total = len(plan.villages) + len(by_township)
    with tempfile.TemporaryDirectory(prefix="village-tui-gen-") as tmp:
        work = Path(tmp)
        template = work / "template.db"
        open_engine(template).dispose()  # migrated once, copied for every database
        done = 0
        for t in TOWNSHIPS:
            members = by_township.get(t[0])
            if not members:
                continue
            folder = out_dir / t[0]
            for vp in members:
                path, n = _write_village(vp, template, work, folder, seed, first_day, stamp)
                village_paths.append(path)
                events += n
                done += 1
                if progress:
                    progress(done, total)
            paths, n = _write_reviews(t, members, template, work, folder, seed, first_day, stamp)
            review_paths += paths
            events += n
            done += 1
            if progress:
                progress(done, total)
    return Generated(plan, village_paths, review_paths, events)
