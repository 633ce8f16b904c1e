"""Textual's command palette with our texts: its search prompt, "no matches" and system commands."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from ..i18n.tui import tr


class LocalPalette(CommandPalette):
    """The palette whose every text is in the app's language."""

    def __init__(self, lang: str) -> None:
        super().__init__(placeholder=tr("palette.search", lang), id="--command-palette")
        self.lang = lang

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own copy writes "No matches found"; this one says it in the app's language.
        self._stop_no_matches_countdown()

        def show() -> None:
            if not search_value:
                self._list_visible = False
                return
            self.query_one(CommandList).add_option(
                Option(
                    Align.center(Text(tr("palette.none", self.lang), style="not bold")),
                    disabled=True,
                    id=self._NO_MATCHES,
                )
            )
            self._list_visible = True

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)


def system_commands(
    lang: str, quit: Callable[[], object], shot: Callable[[], object]
) -> Iterable[SystemCommand]:
    """Textual's system commands the clerk needs, in `lang` (no theme or maximize: English names).

    Help is the app's F1 key, which the palette lists with the other keys.
    """
    yield SystemCommand(tr("palette.shot", lang), tr("palette.shot_more", lang), shot)
    yield SystemCommand(tr("palette.quit", lang), tr("palette.quit_more", lang), quit)
