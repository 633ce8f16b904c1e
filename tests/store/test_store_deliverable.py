"""What a village records must be deliverable: the importer's limits are checked when recording."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from store_support import TODAY, clock

from village_tui.domain.chain import canonical_json
from village_tui.domain.findings import InvalidRecord
from village_tui.domain.text import ACTOR_CHARS, ID_CHARS, PAYLOAD_CHARS
from village_tui.store.db import read_session
from village_tui.store.services import VillageService
from village_tui.store.tables import EventRow

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


def _events(engine) -> int:
    with read_session(engine) as s:
        return s.execute(select(func.count()).select_from(EventRow)).scalar_one()


def test_the_limits_are_the_importers_own():
    envelope = json.loads((SCHEMAS / "event.json").read_text(encoding="utf-8"))["properties"]
    assert envelope["actor"]["maxLength"] == ACTOR_CHARS
    assert envelope["matter_id"]["anyOf"][0]["maxLength"] == ID_CHARS
    common = json.loads((SCHEMAS / "common.json").read_text(encoding="utf-8"))["$defs"]
    assert common["id"]["maxLength"] == ID_CHARS


def test_an_actor_name_at_the_limit_is_recorded_and_one_past_it_refused(engine, service):
    at = VillageService(engine, actor="甲" * ACTOR_CHARS, today=lambda: TODAY, now=clock())
    at.open_matter(title="道路", category="road", source="cadres")
    before = _events(engine)
    past = VillageService(engine, actor="甲" * (ACTOR_CHARS + 1), today=lambda: TODAY, now=clock())
    with pytest.raises(InvalidRecord) as err:
        past.open_matter(title="道路", category="road", source="cadres")
    assert err.value.message_zh == "记录人姓名最多 128 个字，现有 129 个"
    assert err.value.message_en == "The recorder's name may have at most 128 characters, not 129"
    assert _events(engine) == before


def _description_for(size: int) -> str:
    """A description that makes the matter.opened payload exactly `size` characters long."""
    base = {"matter": {"id": "m" * 32, "title": "道路", "category": "road", "source": "cadres",
                       "description": "", "planned_fen": 0, "personal_data": False,
                       "opened_on": TODAY.isoformat()}}  # fmt: skip
    return "说" * (size - len(canonical_json(base)))


def test_a_payload_at_the_limit_is_recorded_and_one_past_it_refused(engine, service):
    kw = {"title": "道路", "category": "road", "source": "cadres"}
    service.open_matter(matter_id="m" * 32, description=_description_for(PAYLOAD_CHARS), **kw)
    before = _events(engine)
    with pytest.raises(InvalidRecord) as err:
        service.open_matter(
            matter_id="n" * 32, description=_description_for(PAYLOAD_CHARS + 1), **kw
        )
    assert err.value.message_en == (
        f"this record's text is too long ({PAYLOAD_CHARS + 1} characters, at most {PAYLOAD_CHARS});"
        " shorten it"
    )
    assert _events(engine) == before


def test_a_hundred_megabyte_description_is_refused_and_nothing_written(engine, service):
    before = _events(engine)
    with pytest.raises(InvalidRecord, match="too long"):
        service.open_matter(
            title="道路", category="road", source="cadres", description="a" * (100 << 20)
        )
    assert _events(engine) == before


def test_a_nul_in_a_title_is_refused(engine, service):
    with pytest.raises(InvalidRecord) as err:
        service.open_matter(title="低保\x00评议", category="dibao", source="cadres")
    assert (err.value.field, err.value.message_zh) == (
        "title",
        "事项名称含有控制字符（U+0000），请删除后再保存",
    )
