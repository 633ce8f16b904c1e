"""Recording a planned backlog through the same VillageService calls and checks as the forms.

Each matter is one transaction (`store.db.one_transaction`): all of it or none. A rule a
meeting broke is recorded as the forms record it once the clerk confirms (the paper
ledger says what happened); only what cannot be true is refused. A matter's id comes
from the village code and its number, so a second run finds it and records nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from ..domain.findings import Finding, InvalidRecord
from ..store.db import one_transaction
from ..store.services import NeedsConfirmation, ServiceError, VillageService
from .cells import CellError
from .plan import Entry, MatterPlan, Plan, cell_of

RECORDED, WITH_FINDINGS, REFUSED, UNCHANGED = "recorded", "findings", "refused", "unchanged"
_NAMESPACE = uuid.UUID("6f1d2c4e-8a57-4b6e-9d0c-3b2a1e5f7c90")  # backlog matters; never change
_CONFIRM_ROUNDS = 3


@dataclass
class Outcome:
    """What became of one matter (or one row that belongs to no matter)."""

    status: str
    cell: str
    number: str = ""
    title: str = ""
    events: int = 0
    reason_zh: str = ""
    reason_en: str = ""
    findings: list[tuple[str, Finding]] = field(default_factory=list)  # (cell, finding)


def backlog_matter_id(village_code: str, number: str) -> str:
    """The matter's id: the same for the same village and number, every run."""
    return uuid.uuid5(_NAMESPACE, f"{village_code}\x1f{number}").hex


def record_plan(
    svc: VillageService, plan: Plan, advance: Callable[[], None] = lambda: None
) -> list[Outcome]:
    """Record every matter of `plan`; one Outcome per matter, then one per orphan row."""
    code = svc.village_code()
    if code is None:
        raise ServiceError(
            "尚未设置村庄信息，请先完成初始设置", "The village has not been set up yet"
        )
    out = []
    for matter in plan.matters:
        out.append(_record_matter(svc, code, matter))
        advance()
    for exc in plan.orphans:
        out.append(Outcome(REFUSED, exc.cell, reason_zh=exc.message_zh, reason_en=exc.message_en))
    return out


def _record_matter(svc: VillageService, code: str, plan: MatterPlan) -> Outcome:
    base = {"cell": plan.ref, "number": plan.number, "title": plan.title}
    if plan.error is not None:
        return Outcome(
            REFUSED, reason_zh=plan.error.message_zh, reason_en=plan.error.message_en, **base
        )
    mid = backlog_matter_id(code, plan.number)
    if svc.states([mid]):
        return Outcome(UNCHANGED, **base)
    entry: Entry | None = None
    found: list[tuple[str, Finding]] = []
    try:
        with one_transaction(svc.engine):
            svc.open_matter(**plan.fields, matter_id=mid)
            for entry in plan.entries:
                found += [(entry.ref, f) for f in _record_entry(svc, mid, entry)]
    except (InvalidRecord, CellError) as exc:
        where = exc.cell if isinstance(exc, CellError) else cell_of(entry, plan, exc.field)
        return _refused(base, where, exc)
    except ServiceError as exc:
        return _refused(base, entry.ref if entry else plan.ref, exc)
    status = WITH_FINDINGS if found else RECORDED
    return Outcome(status, events=1 + len(plan.entries), findings=found, **base)


def _refused(base: dict, where: str, exc) -> Outcome:
    from ..i18n.backlog import OUTCOME

    if isinstance(exc, CellError):  # its message names the cell already
        zh, en = exc.message_zh, exc.message_en
    else:
        zh = OUTCOME["at"][0].format(cell=where, reason=exc.message_zh)
        en = OUTCOME["at"][1].format(cell=where, reason=exc.message_en)
    return Outcome(REFUSED, reason_zh=zh, reason_en=en, **base)


def _record_entry(svc: VillageService, mid: str, entry: Entry) -> list[Finding]:
    if entry.action == "progress":
        svc.add_progress(mid, **entry.record)
        return []
    if entry.action == "completion":
        svc.complete(mid, **entry.record)
        return []
    acknowledged: list[str] = []
    for _ in range(_CONFIRM_ROUNDS):
        try:
            return svc.record_step(mid, entry.step, entry.record, acknowledged)
        except NeedsConfirmation as exc:
            # What the clerk confirms in the form: the ledger records the meeting as it was.
            acknowledged += [f.rule_id for f in exc.findings]
    return svc.record_step(mid, entry.step, entry.record, acknowledged)
