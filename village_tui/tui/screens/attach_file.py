"""The clerk attaching a file to one entry: a path typed, or a file picked from a folder tree."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Footer, Input, Static

from ...i18n.attachments import tr
from .base import error_text, localize_bindings


class AttachFileScreen(ModalScreen[list | None]):
    """Dismisses with the attachments recorded, or None when cancelled."""

    CSS_PATH = "attach_file.tcss"
    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, service, matter_id: str, kind: str, ref: str, entry: str, start: Path):
        super().__init__()
        self.service, self.matter_id, self.kind, self.ref = service, matter_id, kind, ref
        self.entry, self.start = entry, start
        from textual._context import active_app

        self.lang = getattr(active_app.get(None), "lang", "zh")
        localize_bindings(self, self.lang, tr)

    def t(self, key: str, **values) -> str:
        return tr(key, self.lang, **values)

    def compose(self) -> ComposeResult:
        from ...store.attachments import limits, limits_text

        zh, en = limits_text(limits(self.service.engine))
        with Vertical(id="attach-box"):
            yield Static(Text(self.t("tui.attach_title", entry=self.entry), style="bold"))
            yield Static(self.t("tui.path_prompt", limits=(en if self.lang == "en" else zh)))
            yield Input(id="attach-path")
            yield DirectoryTree(self.start, id="attach-tree")
            yield Static("", id="attach-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#attach-path", Input).focus()

    @on(Input.Submitted, "#attach-path")
    def typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.attach(Path(event.value.strip().strip('"')).expanduser())

    @on(DirectoryTree.FileSelected, "#attach-tree")
    def picked(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#attach-path", Input).value = str(event.path)
        self.attach(Path(event.path))

    @work(thread=True, exclusive=True, group="attach")
    def attach(self, path: Path) -> None:
        from ...store.attaching import attach_files

        try:
            done = attach_files(self.service, self.matter_id, self.kind, self.ref, [path])
        except Exception as exc:  # noqa: BLE001 - every refusal is shown in one line
            self.app.call_from_thread(self._refused, error_text(exc, self.lang))
            return
        self.app.call_from_thread(self.dismiss, done)

    def _refused(self, message: str) -> None:
        self.query_one("#attach-error", Static).update(Text(message, style="bold red"))

    def action_cancel(self) -> None:
        self.dismiss(None)
