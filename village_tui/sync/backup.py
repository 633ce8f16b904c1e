"""Backups that restore: a consistent copy of the database, its keys, and a signed manifest.

A backup is a zip holding `village.db` (made with SQLite's online backup API, so the app
may stay open), `manifest.json` (the village, its ledger's head sequence and hash, the
copy's sha256) and `manifest.sig`, the manifest's Ed25519 signature by the database's own
key, which the copy carries. `restore` checks all of it before anything is replaced.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..i18n.backup import text

EXTENSION = ".vtbackup"
FORMAT = "village-tui-backup"
FORMAT_VERSION = 1
DB_MEMBER, MANIFEST_MEMBER, SIGNATURE_MEMBER = "village.db", "manifest.json", "manifest.sig"
DB_COMPANIONS = ("-wal", "-shm", "-journal")
FILES_PREFIX = "attachments/"  # then the file's sha256


class BackupError(ValueError):
    """A backup that cannot be made or restored; carries its zh/en message."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.message_zh, self.message_en = text(key, "zh", **params), text(key, "en", **params)
        super().__init__(self.message_en)


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, as its manifest says."""

    path: Path
    village_code: str
    village_name: str
    head_seq: int
    head_hash: str
    created_at: str
    fingerprint: str


def check_out_path(out: Path, db: Path | None) -> None:
    """Refuse a backup target that is not a new or regular `.vtbackup` file, or is the database."""
    if out.is_dir():
        raise BackupError("out_is_dir", path=out)
    if out.exists() and not out.is_file():  # a device (NUL, /dev/sda) or a FIFO
        raise BackupError("out_not_file", path=out)
    if db is not None:
        for victim in [db] + [db.with_name(db.name + end) for end in DB_COMPANIONS]:
            if same_file(out, victim):
                raise BackupError("out_is_db", path=out, db=db)
    if out.suffix.lower() != EXTENSION:
        raise BackupError("out_ext", ext=EXTENSION, path=out)


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (by name, through links, or as hard links)."""
    try:
        if os.path.normcase(a.resolve()) == os.path.normcase(b.resolve()):
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def make_backup(db: Path, out: Path, *, now: str | None = None) -> BackupInfo:
    """Write a verified, signed backup of the SQLite database `db` to `out`, whole or not at all."""
    from ..atomic import write_file

    db = Path(db)
    check_out_path(out, db)
    if not db.is_file():
        raise BackupError("db_missing", db=db)
    with tempfile.TemporaryDirectory(prefix="village-tui-backup-") as tmp:
        copy = Path(tmp) / DB_MEMBER
        _online_copy(db, copy)
        manifest, private_pem = describe_copy(copy, now=now)
        data = copy.read_bytes()
        files = _attached_files(copy, db)
    manifest["db_sha256"] = hashlib.sha256(data).hexdigest()
    manifest["db_bytes"] = len(data)
    manifest["attachments"] = {sha: len(blob) for sha, blob in sorted(files.items())}
    body = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    signature = _sign(private_pem, body)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(MANIFEST_MEMBER, body)
        z.writestr(SIGNATURE_MEMBER, signature)
        z.writestr(DB_MEMBER, data)
        for sha, blob in sorted(files.items()):  # scans are compressed already
            z.writestr(FILES_PREFIX + sha, blob, compress_type=zipfile.ZIP_STORED)
    write_file(out, buf.getvalue())
    return info_from(out, manifest)


def _attached_files(copy: Path, db: Path) -> dict[str, bytes]:
    """The attached files the copy's ledger records that are there and unchanged, by sha256.

    One missing or changed is left out rather than refusing the backup: the ledger is what
    must be saved, and verify-db names the file that is not what it was.
    """
    from ..store.attachments import folder_beside, stored_path

    conn = sqlite3.connect(copy)
    try:
        rows = conn.execute("SELECT payload FROM event WHERE type = 'attachment.added'").fetchall()
    finally:
        conn.close()
    folder, out = folder_beside(db), {}
    for (payload,) in rows:
        f = json.loads(payload)["file"]
        if f["sha256"] in out:
            continue
        try:
            blob = stored_path(folder, f["sha256"]).read_bytes()
        except OSError:
            continue
        if len(blob) == f["size"] and hashlib.sha256(blob).hexdigest() == f["sha256"]:
            out[f["sha256"]] = blob
    return out


def info_from(path: Path, manifest: dict) -> BackupInfo:
    return BackupInfo(
        path,
        manifest["village_code"],
        manifest["village_name"],
        manifest["head_seq"],
        manifest["head_hash"],
        manifest["created_at"],
        manifest["fingerprint"],
    )


def _online_copy(db: Path, copy: Path) -> None:
    """SQLite's backup API: a consistent snapshot, the WAL included, while others write."""
    src = sqlite3.connect(db)
    try:
        dst = sqlite3.connect(copy)
        try:
            src.backup(dst)
            # One self-contained file: the copy must not need a -wal beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def describe_copy(copy: Path, *, now: str | None = None) -> tuple[dict, str]:
    """The manifest of a database copy and its private key, after checking the file and chain."""
    from ..store.ledger import utc_now
    from .keys import fingerprint

    conn = sqlite3.connect(copy)
    try:
        check = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if check != ["ok"]:
            raise BackupError("db_damaged", why="; ".join(map(str, check[:3])))
        settings = dict(conn.execute("SELECT key, value FROM setting").fetchall())
        code = settings.get("village_code")
        if settings.get("role", "village") != "village" or not code:
            raise BackupError("not_village")
        name = conn.execute("SELECT name FROM village WHERE code = ?", (code,)).fetchone()
        head = conn.execute(
            "SELECT seq, hash FROM ledger_head WHERE ledger = ?", (code,)
        ).fetchone()
        key = conn.execute("SELECT public_key, private_key FROM own_key WHERE id = 1").fetchone()
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError("db_damaged", why=exc) from None
    finally:
        conn.close()
    if key is None:
        raise BackupError("not_village")
    broken = first_break(copy)
    if broken is not None:
        raise BackupError("chain_broken", seq=broken)
    seq, hash_ = head if head else (0, "")
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "village_code": code,
        "village_name": name[0] if name else "",
        "ledger": code,
        "head_seq": seq,
        "head_hash": hash_,
        "created_at": now or utc_now(),
        "schema_revision": revision[0] if revision else None,
        "public_key": key[0],
        "fingerprint": fingerprint(key[0]),
    }
    return manifest, key[1]


def first_break(copy: Path) -> int | None:
    """The sequence number of the first broken ledger entry in a database file, or None."""
    from sqlalchemy import create_engine
    from sqlmodel import Session

    from ..store.ledger import verify

    # A bare engine: the app's own would switch the copy back to WAL mode.
    engine = create_engine("sqlite:///" + copy.resolve().as_posix())
    try:
        with Session(engine) as s:
            report = verify(s)
    finally:
        engine.dispose()
    return report.breaks[0].seq if report.breaks else None


def _sign(private_pem: str, body: bytes) -> bytes:
    from .keys import sign
    from .tables import OwnKey

    own = OwnKey(private_key=private_pem, public_key="", fingerprint="", created_at="")
    return sign(own, body).encode("ascii")
