"""The township's desk: what its screens read and do, so that no screen holds a session.

Villages at a glance, one village's matters, one matter in full with its
review thread, approvals and returns (one or many), the inbox folder and the
settings the township keeps (that folder, the days of silence worth a look).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from ..domain import events as ev
from ..domain.chain import Event
from ..domain.model import MatterState, Village
from ..domain.steps import Step
from ..i18n.sync import both
from ..store.attachments import attachments
from ..store.db import read_session, write_session
from ..store.errors import ServiceError
from ..store.ledger import utc_now
from ..store.state import load_states, village_from_row
from ..store.tables import EventRow, LedgerHead, MatterRow, SettingRow, VillageRow
from . import bundle as bf
from .review import ReviewRow, ReviewService, VillageStatus, approval_blockers
from .tables import HeldBundle, ImportLog

INBOX_KEY = "township.inbox"
STALE_DAYS_KEY = "township.stale_days"
DEFAULT_STALE_DAYS = 30
MAX_STALE_DAYS = 3650


@dataclass(frozen=True)
class VillageLine:
    """One village on the township's first screen."""

    code: str
    name: str
    last_heard: date | None  # the day its last bundle was imported here
    matters: int
    pending: int  # waiting for a verdict (new or changed since one)
    returned: int
    defects: int | None  # pending matters that cannot be approved as they stand (None: not yet)
    broken: str | None
    held: int
    checked: bool = True  # whether `defects` and `broken` have been worked out


@dataclass(frozen=True)
class ThreadEntry:
    """One line of a matter's review thread: a verdict, or the village's answer to one."""

    seq: int
    recorded_at: str
    kind: str  # review.approved | review.returned | matter.answered
    actor: str
    comment: str
    answer: str = ""  # for an answer: fixed | explained


@dataclass(frozen=True)
class MatterDetail:
    """Everything the matter screen shows, read-only."""

    village: Village
    state: MatterState
    row: ReviewRow
    thread: list[ThreadEntry]
    attachments: list = field(default_factory=list)  # domain.attachments.Attachment, in order

    @property
    def blockers(self) -> list:
        return approval_blockers(self.row)


@dataclass(frozen=True)
class InboxFile:
    """A bundle in the inbox folder, as far as a glance at its manifest tells."""

    path: Path
    village_code: str
    village_name: str
    first_seq: int
    last_seq: int
    status: str  # new | already | feedback | unreadable


@dataclass(frozen=True)
class Weekly:
    """What a township officer goes through each week."""

    stale_days: int
    late: list  # (village name, matter title, Late)
    unanswered: list  # (village name, matter title, the return's comment)
    silent: list[VillageLine]


@dataclass(frozen=True)
class ImportLine:
    """One line of an import's summary: what became of a file, and whose it was."""

    status: str  # imported | released | already | nothing_new | held | refused
    village_code: str
    village_name: str
    path: str
    message_zh: str
    message_en: str

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh


class TownshipDesk:
    """The service behind the township's screens."""

    def __init__(
        self,
        engine: Engine,
        *,
        actor: str = "乡镇审核员",
        today: Callable[[], date] = date.today,
        now: Callable[[], str] = utc_now,
    ) -> None:
        self.engine = engine
        self.actor = actor
        self.today = today
        self.now = now
        self.review = ReviewService(engine, actor=actor, today=lambda: self.today(), now=now)

    # -- who we are, and our settings ------------------------------------------------
    def township(self) -> tuple[str, str]:
        """(code, name) of this township, empty before set-up or a first import."""
        s = self._settings()
        return s.get("township_code", ""), s.get("township_name", "")

    def _settings(self) -> dict[str, str]:
        with read_session(self.engine) as s:
            return {r.key: r.value for r in s.execute(select(SettingRow)).scalars()}

    def _set(self, key: str, value: str) -> None:
        with write_session(self.engine) as s:
            row = s.get(SettingRow, key) or SettingRow(key=key, value=value)
            row.value = value
            s.add(row)

    def inbox_folder(self) -> Path | None:
        """The folder the township last chose for bundles (None before the first choice)."""
        value = self._settings().get(INBOX_KEY)
        return Path(value) if value else None

    def set_inbox_folder(self, folder: Path | str) -> Path:
        """Remember the inbox folder; refused when it is not an existing folder."""
        path = Path(str(folder).strip()).expanduser()
        if not str(folder).strip() or not path.is_dir():
            raise ServiceError(*both("no_such_folder", folder=folder))
        path = path.resolve()  # the app may be started from another folder next time
        self._set(INBOX_KEY, str(path))
        return path

    def stale_days(self) -> int:
        """After how many days without a bundle a village is listed as not heard from."""
        try:
            return int(self._settings().get(STALE_DAYS_KEY, DEFAULT_STALE_DAYS))
        except ValueError:
            return DEFAULT_STALE_DAYS

    def set_stale_days(self, text: str | int) -> int:
        """Keep N (1 to 3650 days)."""
        try:
            n = int(str(text).strip())
        except ValueError:
            n = 0
        if not 1 <= n <= MAX_STALE_DAYS:
            raise ServiceError(*both("stale_days_range", most=MAX_STALE_DAYS, text=text))
        self._set(STALE_DAYS_KEY, str(n))
        return n

    # -- reading --------------------------------------------------------------------
    def village_lines(self, *, checked: bool = True) -> list[VillageLine]:
        """Every village, in code order, with what waits for the township.

        With `checked=False` it is quick: the counts the database keeps, without the two
        costly checks (every hash chain, every pending matter's rules), which
        `village_checks` works out for the screen to fill in afterwards.
        """
        statuses = self.review.villages(check_chains=checked)
        if not checked:
            return [_line(v, None, checked=False) for v in statuses]
        defects = self.review.defect_counts()
        return [_line(v, defects.get(v.code, 0)) for v in statuses]

    def village_checks(self) -> tuple[dict[str, int], dict[str, str]]:
        """(village -> matters that cannot be approved, ledger -> its first break)."""
        return self.review.defect_counts(), self.review.broken_ledgers()

    def matters(self, village_code: str) -> list[ReviewRow]:
        """One village's matters, newest first."""
        return self.review.rows(village_code)

    def matter(self, matter_id: str) -> MatterDetail:
        """One matter in full: its state, findings and review thread."""
        with read_session(self.engine) as s:
            m = s.get(MatterRow, matter_id)
            if m is None:
                raise ServiceError(*both("review_no_matter", ref=matter_id))
            (state,) = load_states(s, [m])
            village = village_from_row(s.get(VillageRow, m.village_code))
            thread = _thread(s, m.village_code, matter_id)
        (row,) = [r for r in self.review.rows(village.code) if r.matter_id == matter_id]
        return MatterDetail(village, state, row, thread, attachments(self.engine, matter_id))

    def weekly(self) -> Weekly:
        """The week's lists: overdue disclosures, returns not yet answered, silent villages."""
        from .review import late_notices

        today = self.today()
        days = self.stale_days()
        lines = self.village_lines(checked=False)
        names = {v.code: v.name for v in lines}
        late, unanswered = [], []
        with read_session(self.engine) as s:
            matters = list(s.execute(select(MatterRow).order_by(MatterRow.village_code)).scalars())
            returned = [
                (m.village_code, m.id, m.title, m.review_comment)
                for m in matters
                if m.review_state == "returned"
            ]
            # Only a matter with a resolution can owe a disclosure.
            owing = [m for m in matters if m.reached_index >= Step.RESOLUTION.index]
            village_of_matter = {m.id: m.village_code for m in owing}
            profiles = {
                v.code: self.review.profile_for(village_from_row(v))
                for v in s.execute(select(VillageRow)).scalars()
            }
            for st in load_states(s, owing):
                profile = profiles[village_of_matter[st.matter.id]]
                for x in late_notices(st, today, profile):
                    late.append((st.matter.id, st.matter.title, x))
        village_of = {m.id: m.village_code for m in matters}
        late_lines = [(names.get(village_of[mid], ""), title, x) for mid, title, x in late]
        unanswered = [
            (names.get(code, code), title, comment) for code, _, title, comment in returned
        ]
        silent = [v for v in lines if v.last_heard is None or (today - v.last_heard).days > days]
        return Weekly(days, late_lines, unanswered, silent)

    # -- deciding -------------------------------------------------------------------
    def approve(self, matter_id: str, comment: str = "") -> Event:
        """Approve one matter (refused while `approval_blockers` finds anything)."""
        return self.review.approve(matter_id, comment)

    def return_matter(self, matter_id: str, comment: str) -> Event:
        """Return one matter with its (required) comment."""
        return self.review.return_matter(matter_id, comment)

    def approve_many(self, matter_ids: Iterable[str]) -> list[Event]:
        """Approve several matters, each its own signed event; stops at the first refusal."""
        return [self.review.approve(m) for m in matter_ids]

    # -- the exchange ----------------------------------------------------------------
    def inbox(self, folder: Path | None = None) -> list[InboxFile]:
        """The bundles in the inbox folder, new ones first marked as such."""
        from .importer import bundle_files

        folder = folder or self.inbox_folder()
        if folder is None or not folder.is_dir():
            return []
        with read_session(self.engine) as s:
            logged = set(s.execute(select(ImportLog.manifest_sha256)).scalars())
            held = set(s.execute(select(HeldBundle.manifest_sha256)).scalars())
            heads = dict(s.execute(select(LedgerHead.ledger, LedgerHead.seq)).all())
            names = dict(s.execute(select(VillageRow.code, VillageRow.name)).all())
        out = []
        for path in bundle_files([folder]):
            out.append(_glance(path, logged | held, heads, names))
        return out

    def import_files(self, files: list[Path], progress=None) -> list[ImportLine]:
        """Import these bundles, each line naming its village; a village's first key is trusted.

        Trusting a first key is what the township's own inbox is for: it holds what the
        villages handed over. A key that changes later is still refused.
        """
        from .importer import import_bundles

        summary = import_bundles(self.engine, files, trust_new=True, progress=progress)
        with read_session(self.engine) as s:
            names = dict(s.execute(select(VillageRow.code, VillageRow.name)).all())
        glance = {str(f.path): f for f in self.inbox_glance(files)}
        out = []
        for r in summary.results:
            code = (r.ledger or "").removeprefix(ev.REVIEW_PREFIX)
            if not code and r.path in glance:
                code = glance[r.path].village_code
            name = names.get(code) or (glance[r.path].village_name if r.path in glance else "")
            out.append(ImportLine(r.status, code, name, r.path, r.message_zh, r.message_en))
        return out

    def inbox_glance(self, files: Iterable[Path]) -> list[InboxFile]:
        """A glance at each file's manifest (for naming the village of a refused bundle)."""
        return [_glance(Path(f), set(), {}, {}) for f in files]

    def export_feedback(self, folder: Path, progress=None):
        """Write the review feedback for every village into `folder`."""
        from .export import export_bundles

        return export_bundles(self.engine, folder, progress=progress)


def _line(v: VillageStatus, defects: int | None, checked: bool = True) -> VillageLine:
    heard = date.fromisoformat(v.last_import[:10]) if v.last_import else None
    return VillageLine(
        v.code, v.name, heard, v.matters, v.pending, v.returned, defects, v.broken, v.held, checked
    )


def _thread(s, village_code: str, matter_id: str) -> list[ThreadEntry]:
    """The township's verdicts and the village's answers on one matter, oldest first."""
    t = EventRow.__table__
    q = select(t.c.seq, t.c.type, t.c.payload, t.c.actor, t.c.recorded_at).where(
        t.c.matter_id == matter_id,
        (
            (t.c.ledger == ev.review_ledger(village_code))
            & t.c.type.in_([ev.REVIEW_APPROVED, ev.REVIEW_RETURNED])
        )
        | ((t.c.ledger == village_code) & (t.c.type == ev.MATTER_ANSWERED)),
    )
    out = []
    answers_to: dict[int, int] = {}  # an answer's seq in the village ledger -> the verdict's
    for seq, type_, payload, actor, at in s.execute(q).all():
        data: dict[str, Any] = json.loads(payload)
        comment = data.get("comment") if type_ != ev.MATTER_ANSWERED else data.get("text")
        out.append(
            ThreadEntry(seq, at, type_, actor, str(comment or ""), str(data.get("answer", "")))
        )
        if type_ == ev.MATTER_ANSWERED and isinstance(data.get("review_seq"), int):
            answers_to[seq] = data["review_seq"]
    # Seqs of the two ledgers do not compare, and stamps of the same second tie (or the
    # village PC's clock lags): an answer comes after the return it answers, a verdict in
    # its review-ledger order, whatever order the database hands the rows back in.
    verdicts = {e.seq: e for e in out if e.kind != ev.MATTER_ANSWERED}

    def key(e: ThreadEntry) -> tuple[str, int, int, int]:
        if e.kind != ev.MATTER_ANSWERED:
            return (e.recorded_at, e.seq, 0, 0)
        answered = verdicts.get(answers_to.get(e.seq, -1))
        if answered is None:
            return (e.recorded_at, sys.maxsize, 1, e.seq)
        return (max(e.recorded_at, answered.recorded_at), answered.seq, 1, e.seq)

    return sorted(out, key=key)


def _glance(path: Path, seen: set[str], heads: dict[str, int], names: dict[str, str]) -> InboxFile:
    try:
        raw = bf.read_members(path.read_bytes())[bf.MANIFEST]
        m = json.loads(raw.decode("utf-8"))
        code, first, last = str(m["village_code"]), int(m["first_seq"]), int(m["last_seq"])
        kind, ledger = m["kind"], str(m["ledger"])
        name = names.get(code) or str(m.get("signer", {}).get("owner_name", ""))
    except (OSError, bf.Refused, ValueError, KeyError, TypeError, AttributeError):
        return InboxFile(path, "", "", 0, 0, "unreadable")
    if kind != "village":
        status = "feedback"
    elif hashlib.sha256(raw).hexdigest() in seen or last <= heads.get(ledger, 0):
        status = "already"
    else:
        status = "new"
    return InboxFile(path, code, name, first, last, status)


__all__ = ["TownshipDesk", "VillageLine", "MatterDetail", "ThreadEntry", "InboxFile"]
