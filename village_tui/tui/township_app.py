"""The township's app: one review screen over a township database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import App

from .screens.base import localize_bindings
from .screens.review import ReviewScreen


class TownshipApp(App[None]):
    """Opens the review screen on a township database."""

    def __init__(self, service, lang: str = "zh") -> None:
        super().__init__()
        self.service, self.lang = service, lang
        localize_bindings(self, lang)

    def on_mount(self) -> None:
        self.push_screen(ReviewScreen(self.service, self.lang))


def run_township_app(db: Path, *, actor: str, lang: str = "zh", today=date.today) -> int:
    """Run the township app on the database at `db`."""
    from ..store.db import open_engine
    from ..sync.review import ReviewService

    TownshipApp(ReviewService(open_engine(db), actor=actor, today=today), lang).run()
    return 0
