"""Export the township's feedback for every village into a folder (the inbox folder by default)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from .township_base import Done, TownshipScreen


class ExportDialog(TownshipScreen, ModalScreen[None]):
    """Asks for the folder, writes the feedback bundles, and says what it wrote."""

    CSS_PATH = "township_dialogs.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "key.close"), TownshipScreen.HELP_BINDING]

    def __init__(self) -> None:
        super().__init__()
        self._localize()

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.t("export.prompt"), style="bold"), id="dialog-title")
            yield Input(id="folder")
            yield Static("", id="dialog-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.run_desk("folder", self.desk.inbox_folder)

    @on(Input.Submitted)
    def submit(self) -> None:
        value = self.query_one(Input).value.strip()
        if value:
            folder = Path(value).expanduser()
            self.run_desk("export", lambda: (folder, self.desk.export_feedback(folder)))

    @on(Done)
    def answered(self, message: Done) -> None:
        message.stop()
        out = self.query_one("#dialog-error", Static)
        if message.error:
            out.update(Text(message.error, style="bold red"))
        elif message.tag == "folder":
            if message.result is not None and not self.query_one(Input).value:
                self.query_one(Input).value = str(message.result)
        else:
            folder, done = message.result
            if done:
                out.update(
                    Text(self.t("export.done", n=len(done), folder=str(folder)), style="green")
                )
            else:
                out.update(Text(self.t("export.none"), style="dim"))
