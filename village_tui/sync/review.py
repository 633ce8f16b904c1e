"""The township's review: what each village's matters look like, and signed approvals and returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, func, select

from ..domain import events as ev
from ..domain.chain import Event, canonical_json
from ..domain.codes import township_code
from ..domain.events import review_ledger
from ..domain.findings import Finding
from ..domain.model import Attempt, MatterState, Village
from ..domain.rules import evaluate
from ..domain.steps import ORDER, Step
from ..domain.text import check_recordable
from ..notices.mask import public_text
from ..store.db import read_session, write_session
from ..store.ledger import append, utc_now, verify
from ..store.services import ServiceError
from ..store.state import load_states, village_from_row
from ..store.tables import EventRow, LedgerHead, MatterRow, SettingRow, VillageRow
from .keys import ensure_own_key_in, event_signer
from .tables import HeldBundle, ImportLog

# Township reminders, not legal rules: how long a resolution or a finished
# implementation may wait before its notice goes up.
RESOLUTION_DISCLOSE_DAYS = 7
RESULT_DISCLOSE_DAYS = 30
# A matter in one of these states waits for the township's verdict.
PENDING_STATES = ("pending", "reopened")


@dataclass(frozen=True)
class Late:
    """A notice that should be up by now."""

    step: Step
    days: int

    def message(self, lang: str = "zh") -> str:
        if self.step is Step.RESOLUTION_DISCLOSURE:
            return (
                f"resolution not disclosed after {self.days} days"
                if lang == "en"
                else f"决议已 {self.days} 天未公开"
            )
        return (
            f"results not disclosed {self.days} days after completion"
            if lang == "en"
            else f"完成已 {self.days} 天未公开实施结果"
        )


@dataclass(frozen=True)
class ReviewRow:
    """One matter as the township sees it."""

    village_code: str
    village_name: str
    matter_id: str
    title: str
    category: str
    reached: Step | None
    findings: list[Finding]
    missing: list[Step]
    late: list[Late]
    review_state: str
    review_comment: str
    updated_seq: int
    attempts: tuple[Attempt, ...] = ()  # every try at a step, failed ones included

    @property
    def retried(self) -> bool:
        """Whether some step needed more than one attempt."""
        steps = [a.step for a in self.attempts]
        return len(steps) != len(set(steps))

    @property
    def blocking(self) -> int:
        return sum(1 for f in self.findings if f.blocking)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if not f.blocking)


@dataclass(frozen=True)
class VillageStatus:
    """A village's ledger as it stands here: whole or broken, and what is waiting."""

    code: str
    name: str
    events: int
    last_seq: int
    broken: str | None  # the first break, when the chain is broken
    held: int  # bundles waiting for an earlier one
    last_import: str | None
    matters: int
    pending: int
    returned: int
    approved: int
    reasons: list[str] = field(default_factory=list)


def missing_steps(state: MatterState) -> list[Step]:
    """Steps before the furthest one recorded that were never recorded."""
    reached = state.reached
    if reached is None:
        return []
    return [s for s in ORDER[: reached.index] if s not in state.steps]


def owed_disclosures(state: MatterState) -> list[tuple[Step, date, date]]:
    """The disclosures a matter owes: (step, the day it became owed, the day it falls due).

    The one definition of "late" that the township review and the county report share.
    """
    out = []
    resolution = state.steps.get(Step.RESOLUTION)
    if resolution is not None and Step.RESOLUTION_DISCLOSURE not in state.steps:
        since = resolution.held_on
        out.append((Step.RESOLUTION_DISCLOSURE, since, since + timedelta(RESOLUTION_DISCLOSE_DAYS)))
    if state.completion is not None and Step.RESULT_DISCLOSURE not in state.steps:
        since = state.completion.completed_on
        out.append((Step.RESULT_DISCLOSURE, since, since + timedelta(RESULT_DISCLOSE_DAYS)))
    return out


def late_notices(state: MatterState, today: date) -> list[Late]:
    return [
        Late(step, (today - since).days)
        for step, since, due in owed_disclosures(state)
        if today > due
    ]


def approval_blockers(row: ReviewRow) -> list[Finding]:
    """The findings that keep a matter from being approved; none means it may be.

    The one place this is decided: the screens, the batch approval and `approve`
    all ask here. Today every blocking finding counts.
    """
    return [f for f in row.findings if f.blocking]


class ReviewService:
    """Reads every village this township database holds, and records signed review events."""

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
        self._profiles: dict[str, Any] = {}

    def _profile(self, village: Village):
        from ..profiles import UnknownProfile, load_profile

        if village.profile not in self._profiles:
            try:
                self._profiles[village.profile] = load_profile(village.profile)
            except UnknownProfile:  # a county profile this machine does not have
                self._profiles[village.profile] = load_profile("national")
        return self._profiles[village.profile]

    def rows(
        self, village_code: str | None = None, *, pending_only: bool = False
    ) -> list[ReviewRow]:
        """Every matter of every village (or of one), villages in code order, newest matter first."""
        today = self.today()
        with read_session(self.engine) as s:
            villages = {v.code: v for v in s.exec(select(VillageRow)).scalars()}
            m = MatterRow.__table__.c
            q = select(*m)  # plain rows: 13,000 ORM objects cost more than evaluating them
            if village_code is not None:
                q = q.where(m.village_code == village_code)
            if pending_only:
                q = q.where(m.review_state.in_(PENDING_STATES))
            matter_rows = list(s.execute(q.order_by(m.village_code, m.opened_seq.desc())))
            updated = {m.id: m.updated_seq for m in matter_rows}
            states = load_states(s, matter_rows)
            village_of = {m.id: m.village_code for m in matter_rows}
        out = []
        for st in states:
            vrow = villages[village_of[st.matter.id]]
            village = village_from_row(vrow)
            out.append(
                ReviewRow(
                    village_code=village.code,
                    village_name=public_text(village.name, one_line=True),
                    matter_id=st.matter.id,
                    title=public_text(st.matter.title, one_line=True),
                    category=st.matter.category,
                    reached=st.reached,
                    findings=evaluate(st, village, self._profile(village), today),
                    missing=missing_steps(st),
                    late=late_notices(st, today),
                    review_state=st.review_state,
                    review_comment=public_text(st.review_comment, one_line=True),
                    updated_seq=updated[st.matter.id],
                    attempts=tuple(st.attempts),
                )
            )
        return out

    def defect_counts(self) -> dict[str, int]:
        """Per village, the matters waiting for a verdict that cannot be approved as they stand."""
        out: dict[str, int] = {}
        for r in self.rows(pending_only=True):
            if approval_blockers(r):
                out[r.village_code] = out.get(r.village_code, 0) + 1
        return out

    def villages(self, *, check_chains: bool = True) -> list[VillageStatus]:
        """Each village's ledger state, faulty ones named (unchecked without `check_chains`)."""
        with read_session(self.engine) as s:
            broken = self.broken_ledgers(s) if check_chains else {}
            counts = dict(
                s.execute(select(EventRow.ledger, func.count()).group_by(EventRow.ledger)).all()
            )
            held = dict(
                s.execute(select(HeldBundle.ledger, func.count()).group_by(HeldBundle.ledger)).all()
            )
            last = dict(
                s.execute(
                    select(ImportLog.ledger, func.max(ImportLog.imported_at)).group_by(
                        ImportLog.ledger
                    )
                ).all()
            )
            by_village: dict[str, dict[str, int]] = {}
            for code, st, n in s.execute(
                select(MatterRow.village_code, MatterRow.review_state, func.count()).group_by(
                    MatterRow.village_code, MatterRow.review_state
                )
            ).all():
                by_village.setdefault(code, {})[st] = n
            # One query for every head, not one per village (300 villages: a second saved).
            heads = dict(s.execute(select(LedgerHead.ledger, LedgerHead.seq)).all())
            out = []
            for v in s.execute(select(VillageRow).order_by(VillageRow.code)).scalars():
                by = by_village.get(v.code, {})
                out.append(
                    VillageStatus(
                        code=v.code,
                        name=public_text(v.name, one_line=True),
                        events=counts.get(v.code, 0),
                        last_seq=heads.get(v.code, 0),
                        broken=broken.get(v.code),
                        held=held.get(v.code, 0),
                        last_import=last.get(v.code),
                        matters=sum(by.values()),
                        pending=by.get("pending", 0) + by.get("reopened", 0),
                        returned=by.get("returned", 0),
                        approved=by.get("approved", 0),
                    )
                )
        return out

    def broken_ledgers(self, session=None) -> dict[str, str]:
        """Ledger -> the first break, for every ledger whose hash chain does not hold."""
        if session is None:
            with read_session(self.engine) as s:
                return self.broken_ledgers(s)
        return {b.ledger: b.reason for b in verify(session).breaks}

    def resolve(self, matter_ref: str) -> str:
        """The full id of the matter a (unique, at least 4 character) prefix names."""
        ref = matter_ref.strip()
        with read_session(self.engine) as s:
            if s.get(MatterRow, ref) is not None:
                return ref
            found = (
                s.execute(select(MatterRow.id).where(MatterRow.id.startswith(ref)).limit(2))
                .scalars()
                .all()
                if len(ref) >= 4
                else []
            )
        if len(found) != 1:
            raise ServiceError(
                f"找不到唯一的事项 {ref}" if found else f"找不到事项 {ref}",
                f"No unique matter {ref}" if found else f"No matter {ref}",
            )
        return found[0]

    def approve(self, matter_ref: str, comment: str = "") -> Event:
        """Approve a matter (refused while it has blocking findings); a signed review event."""
        return self._review(ev.REVIEW_APPROVED, matter_ref, comment)

    def return_matter(self, matter_ref: str, comment: str) -> Event:
        """Return a matter to its village with a comment; a signed review event."""
        if not comment.strip():
            raise ServiceError("退回必须填写意见", "Returning a matter needs a comment")
        return self._review(ev.REVIEW_RETURNED, matter_ref, comment)

    def _review(self, type_: str, matter_ref: str, comment: str) -> Event:
        matter_id = self.resolve(matter_ref)
        with read_session(self.engine) as s:
            role = s.get(SettingRow, "role")
        if role is not None and role.value == "village":
            raise ServiceError(
                "村级数据库不能审核，请在乡镇数据库中审核",
                "A village database cannot review; review in the township's database",
            )
        (row,) = self.rows_for(matter_id)
        if type_ == ev.REVIEW_APPROVED:
            if row.review_state == "approved":
                raise ServiceError("该事项已通过审核", "This matter is already approved")
            blockers = approval_blockers(row)
            if blockers:
                raise ServiceError(
                    f"该事项有 {len(blockers)} 项阻断性问题，不能通过，请退回",
                    f"This matter has {len(blockers)} blocking finding(s); return it instead",
                )
        payload = {
            "matter_id": matter_id,
            "village_code": row.village_code,
            # the township the village code says: the only one whose key may sign this review
            "township_code": township_code(row.village_code),
            "comment": comment.strip(),
            "reviewer": self.actor,
            "reviewed_seq": row.updated_seq,
        }
        ledger = review_ledger(row.village_code)
        check_recordable(payload, canonical_json(payload), self.actor)
        with write_session(self.engine) as s:
            e = append(
                s,
                ledger=ledger,
                type=type_,
                payload=payload,
                actor=self.actor,
                matter_id=matter_id,
                now=self.now,
                sign=event_signer(ensure_own_key_in(s)),
            )
        return e

    def rows_for(self, matter_id: str) -> list[ReviewRow]:
        with read_session(self.engine) as s:
            m = s.get(MatterRow, matter_id)
            code = m.village_code if m else None
        return [r for r in self.rows(code) if r.matter_id == matter_id]
