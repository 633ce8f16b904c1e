"""Sealing a notice when it is printed, and checking a seal against the ledger held here.

A notice is sealed at the village with the database's own key. It is checked at
any database that holds the village's ledger (the village's own, a township's,
a county's): the content is worked out again from the ledger at the notice's
position (`at_position`) and its hash compared; the signature is checked with
the village's key (its own at the village, the trusted-key registry elsewhere).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field, replace

from sqlalchemy import Engine
from sqlmodel import Session, select

from ..domain.model import MatterState, Village
from ..domain.steps import Step
from ..store.db import read_session
from ..store.state import load_states, village_from_row
from ..store.tables import EventRow, MatterRow, SettingRow, VillageRow
from .at_position import LedgerDamaged, held_up_to, matter_at
from .build import Fact, notice_facts
from .seal import (
    Seal,
    ShortCode,
    code_hash_digits,
    content_hash,
    differing_lines,
    line_digests,
)
from .witness import witnessed_on

MATCH, MISMATCH, UNKNOWN = "match", "mismatch", "unknown"


def seal_notice(engine: Engine, matter_id: str, step: Step) -> tuple[Village, MatterState, Seal]:
    """The matter as recorded now, and the signed seal of its notice for `step`."""
    from ..store.keys import ensure_own_key, sign

    own = ensure_own_key(engine)  # its own write transaction, made the first time only
    with read_session(engine) as s:
        row = s.get(MatterRow, matter_id)
        if row is None:
            raise LookupError(matter_id)
        village = village_from_row(s.get(VillageRow, row.village_code))
        (state,) = load_states(s, [row])
        seq = row.updated_seq
        anchor = s.exec(
            select(EventRow.hash).where(EventRow.ledger == village.code, EventRow.seq == seq)
        ).one()
    facts = notice_facts(state, step)
    digest = content_hash(village.code, matter_id, step, facts, anchor)
    unsigned = Seal(village.code, seq, step, matter_id, digest, line_digests(facts, anchor))
    signature = sign(own, unsigned.signed_text().encode("ascii"))
    return village, state, replace(unsigned, signature=base64.b64decode(signature))


@dataclass(frozen=True)
class Verdict:
    """The answer to "is this notice what the ledger records?"."""

    answer: str  # MATCH | MISMATCH | UNKNOWN
    reason: str  # a key of i18n.notices.HEADLINES
    village_code: str
    seq: int
    step: Step
    village_name: str = ""
    matter_title: str = ""
    held: int = 0  # how far this database holds the village's ledger
    witnessed: str | None = None  # the township's checkpoint date covering the position
    changed_at: int | None = None  # a later event of the matter: the notice may be outdated
    facts: list[Fact] = field(default_factory=list)  # the ledger's version, to compare by eye
    differs: list[str] = field(default_factory=list)  # fact keys whose lines differ (QR only)
    detail: str = ""


def village_keys(session: Session, village_code: str) -> list[str]:
    """The public keys (base64) that speak for the village in this database."""
    from ..store.sync_tables import OwnKey, TrustedKey

    settings = {r.key: r.value for r in session.exec(select(SettingRow)).all()}
    keys = []
    if settings.get("role") == "village" and settings.get("village_code") == village_code:
        own = session.get(OwnKey, 1)
        if own is not None:
            keys.append(own.public_key)
    trusted = session.exec(
        select(TrustedKey).where(
            TrustedKey.owner_code == village_code, TrustedKey.role == "village"
        )
    ).all()
    return keys + [t.public_key for t in trusted]


def verify_seal(engine: Engine, seal: Seal) -> Verdict:
    """Check a QR seal: signature by the village's key, then content at its position."""
    from ..store.keys import verify_signature

    base = {"village_code": seal.village_code, "seq": seal.seq, "step": seal.step}
    with read_session(engine) as s:
        held = held_up_to(s, seal.village_code)
        if held == 0:
            return Verdict(UNKNOWN, "village_not_held", **base)
        base["village_name"] = _name(s, seal.village_code)
        keys = village_keys(s, seal.village_code)
        signed = seal.signed_text().encode("ascii")
        sig = base64.b64encode(seal.signature).decode("ascii")
        if not keys:
            return Verdict(UNKNOWN, "no_key", held=held, **base)
        if not any(verify_signature(k, sig, signed) for k in keys):
            return Verdict(MISMATCH, "bad_signature", held=held, **base)
        return _against_ledger(s, seal, seal.content_hash, None, held, base)


def verify_short_code(engine: Engine, code: ShortCode) -> Verdict:
    """Check a short code: its position, the matter there, and ten digits of the content hash."""
    base = {"village_code": code.village_code, "seq": code.seq, "step": code.step}
    with read_session(engine) as s:
        held = held_up_to(s, code.village_code)
        if held == 0:
            return Verdict(UNKNOWN, "village_not_held", **base)
        base["village_name"] = _name(s, code.village_code)
        return _against_ledger(s, None, None, code.hash_digits, held, base)


def _against_ledger(
    s: Session,
    seal: Seal | None,
    digest: bytes | None,
    digits: str | None,
    held: int,
    base: dict,
) -> Verdict:
    village_code, seq, step = base["village_code"], base["seq"], base["step"]
    matter_id = seal.matter_id if seal is not None else None
    if seq > held:
        return Verdict(UNKNOWN, "beyond_ledger", held=held, **base)
    try:
        at = matter_at(s, village_code, matter_id, seq)
    except LedgerDamaged as exc:
        return Verdict(UNKNOWN, "ledger_damaged", held=held, detail=str(exc.seq), **base)
    if at.village is not None:  # the name as the ledger had it then
        base["village_name"] = at.village.name
    wrong_matter = matter_id is not None and at.event_matter != matter_id
    if at.event_matter is None or wrong_matter or at.state is None:
        return Verdict(MISMATCH, "not_this_matter", held=held, **base)
    facts = notice_facts(at.state, step)
    ours = content_hash(village_code, at.state.matter.id, step, facts, at.anchor)
    same = ours == digest if digest is not None else code_hash_digits(ours) == digits
    found = {"matter_title": at.state.matter.title, "held": held, "facts": facts, **base}
    if not same:
        mine = line_digests(facts, at.anchor)
        differs = differing_lines(mine, seal.lines) if seal is not None else []
        return Verdict(MISMATCH, "content_differs", differs=differs, **found)
    later = _later_change(s, village_code, at.state.matter.id, seq)
    return Verdict(
        MATCH, "matches", witnessed=witnessed_on(s, village_code, seq), changed_at=later, **found
    )


def _name(s: Session, village_code: str) -> str:
    """The village's name, for the answer's first line (the ledger decides, not this)."""
    row = s.get(VillageRow, village_code)
    return row.name if row else ""


def _later_change(s: Session, village_code: str, matter_id: str, seq: int) -> int | None:
    """The first event of the matter after `seq`, if the ledger here has one."""
    return s.exec(
        select(EventRow.seq)
        .where(EventRow.ledger == village_code, EventRow.matter_id == matter_id, EventRow.seq > seq)
        .order_by(EventRow.seq)
        .limit(1)
    ).first()
