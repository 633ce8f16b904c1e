"""The clerk attaching files: every check on every file first, then one event per file.

A refusal (no such file, too big, the matter's limit reached, no such entry) comes
before anything is stored or recorded, for all the files named at once.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Sequence
from pathlib import Path

from ..domain import attachments as da
from ..domain import events as ev
from ..domain.steps import Step
from ..i18n.attachments import size_text
from .attachments import AttachmentError, attachments, folder_for, limits, put_bytes
from .errors import ServiceError


def read_source(path: Path, per_file: int) -> bytes:
    """A file the clerk named, refused before reading when it is no file or too big."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise AttachmentError("no_file", path=path) from None
    except OSError as exc:
        raise AttachmentError("unreadable", path=path, err=exc.strerror or exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise AttachmentError("is_folder", path=path)
    if not stat.S_ISREG(st.st_mode):  # reading /dev/zero or a FIFO would never end
        raise AttachmentError("not_regular", path=path)
    name = da.recorded_name(path.name)
    if st.st_size > per_file:
        raise _too_big(name, st.st_size, per_file)
    try:
        with path.open("rb") as f:
            data = f.read(per_file + 1)  # the size stat gave may have changed since
    except OSError as exc:
        raise AttachmentError("unreadable", path=path, err=exc.strerror or exc) from None
    if len(data) > per_file:
        raise _too_big(name, len(data), per_file)
    if not data:
        raise AttachmentError("empty", path=path)
    return data


def _too_big(name: str, size: int, limit: int) -> AttachmentError:
    return AttachmentError(
        "file_too_big",
        name=name,
        size=size_text(size),
        size_bytes=size,
        limit=size_text(limit),
        limit_bytes=limit,
    )


def parse_step(text: str) -> Step:
    """A step as people name it: its number on the paper ledger, 实施, or its English value."""
    value = text.strip()
    for step in Step:
        if value in (step.value, step.label):
            return step
    raise AttachmentError("bad_step", step=text)


def check_entry(state, kind: str, ref: str) -> None:
    """Refuse an entry the matter does not have (what apply would refuse, said plainly)."""
    if kind == "step":
        step = Step(ref)
        if not state.attempts_at(step) and step not in state.steps:
            raise AttachmentError("no_step", step=step.label)
    elif kind == "progress":
        if all(p.id != ref for p in state.progress):
            raise AttachmentError("no_progress", ref=ref)
    elif kind == "objection":
        if all(o.id != ref for o in state.objections):
            raise AttachmentError("no_objection", ref=ref)
    elif state.completion is None:
        raise AttachmentError("no_completion")


def attach_files(
    svc, matter_id: str, kind: str, ref: str, paths: Sequence[Path]
) -> list[da.Attachment]:
    """Store the files and record each on the matter's entry (`svc`: a VillageService)."""
    if kind not in da.KINDS:
        raise ValueError(f"unknown attachment kind {kind!r}")
    try:
        state = svc.state(matter_id)
    except ServiceError:
        raise AttachmentError("no_matter", matter=matter_id) from None
    if kind == "step":
        ref = parse_step(ref).value
    elif kind == "completion":
        ref = ""
    check_entry(state, kind, ref)
    lim = limits(svc.engine)
    earlier = attachments(svc.engine, matter_id)
    seen = {(a.kind, a.ref, a.sha256): a.seq for a in earlier}
    total = sum(a.size for a in earlier)
    ready: list[tuple[da.Attachment, bytes]] = []
    for path in map(Path, paths):
        data = read_source(path, lim.per_file)
        name = da.recorded_name(path.name)
        digest = hashlib.sha256(data).hexdigest()
        if (kind, ref, digest) in seen:
            raise AttachmentError("duplicate", name=name, seq=seen[(kind, ref, digest)] or "-")
        seen[(kind, ref, digest)] = 0
        total += len(data)
        if total > lim.per_matter:
            raise AttachmentError(
                "matter_too_big",
                name=name,
                size=size_text(len(data)),
                total=size_text(total),
                total_bytes=total,
                limit=size_text(lim.per_matter),
                limit_bytes=lim.per_matter,
            )
        kind_of = da.media_type(name, data[:16])
        ready.append(
            (da.Attachment(0, matter_id, kind, ref, name, kind_of, len(data), digest), data)
        )
    folder = folder_for(svc.engine)
    done = []
    for att, data in ready:
        put_bytes(folder, data)  # before the event: never an event without its file
        e = svc._append(
            ev.ATTACHMENT_ADDED, da.payload(matter_id, kind, ref, att), matter_id=matter_id
        )
        done.append(da.Attachment(e.seq, matter_id, kind, ref, att.name, att.media_type, att.size,
                                  att.sha256, e.recorded_at))  # fmt: skip
    return done
