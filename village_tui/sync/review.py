"""The township's review: what each village's matters look like, and signed approvals and returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select

from ..domain import events as ev
from ..domain.chain import Event, canonical_json
from ..domain.codes import township_code
from ..domain.disclosure import owed_disclosures  # noqa: F401  (re-exported: the review's reminders)
from ..domain.events import review_ledger
from ..domain.findings import Finding
from ..domain.mask import public_text
from ..domain.model import Attempt, MatterState, Village
from ..domain.profile import Profile
from ..domain.rule_book import rule_book
from ..domain.rules import evaluate
from ..domain.steps import ORDER, Step
from ..domain.text import check_recordable
from ..i18n.sync import both, text
from ..store.db import read_session, write_session
from ..store.ledger import append, utc_now, verify
from ..store.services import ServiceError
from ..store.state import load_states, village_from_row
from ..store.tables import EventRow, LedgerHead, MatterRow, SettingRow, VillageRow
from .keys import ensure_own_key_in, event_signer
from .tables import HeldBundle, ImportLog

# A matter in one of these states waits for the township's verdict.
PENDING_STATES = ("pending", "reopened")


@dataclass(frozen=True)
class Late:
    """A notice that should be up by now."""

    step: Step
    days: int

    def message(self, lang: str = "zh") -> str:
        """What is late, in `lang`."""
        key = "late_resolution" if self.step is Step.RESOLUTION_DISCLOSURE else "late_result"
        return text(key, lang, days=self.days)


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


def late_notices(state: MatterState, today: date, profile: Profile) -> list[Late]:
    """The notices that should be up by `today` and are not."""
    return [
        Late(step, (today - since).days)
        for step, since, due in owed_disclosures(state, profile)
        if today > due
    ]


def cured_by_explanation(finding: Finding) -> bool:
    """Whether the finding is a defect that doing the step again cannot cure (a late disclosure)."""
    rule = rule_book().get(finding.rule_id)
    return rule is not None and rule.cure == "explanation"


def approval_blockers(row: ReviewRow, explanation: str = "") -> list[Finding]:
    """The findings that keep a matter from being approved; none means it may be.

    The one place this is decided: the screens, the batch approval and `approve`
    all ask here. Every invalid step and defect counts, but a defect that cannot be
    undone (a disclosure made late) is cured by the explanation the township accepts
    and records with its approval (`explanation`, the approval's comment).
    """
    explained = bool(explanation.strip())
    return [f for f in row.findings if f.blocking and not (explained and cured_by_explanation(f))]


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

    def profile_for(self, village: Village) -> Profile:
        """The rule profile the village's matters are reviewed under."""
        return self._profile(village)

    def _profile(self, village: Village):
        from ..profiles import UnknownProfile, load_profile

        if village.profile not in self._profiles:
            try:
                self._profiles[village.profile] = load_profile(village.profile)
            except UnknownProfile:
                # Judging a village by rules it does not follow would approve what its
                # county refuses (or the reverse): refuse, as the county report does.
                raise ServiceError(
                    *both("review_unknown_profile", code=village.code, profile=village.profile)
                ) from None
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
                    late=late_notices(st, today, self._profile(village)),
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
                *both("review_no_unique_matter" if found else "review_no_matter", ref=ref)
            )
        return found[0]

    def approve(self, matter_ref: str, comment: str = "") -> Event:
        """Approve a matter (refused while it has blocking findings); a signed review event."""
        return self._review(ev.REVIEW_APPROVED, matter_ref, comment)

    def return_matter(self, matter_ref: str, comment: str) -> Event:
        """Return a matter to its village with a comment; a signed review event."""
        if not comment.strip():
            raise ServiceError(*both("review_return_needs_comment"))
        return self._review(ev.REVIEW_RETURNED, matter_ref, comment)

    def _review(self, type_: str, matter_ref: str, comment: str) -> Event:
        matter_id = self.resolve(matter_ref)
        with read_session(self.engine) as s:
            role = s.get(SettingRow, "role")
        if role is not None and role.value == "village":
            raise ServiceError(*both("review_in_village_db"))
        (row,) = self.rows_for(matter_id)
        if type_ == ev.REVIEW_APPROVED:
            if row.review_state == "approved":
                raise ServiceError(*both("review_already_approved"))
            blockers = approval_blockers(row, comment)
            if blockers and all(cured_by_explanation(f) for f in blockers):
                raise ServiceError(*both("late_needs_explanation"))
            if blockers:
                raise ServiceError(*both("review_blocked", count=len(blockers)))
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
