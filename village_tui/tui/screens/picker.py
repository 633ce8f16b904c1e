"""Choosing one value from a short list (a filter's category or step), by keyboard."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .base import Localized


class PickerScreen(Localized, ModalScreen[str | None]):
    """A titled list; Enter picks (dismissing with the option's id, "" for "all"), Esc keeps things as they were."""

    CSS_PATH = "picker.tcss"
    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, title: str, options: list[tuple[str, str]], current: str | None) -> None:
        super().__init__()
        self._localize()
        self.title_text = title
        self.options = options
        self.current = current or ""

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(self.title_text, id="picker-title")
            yield OptionList(
                *(Option(label, id=value or "-") for label, value in self.options), id="picker-list"
            )

    def on_mount(self) -> None:
        ids = [value for _, value in self.options]
        olist = self.query_one(OptionList)
        olist.highlighted = ids.index(self.current) if self.current in ids else 0
        olist.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        value = event.option.id
        self.dismiss("" if value == "-" else value)

    def action_cancel(self) -> None:
        self.dismiss(None)
