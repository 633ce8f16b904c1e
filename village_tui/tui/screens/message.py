"""A message the clerk needs to read in full (a saved notice's paths), closed with Enter or Esc."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets.fit_footer import FitFooter
from .base import Localized


class MessageScreen(Localized, ModalScreen[None]):
    """A heading and a body of text in a box."""

    CSS_PATH = "message.tcss"
    BINDINGS = [Binding("escape,enter", "app.pop_screen", "key.close")]

    def __init__(self, heading: str, body: str) -> None:
        super().__init__()
        self._localize()
        self.heading, self.body = heading, body

    def compose(self) -> ComposeResult:
        with Vertical(id="message-box"):
            yield Static(self.heading, id="message-heading")
            yield Static(Text(self.body), id="message-body")  # a path with a title in it: words
        yield FitFooter()
