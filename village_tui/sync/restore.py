"""Restoring a backup: every check first, then the database put in place whole.

Nothing is replaced until the backup's signature, its copy's sha256, SQLite's integrity
check, the hash chain and the township's last checkpoint all agree. A database already at
the target is renamed and kept, never deleted.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import zipfile
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .backup import (
    DB_COMPANIONS,
    DB_MEMBER,
    EXTENSION,
    FILES_PREFIX,
    FORMAT,
    MANIFEST_MEMBER,
    SIGNATURE_MEMBER,
    BackupError,
    BackupInfo,
    describe_copy,
    info_from,
)
from .witness import Witnessed

MAX_MANIFEST_BYTES = 64 * 1024
MAX_DB_BYTES = 4 * 1024**3  # no village's ledger comes near; a zip bomb would
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Restored:
    """What `restore` did: the backup's facts, the checkpoint passed (or overridden), the old file."""

    info: BackupInfo
    witnessed: Witnessed | None
    behind_witness: bool
    kept_aside: Path | None


def restore(
    path: Path,
    target: Path,
    *,
    replace: bool = False,
    allow_older: bool = False,
    make_folder: bool = False,
) -> Restored:
    """Verify the backup at `path` and make it the database at `target`.

    Like `init`, a restore may create the database file, but only in a folder that
    exists: a mistyped --db folder must not become a new one. `make_folder` is for the
    default database in the user's data folder, which the caller knows may be made.
    """
    path, target = Path(path), Path(target)
    if not path.is_file():
        raise BackupError("no_file", path=path)
    if target.exists() and not replace:
        raise BackupError("target_exists", db=target)
    made = not target.parent.exists()
    if made and not make_folder:
        raise FileNotFoundError(
            errno.ENOENT, "no such folder (no folder is created)", str(target.parent)
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name[:40]}.restore-{os.urandom(4).hex()}.tmp")
    try:
        manifest = extract_verified(path, temp)
        witnessed = _witnessed(temp, target, manifest["village_code"])
        behind = _behind(temp, manifest, witnessed)
        if behind and not allow_older:
            raise behind
        # Before the database: its events must never point at files not yet put back.
        restore_files(path, manifest, _attachment_folder(target))
        aside = _move_aside(target) if target.exists() else None
        os.replace(temp, target)
    except BaseException:
        with suppress(OSError):
            temp.unlink()
        if made:  # a refused restore leaves no empty folder behind either
            with suppress(OSError):
                target.parent.rmdir()
        raise
    return Restored(info_from(path, manifest), witnessed, behind is not None, aside)


def extract_verified(path: Path, dest: Path) -> dict:
    """Check the backup at `path` and write its database to `dest`; its manifest."""
    if not path.is_file():
        raise BackupError("no_file", path=path)
    if path.suffix.lower() != EXTENSION:
        raise BackupError("bad_file", path=path, why=f"not {EXTENSION}")
    try:
        with zipfile.ZipFile(path) as z:
            names = sorted(i.filename for i in z.infolist() if not _is_file(i.filename))
            if names != sorted((DB_MEMBER, MANIFEST_MEMBER, SIGNATURE_MEMBER)):
                raise BackupError("bad_file", path=path, why=", ".join(names[:5]))
            if z.getinfo(MANIFEST_MEMBER).file_size > MAX_MANIFEST_BYTES:
                raise BackupError("bad_file", path=path, why=MANIFEST_MEMBER)
            body = z.read(MANIFEST_MEMBER)
            signature = z.read(SIGNATURE_MEMBER).decode("ascii", "replace")
            manifest = _manifest(path, body)
            _check_signature(path, manifest, signature, body)
            digest, size = _extract(z, manifest, dest, path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        if isinstance(exc, BackupError):
            raise
        raise BackupError("bad_file", path=path, why=exc) from None
    if size != manifest["db_bytes"] or digest != manifest["db_sha256"]:
        raise BackupError("bad_copy", path=path, why="sha256")
    _check_copy(path, dest, manifest)
    return manifest


def _is_file(name: str) -> bool:
    sha = name.removeprefix(FILES_PREFIX)
    return name.startswith(FILES_PREFIX) and len(sha) == 64 and all(c in _HEX for c in sha)


_HEX = frozenset("0123456789abcdef")


def _attachment_folder(target: Path) -> Path:
    from ..store.attachments import folder_beside

    return folder_beside(target)


def restore_files(path: Path, manifest: dict, folder: Path) -> None:
    """Put the backup's attached files beside the database, each checked against its hash first.

    Files already there are kept (same name, same bytes); nothing is deleted.
    """
    from ..store.attachments import put_bytes

    listed = manifest.get("attachments") or {}
    if not isinstance(listed, dict):
        raise BackupError("bad_file", path=path, why="attachments")
    with zipfile.ZipFile(path) as z:
        present = {
            i.filename.removeprefix(FILES_PREFIX): i for i in z.infolist() if _is_file(i.filename)
        }
        if set(present) != set(listed):
            raise BackupError("bad_copy", path=path, why="attachments")
        for sha, info in present.items():
            size = listed[sha]
            if not isinstance(size, int) or info.file_size != size or size > MAX_DB_BYTES:
                raise BackupError("bad_copy", path=path, why=f"attachment {sha[:12]}")
            with z.open(info) as src:
                blob = src.read(size + 1)
            if len(blob) != size or hashlib.sha256(blob).hexdigest() != sha:
                raise BackupError("bad_copy", path=path, why=f"attachment {sha[:12]}")
            put_bytes(folder, blob)


def _manifest(path: Path, body: bytes) -> dict:
    try:
        manifest = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BackupError("bad_file", path=path, why=MANIFEST_MEMBER) from None
    fields = {
        "village_code": str,
        "village_name": str,
        "head_seq": int,
        "head_hash": str,
        "created_at": str,
        "public_key": str,
        "fingerprint": str,
        "db_sha256": str,
        "db_bytes": int,
    }
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != FORMAT
        or not all(isinstance(manifest.get(k), t) for k, t in fields.items())
    ):
        raise BackupError("bad_file", path=path, why=MANIFEST_MEMBER)
    return manifest


def _check_signature(path: Path, manifest: dict, signature: str, body: bytes) -> None:
    from .keys import verify_signature

    if not verify_signature(manifest["public_key"], signature.strip(), body):
        raise BackupError("bad_signature", path=path)


def _extract(z: zipfile.ZipFile, manifest: dict, dest: Path, path: Path) -> tuple[str, int]:
    if not 0 < manifest["db_bytes"] <= MAX_DB_BYTES:
        raise BackupError("bad_copy", path=path, why="size")
    digest, size = hashlib.sha256(), 0
    with z.open(DB_MEMBER) as src, dest.open("xb") as out:
        while chunk := src.read(_CHUNK):
            size += len(chunk)
            if size > manifest["db_bytes"]:  # more than was signed: stop before filling the disk
                raise BackupError("bad_copy", path=path, why="size")
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest(), size


def _check_copy(path: Path, copy: Path, manifest: dict) -> None:
    """The copy is sound, and is the database the manifest describes, signed with its own key."""
    try:
        found, _ = describe_copy(copy, now=manifest["created_at"])
    except BackupError as exc:
        raise BackupError("bad_copy", path=path, why=exc.message_en) from None
    for key in ("village_code", "head_seq", "head_hash", "public_key"):
        if found[key] != manifest[key]:
            raise BackupError("bad_copy", path=path, why=key)


def _witnessed(copy: Path, target: Path, village_code: str) -> Witnessed | None:
    """The newest checkpoint known to the backup or to the database it would replace."""
    points = [_witnessed_in(copy, village_code)]
    if target.is_file():
        with suppress(Exception):  # a broken database being replaced may not open at all
            points.append(_witnessed_in(target, village_code))
    known = [p for p in points if p is not None]
    return max(known, key=lambda p: p.seq) if known else None


def _witnessed_in(db: Path, village_code: str) -> Witnessed | None:
    from sqlalchemy import create_engine
    from sqlmodel import Session

    from ..store.db import read_only_url
    from . import witness

    # Read-only: this may be the database about to be kept aside, and opening it for
    # writing would let SQLite checkpoint its -wal into it, or delete a -wal it cannot
    # read; the kept file must be exactly what was there. read_only_url quotes the path
    # (a "%" or "#" in a folder name is no URI syntax).
    engine = create_engine(read_only_url(db))
    try:
        with Session(engine) as s:
            return witness.latest_witnessed(s, village_code)
    finally:
        engine.dispose()


def _behind(copy: Path, manifest: dict, w: Witnessed | None) -> BackupError | None:
    """Why the backup is behind the township's checkpoint, or None if it is not."""
    if w is None:
        return None
    if manifest["head_seq"] < w.seq:
        return BackupError(
            "stale",
            seq=manifest["head_seq"],
            wseq=w.seq,
            first=manifest["head_seq"] + 1,
            date=w.date,
        )
    conn = sqlite3.connect(copy)
    try:
        row = conn.execute(
            "SELECT hash FROM event WHERE ledger = ? AND seq = ?", (manifest["village_code"], w.seq)
        ).fetchone()
    finally:
        conn.close()
    if w.seq > 0 and (row is None or row[0] != w.hash):
        return BackupError("diverged", wseq=w.seq, date=w.date)
    return None


def _move_aside(target: Path) -> Path:
    """Rename the database and its companion files, so the one being replaced is kept.

    All or none: a database moved without its -wal would lose what the WAL holds, and a
    new database must never find the old one's -wal beside it.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = target.with_name(f"{target.name}.before-restore-{stamp}")
    moved: list[tuple[Path, Path]] = []
    try:
        for end in ("", *DB_COMPANIONS):
            old = target.with_name(target.name + end)
            if old.exists():
                new = aside.with_name(aside.name + end)
                os.replace(old, new)
                moved.append((old, new))
    except BaseException:
        for old, new in reversed(moved):
            with suppress(OSError):
                os.replace(new, old)
        raise
    return aside
