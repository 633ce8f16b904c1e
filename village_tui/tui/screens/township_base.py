"""What every township screen shares: its words, the desk service, F1 help and a worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.binding import Binding
from textual.message import Message

from ...i18n.township import tr
from .base import error_text, localize_bindings


class Done(Message):
    """A desk call made off the UI thread came back: its result, or the error text."""

    def __init__(self, tag: str, result: Any = None, error: str = "") -> None:
        super().__init__()
        self.tag, self.result, self.error = tag, result, error


class TownshipScreen:
    """Mixin for township screens: `self.t`, `self.desk`, F1, and `self.run_desk` in a worker."""

    HELP_BINDING = Binding("f1", "app.help", "key.help")

    def _localize(self) -> None:
        localize_bindings(self, self.lang, tr)

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "zh")  # type: ignore[attr-defined]

    @property
    def desk(self):
        return self.app.desk  # type: ignore[attr-defined]

    def t(self, key: str, **values: Any) -> Any:
        return tr(key, self.lang, **values)

    @work(thread=True, group="desk")
    def run_desk(self, tag: str, fn: Callable[[], Any]) -> None:
        """Call the desk off the UI thread; a `Done` message brings the answer back."""
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001 - every refusal is shown, never a traceback
            self.post_message(Done(tag, error=error_text(exc, self.lang)))  # type: ignore[attr-defined]
        else:
            self.post_message(Done(tag, result))  # type: ignore[attr-defined]
