"""The township's dialogs: a comment on one named matter, and a confirmation that lists."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from ..widgets.findings_view import finding_text
from .township_base import TownshipScreen


class CommentDialog(TownshipScreen, ModalScreen[str | None]):
    """Names the matter and its findings; a return's comment is required. Dismisses with it."""

    CSS_PATH = "township_dialogs.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        TownshipScreen.HELP_BINDING,
    ]

    def __init__(self, row, *, required: bool) -> None:
        super().__init__()
        self._localize()
        self.row, self.required = row, required

    def compose(self) -> ComposeResult:
        r = self.row
        head = "return.title" if self.required else "approve.title"
        with Vertical(id="dialog"):
            yield Static(Text(self.t(head, title=r.title), style="bold"), id="dialog-title")
            text = Text(self.t("return.findings") + "\n", style="dim")
            for f in r.findings:
                text.append_text(finding_text(f, self.lang, ids=True))
                text.append("\n")
            if not r.findings:
                text.append(self.t("return.no_findings"), style="dim")
            with VerticalScroll(id="dialog-body"):
                yield Static(text, id="dialog-findings")
            yield Static(self.t("return.prompt" if self.required else "approve.prompt"))
            yield Input(id="comment")
            yield Static("", id="dialog-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submit(self) -> None:
        value = self.query_one(Input).value.strip()
        if self.required and not value:
            self.query_one("#dialog-error", Static).update(
                Text(self.t("return.empty"), style="bold red")
            )
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(TownshipScreen, ModalScreen[bool]):
    """One question over a list of what it concerns; Enter confirms, Esc cancels."""

    CSS_PATH = "township_dialogs.tcss"
    BINDINGS = [
        Binding("enter,y", "confirm", "key.confirm", priority=True),
        Binding("escape,n", "cancel", "key.cancel"),
        TownshipScreen.HELP_BINDING,
    ]

    def __init__(self, question: str, lines: list[Text]) -> None:
        super().__init__()
        self._localize()
        self.question, self.lines = question, lines

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.question, style="bold"), id="dialog-title")
            with VerticalScroll(id="dialog-body"):
                yield Static(Text("\n").join(self.lines), id="dialog-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#dialog-body").focus()

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class AskDialog(TownshipScreen, ModalScreen[str | None]):
    """One line of text (a folder, a number of days); the desk checks it, the caller says why not."""

    CSS_PATH = "township_dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "key.cancel"), TownshipScreen.HELP_BINDING]

    def __init__(self, prompt: str, value: str = "") -> None:
        super().__init__()
        self._localize()
        self.prompt, self.value = prompt, value

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.prompt, style="bold"), id="dialog-title")
            yield Input(self.value, id="answer")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submit(self) -> None:
        self.dismiss(self.query_one(Input).value)

    def action_cancel(self) -> None:
        self.dismiss(None)
