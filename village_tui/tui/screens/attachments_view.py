"""A matter's attachments, listed; open one in the system's viewer or save copies to a folder.

The clerk's matter screen and the township's both push it. Names are data: shown as
plain text (never markup), saved under `save_name`, never used as a path.
"""

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
from ...i18n.attachments import size_text, tr
from .base import error_text, localize_bindings


def attachment_label(a) -> Text:
    """One line of the list: name, type, size, the hash's start (all plain text)."""
    line = Text(printable(a.name, one_line=True))
    line.append(f"  {a.media_type} · {size_text(a.size)} · {a.sha256[:12]}", style="dim")
    return line


class AttachmentsScreen(ModalScreen[None]):
    """Enter or o opens the highlighted file; s saves it, S saves them all, to a folder typed."""

    CSS_PATH = "attachments_view.tcss"
    BINDINGS = [
        Binding("escape", "close", "key.back"),
        Binding("o", "open", "key.open"),
        Binding("s", "save", "key.save"),
        Binding("S", "save_all", "key.save_all"),
    ]

    def __init__(self, engine, title: str, attachments: list) -> None:
        super().__init__()
        self.engine, self.title_text, self.attachments = engine, title, list(attachments)
        self._saving: list = []
        localize_bindings(self, self._lang(), tr)

    def _lang(self) -> str:
        try:
            return self.app.lang  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - not mounted yet
            from textual._context import active_app

            return getattr(active_app.get(None), "lang", "zh")

    def t(self, key: str, **values) -> str:
        return tr(key, self._lang(), **values)

    def compose(self) -> ComposeResult:
        with Vertical(id="att-box"):
            yield Static(Text(self.t("tui.list_title", title=self.title_text), style="bold"))
            if self.attachments:
                yield OptionList(
                    *(
                        Option(attachment_label(a), id=str(i))
                        for i, a in enumerate(self.attachments)
                    ),
                    id="att-list",
                )
            else:
                yield Static(self.t("none"), id="att-none")
            yield Static(self.t("tui.save_prompt"), id="att-save-prompt")
            yield Input(id="att-folder")
            yield Static("", id="att-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#att-save-prompt").display = False
        self.query_one("#att-folder").display = False
        if self.attachments:
            self.query_one(OptionList).focus()

    def _current(self):
        if not self.attachments:
            return None
        index = self.query_one(OptionList).highlighted
        return self.attachments[index if index is not None else 0]

    def _status(self, message: str, error: bool = False) -> None:
        self.query_one("#att-status", Static).update(
            Text(message, style="bold red" if error else "green")
        )

    @on(OptionList.OptionSelected, "#att-list")
    def action_open(self) -> None:
        att = self._current()
        if att is not None:
            self._open(att)

    @work(thread=True, group="attachments")
    def _open(self, att) -> None:
        from ...sync import attachment_files

        try:
            zh, en = attachment_files.open_attachment(self.engine, att)
        except Exception as exc:  # noqa: BLE001 - shown in one line, never a traceback
            self.app.call_from_thread(self._status, error_text(exc, self._lang()), True)
            return
        self.app.call_from_thread(self._status, en if self._lang() == "en" else zh)

    def action_save(self) -> None:
        self._ask_folder([a for a in [self._current()] if a is not None])

    def action_save_all(self) -> None:
        self._ask_folder(self.attachments)

    def _ask_folder(self, chosen: list) -> None:
        if not chosen:
            return
        self._saving = chosen
        self.query_one("#att-save-prompt").display = True
        box = self.query_one("#att-folder", Input)
        box.display = True
        box.focus()

    @on(Input.Submitted, "#att-folder")
    def _folder_given(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._save(list(self._saving), Path(event.value.strip()).expanduser())

    @work(thread=True, group="attachments")
    def _save(self, chosen: list, folder: Path) -> None:
        from ...i18n.attachments import text
        from ...sync.attachment_files import save_attachment

        try:
            saved = [save_attachment(self.engine, a, folder) for a in chosen]
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self._status, error_text(exc, self._lang()), True)
            return
        lines = "\n".join(text("saved", self._lang(), path=p) for p in saved)
        self.app.call_from_thread(self._status, lines)

    def action_close(self) -> None:
        self.dismiss(None)
