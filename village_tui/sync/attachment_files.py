"""Opening and saving attached files at the township (and for the clerk): copies, never the store.

The viewer gets a copy with a harmless name (`domain.attachments.save_name`) in a
temporary folder: the content-addressed file must not be edited in place, and Windows
picks the viewer by the name's extension. Every copy is checked against the hash first.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from ..atomic import write_file
from ..domain.attachments import Attachment, save_name
from ..i18n.attachments import pair
from ..store.attachments import AttachmentError, folder_for, stored_path


def verified_bytes(engine: Engine, att: Attachment) -> bytes:
    """The attachment's bytes, refused when its file is missing or no longer matches its hash."""
    path = stored_path(folder_for(engine), att.sha256)
    try:
        data = path.read_bytes()
    except OSError:
        raise AttachmentError(
            "file_missing", name=att.name, matter=att.matter_id, seq=att.seq, path=path
        ) from None
    if len(data) != att.size or hashlib.sha256(data).hexdigest() != att.sha256:
        raise AttachmentError(
            "file_changed", name=att.name, matter=att.matter_id, seq=att.seq, path=path
        )
    return data


def open_with_default(path: Path) -> str | None:
    """Start the system's default viewer on `path`: None once started, else why it was not."""
    try:
        if sys.platform == "win32":
            os.startfile(path)  # type: ignore[attr-defined]  # noqa: S606
            return None
        command = "open" if sys.platform == "darwin" else "xdg-open"
        if shutil.which(command) is None:
            return f"{command} not found"
        subprocess.Popen(  # noqa: S603 - a fixed program, the path one argument
            [command, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # closing the app must not close the viewer
        )
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def open_attachment(
    engine: Engine, att: Attachment, opener: Callable[[Path], str | None] = open_with_default
) -> tuple[str, str]:
    """Open a checked copy in the default viewer; (zh, en) of what happened (a fallback names
    the copy, so the person can open it themselves)."""
    data = verified_bytes(engine, att)
    folder = Path(tempfile.mkdtemp(prefix="village-tui-open-"))  # kept: the viewer reads it later
    copy = folder / save_name(att.name, att.sha256)
    write_file(copy, data)
    why = opener(copy)
    return pair("opened", path=copy) if why is None else pair("open_fallback", why=why, path=copy)


def save_attachment(engine: Engine, att: Attachment, folder: Path) -> Path:
    """Save a checked copy into an existing folder; a different file of that name is kept."""
    if not folder.is_dir():
        raise AttachmentError("no_dir", path=folder)
    data = verified_bytes(engine, att)
    name = save_name(att.name, att.sha256)
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    target, n = folder / name, 1
    while target.exists():
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            return target  # saved before: the same bytes
        n += 1
        target = folder / (f"{stem} ({n}){dot}{ext}")
    write_file(target, data)
    return target
