"""The clerk's exchange with the township: export to a folder, import feedback from it."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, ProgressBar, Static

from ...i18n.exchange import tr
from ..widgets.fit_footer import FitFooter
from .base import error_text, localize_bindings


class ExchangeScreen(Screen[bool]):
    """A folder (remembered); ctrl+e exports the new records, ctrl+o imports the feedback."""

    CSS_PATH = "exchange.tcss"
    BINDINGS = [
        Binding("ctrl+e", "export", "key.export", priority=True),
        Binding("ctrl+o", "import_feedback", "key.import", priority=True),
        Binding("escape", "back", "key.back"),
        Binding("f1", "app.help", "key.help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.lang = getattr(self.app, "lang", "zh")
        localize_bindings(self, self.lang, tr)
        self.changed = False

    def compose(self) -> ComposeResult:
        yield Static(Text(tr("exchange.title", self.lang), style="bold"), id="title")
        yield Static(tr("exchange.folder", self.lang))
        yield Input(id="folder")
        yield ProgressBar(id="progress", show_eta=False)
        with VerticalScroll(id="result-box"):
            yield Static(id="result")
        yield FitFooter()

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one(Input).focus()
        self.remembered()

    def _exchange(self):
        from ...sync.exchange import ClerkExchange

        return ClerkExchange(self.app.service.engine)  # type: ignore[attr-defined]

    @work(thread=True, group="exchange")
    def remembered(self) -> None:
        folder = self._exchange().folder()
        if folder is not None:
            self.app.call_from_thread(self._set_folder, str(folder))

    def _set_folder(self, value: str) -> None:
        if not self.query_one(Input).value:
            self.query_one(Input).value = value

    def action_back(self) -> None:
        self.dismiss(self.changed)

    def action_export(self) -> None:
        self._start("export")

    def action_import_feedback(self) -> None:
        self._start("import")

    def _start(self, what: str) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.run_exchange(what, self.query_one(Input).value)

    @work(thread=True, exclusive=True, group="exchange")
    def run_exchange(self, what: str, folder: str) -> None:
        def step(_item) -> None:
            self.app.call_from_thread(self.query_one(ProgressBar).advance, 1)

        x = self._exchange()
        try:
            done = x.export(folder, step) if what == "export" else x.import_feedback(folder, step)
        except Exception as exc:  # noqa: BLE001 - one line for the clerk, never a traceback
            self.app.call_from_thread(
                self._show, Text(error_text(exc, self.lang), style="bold red")
            )
            return
        self.app.call_from_thread(self._finished, what, done)

    def _finished(self, what: str, done: list) -> None:
        if what == "export":
            if not done:
                self._show(Text(tr("exchange.nothing", self.lang), style="dim"))
                return
            files = "、".join(d.path.name for d in done)
            self._show(
                Text(tr("exchange.exported", self.lang, n=len(done), files=files), style="green")
            )
            return
        if not done:
            self._show(Text(tr("exchange.no_feedback", self.lang), style="dim"))
            return
        self.changed = True
        text = Text()
        for r in done:
            text.append(r.message(self.lang) + "\n", style="bold red" if r.failed else "green")
        self._show(text)

    def _show(self, text: Text) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one("#result", Static).update(text)
