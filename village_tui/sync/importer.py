"""Importing bundles: verify everything, then apply each bundle in one transaction or not at all."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError, OperationalError, StatementError
from sqlmodel import Session

from ..domain.codes import township_code
from ..i18n.sync import text
from ..store.apply import ApplyError
from ..store.attachments import folder_for, put_bytes
from ..store.collector import collector_paused
from ..store.db import read_session, write_session
from ..store.ledger import head, store_event, storing, utc_now
from ..store.tables import EventRow, SettingRow, VillageRow
from . import bundle as bf
from .keys import ensure_own_key_in
from .tables import HeldBundle, ImportLog
from .trust import check_signer, follow_replacements
from .verify import Bundle, Signed, parse_bundle
from .witness import witness

RECEIVING_ROLES = ("township", "county")
log = logging.getLogger("village_tui")


@dataclass(frozen=True)
class FileResult:
    """What became of one file: imported, already, nothing_new, held, released or refused."""

    path: str
    status: str
    message_zh: str
    message_en: str
    ledger: str | None = None
    applied: int = 0
    notes: tuple[tuple[str, str], ...] = ()  # (zh, en) lines worth telling, e.g. a key trusted

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    @property
    def failed(self) -> bool:
        return self.status in ("refused", "held")


@dataclass
class ImportSummary:
    """The outcome of one import run, file by file."""

    results: list[FileResult] = field(default_factory=list)

    @property
    def applied(self) -> int:
        return sum(r.applied for r in self.results)

    @property
    def exit_code(self) -> int:
        return 1 if any(r.failed for r in self.results) else 0


def bundle_files(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given; folders searched recursively for *.zip, in name order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            # Not only regular files: a FIFO or a device named *.zip is refused in its own line.
            out.extend(sorted(x for x in p.rglob("*.zip") if not x.is_dir()))
        else:
            out.append(p)
    return out


def init_receiving(engine: Engine, role: str = "township") -> None:
    """Make an empty database a receiving (township or county) one, with its own key pair."""
    with write_session(engine) as s:
        if s.get(SettingRow, "role") is None:
            s.add(SettingRow(key="role", value=role))
        ensure_own_key_in(s)


def import_bundles(
    engine: Engine,
    paths: Iterable[Path | str],
    *,
    trust_new: bool = False,
    progress: Callable[[FileResult], None] | None = None,
    limits: bf.Limits = bf.DEFAULT_LIMITS,
    now: Callable[[], str] = utc_now,
) -> ImportSummary:
    """Import bundle files (folders searched for *.zip); each bundle is one transaction."""
    summary = ImportSummary()
    for path in bundle_files(paths):
        try:
            data = read_bundle_file(path, limits)
        except bf.Refused as r:
            results = [_refused(str(path), r)]
        except OSError as exc:
            results = [_refused(str(path), bf.Refused("unreadable", err=exc.strerror or exc))]
        else:
            results = _import_one(engine, data, str(path), trust_new, limits, now)
        for r in results:
            summary.results.append(r)
            if progress:
                progress(r)
    return summary


def read_bundle_file(path: Path, limits: bf.Limits = bf.DEFAULT_LIMITS) -> bytes:
    """A bundle file's bytes; a folder, device or FIFO (/dev/zero, a pipe) is refused unread."""
    import stat

    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        raise bf.Refused("is_folder")
    if not stat.S_ISREG(mode):  # reading would never end (/dev/zero) or wait forever (a FIFO)
        raise bf.Refused("not_regular")
    with path.open("rb") as f:
        data = f.read(limits.bundle_bytes + 1)  # the size stat gave may have changed since
    if len(data) > limits.bundle_bytes:
        raise bf.Refused("too_big", size=path.stat().st_size, limit=limits.bundle_bytes)
    return data


def _import_one(engine, data, name, trust_new, limits, now) -> list[FileResult]:
    """`import_bytes`, but a fault in one file is that file's refusal: the next ones still come."""
    try:
        return import_bytes(engine, data, name, trust_new=trust_new, limits=limits, now=now)
    except OperationalError:  # locked, full or gone: the files after it would fail the same way
        raise
    except Exception as exc:  # noqa: BLE001 - a bundle that found a path no check foresaw
        log.error("unexpected failure importing %s", name, exc_info=exc)
        return [_refused(name, bf.Refused("unexpected", err=f"{type(exc).__name__}: {exc}"[:160]))]


def import_bytes(
    engine: Engine,
    data: bytes,
    name: str,
    *,
    trust_new: bool = False,
    limits: bf.Limits = bf.DEFAULT_LIMITS,
    now: Callable[[], str] = utc_now,
) -> list[FileResult]:
    """Import one bundle's bytes; then apply any held bundles that it lets through."""
    b = None
    try:
        with collector_paused():
            b = parse_bundle(data, limits)
            result = _apply(engine, b, data, name, trust_new, now)
    except bf.Refused as r:
        return [_refused(name, r)]
    except RecursionError:  # JSON nested thousands deep, in the manifest, a line or a payload
        return [_refused(name, bf.Refused("too_deep"))]
    except OperationalError:  # locked, full or gone: no fault of the bundle
        raise
    except (OverflowError, StatementError) as exc:  # at commit, after `_store` finished
        seq = b.last_seq if b is not None else "?"
        return [_refused(name, bf.Refused("apply", seq=seq, err=_db_reason(exc)))]
    results = [result]
    if result.status == "imported":
        results += _release_held(engine, b.ledger, limits, now)
    return results


def _refused(name: str, r: bf.Refused) -> FileResult:
    return FileResult(name, "refused", f"{name}：{r.message('zh')}", f"{name}: {r.message('en')}")


def _done(name: str, status: str, b: Bundle, applied: int = 0, notes=(), **params) -> FileResult:
    params = {
        "ledger": b.ledger,
        "first": b.first_seq,
        "last": b.last_seq,
        "applied": applied,
        **params,
    }
    return FileResult(
        name,
        status,
        f"{name}：{text(status, 'zh', **params)}",
        f"{name}: {text(status, 'en', **params)}",
        b.ledger,
        applied,
        tuple(notes),
    )


def _apply(engine: Engine, b: Bundle, data: bytes, name: str, trust_new: bool, now) -> FileResult:
    with write_session(engine) as s:
        role_row = s.get(SettingRow, "role")
        if role_row is None:  # an empty database becomes a township's on its first import
            s.add(SettingRow(key="role", value="township"))
            ensure_own_key_in(s)
            role = "township"
        else:
            role = role_row.value
        _check_role(s, b, role)
        head_seq, head_hash = head(s, b.ledger)
        logged = s.get(ImportLog, b.manifest_sha256)
        if logged is not None and b.last_seq <= head_seq:
            # Taken once already, under the trust of that day: a key retired since changes nothing.
            return _done(name, "already", b, when=logged.imported_at[:10])
        notes = check_signer(s, b, trust_new, role)
        if b.first_seq > head_seq + 1:
            if s.get(HeldBundle, b.manifest_sha256) is None:
                s.add(
                    HeldBundle(
                        manifest_sha256=b.manifest_sha256,
                        ledger=b.ledger,
                        first_seq=b.first_seq,
                        last_seq=b.last_seq,
                        file_name=Path(name).name,
                        received_at=now(),
                        content=data,
                    )
                )
            return _done(
                name, "held", b, notes=notes, gap_first=head_seq + 1, gap_last=b.first_seq - 1
            )
        _check_no_fork(s, b, head_seq, head_hash)
        new = [x for x in b.events if x.event.seq > head_seq]
        if not new:
            logged = s.get(ImportLog, b.manifest_sha256)
            if logged is not None:
                return _done(name, "already", b, when=logged.imported_at[:10])
            if b.last_seq == head_seq:
                return _done(name, "nothing_new", b)
            raise bf.Refused("replay", first=b.first_seq, last=b.last_seq, head=head_seq)
        if b.files:  # before the events: an event never points at a file not yet kept
            folder = folder_for(engine)
            for data in b.files.values():
                put_bytes(folder, data)
        _store(s, new)
        if b.kind == "review":
            notes += follow_replacements(s, new, role)
        if role != "village" and b.kind == "village" and s.get(SettingRow, "township_code") is None:
            v = s.get(VillageRow, b.manifest["village_code"])
            if v is not None:
                # The village code says the township; the name is what the village set up.
                s.add(SettingRow(key="township_code", value=township_code(v.code)))
                s.add(SettingRow(key="township_name", value=v.township_name))
        if role == "township" and b.kind == "village":
            # In the same transaction: a ledger taken in is a ledger witnessed.
            witness(s, b.ledger, now)
        s.merge(
            ImportLog(
                manifest_sha256=b.manifest_sha256,
                ledger=b.ledger,
                first_seq=b.first_seq,
                last_seq=b.last_seq,
                applied=len(new),
                signer=b.signer.fingerprint,
                file_name=Path(name).name,
                imported_at=now(),
                manifest=b.manifest_text,
                signature=b.signature,
            )
        )
        s.execute(delete(HeldBundle).where(HeldBundle.manifest_sha256 == b.manifest_sha256))
        return _done(name, "imported", b, applied=len(new), notes=notes)


def _store(s: Session, new: list[Signed]) -> None:
    """Store and apply a bundle's new events in one batch; refuse it whole if one does not apply."""
    x = new[0]
    try:
        with storing(s, [(y.event, y.data) for y in new]):
            for x in new:
                store_event(s, x.event, signature=x.signature, signer=x.signer, data=x.data)
    except ApplyError as exc:
        raise bf.Refused("apply", seq=x.event.seq, err=str(exc)[:160]) from None
    except IntegrityError as exc:  # rows the batch writes at its end clash with stored ones
        raise bf.Refused("apply", seq=x.event.seq, err=_db_reason(exc)) from None
    except OperationalError:  # locked, full or gone: no fault of the bundle
        raise
    except (OverflowError, StatementError) as exc:
        # A value the database cannot hold (an integer past 64 bits) or a row
        # it will not take: this bundle is refused, the rest of the run goes on.
        raise bf.Refused("apply", seq=x.event.seq, err=_db_reason(exc)) from None


def _db_reason(exc: BaseException) -> str:
    """The first line of a database error, its driver's own words where there are some."""
    orig = getattr(exc, "orig", None)
    lines = str(orig if orig is not None else exc).splitlines() or [type(exc).__name__]
    return lines[0][:160]


def _check_role(s: Session, b: Bundle, role: str) -> None:
    if role != "village":
        return
    if b.kind != "review":
        raise bf.Refused("village_db", ledger=b.ledger)
    own = s.get(SettingRow, "village_code")
    code = b.manifest["village_code"]
    if own is None or own.value != code:
        raise bf.Refused("other_village", code=code, own=own.value if own else "-")


def _check_no_fork(s: Session, b: Bundle, head_seq: int, head_hash: str) -> None:
    """Events this database already holds must be the very same events."""
    if b.first_seq == head_seq + 1:
        if b.manifest["prev_hash"] != head_hash:
            raise bf.Refused("fork", seq=b.first_seq)
        return
    top = min(b.last_seq, head_seq)
    t = EventRow.__table__
    stored = dict(
        s.execute(
            select(t.c.seq, t.c.hash).where(
                t.c.ledger == b.ledger, t.c.seq >= b.first_seq, t.c.seq <= top
            )
        ).all()
    )
    if b.first_seq > 1 and b.first_seq - 1 <= head_seq:
        before = s.execute(
            select(t.c.hash).where(t.c.ledger == b.ledger, t.c.seq == b.first_seq - 1)
        ).scalar()
        if before != b.manifest["prev_hash"]:
            raise bf.Refused("fork", seq=b.first_seq)
    for x in b.events:
        if x.event.seq > top:
            break
        if stored.get(x.event.seq) != x.event.hash:
            raise bf.Refused("fork", seq=x.event.seq)


def _release_held(engine: Engine, ledger: str, limits: bf.Limits, now) -> list[FileResult]:
    """Apply held bundles of `ledger` that now continue it, in order, each in its own transaction."""
    out: list[FileResult] = []
    while True:
        with read_session(engine) as s:
            head_seq, _ = head(s, ledger)
            held = (
                s.execute(
                    select(HeldBundle)
                    .where(HeldBundle.ledger == ledger, HeldBundle.first_seq <= head_seq + 1)
                    .order_by(HeldBundle.first_seq)
                )
                .scalars()
                .first()
            )
            if held is None:
                return out
            key, data, name = held.manifest_sha256, held.content, held.file_name
        seq: object = "?"
        try:
            b = parse_bundle(data, limits)
            seq = b.last_seq
            r = _apply(engine, b, data, name, False, now)
            if r.status == "imported":
                r = _done(name, "released", b, applied=r.applied)
        except bf.Refused as refusal:
            r = _refused(name, refusal)
        except OperationalError:
            raise
        except (OverflowError, StatementError) as exc:
            r = _refused(name, bf.Refused("apply", seq=seq, err=_db_reason(exc)))
        with write_session(engine) as s:  # released, superseded or refused: it is held no longer
            s.execute(delete(HeldBundle).where(HeldBundle.manifest_sha256 == key))
        if r.status in ("released", "refused"):
            out.append(r)
