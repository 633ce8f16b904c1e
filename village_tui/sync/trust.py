"""Who may sign what: the checks a receiver makes of a bundle's signer, and key changes.

A village's ledger is signed by that village's key; a village's review ledger
by the key of its township (the village code's first 9 digits), and nothing
else. `--trust-new` (trust on first use) only introduces a key nobody holds
yet, of the kind this database is meant to learn that way: a township learns
its villages' keys, a village its own township's, a county both. Any other new
key comes through `keys trust` after a phone call, or is announced by the old
key itself (`key.rotated`) or by the village's township (`key.replaced`).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from ..domain import events as ev
from ..domain.chain import canonical_json
from ..domain.codes import township_code
from ..i18n.sync import text
from ..store.tables import SettingRow
from . import bundle as bf
from .keys import Identity, trust
from .tables import TrustedKey
from .verify import Bundle

ROTATION_TAG = b"village-tui key rotation\n"


def rotation_statement(owner_code: str, role: str, old_fp: str, new_public_key: str) -> bytes:
    """The bytes an old key signs to hand its owner's trust on to a new key."""
    body = {"owner_code": owner_code, "role": role, "old_fingerprint": old_fp}
    body["new_public_key"] = new_public_key
    return ROTATION_TAG + canonical_json(body).encode("utf-8")


def required_signer(b: Bundle) -> tuple[str, str]:
    """(role, owner code) of the only key that may sign this bundle."""
    code = b.manifest["village_code"]
    return ("village", code) if b.kind == "village" else ("township", township_code(code))


def _label(name: str, code: str) -> str:
    return f"{name}（{code}）" if name else code


def check_claims(b: Bundle) -> None:
    """The signer is of the role and owner the bundle needs, and every event says the same."""
    role, owner = required_signer(b)
    signer, fp = b.signer, b.signer.fingerprint
    who = _label(signer.owner_name, signer.owner_code)
    if b.kind == "review" and signer.role == "village":
        raise bf.Refused("village_signs_review", fp=fp, owner=who)
    if (signer.role, signer.owner_code) != (role, owner):
        key = "review_signer" if b.kind == "review" else "village_signer"
        raise bf.Refused(
            key,
            fp=fp,
            owner=who,
            role=signer.role,
            village=b.manifest["village_code"],
            township=owner,
        )
    code = b.manifest["village_code"]
    for x in b.events:
        d, t = x.data, x.event.type
        if t == ev.KEY_ROTATED:
            named, expected = (d["role"], d["owner_code"]), (role, owner)
        elif t in ev.REVIEW_TYPES or t in (ev.KEY_REPLACED, ev.LEDGER_WITNESSED):
            named, expected = (d["village_code"], d["township_code"]), (code, owner)
        else:
            continue
        if named != expected:
            raise bf.Refused(
                "review_payload",
                seq=x.event.seq,
                fp=fp,
                named=" ".join(named),
                expected=" ".join(expected),
            )


def _rotation(b: Bundle, fp: str):
    """The bundle's `key.rotated` event that introduces key `fp`, if there is one."""
    for x in b.events:
        if x.event.type == ev.KEY_ROTATED and x.data["new_fingerprint"] == fp:
            return x
    return None


def check_signer(s: Session, b: Bundle, trust_new: bool, db_role: str) -> list[tuple[str, str]]:
    """Refuse (bf.Refused) a bundle this database may not take from its signer; notes to tell."""
    check_claims(b)
    role, owner = required_signer(b)
    signer, fp = b.signer, b.signer.fingerprint
    who = _label(signer.owner_name, owner)
    known = s.get(TrustedKey, fp)
    if known is not None:
        if known.revoked_at is not None:
            raise bf.Refused(
                "revoked", fp=fp, owner=who, when=known.revoked_at[:10], reason=known.revoked_reason
            )
        if (known.owner_code, known.role) != (owner, role):
            raise bf.Refused("key_owner", fp=fp, other=known.owner_code, owner=who)
        return []
    others = list(s.execute(select(TrustedKey).where(TrustedKey.owner_code == owner)).scalars())
    rotated = _rotation(b, fp)
    if rotated is not None and others:
        return _follow_rotation(s, b, rotated, others, who)
    if others:
        active = [o for o in others if o.revoked_at is None] or others
        raise bf.Refused("wrong_key", fp=fp, owner=who, known=active[-1].fingerprint)
    if not trust_new:
        raise bf.Refused("unknown_key", fp=fp, owner=who)
    _check_trust_new_scope(s, b, db_role, role, fp, who)
    trust(s, Identity(signer.public_key, owner, signer.owner_name, role), "trust-new")
    return [_note("new_key_trusted", owner=who, fp=fp)]


def _follow_rotation(s, b, rotated, others, who) -> list[tuple[str, str]]:
    d = rotated.data
    old = next((o for o in others if o.fingerprint == d["old_fingerprint"]), None)
    fp = b.signer.fingerprint
    if old is None or old.public_key != d["old_public_key"]:
        active = [o for o in others if o.revoked_at is None] or others
        raise bf.Refused("wrong_key", fp=fp, owner=who, known=active[-1].fingerprint)
    if old.revoked_at is not None:
        raise bf.Refused(
            "revoked",
            fp=old.fingerprint,
            owner=who,
            when=old.revoked_at[:10],
            reason=old.revoked_reason,
        )
    old.revoked_at = rotated.event.recorded_at
    old.revoked_reason = text("reason_rotated", "zh", fp=fp)
    s.add(old)
    trust(s, Identity(b.signer.public_key, old.owner_code, old.owner_name, old.role), "rotated")
    return [_note("key_rotated_followed", owner=who, old=old.fingerprint, fp=fp)]


def _check_trust_new_scope(s, b, db_role, role, fp, who) -> None:
    if db_role == "village":
        return  # `_check_role` let through only this village's feedback: its own township's key
    if db_role == "township":
        own = s.get(SettingRow, "township_code")
        code = b.manifest["village_code"]
        if role != "village":
            raise bf.Refused("trust_new_township_key", fp=fp, owner=who)
        if own is not None and own.value and township_code(code) != own.value:
            raise bf.Refused("trust_new_other_township", fp=fp, owner=who, own=own.value)


def _note(key: str, **params) -> tuple[str, str]:
    return text(key, "zh", **params), text(key, "en", **params)


def follow_replacements(s: Session, new, db_role: str) -> list[tuple[str, str]]:
    """At a county: a village's key that its township replaced (`key.replaced`) is replaced here too.

    `new` are the events of a review bundle that this import applies.
    """
    if db_role != "county":
        return []
    notes = []
    for x in new:
        if x.event.type != ev.KEY_REPLACED:
            continue
        d = x.data
        new = s.get(TrustedKey, d["new_fingerprint"])
        if new is not None:
            continue
        current = list(
            s.execute(
                select(TrustedKey).where(TrustedKey.owner_code == d["village_code"])
            ).scalars()
        )
        old = next((o for o in current if o.fingerprint == d["old_fingerprint"]), None)
        if current and old is None:
            continue  # not the key we hold: the township's word does not reach it
        name = old.owner_name if old is not None else ""
        if old is not None and old.revoked_at is None:
            old.revoked_at = x.event.recorded_at
            old.revoked_reason = text("reason_replaced", "zh", fp=d["new_fingerprint"])
            s.add(old)
        trust(s, Identity(d["new_public_key"], d["village_code"], name, "village"), "replaced")
        notes.append(
            _note(
                "key_replaced_followed",
                owner=d["village_code"],
                old=d["old_fingerprint"],
                fp=d["new_fingerprint"],
            )
        )
    return notes
