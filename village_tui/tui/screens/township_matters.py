"""One village's matters: where each stands, its findings and its review; approve or return."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ...i18n.sync import REVIEW_STATES, label
from ...i18n.township import cols
from ...sync.review import PENDING_STATES, approval_blockers
from ...sync.review_report import step_label
from ..widgets.fitted_table import fill
from .township_base import Done, TownshipScreen
from .township_decide import Decide

STATE_STYLE = {"returned": "bold red", "approved": "green", "reopened": "yellow", "pending": ""}


class VillageMattersScreen(Decide, TownshipScreen, Screen[None]):
    """The matters of one village, newest first; Enter opens the one highlighted."""

    CSS_PATH = "township_matters.tcss"
    BINDINGS = [
        Binding("enter", "open", "key.open", priority=True),
        Binding("a", "approve", "key.approve"),
        Binding("r", "return_matter", "key.return"),
        Binding("b", "batch", "key.batch"),
        Binding("escape", "app.pop_screen", "key.back"),
        TownshipScreen.HELP_BINDING,
    ]

    def __init__(self, village_code: str, village_name: str) -> None:
        super().__init__()
        self._localize()
        self.village_code, self.village_name = village_code, village_name
        self.rows: list = []

    def compose(self) -> ComposeResult:
        yield Static(
            Text(self.t("matters.title", village=self.village_name), style="bold"), id="title"
        )
        yield DataTable(id="matters", cursor_type="row", zebra_stripes=True)
        yield Static(id="why")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    def load(self) -> None:
        self.run_desk("load", lambda: self.desk.matters(self.village_code))

    @on(Done)
    def loaded(self, message: Done) -> None:
        if self.handle_decided(message) or message.tag != "load":
            return
        message.stop()
        if message.error:
            self.query_one("#why", Static).update(Text(message.error, style="bold red"))
            return
        self.rows = message.result
        fill(
            self.query_one(DataTable),
            cols("matters", self.lang),
            [(r.matter_id, self._cells(r)) for r in self.rows],
            flex=0,
            width=self.app.size.width,
        )
        if not self.rows:
            self.query_one("#why", Static).update(Text(self.t("matters.none"), style="dim"))
        self._explain()

    def _cells(self, r) -> tuple:
        issues = Text(f"{r.blocking}/{r.warnings}", style="bold red" if r.blocking else "")
        state = Text(
            label(REVIEW_STATES, r.review_state, self.lang),
            style=STATE_STYLE.get(r.review_state, ""),
        )
        return Text(r.title), Text(step_label(r.reached, self.lang)), issues, state

    @on(DataTable.RowHighlighted)
    def _explain(self) -> None:
        r = self.current()
        why = self.query_one("#why", Static)
        if r is None:
            return
        blockers = approval_blockers(r)
        if blockers:
            text = Text(self.t("matter.blocked", n=len(blockers)), style="bold red")
            for f in blockers[:2]:
                text.append("\n✗ ", style="red")
                text.append(f.message(self.lang))
        else:
            text = Text(self.t("matter.clean"), style="green")
        why.update(text)

    def current(self):
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def action_open(self) -> None:
        r = self.current()
        if r is not None:
            from .township_matter import MatterReviewScreen

            self.app.push_screen(MatterReviewScreen(r.matter_id))

    @on(DataTable.RowSelected)
    def selected(self) -> None:
        self.action_open()

    def action_batch(self) -> None:
        clean = [
            r for r in self.rows if r.review_state in PENDING_STATES and not approval_blockers(r)
        ]
        self.confirm_batch(clean)

    def decided(self) -> None:
        self.load()
