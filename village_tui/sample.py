"""The shipped sample villages (示例, fictitious), loaded through the real ledger.

Dates in the sample files are whole-day offsets from the day of loading
(-40 = forty days ago), so a notice that is "running now" in the demo is
running whenever the demo is loaded. Every event is appended with
`ledger.append`, hashed and applied like any other; the service's refusals are
deliberately bypassed because the sample copies paper ledgers, and some of
them show a rule violation that the evaluator must then report.
See sample_data/README.md for the file format.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import Engine, func, select

from .domain import events as ev
from .domain.codes import check_village_code, county_code, township_code
from .domain.model import (
    Completion,
    Matter,
    Objection,
    PayloadError,
    ProgressEntry,
    Roster,
    Village,
    from_payload,
    record_date,
    record_from_payload,
    to_payload,
)
from .domain.steps import Step
from .store.errors import ServiceError
from .store.step_payload import step_payload

# Keys whose whole-number values are day offsets to resolve against the load day.
DATE_KEYS = frozenset(
    {"held_on", "plan_sent_on", "notice_given_on", "posted_on", "until", "started_on", "on"}
    | {"completed_on", "received_on", "replied_on", "opened_on", "effective_on"}
)
FORMAT = "village-tui-sample/1"


class SampleError(ServiceError):
    """The sample cannot be loaded here (unknown village, database already in use, bad file)."""


@dataclass(frozen=True)
class SampleVillage:
    """One sample file: which village it holds and how many matters."""

    code: str
    name: str
    township: str
    county: str
    profile: str
    matters: int
    file: str


def _files() -> list[tuple[str, dict[str, Any]]]:
    from .resources import data_dir

    out = []
    for entry in sorted(data_dir("sample_data").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("format") == FORMAT:
                out.append((entry.name, data))
    return out


def sample_villages() -> list[SampleVillage]:
    """The sample villages in file order; the first is the demo village."""
    return [
        SampleVillage(
            code=d["village"]["code"],
            name=d["village"]["name"],
            township=d["village"]["township_name"],
            county=d["village"]["county_name"],
            profile=d["village"].get("profile", "national"),
            matters=len(d.get("matters", [])),
            file=name,
        )
        for name, d in _files()
    ]


def sample_data(village_code: str | None = None) -> dict[str, Any]:
    """The raw sample file of one village (the first when no code is given)."""
    files = _files()
    if not files:
        raise SampleError("找不到示例数据文件", "No sample data files found")
    if village_code is None:
        return files[0][1]
    for _, data in files:
        if data["village"]["code"] == village_code:
            return data
    known = "、".join(d["village"]["code"] for _, d in files)
    raise SampleError(
        f"没有区划代码为 {village_code} 的示例村（可选：{known}）",
        f"No sample village with code {village_code} (choose from {known.replace('、', ', ')})",
    )


def resolve(value: Any, today: date, key: str | None = None) -> Any:
    """`value` with every day offset under a date key turned into an ISO date."""
    if isinstance(value, dict):
        return {k: resolve(v, today, k) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, today, key) for v in value]
    if key in DATE_KEYS and isinstance(value, int) and not isinstance(value, bool):
        return (today + timedelta(days=value)).isoformat()
    return value


@dataclass
class _Planned:
    """One event to append, with the day it happened (for the order of the ledger)."""

    day: date
    type: str
    payload: dict[str, Any]
    matter_id: str | None
    step: str | None = None  # step.recorded only: corrections look the event up by it


def _village(data: dict[str, Any]) -> Village:
    v = data["village"]
    check_village_code(v["code"])
    return Village(
        code=v["code"],
        name=v["name"],
        township_code=township_code(v["code"]),
        township_name=v["township_name"],
        county_code=county_code(v["code"]),
        county_name=v["county_name"],
        profile=v.get("profile", "national"),
        roster=from_payload(Roster, v.get("roster", {})),
    )


def _matter_events(m: dict[str, Any], today: date) -> list[_Planned]:
    r = resolve(m, today)
    mid = r["id"]
    matter = from_payload(Matter, {k: v for k, v in r.items() if k in Matter.__dataclass_fields__})
    opened_on = matter.opened_on or today
    out = [_Planned(opened_on, ev.MATTER_OPENED, {"matter": to_payload(matter)}, mid)]
    body: list[tuple[int, _Planned]] = []

    def add(rank: int, day: date, type_: str, payload: dict[str, Any], step: str | None = None):
        body.append((rank, _Planned(day, type_, {"matter_id": mid, **payload}, mid, step)))

    for s in r.get("steps", []):
        step = Step(s["step"])
        record = record_from_payload(step, s["record"])
        # Made into the form's payload (verdict included) when the ledger so far can judge it.
        given = {
            "step": step.value,
            "record": s["record"],
            "acknowledged": s.get("acknowledged", []),
        }
        add(step.index * 10, record_date(record), ev.STEP_RECORDED, given, step.value)
    impl = Step.IMPLEMENTATION.index * 10
    for n, p in enumerate(r.get("progress", []), 1):
        entry = from_payload(ProgressEntry, {"id": f"{mid}-p{n}", **p})
        add(impl + 1, entry.on, ev.PROGRESS_RECORDED, {"entry": to_payload(entry)})
    if "completion" in r:
        c = from_payload(Completion, r["completion"])
        add(impl + 2, c.completed_on, ev.IMPLEMENTATION_COMPLETED, {"completion": to_payload(c)})
    for n, o in enumerate(r.get("objections", []), 1):
        obj = from_payload(Objection, {"id": f"{mid}-o{n}", **o, "reply": "", "replied_on": None})
        rank = Step(obj.step).index * 10 + 3
        add(rank, obj.received_on, ev.OBJECTION_RECORDED, {"objection": to_payload(obj)})
        if o.get("reply"):
            answer = {"objection_id": obj.id, "reply": o["reply"], "replied_on": o["replied_on"]}
            add(rank + 1, date.fromisoformat(o["replied_on"]), ev.OBJECTION_ANSWERED, answer)
    # The day decides the order, the procedure breaks ties; a later event never
    # goes before the one it depends on, so each day is at least the previous one.
    body.sort(key=lambda item: (item[1].day, item[0]))
    last = opened_on
    for _, planned in body:
        planned.day = last = max(planned.day, last)
        out.append(planned)
    return out


def plan(data: dict[str, Any], today: date) -> tuple[Village, list[_Planned], list[dict[str, Any]]]:
    """The village, its events in ledger order, and the corrections to append after them."""
    village = _village(data)
    per_matter = [_matter_events(m, today) for m in data.get("matters", [])]
    planned: list[tuple[date, int, int, _Planned]] = []
    for rc in resolve(data.get("roster_changes", []), today):
        roster = to_payload(from_payload(Roster, rc["roster"]))
        payload = {"roster": roster, "reason": rc["reason"], "effective_on": rc["effective_on"]}
        day = date.fromisoformat(rc["effective_on"])
        planned.append((day, -1, 0, _Planned(day, ev.ROSTER_CHANGED, payload, None)))
    for mi, items in enumerate(per_matter):
        planned += [(p.day, mi, i, p) for i, p in enumerate(items)]
    planned.sort(key=lambda t: t[:3])
    corrections = []
    for m in data.get("matters", []):
        for c in m.get("corrections", []):
            corrections.append({"matter_id": m["id"], **resolve(c, today)})
    return village, [p for *_, p in planned], corrections


def _clock(today: date, now: datetime) -> Callable[[date], Callable[[], str]]:
    """recorded_at for an event of a given day: that morning, a minute apart, never after `now`."""
    counter: dict[date, int] = {}

    def at(day: date) -> Callable[[], str]:
        n = counter.get(day, 0)
        counter[day] = n + 1
        stamp = datetime.combine(day, time(1, 0), tzinfo=timezone.utc) + timedelta(minutes=n)
        stamp = min(stamp, now)
        text = stamp.replace(microsecond=0).isoformat().replace("+00:00", "Z")
        return lambda: text

    return at


def load_sample(
    engine: Engine,
    village_code: str | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> tuple[Village, int]:
    """Load one sample village into an empty database, in one transaction; (village, matters)."""
    from .store.db import write_session
    from .store.ledger import append
    from .store.services import ROLE_VILLAGE
    from .store.tables import EventRow, SettingRow

    today = today or date.today()
    now = now or datetime.now(timezone.utc)
    data = sample_data(village_code)
    try:
        village, planned, corrections = plan(data, today)
    except (PayloadError, KeyError, ValueError, TypeError) as exc:
        raise SampleError(f"示例数据有误：{exc}", f"The sample data is faulty: {exc}") from None
    actor = data.get("actor", "示例村文书")
    at = _clock(today, now)
    with write_session(engine) as s:
        owner = s.get(SettingRow, "village_code")
        role = s.get(SettingRow, "role")
        has_events = s.execute(select(func.count()).select_from(EventRow)).scalar_one()
        if owner is not None or role is not None or has_events:
            who = owner.value if owner else (role.value if role else "")
            raise SampleError(
                f"该数据库已有数据（{who}），示例只能载入空数据库，请用 --db 指定新文件",
                f"This database is already in use ({who}); load the sample into an empty one (--db NEW_FILE)",
            )
        s.add(SettingRow(key="role", value=ROLE_VILLAGE))
        s.add(SettingRow(key="village_code", value=village.code))
        first_day = min([p.day for p in planned], default=today)
        append(
            s,
            ledger=village.code,
            type=ev.VILLAGE_SET_UP,
            payload={"village": to_payload(village)},
            actor=actor,
            now=at(first_day - timedelta(days=1)),
        )
        step_seq: dict[tuple[str, str], int] = {}
        last_day = first_day
        for p in planned:
            payload = p.payload
            if p.type == ev.STEP_RECORDED:
                payload = _as_the_form_records(s, village.code, payload, p.day, correcting=False)
            e = append(
                s,
                ledger=village.code,
                type=p.type,
                payload=payload,
                actor=actor,
                matter_id=p.matter_id,
                now=at(p.day),
            )
            if p.step:
                step_seq[(p.matter_id or "", p.step)] = e.seq
            last_day = max(last_day, p.day)
        for c in corrections:
            step = Step(c["step"])
            day = date.fromisoformat(c["on"]) if "on" in c else last_day
            replacement = _as_the_form_records(s, village.code, c, day, correcting=True)
            append(
                s,
                ledger=village.code,
                type=ev.CORRECTION,
                payload={
                    "corrects": step_seq[(c["matter_id"], step.value)],
                    "reason": c["reason"],
                    "type": ev.STEP_RECORDED,
                    "payload": replacement,
                },
                actor=actor,
                matter_id=c["matter_id"],
                now=at(day),
            )
    return village, len(data.get("matters", []))


def _as_the_form_records(
    session, village_code: str, given: dict[str, Any], day: date, *, correcting: bool
) -> dict[str, Any]:
    """A sample step's payload exactly as the service writes it, judged on the day it was recorded.

    The verdict (not valid, defects) comes from the rules run over the ledger so
    far, as `VillageService.record_step` and `correct_step` do: a sample meeting
    that missed its quorum loads as the failed attempt it was (issue 11).
    """
    from .domain.rules import preview
    from .profiles import load_profile
    from .store.state import load_states, village_from_row
    from .store.tables import MatterRow, VillageRow

    mid, step = given["matter_id"], Step(given["step"])
    record = record_from_payload(step, given["record"])
    village = village_from_row(session.get(VillageRow, village_code))
    (state,) = load_states(session, [session.get(MatterRow, mid)])
    if not correcting:  # a new attempt is judged without the one it follows, as record_step does
        state = replace(state, steps={k: v for k, v in state.steps.items() if k is not step})
    findings = preview(state, village, load_profile(village.profile), step, record, day)
    return step_payload(mid, step, record, given.get("acknowledged", []), findings)
