"""The township's first screen: every village, when it was last heard from, and what waits."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ...i18n.township import cols
from ..widgets.fitted_table import fill
from .township_base import Done, TownshipScreen


class VillagesScreen(TownshipScreen, Screen[None]):
    """Villages in code order; Enter opens one."""

    CSS_PATH = "township_villages.tcss"
    BINDINGS = [
        Binding("enter", "open", "key.open", show=True, priority=True),
        Binding("i", "inbox", "key.inbox"),
        Binding("w", "weekly", "key.weekly"),
        Binding("e", "export", "key.export"),
        TownshipScreen.HELP_BINDING,
        Binding("q", "app.quit", "key.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._localize()
        self.lines: list = []

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield DataTable(id="villages", cursor_type="row", zebra_stripes=True)
        yield Static(id="note")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.load()

    def on_screen_suspend(self) -> None:
        self.away = True

    def on_screen_resume(self) -> None:
        if getattr(self, "away", False):
            self.load()  # back from a village, the inbox or an export: counts may have changed

    def load(self) -> None:
        # First the counts the database keeps (quick), then the two costly checks fill in.
        self.run_desk(
            "load", lambda: (self.desk.township(), self.desk.village_lines(checked=False))
        )

    @on(Done)
    def loaded(self, message: Done) -> None:
        if message.tag not in ("load", "checks"):
            return
        message.stop()
        note = self.query_one("#note", Static)
        if message.error:
            note.update(Text(message.error, style="bold red"))
            return
        if message.tag == "checks":
            defects, broken = message.result
            self.lines = [
                replace(v, defects=defects.get(v.code, 0), broken=broken.get(v.code), checked=True)
                for v in self.lines
            ]
            self._fill()
            return
        (code, name), self.lines = message.result
        self.run_desk("checks", self.desk.village_checks)
        self.query_one("#title", Static).update(
            Text(
                self.t("villages.title", township=name or code or self.t("app.title")), style="bold"
            )
        )
        self._fill()

    def _fill(self) -> None:
        fill(
            self.query_one(DataTable),
            cols("villages", self.lang),
            [(v.code, self._cells(v)) for v in self.lines],
            flex=0,
            width=self.app.size.width,
        )
        note = self.query_one("#note", Static)
        note.update(Text(self.t("villages.none"), style="dim") if not self.lines else "")

    def _cells(self, v) -> tuple:
        if not v.checked:
            ledger = Text(self.t("ledger.checking"), style="dim")
        elif v.broken:
            ledger = Text(self.t("ledger.broken"), style="bold red")
        elif v.held:
            ledger = Text(self.t("ledger.held", n=v.held), style="yellow")
        else:
            ledger = Text(self.t("ledger.ok"), style="green")
        heard = v.last_heard.isoformat() if v.last_heard else self.t("villages.never")
        return (
            Text(v.name.removeprefix("示例·")),
            Text(heard),
            Text(str(v.pending)),
            Text(str(v.returned), style="red" if v.returned else ""),
            Text(
                "…" if v.defects is None else str(v.defects),
                style="bold red" if v.defects else "",
            ),
            ledger,
        )

    def _current(self):
        table = self.query_one(DataTable)
        if not self.lines or table.cursor_row is None:
            return None
        return self.lines[table.cursor_row]

    def action_open(self) -> None:
        v = self._current()
        if v is not None:
            from .township_matters import VillageMattersScreen

            self.app.push_screen(VillageMattersScreen(v.code, v.name))

    @on(DataTable.RowSelected)
    def selected(self) -> None:
        self.action_open()

    def action_inbox(self) -> None:
        from .township_inbox import InboxScreen

        self.app.push_screen(InboxScreen())

    def action_weekly(self) -> None:
        from .township_weekly import WeeklyScreen

        self.app.push_screen(WeeklyScreen())

    def action_export(self) -> None:
        from .township_export import ExportDialog

        self.app.push_screen(ExportDialog())
