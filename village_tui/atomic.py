"""Files written whole or not at all: reports, notices, bundles, key files.

A full disk or a pulled USB stick must never leave someone with a truncated file, or
destroy the good one from last time: the bytes go to a temporary file beside the target,
which replaces the target only once it is complete and on disk.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from contextlib import suppress
from pathlib import Path


def write_file(path: Path, data: bytes) -> None:
    """Put `data` at `path` atomically; on failure the target is as it was and no file is left."""
    _refuse_special(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Same folder, so that os.replace is a rename within one file system (atomic, Windows too).
    temp = path.with_name(f".{path.name[:40]}.{os.urandom(4).hex()}.tmp")
    with temp.open("xb", buffering=0) as f:  # "x": never reuse a file someone else owns
        try:
            _write(f, data)
            os.fsync(f.fileno())  # a power cut after the rename must not leave an empty report
        except BaseException:
            f.close()
            _remove(temp)
            raise
    try:
        os.replace(temp, path)
    except BaseException:
        _remove(temp)
        raise


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """`write_file` for text, with the line endings `Path.write_text` would give."""
    # Notepad on older Windows shows a text without CRLF as one long line.
    write_file(path, text.replace("\n", os.linesep).encode(encoding))


def write_workbook(path: Path, workbook) -> None:
    """An openpyxl workbook, saved whole or not at all.

    Built in memory first: a zip that fails half-way to disk leaves a broken file, and
    noise from ZipFile at exit.
    """
    buf = io.BytesIO()
    workbook.save(buf)
    write_file(path, buf.getvalue())


def _refuse_special(path: Path) -> None:
    # The rename would put a file where a device or a FIFO was (as root: /dev/null).
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise OSError(errno.EEXIST, f"{kind}; it will not be replaced", str(path))


def _write(f, data: bytes) -> None:
    view = memoryview(data)
    while view:  # an unbuffered write may take only part of the bytes
        view = view[f.write(view) :]


def _remove(path: Path) -> None:
    with suppress(OSError):
        path.unlink()
