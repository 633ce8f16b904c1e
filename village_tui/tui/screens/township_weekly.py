"""The week's lists: overdue disclosures, returns not yet answered, villages not heard from."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from .township_base import Done, TownshipScreen


class WeeklyScreen(TownshipScreen, Screen[None]):
    """Three lists, one under the other; n changes how many days of silence count."""

    CSS_PATH = "township_weekly.tcss"
    BINDINGS = [
        Binding("n", "days", "key.days"),
        Binding("escape", "app.pop_screen", "key.back"),
        TownshipScreen.HELP_BINDING,
    ]

    def __init__(self) -> None:
        super().__init__()
        self._localize()

    def compose(self) -> ComposeResult:
        yield Static(Text(self.t("weekly.title"), style="bold"), id="title")
        with VerticalScroll(id="lists"):
            yield Static(id="weekly")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#lists").focus()
        self.load()

    def load(self) -> None:
        self.run_desk("load", self.desk.weekly)

    @on(Done)
    def answered(self, message: Done) -> None:
        message.stop()
        if message.error:
            self.notify(message.error, severity="error", markup=False)
            return
        if message.tag == "days":
            self.load()
            return
        w = message.result
        today = self.desk.today()
        text = Text()
        self._head(text, self.t("weekly.late", n=len(w.late)), w.late)
        for village, title, late in w.late:
            text.append(f"  {village} · ", style="bold")
            text.append(title)
            text.append(f"：{late.message(self.lang)}\n", style="yellow")
        self._head(text, self.t("weekly.unanswered", n=len(w.unanswered)), w.unanswered)
        for village, title, comment in w.unanswered:
            text.append(f"  {village} · ", style="bold")
            text.append(title)
            text.append("：")
            text.append(comment, style="red")
            text.append("\n")
        self._head(text, self.t("weekly.silent", days=w.stale_days, n=len(w.silent)), w.silent)
        for v in w.silent:
            text.append(f"  {v.name}", style="bold")
            heard = (
                self.t("weekly.days_ago", days=(today - v.last_heard).days)
                if v.last_heard
                else self.t("villages.never")
            )
            text.append(f"：{heard}\n", style="yellow")
        self.query_one("#weekly", Static).update(text)

    def _head(self, text: Text, head: str, items) -> None:
        if text:
            text.append("\n")
        text.append(head + "\n", style="bold underline")
        if not items:
            text.append("  " + self.t("weekly.none") + "\n", style="dim")

    def action_days(self) -> None:
        from .township_dialogs import AskDialog

        def done(value: str | None) -> None:
            if value is not None:
                self.run_desk("days", lambda: self.desk.set_stale_days(value))

        self.app.push_screen(AskDialog(self.t("days.prompt"), str(self.desk.stale_days())), done)
