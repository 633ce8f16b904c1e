"""Textual's dropdown with its prompt and its footer key ("esc Dismiss menu") in the app's language."""

from __future__ import annotations

from textual._context import active_app
from textual.widgets import Select
from textual.widgets._select import SelectOverlay

from ...i18n.tui import tr


def _lang() -> str:
    try:
        return active_app.get().lang  # type: ignore[attr-defined]
    except (LookupError, AttributeError):
        return "zh"


class LocalSelect(Select[str]):
    """A Select whose blank prompt and open-list key say it in the clerk's language."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("prompt", tr("select.prompt", _lang()))
        super().__init__(*args, **kwargs)

    def on_mount(self) -> None:
        from ..screens.base import localize_bindings

        for overlay in self.query(SelectOverlay):
            localize_bindings(overlay, _lang())
