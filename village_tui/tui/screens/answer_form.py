"""The clerk answers the township's return of a matter: fixed (已整改) or explained (说明)."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static

from ...i18n.exchange import tr
from ..widgets.fit_footer import FitFooter
from .base import error_text, localize_bindings


class AnswerScreen(ModalScreen[bool]):
    """Shows the township's comment; the clerk picks fixed or explained and writes the answer."""

    CSS_PATH = "answer_form.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", priority=True),
        Binding("escape", "cancel", "key.cancel"),
    ]

    def __init__(self, state) -> None:
        super().__init__()
        self.state = state
        self.lang = getattr(self.app, "lang", "zh")
        localize_bindings(self, self.lang, tr)

    def compose(self) -> ComposeResult:
        m = self.state.matter
        with Vertical(id="answer-box"):
            yield Static(Text(tr("answer.title", self.lang, title=m.title), style="bold"))
            yield Static(
                Text(
                    tr("answer.comment", self.lang, comment=self.state.review_comment), style="red"
                )
            )
            with RadioSet(id="answer-kind"):
                yield RadioButton(tr("answer.fixed", self.lang), value=True, id="fixed")
                yield RadioButton(tr("answer.explained", self.lang), id="explained")
            yield Static(tr("answer.text", self.lang))
            yield Input(id="answer-text")
            yield Static("", id="answer-error")
        yield FitFooter()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def action_save(self) -> None:
        pressed = self.query_one(RadioSet).pressed_button
        kind = pressed.id if pressed is not None else "fixed"
        self.save(kind, self.query_one(Input).value)

    @work(thread=True, exclusive=True, group="save")
    def save(self, kind: str, text: str) -> None:
        try:
            self.app.service.answer_return(self.state.matter.id, answer=kind, text=text)  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - shown in the form, nothing saved
            self.app.call_from_thread(self._refused, error_text(exc, self.lang))
            return
        self.app.call_from_thread(self.dismiss, True)

    def _refused(self, message: str) -> None:
        self.query_one("#answer-error", Static).update(Text(message, style="bold red"))

    def action_cancel(self) -> None:
        self.dismiss(False)
