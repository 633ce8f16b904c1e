"""Sync bookkeeping: keys, trust, export marks, held bundles and the import log.

None of these are derived from the ledger: they describe this database's
dealings with others, so they are never compared between databases.
"""

from __future__ import annotations

from sqlalchemy import Column, LargeBinary, Text
from sqlmodel import Field, SQLModel


class OwnKey(SQLModel, table=True):
    """This database's Ed25519 key pair (one row)."""

    __tablename__ = "own_key"

    id: int = Field(default=1, primary_key=True)
    private_key: str = Field(sa_column=Column(Text, nullable=False))  # PKCS#8 PEM
    public_key: str = Field(max_length=64)  # raw 32 bytes, base64
    fingerprint: str = Field(max_length=64)
    created_at: str = Field(max_length=32)


class TrustedKey(SQLModel, table=True):
    """A public key this database accepts bundles from, and whose they are."""

    __tablename__ = "trusted_key"

    fingerprint: str = Field(primary_key=True, max_length=64)
    public_key: str = Field(max_length=64)
    owner_code: str = Field(index=True, max_length=12)  # village (12) or township (9) code
    owner_name: str = ""
    role: str = Field(max_length=16)  # village | township | county
    trusted_at: str = Field(max_length=32)
    how: str = Field(max_length=16)  # trust-new | keys-trust | rotated | replaced
    # When it stopped being accepted (revoked, rotated or replaced); what it signed before stands.
    revoked_at: str | None = Field(default=None, max_length=32)
    revoked_reason: str = ""


class ExportMark(SQLModel, table=True):
    """How far each ledger has been exported from this database."""

    __tablename__ = "export_mark"

    ledger: str = Field(primary_key=True, max_length=64)
    seq: int
    exported_at: str = Field(max_length=32)


class HeldBundle(SQLModel, table=True):
    """A verified bundle that arrived before its predecessor, kept until the gap is filled."""

    __tablename__ = "held_bundle"

    manifest_sha256: str = Field(primary_key=True, max_length=64)
    ledger: str = Field(index=True, max_length=64)
    first_seq: int
    last_seq: int
    file_name: str = ""
    received_at: str = Field(max_length=32)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class ImportLog(SQLModel, table=True):
    """Every bundle applied here, with its signed manifest kept as proof of origin."""

    __tablename__ = "import_log"

    manifest_sha256: str = Field(primary_key=True, max_length=64)
    ledger: str = Field(index=True, max_length=64)
    first_seq: int
    last_seq: int
    applied: int  # events new to this database
    signer: str = Field(max_length=64)
    file_name: str = ""
    imported_at: str = Field(max_length=32)
    manifest: str = Field(sa_column=Column(Text, nullable=False))
    signature: str = Field(sa_column=Column(Text, nullable=False))


SYNC_TABLES = ("own_key", "trusted_key", "export_mark", "held_bundle", "import_log")
