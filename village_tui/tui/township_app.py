"""The township's app: villages, their matters, a matter; the inbox, the week's lists, feedback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from ..i18n.township import tr
from .screens.base import localize_bindings


class TownshipApp(App[None]):
    """Opens on the villages of a township database."""

    BINDINGS = [Binding("ctrl+q", "quit", "key.quit", priority=True, show=False)]

    def __init__(self, desk, lang: str = "zh") -> None:
        self.lang = lang
        super().__init__()
        self.desk = desk
        self.title = tr("app.title", lang)
        localize_bindings(self, lang, tr)

    def get_default_screen(self) -> Screen:
        from .screens.township_villages import VillagesScreen

        return VillagesScreen()

    def action_help(self) -> None:
        from .screens.township_help import TownshipHelpScreen

        if not isinstance(self.screen, TownshipHelpScreen):
            self.push_screen(TownshipHelpScreen())


def run_township_app(db, *, actor: str, lang: str = "zh", today=date.today) -> int:
    """Run the township app on an engine, or on the database file at `db`."""
    from ..sync.desk import TownshipDesk

    if isinstance(db, (str, Path)):
        from ..store.db import open_engine

        db = open_engine(db)
    TownshipApp(TownshipDesk(db, actor=actor, today=today), lang).run()
    return 0
