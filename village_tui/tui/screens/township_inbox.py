"""The inbox: a folder the township chose (remembered), the bundles in it, and their import."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, ProgressBar, Static

from ...i18n.township import cols
from ..widgets.fitted_table import fill
from .base import error_text
from .township_base import Done, TownshipScreen

STATUS_STYLE = {"new": "bold green", "already": "dim", "feedback": "dim", "unreadable": "red"}
RESULT_STYLE = {"imported": "green", "released": "green", "held": "yellow", "refused": "bold red"}


class InboxScreen(TownshipScreen, Screen[None]):
    """The bundles in the inbox folder; Enter imports the new ones and ends with the summary."""

    CSS_PATH = "township_inbox.tcss"
    BINDINGS = [
        Binding("enter", "import_new", "key.import", priority=True),
        Binding("f", "folder", "key.folder"),
        Binding("escape", "app.pop_screen", "key.back"),
        TownshipScreen.HELP_BINDING,
    ]

    def __init__(self) -> None:
        super().__init__()
        self._localize()
        self.files: list = []
        self.folder: Path | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Static(id="folder")
        yield DataTable(id="files", cursor_type="row", zebra_stripes=True)
        yield ProgressBar(id="progress", show_eta=False)
        with VerticalScroll(id="summary-box"):
            yield Static(id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.query_one(ProgressBar).display = False
        self.load()

    def load(self) -> None:
        self.run_desk("load", lambda: (self.desk.inbox_folder(), self.desk.inbox()))

    @on(Done)
    def answered(self, message: Done) -> None:
        message.stop()
        if message.error:
            self.query_one("#summary", Static).update(Text(message.error, style="bold red"))
            return
        if message.tag == "load":
            self.folder, self.files = message.result
            self._show()
        elif message.tag == "folder":
            self.load()

    def _show(self) -> None:
        head = Text(self.t("inbox.folder"), style="bold")
        if self.folder is None:
            head.append(self.t("inbox.no_folder"), style="yellow")
        else:
            head.append(_shown(self.folder))
        self.query_one("#folder", Static).update(head)
        rows = []
        for f in self.files:
            rows.append(
                (
                    str(f.path),
                    (
                        Text(f.village_name or f.village_code or "?"),
                        Text(f"{f.first_seq}-{f.last_seq}" if f.last_seq else "-"),
                        Text(self.t(f"inbox.{f.status}"), style=STATUS_STYLE.get(f.status, "")),
                        Text(f.path.name),
                    ),
                )
            )
        fill(
            self.query_one(DataTable),
            cols("inbox", self.lang),
            rows,
            flex=3,
            width=self.app.size.width,
        )
        if self.folder is not None and not self.files:
            self.query_one("#summary", Static).update(Text(self.t("inbox.none"), style="dim"))

    def action_folder(self) -> None:
        from .township_dialogs import AskDialog

        def done(value: str | None) -> None:
            if value is not None:
                self.run_desk("folder", lambda: self.desk.set_inbox_folder(value))

        self.app.push_screen(AskDialog(self.t("folder.prompt"), str(self.folder or "")), done)

    def action_import_new(self) -> None:
        new = [f.path for f in self.files if f.status in ("new", "unreadable")]
        if self.busy:
            return
        if not new:
            self.notify(self.t("inbox.nothing_new"))
            return
        self.busy = True
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=len(new), progress=0)
        self.import_worker(new)

    @work(thread=True, exclusive=True, group="import")
    def import_worker(self, files: list[Path]) -> None:
        def step(_result) -> None:
            self.app.call_from_thread(self.query_one(ProgressBar).advance, 1)

        try:
            lines = self.desk.import_files(files, progress=step)
        except Exception as exc:  # noqa: BLE001 - a database problem is one line, never a traceback
            self.app.call_from_thread(self._imported, None, error_text(exc, self.lang))
            return
        self.app.call_from_thread(self._imported, lines, "")

    def _imported(self, lines, error: str) -> None:
        self.busy = False
        summary = self.query_one("#summary", Static)
        if error:
            summary.update(Text(error, style="bold red"))
            return
        counts = {"imported": 0, "already": 0, "held": 0, "refused": 0}
        text = Text()
        for line in lines:
            bucket = {"released": "imported", "nothing_new": "already"}.get(
                line.status, line.status
            )
            counts[bucket] = counts.get(bucket, 0) + 1
            who = line.village_name or line.village_code or "?"
            text.append(f"{who}：", style="bold")
            text.append(self.t(f"status.{line.status}"), style=RESULT_STYLE.get(line.status, "dim"))
            if line.status == "refused":  # the reason, after the file's name (not its whole path)
                reason = line.message(self.lang)
                for sep in ("：", ": "):
                    reason = reason.removeprefix(line.path + sep)
                text.append(f" — {Path(line.path).name}：{reason}")
            text.append("\n")
        head = Text(self.t("inbox.summary", **counts) + "\n", style="bold")
        summary.update(head + text)
        self.load()


def _shown(folder: Path) -> str:
    """The folder as the officer typed it when it lies under the working folder, else in full."""
    try:
        return str(folder.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(folder)
