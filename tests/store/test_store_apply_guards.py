"""apply_event refuses events that reach outside their own ledger or repeat an opening."""

from __future__ import annotations

from datetime import date

import pytest
from store_support import CODE

from village_tui.domain import events as ev
from village_tui.domain.model import Matter, to_payload
from village_tui.store.apply import ApplyError
from village_tui.store.db import write_session
from village_tui.store.ledger import append


def _open(engine, ledger: str, matter_id: str = "m1", **extra) -> None:
    matter = Matter(
        id=matter_id, title="修路", category="road", source="cadres", opened_on=date(2026, 6, 1)
    )
    with write_session(engine) as s:
        append(
            s,
            ledger=ledger,
            type=ev.MATTER_OPENED,
            payload={"matter": to_payload(matter)},
            actor="a",
            matter_id=matter_id,
            **extra,
        )


def _events(engine) -> int:
    from sqlalchemy import text

    with engine.connect() as c:
        return c.execute(text("SELECT count(*) FROM event")).scalar_one()


def test_opening_the_same_matter_twice_is_refused(service, engine):
    _open(engine, CODE)
    before = _events(engine)
    with pytest.raises(ApplyError, match="already open"):
        _open(engine, CODE)
    assert _events(engine) == before


def test_a_review_from_another_villages_review_ledger_is_refused(service, engine):
    _open(engine, CODE)
    before = _events(engine)
    payload = {
        "matter_id": "m1",
        "village_code": CODE,
        "comment": "",
        "reviewer": "x",
        "township_code": CODE[:9],
        "reviewed_seq": 2,
    }
    with (
        pytest.raises(ApplyError, match="a review in review:410611100999"),
        write_session(engine) as s,
    ):
        append(
            s,
            ledger="review:410611100999",
            type=ev.REVIEW_APPROVED,
            payload=payload,
            actor="x",
            matter_id="m1",
        )
    assert _events(engine) == before


def test_an_envelope_naming_another_matter_is_refused(service, engine):
    _open(engine, CODE)
    payload = {
        "matter_id": "m1",
        "entry": {"id": "p1", "on": "2026-06-02", "description": "", "spent_fen": 1},
    }
    with pytest.raises(ApplyError, match="envelope names matter"), write_session(engine) as s:
        append(
            s, ledger=CODE, type=ev.PROGRESS_RECORDED, payload=payload, actor="a", matter_id="m2"
        )
