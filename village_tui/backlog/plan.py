"""Rows read from a backlog file, grouped by matter and turned into what the services record.

Each matter gathers its meetings, postings and implementation entries, in the order
the procedure records them; a matter with one bad cell carries that refusal and is
recorded not at all. Rows naming no matter on the 事项 sheet are refused on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..domain.model import Implementation, Meeting, Official, Posting
from ..domain.steps import Step
from .cells import CellError, convert
from .read import RawRow


@dataclass
class Entry:
    """One thing to record for a matter, with the cells its fields came from."""

    action: str  # "step" | "progress" | "completion"
    step: Step
    record: Any
    ref: str  # the row's own cell (its step or kind), for refusals about the row as a whole
    cells: dict[str, str]
    order: tuple = ()


@dataclass
class MatterPlan:
    """A matter from the 事项 sheet and everything the other sheets record for it."""

    number: str
    ref: str
    title: str
    fields: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    error: CellError | None = None


@dataclass
class Plan:
    """The matters of a file, in file order, and the rows that belong to none."""

    matters: list[MatterPlan]
    orphans: list[CellError]


# Fields whose cell has another name in the workbook (the model counts fen, the sheet yuan).
ALIASES = {
    "planned_fen": "planned_yuan",
    "spent_fen": "spent_yuan",
    "started_on": "on",
    "completed_on": "on",
    "summary": "description",
    "note": "description",
    "votes": "votes_for",  # the three votes together exceed those present
}
_SUB = {"start": 0, "progress": 1, "completion": 2}


def plan_backlog(sheets: dict[str, list[RawRow]]) -> Plan:
    """Group the rows of every sheet under their matters."""
    matters: dict[str, MatterPlan] = {}
    orphans: list[CellError] = []
    for row in sheets["matters"]:
        try:
            values = _values(row)
        except CellError as exc:
            number = _number_shown(row)
            if number in matters or not number:
                orphans.append(exc)
            else:
                matters[number] = _refused(row, number, exc)
            continue
        number = values["number"]
        if number in matters:
            orphans.append(
                CellError(
                    "duplicate", row.cells["number"], number=number, first=matters[number].ref
                )
            )
            continue
        matters[number] = MatterPlan(
            number=number,
            ref=row.cells["number"],
            title=values["title"],
            fields={
                "title": values["title"],
                "category": values["category"],
                "source": values["source"],
                "description": values["description"] or "",
                "planned_fen": values["planned_yuan"] or 0,
                "personal_data": bool(values["personal_data"]),
                "opened_on": values["opened_on"],
            },
            cells=row.cells,
        )
    for key, make in (
        ("meetings", _meeting),
        ("postings", _posting),
        ("implementation", _implementation),
    ):
        for i, row in enumerate(sheets[key]):
            number = _number_shown(row, "matter")
            plan = matters.get(number)
            if plan is None:
                orphans.append(CellError("no_matter", row.cells["matter"], number=number))
                continue
            if plan.error is not None:
                continue
            try:
                entry = make(_values(row), row)
            except CellError as exc:
                plan.error = exc
                continue
            entry.order = (entry.order, i)
            plan.entries.append(entry)
    for plan in matters.values():
        plan.entries.sort(key=lambda e: e.order)
        if plan.error is None and plan.fields["opened_on"] is None and plan.entries:
            # An undated old matter was opened by its first meeting, not on the day it is typed in.
            plan.fields["opened_on"] = min(e.order[0][2] for e in plan.entries)
    return Plan(list(matters.values()), orphans)


def _values(row: RawRow) -> dict[str, Any]:
    return {c.key: convert(c, row.values.get(c.key), row.cells[c.key]) for c in row.sheet.columns}


def _number_shown(row: RawRow, key: str = "number") -> str:
    raw = row.values.get(key)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return "" if raw is None else " ".join(str(raw).split())[:40]


def _refused(row: RawRow, number: str, exc: CellError) -> MatterPlan:
    title = row.values.get("title")
    return MatterPlan(
        number=number,
        ref=row.cells["number"],
        title=title if isinstance(title, str) else "",
        cells=row.cells,
        error=exc,
    )


def _meeting(v: dict[str, Any], row: RawRow) -> Entry:
    step = Step(v["step"])
    m = Meeting(
        held_on=v["held_on"],
        place=v["place"] or "",
        form=v["form"] or "in_person",
        vote_method=v["vote_method"] or "hands",
        expected=v["expected"],
        present=v["present"],
        votes_for=v["votes_for"],
        votes_against=v["votes_against"],
        votes_abstain=v["votes_abstain"],
        content=v["content"] or "",
        minutes=v["minutes"] or "",
        officials=parse_officials(v["officials"] or ""),
        merged_with_proposal=bool(v["merged_with_proposal"]),
        plan_sent_on=v["plan_sent_on"],
        assembly=v["assembly"] or "representatives",
        notice_given_on=v["notice_given_on"],
    )
    return Entry("step", step, m, row.cells["step"], row.cells, (step.index, 0, v["held_on"]))


def _posting(v: dict[str, Any], row: RawRow) -> Entry:
    step = Step(v["step"])
    p = Posting(
        posted_on=v["posted_on"],
        until=v["until"],
        places=tuple(x for x in re.split(r"[、,，;；\n]+", v["places"] or "") if x.strip()),
        content=v["content"] or "",
        situation=v["situation"] or "",
        supervisory_opinion=v["supervisory_opinion"] or "",
        supervisors=v["supervisors"] or "",
        results=v["results"] or "",
        spent_fen=v["spent_yuan"],
    )
    return Entry("step", step, p, row.cells["step"], row.cells, (step.index, 0, v["posted_on"]))


def _implementation(v: dict[str, Any], row: RawRow) -> Entry:
    kind, on = v["kind"], v["on"]
    order = (Step.IMPLEMENTATION.index, _SUB[kind], on)
    text = v["description"] or ""
    if kind == "start":
        record: Any = Implementation(
            started_on=on,
            contractor=v["contractor"] or "",
            contract_ref=v["contract_ref"] or "",
            note=text,
        )
        action = "step"
    elif kind == "progress":
        record = {"on": on, "description": text, "spent_fen": v["spent_yuan"] or 0}
        action = "progress"
    else:
        record = {"completed_on": on, "summary": text}
        action = "completion"
    return Entry(action, Step.IMPLEMENTATION, record, row.cells["kind"], row.cells, order)


def parse_officials(text: str) -> tuple[Official, ...]:
    """ "张三:副镇长；李四:组织委员" as officials (as the meeting form reads them)."""
    out = []
    for part in re.split(r"[;；,，、\n]+", text):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"([^:：\s]+)\s*[:：\s]\s*(.*)", part)
        name, post = (m[1], m[2]) if m else (part, "")
        out.append(Official(name=name.strip(), post=post.strip()))
    return tuple(out)


def cell_of(entry: Entry | None, plan: MatterPlan, field_name: str) -> str:
    """The cell a refused field came from: the entry's, else the matter row's, else the row's own."""
    key = ALIASES.get(field_name, field_name)
    if entry is None:
        return plan.cells.get(key, plan.ref)
    return entry.cells.get(key, entry.ref)
