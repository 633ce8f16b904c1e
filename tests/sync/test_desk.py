"""The township desk's settings, its week's lists at their boundaries, and the clerk's answer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from village_tui.store.db import open_engine
from village_tui.store.errors import ServiceError
from village_tui.store.services import InvalidRecord
from village_tui.sync.desk import TownshipDesk
from village_tui.sync.export import export_bundles
from village_tui.sync.importer import import_bundles
from village_tui.sync.township_setup import init_township

from .helpers import TODAY, VILLAGE, sample_village, service


@pytest.fixture
def desk(tmp_path):
    engine = open_engine(tmp_path / "town.db")
    init_township(engine, code="410611100", name="大赉店镇")
    return TownshipDesk(engine, actor="审核员", today=lambda: TODAY)


@pytest.mark.parametrize("value", ["0", "3651", "abc", ""])
def test_stale_days_outside_1_to_3650_are_refused(desk, value):
    with pytest.raises(ServiceError) as e:
        desk.set_stale_days(value)
    assert e.value.message_en == f"days must be a whole number from 1 to 3650: {value}"
    assert desk.stale_days() == 30


@pytest.mark.parametrize("value", ["1", "3650"])
def test_stale_days_at_the_boundaries_are_kept(desk, value):
    assert desk.set_stale_days(value) == int(value)
    assert desk.stale_days() == int(value)


def test_inbox_folder_must_exist_and_is_remembered_absolute(desk, tmp_path, monkeypatch):
    with pytest.raises(ServiceError) as e:
        desk.set_inbox_folder(tmp_path / "nowhere")
    assert e.value.message_en == f"no such folder: {tmp_path / 'nowhere'}"
    assert desk.inbox_folder() is None
    (tmp_path / "u盘").mkdir()
    monkeypatch.chdir(tmp_path)
    desk.set_inbox_folder("u盘")
    assert desk.inbox_folder() == (tmp_path / "u盘").resolve()


def _heard_on(desk, tmp_path, day: date) -> None:
    engine = sample_village(tmp_path / "v.db")
    export_bundles(engine, tmp_path / "out")
    engine.dispose()
    import_bundles(desk.engine, [tmp_path / "out"], trust_new=True, now=lambda: f"{day}T08:00:00Z")


@pytest.mark.parametrize(("days_ago", "listed"), [(30, False), (31, True)])
def test_a_village_is_listed_after_more_than_n_days(desk, tmp_path, days_ago, listed):
    _heard_on(desk, tmp_path, TODAY - timedelta(days=days_ago))
    silent = [v.code for v in desk.weekly().silent]
    assert (VILLAGE in silent) is listed


def test_returns_not_yet_answered_leave_the_list_once_answered(desk, tmp_path):
    _heard_on(desk, tmp_path, TODAY)
    row = desk.matters(VILLAGE)[0]
    desk.return_matter(row.matter_id, "请补充签到表")
    assert [t for _, t, _ in desk.weekly().unanswered] == [row.title]
    clerk = service(open_engine(tmp_path / "v.db"))
    export_bundles(desk.engine, tmp_path / "fb")
    import_bundles(clerk.engine, [tmp_path / "fb"], trust_new=True)
    with pytest.raises(InvalidRecord) as e:
        clerk.answer_return(row.matter_id, answer="fixed", text="  ")
    assert e.value.message_en == "The answer needs a text"
    with pytest.raises(InvalidRecord) as e:
        clerk.answer_return(row.matter_id, answer="later", text="x")
    assert e.value.message_en == "Choose fixed or explained"
    clerk.answer_return(row.matter_id, answer="explained", text="签到表已补")
    with pytest.raises(ServiceError) as e:
        clerk.answer_return(row.matter_id, answer="fixed", text="again")
    assert e.value.message_en == "This matter was not returned; nothing to answer"
    export_bundles(clerk.engine, tmp_path / "v2")
    import_bundles(desk.engine, [tmp_path / "v2"])
    assert desk.weekly().unanswered == []
    thread = desk.matter(row.matter_id).thread
    assert [(e.kind, e.comment, e.answer) for e in thread] == [
        ("review.returned", "请补充签到表", ""),
        ("matter.answered", "签到表已补", "explained"),
    ]
