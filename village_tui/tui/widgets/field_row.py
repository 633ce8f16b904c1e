"""A label and its input on one line: the unit every form is built from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label


class FieldRow(Horizontal):
    """`label` followed by one input widget; `wide` rows take a whole line."""

    DEFAULT_CSS = """
    FieldRow { height: 1; width: 1fr; margin: 0 1 0 0; }
    FieldRow > Label { width: auto; min-width: 11; height: 1; padding-right: 1; color: $text-muted; }
    FieldRow > Input, FieldRow > Select { width: 1fr; }
    FieldRow > Checkbox { width: 1fr; height: 1; border: none; padding: 0; }
    FieldRow.-invalid > Label { color: $error; text-style: bold; }
    """

    def __init__(self, label: str, widget: Widget, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._label = label
        self._widget = widget

    def compose(self) -> ComposeResult:
        yield Label(self._label)
        yield self._widget


class Pair(Horizontal):
    """Two FieldRows side by side, so a form of many fields fits on 24 lines."""

    DEFAULT_CSS = """
    Pair { height: 1; width: 100%; }
    """
