"""Textual's own texts (command palette, dropdown footer, prompts) in the app's language."""

from __future__ import annotations

import re

import pytest

from tests.tui.helpers import focus, make_app, screen_text, settle
from village_tui.tui.screens.new_matter import NewMatterScreen

TEXTUAL_ENGLISH = (
    "Search for commands",
    "Quit the application",
    "screenshot",
    "Theme",
    "Keys",
    "Dismiss menu",
    "No matches found",
)


async def test_the_palette_speaks_chinese(village_service, db_path):
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        shown = screen_text(app)
        assert "搜索命令…" in shown
        commands = list(app.get_system_commands(app.screen_stack[-2]))
        words = " ".join(c.title + " " + c.help for c in commands)
        for text in ("帮助", "截图", "退出", "关闭本程序（已保存的内容都在台账中）", "新建事项"):
            assert text in words, text
        assert not re.search(r"[A-Za-z]{4,}", words.replace("SVG", "")), words
        for english in TEXTUAL_ENGLISH + ("Copy selected", "Focus"):
            assert english not in shown, english
        await pilot.press(*"qqqqzz")
        await pilot.pause(0.8)
        await settle(pilot)
        shown = screen_text(app)
        assert "没有相符的命令" in shown and "No matches" not in shown


async def test_the_palette_in_english_has_no_chinese(village_service, db_path):
    app = make_app(village_service, db_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        shown = screen_text(app)
        assert "Search for commands…" in shown and "Close the app" in shown
        assert "Theme" not in shown and "Maximize" not in shown
        assert not re.search(r"[\u4e00-\u9fff]", shown.split("\n", 1)[1]), shown


async def test_the_palette_help_command_opens_our_help(village_service, db_path):
    from village_tui.tui.screens.help import HelpScreen

    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"帮助", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize(
    ("lang", "key", "prompt"), [("zh", "关闭列表", "年-月-日"), ("en", "Close list", "yyyy-mm-dd")]
)
async def test_the_dropdown_footer_and_date_prompt_follow_the_language(
    village_service, db_path, lang, key, prompt
):
    app = make_app(village_service, db_path, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(NewMatterScreen())
        await settle(pilot)
        await pilot.click("#f-opened_on")
        await pilot.press("ctrl+a", "ctrl+k")
        await settle(pilot)
        assert prompt in screen_text(app)
        await focus(pilot, "f-category")
        await pilot.press("enter")
        await settle(pilot)
        shown = screen_text(app)
        assert key in shown and "Dismiss" not in shown, shown
