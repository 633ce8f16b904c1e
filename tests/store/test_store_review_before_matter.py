"""A review stored before its matter takes effect when the matter arrives, batched or not."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import select
from store_support import CODE, make_village

from village_tui.domain import events as ev
from village_tui.domain.chain import GENESIS_HASH, Event, canonical_json, seal
from village_tui.domain.model import Matter, to_payload
from village_tui.store.db import read_session, write_session
from village_tui.store.ledger import store_event, storing
from village_tui.store.tables import MatterRow

OTHER = "410611100902"


class Chain:
    """Sealed events of one ledger, numbered and linked in order."""

    def __init__(self, ledger: str) -> None:
        self.ledger, self.events, self.prev = ledger, [], GENESIS_HASH

    def add(self, type_: str, payload: dict, matter_id: str | None, at: str) -> Event:
        e = seal(
            Event(
                self.ledger,
                len(self.events) + 1,
                type_,
                matter_id,
                canonical_json(payload),
                "测试",
                at,
                self.prev,
            )
        )
        self.events.append(e)
        self.prev = e.hash
        return e


def review(chain: Chain, type_: str, mid: str, comment: str, at: str, code: str = CODE) -> None:
    payload = {"matter_id": mid, "village_code": code, "comment": comment, "reviewed_seq": 9}
    chain.add(type_, payload, mid, at)


def village_chain(mids: list[str]) -> Chain:
    v = Chain(CODE)
    v.add(ev.VILLAGE_SET_UP, {"village": to_payload(make_village())}, None, "2026-06-01T08:00:00Z")
    for mid in mids:
        payload = {"matter": to_payload(Matter(mid, f"事项{mid}", "road", "cadres"))}
        v.add(ev.MATTER_OPENED, payload, mid, "2026-06-01T08:00:01Z")
    return v


def store(engine, events: list[Event], batched: bool) -> None:
    with write_session(engine) as s:
        if not batched:
            for e in events:
                store_event(s, e)
            return
        with storing(s, [(e, json.loads(e.payload)) for e in events]):
            for e in events:
                store_event(s, e, data=json.loads(e.payload))


def states(engine) -> dict[str, tuple[str, str]]:
    with read_session(engine) as s:
        return {
            m.id: (m.review_state, m.review_comment) for m in s.execute(select(MatterRow)).scalars()
        }


@pytest.mark.parametrize("batched", [True, False])
def test_the_last_review_in_ledger_order_of_the_matters_own_village_applies(engine, batched):
    r = Chain(ev.review_ledger(CODE))
    review(r, ev.REVIEW_APPROVED, "m1", "同意", "2026-06-02T09:00:00Z")
    # later in the ledger, though the township PC's clock says earlier: this one stands
    review(r, ev.REVIEW_RETURNED, "m1", "补签到表", "2026-06-02T07:00:00Z")
    review(r, ev.REVIEW_APPROVED, "m3", "同意", "2026-06-02T09:00:01Z")
    o = Chain(ev.review_ledger(OTHER))  # another village's review ledger names m2
    review(o, ev.REVIEW_RETURNED, "m2", "别的村", "2026-06-02T09:00:00Z", code=OTHER)
    store(engine, r.events + o.events, batched=False)
    store(engine, village_chain(["m1", "m2", "m3"]).events, batched)
    assert states(engine) == {
        "m1": ("returned", "补签到表"),
        "m2": ("pending", ""),
        "m3": ("approved", "同意"),
    }


@pytest.mark.parametrize("batched", [True, False])
def test_a_review_earlier_in_the_same_batch_applies_to_a_matter_later_in_it(engine, batched):
    r = Chain(ev.review_ledger(CODE))
    review(r, ev.REVIEW_APPROVED, "m1", "同意", "2026-06-02T09:00:00Z")
    store(engine, r.events, batched=False)
    review(r, ev.REVIEW_RETURNED, "m1", "补签到表", "2026-06-02T08:00:00Z")
    store(engine, r.events[1:] + village_chain(["m1", "m2"]).events, batched)
    assert states(engine) == {"m1": ("returned", "补签到表"), "m2": ("pending", "")}


def test_a_batch_looks_up_earlier_reviews_for_all_its_new_matters_at_once(engine):
    r = Chain(ev.review_ledger(CODE))
    review(r, ev.REVIEW_RETURNED, "m007", "补签到表", "2026-06-02T09:00:00Z")
    store(engine, r.events, batched=False)
    statements: list[str] = []

    def count(conn, cursor, sql, params, context, executemany):
        statements.append(sql)

    sa_event.listen(engine, "before_cursor_execute", count)
    try:
        store(engine, village_chain([f"m{i:03d}" for i in range(150)]).events, batched=True)
    finally:
        sa_event.remove(engine, "before_cursor_execute", count)
    reads = [q for q in statements if q.lstrip().upper().startswith("SELECT")]
    assert len(reads) < 20, reads[:30]  # not one per matter (150)
    assert states(engine)["m007"] == ("returned", "补签到表")


def test_a_batch_writes_the_same_attempts_and_step_rows_as_one_event_at_a_time(tmp_path):
    from datetime import date

    from village_tui.domain.model import Meeting
    from village_tui.domain.steps import Step
    from village_tui.store.db import open_engine
    from village_tui.store.rebuild import dump_derived

    v = village_chain(["m1"])

    def meeting(day: int, content: str) -> dict:
        held = date(2026, 6, day)
        m = Meeting(held, "村委会", expected=45, present=40, votes_for=38, content=content)
        return to_payload(m)

    def step(record: dict, verdict: dict | None = None) -> None:
        payload = {"matter_id": "m1", "step": Step.PROPOSAL.value, "record": record}
        payload["acknowledged"] = []
        if verdict is not None:
            payload["verdict"] = verdict
        v.add(ev.STEP_RECORDED, payload, "m1", "2026-06-03T08:00:00Z")

    step(meeting(3, "第一次"))
    # a later try that missed its quorum: recorded, but the step keeps the first record
    step(meeting(4, "第二次"), {"valid": False, "invalid": ["quorum"], "defects": []})
    dumps = []
    for batched in (True, False):
        engine = open_engine(tmp_path / f"{batched}.db")
        store(engine, v.events, batched)
        dumps.append(dump_derived(engine))
        with read_session(engine) as s:
            attempts = json.loads(s.get(MatterRow, "m1").attempts)
        assert [a["valid"] for a in attempts] == [True, False]
        engine.dispose()
    assert dumps[0] == dumps[1]
    (row,) = dumps[0]["step"]
    assert "第一次" in str(row) and "第二次" not in str(row)
    assert date(2026, 6, 3) in row and date(2026, 6, 4) not in row  # the step's date too
