"""Attachments as the ledger sees them: a file's recorded name, type, size and hash.

Pure: no file is read here. A name is data that came from someone's disk (Chinese,
spaces, `../`, a line break, an RTL override): it is recorded visibly and never used
as a path; `save_name` makes a harmless file name from it when a copy is saved.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MiB = 1024 * 1024
# A 300 dpi scan is about 1 MB a page: 10 MiB is a ten-page 签到表 or a phone photo at full
# size; 50 MiB a matter keeps its bundles a few minutes on a township's slow line.
DEFAULT_FILE_LIMIT = 10 * MiB
DEFAULT_MATTER_LIMIT = 50 * MiB
FILE_LIMIT_KEY = "attachment_file_limit"
MATTER_LIMIT_KEY = "attachment_matter_limit"
NAME_CHARS = 200  # recorded name; common.json's text limits are far above

# What an attachment belongs to: a step (meeting or posting), a progress entry,
# an objection, or the completion.
KINDS = ("step", "progress", "objection", "completion")
SHA256 = re.compile(r"^[0-9a-f]{64}$")

# C0 (tab and line breaks too: a name is one line), DEL, C1; the controls that
# reorder text (a name "gpj.exe" shown reversed) and lone surrogates (an undecodable
# byte of a legacy-encoded name).
_C0 = re.compile("[\x00-\x1f\x7f]")
_HIDDEN = re.compile("[\x80-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SEPARATORS = re.compile("[\u2028\u2029]")
# Characters Windows forbids in a file name, and both separators.
_UNSAFE_IN_FILE = re.compile(r'[<>:"/\\|?*]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)

# Magic bytes first: the name's extension is only what someone typed.
_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"PK\x03\x04", "application/zip"),
)
_BY_EXTENSION = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".webp": "image/webp",
    ".heic": "image/heic",
    ".txt": "text/plain",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_ZIP_BASED = {".docx", ".xlsx"}
OCTET = "application/octet-stream"


@dataclass(frozen=True)
class Attachment:
    """One attached file as recorded: what it belongs to and what its bytes are."""

    seq: int  # the attachment.added event
    matter_id: str
    kind: str
    ref: str  # step value, progress or objection id, "" for the completion
    name: str
    media_type: str
    size: int
    sha256: str
    recorded_at: str = ""


def recorded_name(raw: str) -> str:
    """A file's base name as the ledger keeps it: one visible line, nothing hidden."""
    name = unicodedata.normalize("NFC", raw)
    name = _C0.sub(lambda m: chr(0x2400 + (ord(m[0]) if m[0] != "\x7f" else 0x21)), name)
    name = _SEPARATORS.sub(" ", _HIDDEN.sub("\ufffd", name)).strip()
    if len(name) > NAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        keep = ("." + ext) if dot and len(ext) <= 10 else ""
        name = name[: NAME_CHARS - len(keep) - 1] + "…" + keep
    return name or "\ufffd"


def media_type(name: str, head: bytes) -> str:
    """The file's type from its first bytes, else from the name's extension."""
    ext = _extension(name)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "application/zip" and ext in _ZIP_BASED:
                return _BY_EXTENSION[ext]
            return kind
    guessed = _BY_EXTENSION.get(ext, OCTET)
    # An extension claiming a type the bytes would have shown is not believed.
    return OCTET if guessed in {k for _, k in _MAGIC} else guessed


def _extension(name: str) -> str:
    """ ".pdf" of "扫描.PDF"; "" when the end is no plain extension (a fallback name keeps it)."""
    _, dot, ext = name.rpartition(".")
    return ("." + ext.lower()) if dot and ext.isascii() and ext.isalnum() and len(ext) <= 10 else ""


def save_name(name: str, sha256: str) -> str:
    """A file name for a saved copy on any system: no folder, no device, no hidden dot file."""
    safe = _UNSAFE_IN_FILE.sub("_", recorded_name(name)).strip(" .")
    if not safe or safe in {".", ".."} or _WINDOWS_RESERVED.match(safe):
        safe = f"附件-{sha256[:12]}" + _extension(name)
    return safe


def payload(matter_id: str, kind: str, ref: str, att: Attachment) -> dict:
    """The `attachment.added` payload (schemas/events/attachment.added.json)."""
    return {
        "matter_id": matter_id,
        "entry": {"kind": kind, "ref": ref},
        "file": {
            "name": att.name,
            "media_type": att.media_type,
            "size": att.size,
            "sha256": att.sha256,
        },
    }


def from_payload(seq: int, data: dict, recorded_at: str = "") -> Attachment:
    """The attachment an `attachment.added` payload records."""
    f, entry = data["file"], data["entry"]
    return Attachment(
        seq=seq,
        matter_id=data["matter_id"],
        kind=entry["kind"],
        ref=entry["ref"],
        name=f["name"],
        media_type=f["media_type"],
        size=f["size"],
        sha256=f["sha256"],
        recorded_at=recorded_at,
    )
