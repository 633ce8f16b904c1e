"""Forms never lose work or mislead: Esc asks when changed; the check panel speaks of what is shown."""

from __future__ import annotations

from tests.tui.helpers import fill, focus, make_app, screen_text, settle
from tests.tui.test_rules_in_forms import open_first_matter, seed
from village_tui.tui.screens.discard import DiscardChanges
from village_tui.tui.screens.new_matter import NewMatterScreen
from village_tui.tui.screens.step_form import StepForm


async def test_esc_on_an_unchanged_form_just_closes(village_service, db_path):
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, (NewMatterScreen, DiscardChanges))


async def test_esc_on_a_changed_form_asks_and_keeps_the_text(village_service, db_path):
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "title", "修桥")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DiscardChanges)
        assert "表单已修改，尚未保存" in screen_text(app)
        await pilot.press("n")  # keep editing
        await settle(pilot)
        assert isinstance(app.screen, NewMatterScreen) and app.screen.raw("title") == "修桥"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")  # discard
        await settle(pilot)
        assert not isinstance(app.screen, (NewMatterScreen, DiscardChanges))
    assert village_service.states() == []  # nothing was saved


async def test_the_check_panel_never_says_ok_beside_an_error(village_service, db_path):
    seed(village_service, 0)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_matter(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, StepForm)
        await fill(pilot, "expected", "5")
        await fill(pilot, "present", "5")
        await fill(pilot, "votes_for", "5")
        await fill(pilot, "content", "硬化村西主路")
        await settle(pilot)
        await pilot.pause(0.4)
        await settle(pilot)
        assert "✓ 按现有填写未发现问题" in screen_text(app)
        await fill(pilot, "present", "x5")  # not a number: the form cannot be checked
        await settle(pilot)
        shown = screen_text(app)
        assert "✓ 按现有填写未发现问题" not in shown
        assert "（先改正上面的错误，再核查）" in shown


async def test_a_new_step_is_dated_like_the_step_before(village_service, db_path):
    seed(village_service, 1)  # step 1 held on 2024-03-01; today is 2024-05-01
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_matter(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert app.screen.raw("held_on") == "2024-03-01"


async def test_a_villagers_assembly_shows_its_own_fields(village_service, db_path):
    from textual.widgets import Select

    from village_tui.domain.steps import Step
    from village_tui.tui.screens.meeting_form import MeetingFormScreen

    mid = seed(village_service, 2)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        state = village_service.state(mid)
        app.push_screen(MeetingFormScreen(state, Step.RESOLUTION, village_service.village(), False))
        await settle(pilot)
        assert "其中代表" in screen_text(app)
        app.screen.query_one("#f-assembly", Select).value = "villagers"
        await settle(pilot)
        shown = screen_text(app)
        assert "其中代表" not in shown and "其中妇女" not in shown
        assert "到会户代表" in shown and "会议通知" in shown
        assert app.screen.raw("expected") == "1200"  # the adults on the roster
        assert app.screen._members()["representatives_among_members"] is None


async def test_personal_data_is_ticked_for_dibao_and_relief(village_service, db_path):
    from textual.widgets import Checkbox, Select

    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        category = app.screen.query_one("#f-category", Select)
        box = app.screen.query_one("#f-personal_data", Checkbox)
        assert box.value is False  # roads: nobody's data
        for value, ticked in (("dibao", True), ("road", False), ("relief", True)):
            category.value = value
            await settle(pilot)
            assert box.value is ticked, value
        assert box.has_class("-on")
        box.value = False  # the clerk's own choice wins from now on
        await settle(pilot)
        category.value = "dibao"
        await settle(pilot)
        assert box.value is False


async def test_expected_from_the_roster_survives_a_stray_key(village_service, db_path):
    seed(village_service, 1)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_matter(pilot)
        await pilot.press("x")
        await settle(pilot)
        form = app.screen
        assert (form.raw("expected"), form.selected("expected_basis")) == ("7", "committee_members")
        await focus(pilot, "f-expected")
        await pilot.press("9")
        await settle(pilot)
        assert form.raw("expected") == "79"  # not replaced by the stray key
        assert form.selected("expected_basis") == ""  # and no longer said to be the roster's
        assert "手填" in screen_text(app)


async def test_a_proposal_without_its_text_is_not_saved(village_service, db_path):
    from village_tui.domain.steps import Step

    mid = seed(village_service, 0)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_matter(pilot)
        await pilot.press("x")
        await settle(pilot)
        for name in ("expected", "present", "votes_for"):
            await fill(pilot, name, "5")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StepForm)
        assert "提议内容必须填写" in screen_text(app)
        await fill(pilot, "content", "硬化村西主路")
        await settle(pilot)
        assert "提议内容必须填写" not in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, StepForm)
    assert village_service.state(mid).steps[Step.PROPOSAL].content == "硬化村西主路"


async def test_a_resolution_without_its_text_is_refused_in_english(village_service, db_path):
    from village_tui.domain.steps import Step
    from village_tui.tui.screens.meeting_form import MeetingFormScreen

    mid = seed(village_service, 2)
    app = make_app(village_service, db_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        state = village_service.state(mid)
        app.push_screen(MeetingFormScreen(state, Step.RESOLUTION, village_service.village(), False))
        await settle(pilot)
        await fill(pilot, "present", "40")
        await fill(pilot, "votes_against", "40")  # a failed vote still says what it was about
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MeetingFormScreen)
        assert "Resolution text is required" in screen_text(app)
    assert Step.RESOLUTION not in village_service.state(mid).steps


async def test_expected_unlike_the_roster_asks_why_and_keeps_it(village_service, db_path):
    from village_tui.domain.steps import Step
    from village_tui.tui.screens.confirm import ConfirmWarnings

    mid = seed(village_service, 1)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_matter(pilot)
        await pilot.press("x")
        await settle(pilot)
        form = app.screen
        assert not form.query_one("#row-expected_note").display  # the roster's 7: no question
        await fill(pilot, "expected", "6")
        await fill(pilot, "present", "6")
        await fill(pilot, "votes_for", "6")
        await settle(pilot)
        assert form.query_one("#row-expected_note").display
        assert "应到说明：应到与花名册(7)不同，请填写原因" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # not saved without the reason
        await fill(pilot, "expected_note", "一名委员已辞职")
        await settle(pilot)
        assert "请填写原因" not in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        if isinstance(app.screen, ConfirmWarnings):
            await pilot.press("y")
            await settle(pilot)
        assert app.screen is not form
    m = village_service.state(mid).steps[Step.JOINT_MEETING]
    assert (m.expected, m.expected_basis, m.expected_note) == (6, "", "一名委员已辞职")


async def test_expected_back_at_the_roster_figure_needs_no_reason(village_service, db_path):
    seed(village_service, 1)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_matter(pilot)
        await pilot.press("x")
        await settle(pilot)
        await fill(pilot, "expected", "8")
        await settle(pilot)
        assert app.screen.query_one("#row-expected_note").display
        await fill(pilot, "expected", "7")
        await settle(pilot)
        assert not app.screen.query_one("#row-expected_note").display
        assert "请填写原因" not in screen_text(app)
