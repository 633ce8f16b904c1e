"""Notices saved beside the database, objections and replies, and roster changes, all from the keyboard."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from tests.tui.helpers import fill, make_app, save, screen_text, settle
from village_tui.domain.model import Meeting, Posting
from village_tui.domain.steps import Step
from village_tui.tui.screens.matter import MatterScreen
from village_tui.tui.screens.message import MessageScreen


def seed_resolved(service) -> str:
    mid = service.open_matter(
        title="村西主路硬化", category="road", source="cadres", planned_fen=1_000_000
    )

    def m(d, e, p, basis=""):
        return Meeting(
            held_on=date(2024, 3, d),
            expected=e,
            present=p,
            votes_for=p,
            expected_basis=basis,
            content="硬化村西主路",
        )  # noqa: E731

    service.record_step(mid, Step.PROPOSAL, m(1, 5, 5))
    service.record_step(mid, Step.JOINT_MEETING, m(2, 7, 7, "committee_members"))
    service.record_step(
        mid,
        Step.PARTY_ASSEMBLY,
        Meeting(
            held_on=date(2024, 3, 5),
            expected=30,
            present=25,
            votes_for=24,
            plan_sent_on=date(2024, 3, 1),
        ),
    )
    service.record_step(mid, Step.RESOLUTION, m(8, 45, 40, "rep_assembly_members"))
    return mid


async def test_notice_is_saved_beside_the_database(village_service, db_path):
    seed_resolved(village_service)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert app.screen.query_one(Input).value == str(db_path.parent)  # nothing remembered yet
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MessageScreen)
        text = screen_text(app)
    files = sorted(p.name for p in db_path.parent.iterdir() if p.suffix in (".txt", ".html"))
    assert len(files) == 2 and all("决议公示" in f for f in files)
    assert "公示已保存" in text and "决议公示.txt" in text
    saved = (db_path.parent / files[1]).read_text(encoding="utf-8-sig")
    assert "赞成40人" in saved
    # The clerk's printed notice is sealed: its code checks against this very ledger.
    from village_tui.notices.check import MATCH, verify_short_code
    from village_tui.notices.seal import parse_short_code

    code = saved.split("核验码：", 1)[1].split()[0]
    verdict = verify_short_code(village_service.engine, parse_short_code(code))
    assert verdict.answer == MATCH


async def test_notice_goes_to_the_folder_the_clerk_types_and_it_is_remembered(
    village_service, db_path, tmp_path
):
    seed_resolved(village_service)
    stick = tmp_path / "U盘" / "公示 2024"  # not there yet: created
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        app.screen.query_one(Input).value = f'"{stick}"'  # as Windows' "copy as path" gives it
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MessageScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert app.screen.query_one(Input).value == str(stick)  # offered again next time
    assert sorted(p.suffix for p in stick.iterdir()) == [".html", ".txt"]
    assert not [p for p in db_path.parent.iterdir() if p.suffix == ".html"]


def _error(app) -> str:
    return str(app.screen.query_one("#folder-error").render())


async def test_notice_folder_that_is_a_file_or_empty_is_refused_and_esc_saves_nothing(
    village_service, db_path, tmp_path
):
    from village_tui.tui.screens.folder_prompt import FolderScreen

    seed_resolved(village_service)
    a_file = tmp_path / "note.txt"
    a_file.write_text("x", encoding="utf-8")
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        box = app.screen.query_one(Input)
        box.value = str(a_file)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FolderScreen)
        assert _error(app) == f"{a_file} 是文件，不是文件夹"
        box.value = "  "
        await pilot.press("enter")
        await settle(pilot)
        assert _error(app) == "请填写文件夹"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, (FolderScreen, MessageScreen))
    assert not [p for p in db_path.parent.rglob("*.html")]


async def test_objection_and_reply(village_service, db_path):
    mid = seed_resolved(village_service)
    village_service.record_step(
        mid,
        Step.RESOLUTION_DISCLOSURE,
        Posting(posted_on=date(2024, 4, 20), until=date(2024, 4, 27)),
        acknowledged=["disclosure.resolution_late"],  # posted 43 days after the resolution
    )
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await fill(pilot, "received_on", "2024-04-22")
        await fill(pilot, "content", "路线占用耕地")
        await save(pilot)
        assert isinstance(app.screen, MatterScreen)
        await pilot.press("y")
        await settle(pilot)
        await fill(pilot, "reply", "已调整路线")
        await save(pilot)
        assert isinstance(app.screen, MatterScreen)
    (o,) = village_service.state(mid).objections
    assert (o.content, o.reply, o.replied_on) == ("路线占用耕地", "已调整路线", date(2024, 5, 1))


async def test_roster_change_is_recorded_with_reason(village_service, db_path):
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await fill(pilot, "party_members_voting", "31")
        await save(pilot)
        assert "变更原因" in screen_text(app)  # the reason is required
        await fill(pilot, "reason", "新发展党员1名转正")
        await save(pilot)
    assert village_service.village().roster.party_members_voting == 31
