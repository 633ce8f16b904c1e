"""Several service calls as one transaction: all of them are kept, or none."""

from __future__ import annotations

import sqlite3

import pytest

from tests.tui.helpers import TODAY, VILLAGE
from village_tui.domain.findings import InvalidRecord
from village_tui.domain.model import Meeting
from village_tui.domain.steps import Step
from village_tui.store.db import one_transaction, open_engine
from village_tui.store.services import VillageService


@pytest.fixture
def svc(tmp_path):
    s = VillageService(open_engine(tmp_path / "v.db"), today=lambda: TODAY)
    s.set_up(VILLAGE)
    yield s
    s.engine.dispose()


def _events(svc) -> int:
    db = svc.engine.url.database
    with sqlite3.connect(db) as c:
        return c.execute("SELECT count(*) FROM event").fetchone()[0]


def _meeting(votes_for: int) -> Meeting:
    return Meeting(held_on=TODAY, expected=7, present=7, votes_for=votes_for, content="修桥")


def test_a_refusal_half_way_leaves_nothing(svc):
    before = _events(svc)
    with pytest.raises(InvalidRecord), one_transaction(svc.engine):
        mid = svc.open_matter(title="村西路", category="road", source="cadres", matter_id="m1")
        svc.record_step(mid, Step.PROPOSAL, _meeting(7))
        assert set(svc.state(mid).steps) == {Step.PROPOSAL}  # the block sees its own writes
        svc.record_step(mid, Step.JOINT_MEETING, _meeting(9))  # 9 votes, 7 present
    assert _events(svc) == before
    assert svc.states(["m1"]) == []


def test_a_whole_block_is_kept(svc):
    before = _events(svc)
    with one_transaction(svc.engine):
        mid = svc.open_matter(title="村西路", category="road", source="cadres", matter_id="m1")
        svc.record_step(mid, Step.PROPOSAL, _meeting(7))
    assert _events(svc) == before + 2
    assert svc.verify().ok
    # Calls outside a block commit on their own, as before.
    svc.record_step(mid, Step.JOINT_MEETING, _meeting(7))
    assert _events(svc) == before + 3


def test_blocks_do_not_nest(svc):
    with one_transaction(svc.engine), pytest.raises(RuntimeError), one_transaction(svc.engine):
        pass
