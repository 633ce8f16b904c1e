"""A key's life: trusted from a file, revoked, replaced after a lost PC, rotated by its holder.

What others must learn goes into a ledger, so it travels with the next bundle:
a rotation into the holder's own ledger (the village's, or each review ledger
of a township), signed by the old key; a replacement into the township's review
ledger of that village, signed by the township.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlmodel import Session

from ..domain import events as ev
from ..domain.chain import Event
from ..domain.codes import township_code
from ..domain.events import review_ledger
from ..i18n.sync import both
from ..store.db import write_session
from ..store.ledger import append, utc_now
from ..store.services import ServiceError
from ..store.tables import SettingRow, VillageRow
from .keys import (
    Identity,
    _generate,
    ensure_own_key_in,
    event_signer,
    normal_fingerprint,
    sign,
    trust,
)
from .tables import OwnKey, TrustedKey
from .trust import rotation_statement

DEFAULT_REPLACE_REASON = "电脑丢失或损坏，电话核对新指纹后换用新密钥"


def _setting(s: Session, key: str) -> str:
    row = s.get(SettingRow, key)
    return row.value if row else ""


def _fingerprint(text: str) -> str:
    fp = normal_fingerprint(text)
    if not fp:
        raise ServiceError(*both("not_a_fingerprint", text=text[:48]))
    return fp


def _registered(s: Session, fp: str) -> TrustedKey:
    row = s.get(TrustedKey, fp)
    if row is None:
        raise ServiceError(*both("key_not_registered", fp=fp))
    return row


def revoke(
    engine: Engine, fp_text: str, reason: str, now: Callable[[], str] = utc_now
) -> TrustedKey:
    """Stop accepting bundles signed by a key; what it signed before stays as it is."""
    fp = _fingerprint(fp_text)
    reason = reason.strip()
    if not reason:
        raise ServiceError(*both("revoke_needs_reason"))
    with write_session(engine) as s:
        row = _registered(s, fp)
        if row.revoked_at is not None:
            raise ServiceError(
                *both(
                    "key_already_retired", fp=fp, day=row.revoked_at[:10], reason=row.revoked_reason
                )
            )
        row.revoked_at, row.revoked_reason = now(), reason[:500]
        s.add(row)
        s.flush()
        s.expunge(row)
        return row


@dataclass(frozen=True)
class Trusted:
    """What `keys trust` did: the key registered, the one it replaced, the event recorded."""

    key: TrustedKey
    replaced: str | None = None
    recorded: Event | None = None


def trust_key(
    engine: Engine,
    ident: Identity,
    *,
    replace: str | None = None,
    reason: str = DEFAULT_REPLACE_REASON,
    actor: str = "乡镇管理员",
    now: Callable[[], str] = utc_now,
) -> Trusted:
    """Register a checked key file's key; a second key of an owner only `replace`-ing the first."""
    fp = ident.fingerprint
    owner = f"{ident.owner_name}（{ident.owner_code}）" if ident.owner_name else ident.owner_code
    old_fp = _fingerprint(replace) if replace is not None else None
    with write_session(engine) as s:
        known = s.get(TrustedKey, fp)
        if known is not None and (known.owner_code, known.role) != (ident.owner_code, ident.role):
            raise ServiceError(
                *both("key_registered_to", fp=fp, owner=known.owner_code, role=known.role)
            )
        if known is not None and known.revoked_at is not None:
            raise ServiceError(*both("key_retired_for_good", fp=fp, day=known.revoked_at[:10]))
        if known is not None and old_fp is None:
            return Trusted(known)  # the same file twice: nothing to do
        others = [
            o
            for o in s.execute(
                select(TrustedKey).where(TrustedKey.owner_code == ident.owner_code)
            ).scalars()
            if o.fingerprint != fp
        ]
        if old_fp is None and others:
            current = ([o for o in others if o.revoked_at is None] or others)[-1].fingerprint
            raise ServiceError(*both("owner_has_a_key", owner=owner, current=current, fp=fp))
        old = None
        if old_fp is not None:
            old = next((o for o in others if o.fingerprint == old_fp), None)
            if old is None or old.role != ident.role:
                raise ServiceError(*both("replace_not_theirs", old=old_fp, owner=owner))
            if old.revoked_at is None:
                old.revoked_at = now()
                old.revoked_reason = f"已由新密钥 {fp} 替换"
                s.add(old)
        row = trust(s, ident, "replaced" if old is not None else "keys-trust")
        recorded = _record_replacement(s, ident, old_fp, reason, actor, now) if old else None
        s.expunge(row)
        return Trusted(row, old_fp, recorded)


def _record_replacement(
    s, ident: Identity, old_fp: str, reason: str, actor: str, now
) -> Event | None:
    """At a township, the replacement of one of its villages' keys goes into that village's review
    ledger, so the village and the county learn it from the township's next feedback."""
    own_township = _setting(s, "township_code")
    if _setting(s, "role") != "township" or ident.role != "village":
        return None
    if township_code(ident.owner_code) != own_township:
        return None
    payload = {
        "village_code": ident.owner_code,
        "township_code": own_township,
        "old_fingerprint": old_fp,
        "new_fingerprint": ident.fingerprint,
        "new_public_key": ident.public_key,
        "reason": reason.strip()[:500] or DEFAULT_REPLACE_REASON,
    }
    own = ensure_own_key_in(s)
    return _signed_append(
        s, own, review_ledger(ident.owner_code), ev.KEY_REPLACED, payload, actor, now
    )


def _signed_append(
    s, own: OwnKey, ledger: str, type_: str, payload: dict, actor: str, now
) -> Event:
    return append(
        s, ledger=ledger, type=type_, payload=payload, actor=actor, now=now, sign=event_signer(own)
    )


@dataclass(frozen=True)
class Rotated:
    """A rotation done: the old and the new fingerprint, and the ledgers that record it."""

    old: str
    new: str
    ledgers: list[str]


def rotate(engine: Engine, *, actor: str, now: Callable[[], str] = utc_now) -> Rotated:
    """A new key pair for this database, the change signed by the old key and put in its ledgers."""
    with write_session(engine) as s:
        role = _setting(s, "role") or "township"
        if role == "county":
            raise ServiceError(*both("county_rotates_nothing"))
        own = ensure_own_key_in(s)
        new = _generate()
        if role == "village":
            code = _setting(s, "village_code")
            if not code:
                raise ServiceError(*both("rotate_before_set_up"))
            ledgers = [code]
        else:
            code = _setting(s, "township_code")
            villages = s.execute(select(VillageRow.code).order_by(VillageRow.code)).scalars()
            ledgers = [review_ledger(v) for v in villages if code and township_code(v) == code]
        statement = rotation_statement(code, role, own.fingerprint, new.public_key)
        payload = {
            "owner_code": code,
            "role": role,
            "old_fingerprint": own.fingerprint,
            "old_public_key": own.public_key,
            "new_fingerprint": new.fingerprint,
            "new_public_key": new.public_key,
            "old_signature": sign(own, statement),
        }
        for ledger in ledgers:
            if role == "village":
                append(s, ledger=ledger, type=ev.KEY_ROTATED, payload=payload, actor=actor, now=now)
            else:  # review ledgers: every event carries its signer's signature
                _signed_append(s, own, ledger, ev.KEY_ROTATED, payload, actor, now)
        old_fp = own.fingerprint
        own.private_key, own.public_key = new.private_key, new.public_key
        own.fingerprint, own.created_at = new.fingerprint, now()
        s.add(own)
        return Rotated(old_fp, new.fingerprint, ledgers)
