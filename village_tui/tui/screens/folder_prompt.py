"""Asking where to save a notice: one line, prefilled with the folder used last time."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from .base import Localized


class FolderScreen(Localized, ModalScreen[Path | None]):
    """Enter saves into the folder typed (created if missing), Esc saves nothing."""

    CSS_PATH = "folder_prompt.tcss"
    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self._localize()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="folder-box"):
            yield Static(self.t("folder.title"), id="folder-title")
            yield Input(str(self.folder), id="folder-input")
            yield Static("", id="folder-error")
            yield Static(self.t("folder.hint"), id="folder-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip().strip('"')  # Windows' "copy as path" adds quotes
        error = self.query_one("#folder-error", Static)
        if not text:
            error.update(self.t("folder.empty"))
            return
        folder = Path(text).expanduser()
        if folder.exists() and not folder.is_dir():
            error.update(self.t("folder.not_a_folder", path=str(folder)))
            return
        self.dismiss(folder)

    def action_cancel(self) -> None:
        self.dismiss(None)
