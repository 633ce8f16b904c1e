"""Dashboard search (Chinese and pinyin initials), filters, and the English face."""

from __future__ import annotations

from tests.tui.helpers import make_app, screen_text, settle
from village_tui.tui.screens.dashboard import DashboardScreen

TITLES = ("村村通道路硬化", "2024年低保评议", "一事一议修桥")


def seed(service) -> None:
    for title, cat in zip(TITLES, ("road", "dibao", "public_works"), strict=True):
        service.open_matter(title=title, category=cat, source="cadres")


def shown_titles(app) -> list[str]:
    return [ln.summary.title for ln in app.screen.shown]


async def type_search(pilot, text: str) -> None:
    await pilot.press("slash", *list(text))
    await settle(pilot)


async def test_search_by_chinese(village_service, db_path):
    seed(village_service)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert sorted(shown_titles(app)) == sorted(TITLES)
        await type_search(pilot, "低保")
        assert shown_titles(app) == ["2024年低保评议"]
        assert "显示1/3项" in screen_text(app)


async def test_search_by_pinyin_initials_and_full_pinyin(village_service, db_path):
    seed(village_service)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_search(pilot, "cct")
        assert shown_titles(app) == ["村村通道路硬化"]
        await pilot.press(*["backspace"] * 3, *"xiuqiao")
        await settle(pilot)
        assert shown_titles(app) == ["一事一议修桥"]
        await pilot.press(*["backspace"] * 7, *"zzz")
        await settle(pilot)
        assert shown_titles(app) == []
        assert "没有符合条件的事项" in screen_text(app)


async def test_needs_action_filter_and_step_counts(village_service, db_path):
    from datetime import date

    from village_tui.domain.model import Meeting
    from village_tui.domain.steps import Step

    seed(village_service)
    first = village_service.states()[-1].matter.id  # 村村通道路硬化, opened first
    village_service.record_step(
        first,
        Step.PROPOSAL,
        Meeting(held_on=date(2024, 3, 1), expected=5, present=5, content="修路"),
    )
    village_service.record_step(
        first,
        Step.JOINT_MEETING,
        Meeting(held_on=date(2024, 3, 2), expected=7, present=3),
        acknowledged=["quorum.joint_meeting"],
    )
    other = village_service.states()[0].matter.id
    village_service.record_step(
        other,
        Step.PROPOSAL,
        Meeting(held_on=date(2024, 3, 1), expected=5, present=5, content="修路"),
    )
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        compact = text.replace(" ", "")
        assert "未开始1" in compact and "1提议1" in compact and "2商议1" in compact, text
        await pilot.press("a")
        await settle(pilot)
        # An acknowledged warning needs no more action; nothing else is wrong yet.
        assert shown_titles(app) == []


async def test_english(village_service, db_path):
    seed(village_service)
    app = make_app(village_service, db_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        text = screen_text(app)
        assert "Matter" in text and "Next" in text and "Record 1 Prop" in text
        assert "New matter" in text  # footer key
        assert "事项" not in text
        await pilot.press("f1")
        await settle(pilot)
        assert "The 4+2 procedure" in screen_text(app)


async def test_first_run_shows_the_setup_form(service, db_path):
    from tests.tui.helpers import fill, save

    app = make_app(service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "初始设置" in screen_text(app)
        await fill(pilot, "code", "41062110120")
        assert "区划代码应为12位数字" in screen_text(app)
        await fill(pilot, "code", "410621101201")
        await fill(pilot, "name", "示例村")
        await fill(pilot, "township", "善堂镇")
        await fill(pilot, "county", "浚县")
        await fill(pilot, "party_members_voting", "30")
        await save(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    v = service.village()
    assert (
        v.name == "示例村"
        and v.roster.party_members_voting == 30
        and v.township_code == "410621101"
    )


async def test_a_new_form_takes_typing_at_once(village_service, db_path):
    # Regression: the form's scroll container used to take the focus, so the
    # first characters a clerk typed were lost.
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"村北桥")
        assert app.screen.query_one("#f-title").value == "村北桥"
