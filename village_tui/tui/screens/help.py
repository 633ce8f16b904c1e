"""The six steps in plain Chinese with the village's own thresholds, and the keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n.sync import key_guide
from ...i18n.tui import help_text
from ..widgets.fit_footer import FitFooter
from .base import Localized


class HelpScreen(Localized, ModalScreen[None]):
    """Help text; Esc or F1 closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,f1,q", "app.pop_screen", "key.close")]

    def __init__(self) -> None:
        super().__init__()
        self._localize()

    def compose(self) -> ComposeResult:
        yield Static(self.t("help.title"), id="help-title")
        with VerticalScroll(id="help-body"):
            yield Static(help_text(self._profile(), self.lang))
            yield Static(self.t("help.keys_title"))
            yield Static(key_guide(self.lang), markup=False)
        yield FitFooter()

    def _profile(self):
        """The village's profile; before set-up, the national floor."""
        try:
            return self.service.profile()
        except Exception:  # noqa: BLE001 - no village yet: the help still shows the floor
            return self.service.profile("national")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
