"""The bundle file: a zip of a signed manifest and the events as JSON Lines.

Reading is defensive: every limit is checked against the zip's directory
before anything is decompressed, and again while decompressing, because the
directory can lie.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass

FORMAT = "village-tui-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
EVENTS = "events.jsonl"
MEMBERS = (MANIFEST, SIGNATURE, EVENTS)
# Attached files travel as `files/<sha256>`, beside the events that record them.
FILES_PREFIX = "files/"
_FILE_MEMBER = re.compile(r"^files/[0-9a-f]{64}$")


def file_member(sha256: str) -> str:
    """The member name of the attached file with this hash."""
    return FILES_PREFIX + sha256


def is_file_member(name: str) -> bool:
    return _FILE_MEMBER.match(name) is not None


@dataclass(frozen=True)
class Limits:
    """What a bundle may weigh; generous for a village's whole history, small for a bomb."""

    bundle_bytes: int = 64 * 1024 * 1024
    members: int = 16  # besides attached files
    files: int = 256  # attached files in one bundle
    member_bytes: dict[str, int] | None = None
    default_member_bytes: int = 256 * 1024 * 1024
    total_bytes: int = 300 * 1024 * 1024
    ratio: int = 200  # uncompressed : compressed, per member

    def for_member(self, name: str) -> int:
        fixed = {MANIFEST: 1024 * 1024, SIGNATURE: 1024}
        if self.member_bytes and name in self.member_bytes:
            return self.member_bytes[name]
        return fixed.get(name, self.default_member_bytes)


DEFAULT_LIMITS = Limits()


class Refused(Exception):
    """A bundle this database will not take; `key` and `params` name the reason."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str = "zh") -> str:
        from ..i18n.sync import text

        return text(self.key, lang, **self.params)


def write_bundle(
    manifest: bytes,
    signature: bytes,
    events: bytes,
    limits: Limits = DEFAULT_LIMITS,
    files: dict[str, bytes] | None = None,
) -> bytes:
    """The zip bytes of one bundle (fixed member order and timestamps: same input, same file).

    Events that compress past the import's bomb ratio (a long run of one character) are
    stored as they are, so the bundle is still one the importer takes. Attached `files`
    (by sha256) are stored uncompressed: scans and photos are compressed already, and
    a stored member can never pass for a zip bomb.
    """
    files = files or {}
    data, packed = _zip(manifest, signature, events, zipfile.ZIP_DEFLATED, files)
    if len(events) > 4096 and len(events) // max(packed, 1) > limits.ratio:
        data, _ = _zip(manifest, signature, events, zipfile.ZIP_STORED, files)
    return data


def _zip(
    manifest: bytes, signature: bytes, events: bytes, events_as: int, files: dict[str, bytes]
) -> tuple[bytes, int]:
    buf = io.BytesIO()
    members = [(MANIFEST, manifest), (SIGNATURE, signature), (EVENTS, events)]
    members += [(file_member(sha), files[sha]) for sha in sorted(files)]
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            if name == EVENTS:
                info.compress_type = events_as
            elif is_file_member(name):
                info.compress_type = zipfile.ZIP_STORED
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
        packed = zf.getinfo(EVENTS).compress_size
    return buf.getvalue(), packed


def fits(data: bytes, limits: Limits = DEFAULT_LIMITS) -> bool:
    """Whether `read_members` would take these bundle bytes on its size and ratio limits."""
    if len(data) > limits.bundle_bytes:
        return False
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
    total = 0
    for info in infos:
        if info.file_size > limits.for_member(info.filename):
            return False
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > 4096 and ratio > limits.ratio:
            return False
        total += info.file_size
    return total <= limits.total_bytes


def _unsafe(name: str) -> bool:
    if not name or "\\" in name or name.startswith("/") or "\x00" in name:
        return True
    if len(name) > 1 and name[1] == ":":  # C:foo, a Windows drive
        return True
    return any(part in ("..", "") for part in name.split("/"))


def read_members(data: bytes, limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """The members of a bundle (three, and any attached files), after every structural and size check."""
    if len(data) > limits.bundle_bytes:
        raise Refused("too_big", size=len(data), limit=limits.bundle_bytes)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise Refused("not_zip") from None
    files = sum(1 for info in infos if is_file_member(info.orig_filename))
    if len(infos) - files > limits.members:
        raise Refused("too_many_members", count=len(infos) - files, limit=limits.members)
    if files > limits.files:
        raise Refused("bundle_too_many_files", count=files, limit=limits.files)
    seen: set[str] = set()
    for info in infos:
        name = info.orig_filename
        if _unsafe(name):
            raise Refused("unsafe_name", name=repr(name))
        if name in seen:
            raise Refused("duplicate_name", name=name)
        seen.add(name)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise Refused("symlink", name=name)
        if info.flag_bits & 0x1:  # zipfile would stop on the missing password, not refuse
            raise Refused("encrypted", name=name)
    for name in seen:
        if name not in MEMBERS and not is_file_member(name):
            raise Refused("unexpected_member", name=name)
    for name in MEMBERS:
        if name not in seen:
            raise Refused("missing_member", name=name)
    total = 0
    for info in infos:
        limit = limits.for_member(info.filename)
        if info.file_size > limit:
            raise Refused("member_too_big", name=info.filename, size=info.file_size, limit=limit)
        total += info.file_size
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > 4096 and ratio > limits.ratio:
            raise Refused("bomb", name=info.filename, ratio=ratio, limit=limits.ratio)
    if total > limits.total_bytes:
        raise Refused("total_too_big", size=total, limit=limits.total_bytes)
    return {info.filename: _read(zf, info, limits) for info in infos}


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes:
    # The directory's sizes are only claims: stop reading past them.
    limit = min(info.file_size, limits.for_member(info.filename))
    out = bytearray()
    try:
        with zf.open(info) as f:
            while chunk := f.read(1 << 20):
                out += chunk
                if len(out) > limit:
                    raise Refused("member_too_big", name=info.filename, size=len(out), limit=limit)
    except Refused:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise Refused("damaged_member", name=info.filename, err=_short(exc)) from None
    return bytes(out)


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]
