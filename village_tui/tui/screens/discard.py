"""Asked on Esc when a form has changes: leave them (nothing is saved) or go back to the form."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets.fit_footer import FitFooter
from .base import Localized


class DiscardChanges(Localized, ModalScreen[bool]):
    """Y leaves the form and its changes; N or Esc goes back to it."""

    DEFAULT_CSS = """
    DiscardChanges { align: center middle; }
    #discard-box { width: 60; height: auto; border: round $warning; padding: 0 1; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "key.discard"),
        Binding("n,escape", "answer(False)", "key.keep_editing"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._localize()

    def compose(self) -> ComposeResult:
        with Vertical(id="discard-box"):
            yield Static(self.t("discard.title"), id="discard-title")
            yield Static(self.t("discard.text"), id="discard-text")
        yield FitFooter()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
