"""The clerk's help (F1) also says what to do after a lost PC, a key change or a retired key."""

from __future__ import annotations

from textual.widgets import Static

from tests.tui.helpers import make_app, settle
from village_tui.i18n.sync import key_guide
from village_tui.tui.screens.help import HelpScreen


async def test_help_has_the_key_guide(village_service, db_path):
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = [str(w.render()) for w in app.screen.query(Static)]
        assert key_guide("zh") in shown
        assert any("电脑丢失" in t for t in shown)
