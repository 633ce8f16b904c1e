"""Ed25519 key pairs: this database's own, and the registry of keys it trusts.

All cryptography is the `cryptography` package's; nothing here is hand-made.
Keys travel as raw 32-byte public keys in base64; a fingerprint is the first
16 bytes of their sha256 in groups of four hex digits, short enough to read
out over the phone.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from ..i18n.sync import both, text
from .db import write_session
from .ledger import utc_now
from .sync_tables import OwnKey, TrustedKey
from .tables import SettingRow

KEY_FILE_FORMAT = "village-tui-public-key"


def fingerprint(public_key_b64: str) -> str:
    """The printable fingerprint of a base64 raw public key, e.g. '3f2a 9c01 ...'."""
    digest = hashlib.sha256(base64.b64decode(public_key_b64)).hexdigest()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def _generate() -> OwnKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    pub = base64.b64encode(raw).decode("ascii")
    return OwnKey(
        private_key=pem, public_key=pub, fingerprint=fingerprint(pub), created_at=utc_now()
    )


def ensure_own_key_in(session: Session) -> OwnKey:
    """This database's key pair, made on first use, in the caller's transaction."""
    row = session.get(OwnKey, 1)
    if row is None:
        row = _generate()
        session.add(row)
        session.flush()
    return row


def ensure_own_key(engine: Engine) -> OwnKey:
    """This database's key pair; generated and stored the first time it is asked for."""
    with write_session(engine) as s:
        row = ensure_own_key_in(s)
        s.expunge(row)
        return row


def sign(own: OwnKey, data: bytes) -> str:
    """A base64 Ed25519 signature of `data` by this database's key."""
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    key = load_pem_private_key(own.private_key.encode("ascii"), password=None)
    return base64.b64encode(key.sign(data)).decode("ascii")


def event_signer(own: OwnKey) -> Callable[[str], tuple[str, str]]:
    """What `ledger.append(sign=...)` needs: this key's signature over an event hash."""
    return lambda event_hash: (sign(own, event_hash.encode("ascii")), own.fingerprint)


def verify_signature(public_key_b64: str, signature_b64: str, data: bytes) -> bool:
    """Whether `signature_b64` is a valid signature of `data` by the key; never raises."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64, validate=True))
        key.verify(base64.b64decode(signature_b64, validate=True), data)
    except (InvalidSignature, ValueError, binascii.Error, TypeError):
        return False
    return True


def valid_public_key(public_key_b64: str) -> bool:
    try:
        return len(base64.b64decode(public_key_b64, validate=True)) == 32
    except (binascii.Error, ValueError, TypeError):
        return False


@dataclass(frozen=True)
class Identity:
    """Who a key belongs to, as a key file or a manifest states it."""

    public_key: str
    owner_code: str
    owner_name: str
    role: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def own_identity(session: Session) -> Identity:
    """This database's key and whom it speaks for (its village, or its township)."""
    own = ensure_own_key_in(session)
    settings = {r.key: r.value for r in session.exec(select(SettingRow)).all()}
    role = settings.get("role", "township")
    if role == "village":
        from .tables import VillageRow

        code = settings.get("village_code", "")
        v = session.get(VillageRow, code)
        name = v.name if v else ""
    else:
        code = settings.get("township_code", "")
        name = settings.get("township_name", "")
    return Identity(own.public_key, code, name, role)


def key_file_text(identity: Identity) -> str:
    """The public key file that `keys show --out` writes and `keys trust` reads."""
    return json.dumps(
        {
            "format": KEY_FILE_FORMAT,
            "public_key": identity.public_key,
            "fingerprint": identity.fingerprint,
            "owner_code": identity.owner_code,
            "owner_name": identity.owner_name,
            "role": identity.role,
        },
        ensure_ascii=False,
        indent=2,
    )


class KeyFileError(ValueError):
    """A key file that cannot be read; carries zh/en messages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.message_zh, self.message_en = zh, en


KEY_FILE_MAX = 64 * 1024  # a key file is a few hundred bytes


def _key_file_bytes(path: Path) -> bytes:
    import stat

    if not stat.S_ISREG(path.stat().st_mode):  # /dev/zero never ends, a FIFO waits forever
        raise ValueError("not a regular file" if path.exists() else "no such file")
    with path.open("rb") as f:
        data = f.read(KEY_FILE_MAX + 1)
    if len(data) > KEY_FILE_MAX:
        raise ValueError(f"larger than {KEY_FILE_MAX} bytes")
    return data


def read_key_file(path: Path) -> Identity:
    """The identity in a public key file, or KeyFileError."""
    try:
        data = json.loads(_key_file_bytes(path).decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise KeyFileError(*both("key_file_unreadable", path=path, err=exc)) from None
    fields = ("public_key", "fingerprint", "owner_code", "role")
    if (
        not isinstance(data, dict)
        or data.get("format") != KEY_FILE_FORMAT
        or not all(isinstance(data.get(f), str) for f in fields)
        or not isinstance(data.get("owner_name", ""), str)
        or not valid_public_key(data["public_key"])
    ):
        raise KeyFileError(*both("key_file_invalid", path=path))
    ident = Identity(
        data["public_key"], data["owner_code"], data.get("owner_name", ""), data["role"]
    )
    fp = ident.fingerprint
    if normal_fingerprint(data["fingerprint"]) != fp:
        claimed = data["fingerprint"][:48]
        raise KeyFileError(*both("key_file_fingerprint", path=path, claimed=claimed, fp=fp))
    from ..domain.codes import check_owner_code
    from ..domain.findings import InvalidRecord

    try:
        check_owner_code(ident.role, ident.owner_code)
    except InvalidRecord as exc:
        raise KeyFileError(
            text("key_file_owner", "zh", path=path, fp=fp, reason=exc.message_zh),
            text("key_file_owner", "en", path=path, fp=fp, reason=exc.message_en),
        ) from None
    return ident


def normal_fingerprint(text: str) -> str:
    """A fingerprint as typed (any case, spaces or none) in its printed form; '' if it is none."""
    digits = "".join(text.split()).lower()
    if len(digits) != 32 or any(c not in "0123456789abcdef" for c in digits):
        return ""
    return " ".join(digits[i : i + 4] for i in range(0, 32, 4))


def trust(session: Session, identity: Identity, how: str) -> TrustedKey:
    """Register a key as trusted for its owner (idempotent)."""
    row = session.get(TrustedKey, identity.fingerprint)
    if row is None:
        row = TrustedKey(
            fingerprint=identity.fingerprint,
            public_key=identity.public_key,
            owner_code=identity.owner_code,
            owner_name=identity.owner_name,
            role=identity.role,
            trusted_at=utc_now(),
            how=how,
        )
        session.add(row)
        session.flush()
    return row
