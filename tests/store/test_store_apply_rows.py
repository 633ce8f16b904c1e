"""`apply_event` against rows written out by hand, never against the code itself.

Each test appends literal payloads (the JSON a ledger holds, typed here, not
built by the service) and compares the derived rows with literal expected rows.
A handler that is consistently wrong (the village app and the county agreeing
on a wrong total) fails here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from store_support import CODE

from village_tui.domain import events as ev
from village_tui.store.db import write_session
from village_tui.store.ledger import append

REVIEW = f"review:{CODE}"
SET_UP = {
    "village": {
        "code": CODE,
        "name": "示例·测试村",
        "township_code": CODE[:9],
        "township_name": "大赉店镇",
        "county_code": CODE[:6],
        "county_name": "淇滨区",
        "profile": "national",
        "roster": {"party_members_voting": 45, "committee_members": 7},
    }
}
MATTER = {
    "id": "m1",
    "title": "村内道路硬化",
    "category": "road",
    "source": "cadres",
    "planned_fen": 500000,
    "opened_on": "2026-06-01",
}


def _meeting(day: str, expected: int = 7, present: int = 7) -> dict[str, Any]:
    return {"held_on": day, "expected": expected, "present": present}


def _put(engine, type_: str, payload: dict[str, Any], ledger: str = CODE) -> int:
    """Append one event as it would arrive; its sequence number."""
    with write_session(engine) as s:
        e = append(s, ledger=ledger, type=type_, payload=payload, actor="文书", matter_id="m1")
    return e.seq


def _step(engine, step: str, record: dict, **extra) -> int:
    payload = {"matter_id": "m1", "step": step, "record": record, "acknowledged": [], **extra}
    return _put(engine, ev.STEP_RECORDED, payload)


def _correct(engine, corrects: int, type_: str, payload: dict[str, Any]) -> int:
    return _put(
        engine,
        ev.CORRECTION,
        {"corrects": corrects, "reason": "抄错了", "type": type_, "payload": payload},
    )


def _progress(entry: dict[str, Any]) -> dict[str, Any]:
    return {"matter_id": "m1", "entry": entry}


def _review(engine, type_: str, seen: int) -> int:
    payload = {
        "matter_id": "m1",
        "village_code": CODE,
        "township_code": CODE[:9],
        "comment": "请补充",
        "reviewer": "乡镇审核员",
        "reviewed_seq": seen,
    }
    return _put(engine, type_, payload, ledger=REVIEW)


def _rows(engine, query: str) -> list[tuple]:
    with engine.connect() as c:
        return [tuple(r) for r in c.execute(text(query))]


def _matter(engine) -> tuple:
    (row,) = _rows(
        engine,
        "SELECT reached, reached_index, spent_fen, review_state, updated_seq, corrected_seq"
        " FROM matter",
    )
    return row


def _steps(engine) -> list[tuple]:
    return _rows(engine, 'SELECT step, "on", version, seq FROM step ORDER BY step_index')


def _opened(engine) -> None:
    assert _put(engine, ev.VILLAGE_SET_UP, SET_UP) == 1
    with write_session(engine) as s:
        append(
            s, ledger=CODE, type=ev.MATTER_OPENED, payload={"matter": MATTER}, actor="文书",
            matter_id="m1",
        )  # fmt: skip


def test_three_meetings_reach_the_third_step(engine):
    _opened(engine)
    _step(engine, "proposal", _meeting("2026-06-02"))
    _step(engine, "joint_meeting", _meeting("2026-06-03"))
    _step(engine, "party_assembly", _meeting("2026-06-05", 45, 31))
    assert _matter(engine) == ("party_assembly", 2, 0, "pending", 5, 0)
    assert _steps(engine) == [
        ("proposal", "2026-06-02", 1, 3),
        ("joint_meeting", "2026-06-03", 1, 4),
        ("party_assembly", "2026-06-05", 1, 5),
    ]


def test_correcting_an_earlier_step_never_moves_reached_back(engine):
    _opened(engine)
    first = _step(engine, "proposal", _meeting("2026-06-02"))
    _step(engine, "joint_meeting", _meeting("2026-06-03"))
    _step(engine, "party_assembly", _meeting("2026-06-05", 45, 31))
    payload = {"matter_id": "m1", "step": "proposal", "record": _meeting("2026-06-01")}
    _correct(engine, first, ev.STEP_RECORDED, {**payload, "acknowledged": []})
    assert _matter(engine) == ("party_assembly", 2, 0, "pending", 6, 6)
    assert _steps(engine) == [
        ("proposal", "2026-06-01", 2, 6),
        ("joint_meeting", "2026-06-03", 1, 4),
        ("party_assembly", "2026-06-05", 1, 5),
    ]


def test_a_correction_saying_the_last_meeting_did_not_count_moves_back_one_step(engine):
    _opened(engine)
    _step(engine, "proposal", _meeting("2026-06-02"))
    _step(engine, "joint_meeting", _meeting("2026-06-03"))
    third = _step(engine, "party_assembly", _meeting("2026-06-05", 45, 31))
    failed = {"valid": False, "invalid": ["quorum.party_assembly"], "defects": []}
    record = _meeting("2026-06-05", 45, 29)
    _correct(
        engine,
        third,
        ev.STEP_RECORDED,
        {"matter_id": "m1", "step": "party_assembly", "record": record, "acknowledged": [],
         "verdict": failed},
    )  # fmt: skip
    assert _matter(engine) == ("joint_meeting", 1, 0, "pending", 6, 6)
    assert _steps(engine) == [
        ("proposal", "2026-06-02", 1, 3),
        ("joint_meeting", "2026-06-03", 1, 4),
    ]


def test_a_failed_attempt_then_a_second_one_that_passes(engine):
    _opened(engine)
    _step(engine, "proposal", _meeting("2026-06-02"))
    _step(engine, "joint_meeting", _meeting("2026-06-03"))
    failed = {"valid": False, "invalid": ["quorum.party_assembly"], "defects": []}
    _step(engine, "party_assembly", _meeting("2026-06-05", 45, 29), verdict=failed)
    assert _matter(engine) == ("joint_meeting", 1, 0, "pending", 5, 0)
    _step(engine, "party_assembly", _meeting("2026-06-12", 45, 31))
    assert _matter(engine) == ("party_assembly", 2, 0, "pending", 6, 0)
    assert _steps(engine)[-1] == ("party_assembly", "2026-06-12", 1, 6)


def test_spent_counts_each_entry_once_through_corrections_and_reversals(engine):
    _opened(engine)
    p1 = {"id": "m1-p1", "on": "2026-07-01", "description": "一期", "spent_fen": 280000}
    p2 = {"id": "m1-p2", "on": "2026-07-10", "description": "二期", "spent_fen": 50000}
    s1 = _put(engine, ev.PROGRESS_RECORDED, _progress(p1))
    s2 = _put(engine, ev.PROGRESS_RECORDED, _progress(p2))
    assert _matter(engine)[2] == 330000
    # 280,000 typed for 250,000: corrected, and corrected once more
    _correct(engine, s1, ev.PROGRESS_RECORDED, _progress({**p1, "spent_fen": 250000}))
    assert _matter(engine)[2] == 300000
    _correct(engine, s1, ev.PROGRESS_RECORDED, _progress({**p1, "spent_fen": 260000}))
    assert _matter(engine)[2] == 310000
    # the second entry reversed, then its reversal corrected (still reversed)
    _correct(engine, s2, ev.PROGRESS_RECORDED, _progress({**p2, "reversed": True}))
    assert _matter(engine)[2] == 260000
    last = _correct(
        engine, s2, ev.PROGRESS_RECORDED, _progress({**p2, "spent_fen": 40000, "reversed": True})
    )
    assert _matter(engine) == (None, -1, 260000, "pending", last, last)
    assert _rows(engine, "SELECT id, spent_fen, reversed, seq FROM progress ORDER BY id") == [
        ("m1-p1", 260000, 0, 6),
        ("m1-p2", 40000, 1, last),
    ]


def test_a_reversed_entry_put_back_counts_again_once(engine):
    _opened(engine)
    p1 = {"id": "m1-p1", "on": "2026-07-01", "spent_fen": 100000}
    s1 = _put(engine, ev.PROGRESS_RECORDED, _progress(p1))
    _correct(engine, s1, ev.PROGRESS_RECORDED, _progress({**p1, "reversed": True}))
    assert _matter(engine)[2] == 0
    _correct(engine, s1, ev.PROGRESS_RECORDED, _progress({**p1, "spent_fen": 90000}))
    assert _matter(engine)[2] == 90000


def test_a_returned_matter_reopens_when_the_village_corrects_it(engine):
    _opened(engine)
    first = _step(engine, "proposal", _meeting("2026-06-02"))
    _review(engine, ev.REVIEW_RETURNED, first)
    assert _matter(engine) == ("proposal", 0, 0, "returned", 3, 0)
    _correct(
        engine,
        first,
        ev.STEP_RECORDED,
        {"matter_id": "m1", "step": "proposal", "record": _meeting("2026-06-01"),
         "acknowledged": []},
    )  # fmt: skip
    assert _matter(engine) == ("proposal", 0, 0, "reopened", 4, 4)


def test_a_returned_matter_reopens_on_any_new_work(engine):
    _opened(engine)
    first = _step(engine, "proposal", _meeting("2026-06-02"))
    _review(engine, ev.REVIEW_RETURNED, first)
    _step(engine, "joint_meeting", _meeting("2026-06-03"))
    assert _matter(engine) == ("joint_meeting", 1, 0, "reopened", 4, 0)


def test_an_approved_matter_with_a_new_step_is_pending_and_with_a_correction_reopened(engine):
    _opened(engine)
    first = _step(engine, "proposal", _meeting("2026-06-02"))
    _review(engine, ev.REVIEW_APPROVED, first)
    assert _matter(engine)[3] == "approved"
    _step(engine, "joint_meeting", _meeting("2026-06-03"))
    assert _matter(engine) == ("joint_meeting", 1, 0, "pending", 4, 0)
    _correct(
        engine,
        first,
        ev.STEP_RECORDED,
        {"matter_id": "m1", "step": "proposal", "record": _meeting("2026-06-01"),
         "acknowledged": []},
    )  # fmt: skip
    assert _matter(engine) == ("joint_meeting", 1, 0, "reopened", 5, 5)


def test_an_approval_that_saw_everything_stands(engine):
    _opened(engine)
    _step(engine, "proposal", _meeting("2026-06-02"))
    second = _step(engine, "joint_meeting", _meeting("2026-06-03"))
    _review(engine, ev.REVIEW_APPROVED, second)
    assert _matter(engine) == ("joint_meeting", 1, 0, "approved", 4, 0)
