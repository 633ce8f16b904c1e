"""The township's help: its week, step by step, and the keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ...i18n.sync import key_guide
from .township_base import TownshipScreen


class TownshipHelpScreen(TownshipScreen, ModalScreen[None]):
    """Help text; Esc or F1 closes it."""

    CSS_PATH = "township_help.tcss"
    BINDINGS = [Binding("escape,f1,q", "app.pop_screen", "key.close")]

    def __init__(self) -> None:
        super().__init__()
        self._localize()

    def compose(self) -> ComposeResult:
        yield Static(self.t("help.title"), id="help-title", markup=False)
        with VerticalScroll(id="help-body"):
            yield Static(self.t("help.body"), markup=False)
            # After a lost PC, a rotation or a revocation: what to do, in plain words.
            yield Static(key_guide(self.app.lang), id="help-keys", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
