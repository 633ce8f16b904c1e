"""Attached files: kept content-addressed beside the database, recorded in the ledger.

A file is stored under its sha256 in a folder next to the SQLite file (`village.db`
gets `village.db.attachments/`); the `attachment.added` event records its name, type,
size and hash, so the hash chain covers the bytes too. The file is written before its
event: a crash between the two leaves an unreferenced file, never an event without one.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlmodel import Session

from ..atomic import write_file
from ..domain import attachments as da
from ..domain import events as ev
from ..i18n.attachments import pair, size_text
from .db import read_session, sqlite_file, write_session
from .errors import ServiceError
from .tables import EventRow, SettingRow

ENV_DIR = "VILLAGE_TUI_ATTACHMENTS"
FOLDER_SUFFIX = ".attachments"
# One file must fit in one bundle (3/4 of the import's 64 MiB); a matter's files go in several.
MOST_FILE_MIB = 48
MOST_MATTER_MIB = 1024
_CHUNK = 1 << 20


class AttachmentError(ServiceError):
    """A refusal about an attachment, from the `i18n.attachments` catalogue."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        super().__init__(*pair(key, **params))


def folder_for(engine: Engine) -> Path:
    """Where this database keeps its attachments (VILLAGE_TUI_ATTACHMENTS overrides)."""
    file = sqlite_file(engine.url.render_as_string(hide_password=False))
    if file is not None or os.environ.get(ENV_DIR):
        return folder_beside(file)
    import platformdirs  # a server database: one folder per database, in the user's data

    key = hashlib.sha256(engine.url.render_as_string(hide_password=True).encode()).hexdigest()
    return platformdirs.user_data_path("village-tui", appauthor=False) / "attachments" / key[:16]


def folder_beside(db: Path | None) -> Path:
    """The attachment folder of the SQLite file `db` (VILLAGE_TUI_ATTACHMENTS overrides)."""
    if os.environ.get(ENV_DIR) or db is None:
        return Path(os.environ[ENV_DIR])
    return db.with_name(db.name + FOLDER_SUFFIX)


def stored_path(folder: Path, sha256: str) -> Path:
    """The file holding the bytes with this hash (the hash is checked: it becomes a name)."""
    if not da.SHA256.match(sha256):
        raise ValueError(f"not a sha256: {sha256!r}")
    return folder / sha256


def put_bytes(folder: Path, data: bytes) -> str:
    """Store `data` under its hash (once: the same bytes are never written twice); the hash."""
    digest = hashlib.sha256(data).hexdigest()
    path = stored_path(folder, digest)
    if not (path.is_file() and file_digest(path) == (digest, len(data))):
        write_file(path, data)
    return digest


def file_digest(path: Path) -> tuple[str, int]:
    """(sha256, size) of a file, read in chunks."""
    h, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


# --- limits (settings of this database) ---------------------------------------------


@dataclass(frozen=True)
class Limits:
    """Bytes one file and one matter's files may weigh."""

    per_file: int = da.DEFAULT_FILE_LIMIT
    per_matter: int = da.DEFAULT_MATTER_LIMIT


def limits(engine: Engine) -> Limits:
    """The limits set for this database, the defaults where none is."""
    with read_session(engine) as s:
        values = [s.get(SettingRow, k) for k in (da.FILE_LIMIT_KEY, da.MATTER_LIMIT_KEY)]
    defaults = Limits()
    per_file, per_matter = (
        int(v.value) if v is not None and v.value.isdigit() else d
        for v, d in zip(values, (defaults.per_file, defaults.per_matter), strict=True)
    )
    return Limits(per_file, per_matter)


def set_limits(engine: Engine, *, file_mib: int | None, matter_mib: int | None) -> Limits:
    """Change the limits, in whole MiB (a file up to MOST_FILE_MIB, a matter MOST_MATTER_MIB)."""
    for value, most in ((file_mib, MOST_FILE_MIB), (matter_mib, MOST_MATTER_MIB)):
        if value is not None and not 1 <= value <= most:
            raise AttachmentError("bad_limit", most=most, value=value)
    with write_session(engine) as s:
        for key, value in ((da.FILE_LIMIT_KEY, file_mib), (da.MATTER_LIMIT_KEY, matter_mib)):
            if value is not None:
                s.merge(SettingRow(key=key, value=str(value * da.MiB)))
    return limits(engine)


def limits_text(lim: Limits) -> tuple[str, str]:
    return pair("limits", file=size_text(lim.per_file), matter=size_text(lim.per_matter))


# --- reading what the ledger records ------------------------------------------------


def _rows(session: Session, matter_id: str | None = None) -> Iterator[EventRow]:
    q = select(EventRow).where(EventRow.type == ev.ATTACHMENT_ADDED)
    if matter_id is not None:
        q = q.where(EventRow.matter_id == matter_id)
    yield from session.execute(q.order_by(EventRow.ledger, EventRow.seq)).scalars()


def _from_row(row: EventRow) -> da.Attachment:
    return da.from_payload(row.seq, json.loads(row.payload), row.recorded_at)


def attachments(engine: Engine, matter_id: str) -> list[da.Attachment]:
    """A matter's attachments, in the order they were added."""
    with read_session(engine) as s:
        return [_from_row(r) for r in _rows(s, matter_id)]


def find(engine: Engine, which: str) -> tuple[da.Attachment, Path]:
    """The attachment whose hash starts with `which` (at least 8 hex digits) and its file."""
    prefix = which.strip().lower()
    with read_session(engine) as s:
        found = {}
        if len(prefix) >= 8 and all(c in "0123456789abcdef" for c in prefix):
            for r in _rows(s):
                a = _from_row(r)
                if a.sha256.startswith(prefix):
                    found.setdefault(a.sha256, a)
    if not found:
        raise AttachmentError("no_attachment", which=which)
    if len(found) > 1:
        raise AttachmentError("ambiguous", which=which)
    att = next(iter(found.values()))
    return att, stored_path(folder_for(engine), att.sha256)


@dataclass(frozen=True)
class FileProblem:
    """An attachment whose file is not the one the ledger records."""

    attachment: da.Attachment
    path: Path
    missing: bool

    def lines(self) -> tuple[str, str]:
        a = self.attachment
        key = "file_missing" if self.missing else "file_changed"
        return pair(key, name=a.name, matter=a.matter_id, seq=a.seq, path=self.path)


def file_problems(engine: Engine) -> list[FileProblem]:
    """Every recorded attachment whose file is missing or changed (each file hashed once)."""
    folder = folder_for(engine)
    checked: dict[str, bool | None] = {}  # sha256 -> None fine, True missing, False changed
    out = []
    with read_session(engine) as s:
        recorded = [_from_row(r) for r in _rows(s)]
    for a in recorded:
        if a.sha256 not in checked:
            path = stored_path(folder, a.sha256)
            try:
                fine = path.is_file() and file_digest(path) == (a.sha256, a.size)
                checked[a.sha256] = None if fine else not path.exists()
            except OSError:
                checked[a.sha256] = not path.exists()
        if checked[a.sha256] is not None:
            out.append(FileProblem(a, stored_path(folder, a.sha256), bool(checked[a.sha256])))
    return out
