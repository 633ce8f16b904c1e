"""The clerk attaching a file to one entry: a path typed, or a file picked from a folder tree."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.text import printable
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
            yield Static("", id="attach-folder")
            yield OptionList(id="attach-tree")
            yield Static("", id="attach-error")
        yield Footer()

    def on_mount(self) -> None:
        self.show_folder(self.start)
        self.query_one("#attach-path", Input).focus()

    def show_folder(self, folder: Path) -> None:
        """List a folder: its parent, its folders, then its files (names shown as plain text)."""
        try:
            entries = sorted(folder.iterdir(), key=lambda p: (not p.is_dir(), p.name.lower()))
        except OSError as exc:
            self._refused(f"{folder}: {exc.strerror or exc}")
            return
        self.folder, self.entries = folder, [folder.parent, *entries]
        tree = self.query_one("#attach-tree", OptionList)
        tree.clear_options()
        labels = [".. /"] + [
            printable(p.name, one_line=True) + ("/" if p.is_dir() else "") for p in entries
        ]
        tree.add_options([Option(Text(label), id=str(i)) for i, label in enumerate(labels)])
        tree.highlighted = 0
        self.query_one("#attach-folder", Static).update(Text(str(folder), style="dim"))

    @on(Input.Submitted, "#attach-path")
    def typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.attach(Path(event.value.strip().strip('"')).expanduser())

    @on(OptionList.OptionSelected, "#attach-tree")
    def picked(self, event: OptionList.OptionSelected) -> None:
        path = self.entries[int(event.option.id)]
        if path.is_dir():
            self.show_folder(path)
            return
        self.query_one("#attach-path", Input).value = str(path)
        self.attach(path)

    @work(thread=True, exclusive=True, group="attach")
    def attach(self, path: Path) -> None:
        from ...store.attaching import attach_files

        try:
            done = attach_files(self.service, self.matter_id, self.kind, self.ref, [path])
        except Exception as exc:  # noqa: BLE001 - every refusal is shown in one line
            self.app.call_from_thread(self._refused, error_text(exc, self.lang))
            return
        self.app.call_from_thread(self._attached, done)

    def _attached(self, done: list) -> None:
        # Not awaited: the worker calling this must end before the screen can be popped.
        self.dismiss(done)

    def _refused(self, message: str) -> None:
        self.query_one("#attach-error", Static).update(Text(message, style="bold red"))

    def action_cancel(self) -> None:
        self.dismiss(None)
