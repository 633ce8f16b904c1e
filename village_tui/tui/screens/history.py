"""Every event that touched a matter: each version of each step, who recorded it, and why it changed."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ...domain.steps import Step
from ...i18n.history import CHANGE, label, local_time, show
from ...i18n.tui import step_short
from ...store.history_diff import flatten
from ..widgets.fit_footer import FitFooter
from .base import Localized, error_text


class HistoryScreen(Localized, Screen[None]):
    """The matter's history, oldest first; the highlighted event's content below the table."""

    CSS_PATH = "history.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "key.back")]

    class HistoryLoaded(Message):
        def __init__(self, entries: list | None, error: str = "") -> None:
            super().__init__()
            self.entries = entries or []
            self.error = error

    def __init__(self, matter_id: str, title: str) -> None:
        super().__init__()
        self._localize()
        self.matter_id = matter_id
        self.title_text = title
        self.entries: list = []

    def compose(self) -> ComposeResult:
        yield Static(self.t("history.title", title=self.title_text), id="history-title")
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="history-detail")
        yield FitFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("seq", "at", "actor", "what", "reason"):
            table.add_column(self.t(f"history.col.{key}"), key=key)
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        try:
            entries = self.service.history(self.matter_id)
        except Exception as exc:  # noqa: BLE001
            self.post_message(self.HistoryLoaded(None, error_text(exc, self.lang)))
            return
        self.post_message(self.HistoryLoaded(entries))

    def on_history_screen_history_loaded(self, message: HistoryLoaded) -> None:
        if message.error:
            self.query_one("#history-detail", Static).update(message.error)
            return
        self.entries = message.entries
        table = self.query_one(DataTable)
        attempts: dict[str, int] = {}
        for e in self.entries:
            what = self.t(f"ev.{e.type}")
            corrected = e.data.get("type") if e.corrects else None
            if isinstance(corrected, str) and not e.step:
                what += " " + self.t(f"ev.{corrected}")
            if e.step:
                what += f" {step_short(Step(e.step), self.lang)}"
                if not e.corrects:
                    attempts[e.step] = attempts.get(e.step, 0) + 1
                    what += " " + self.t("history.attempt", n=attempts[e.step])
            verdict = (e.data.get("payload", e.data) if e.corrects else e.data).get("verdict")
            if isinstance(verdict, dict) and verdict.get("valid") is False:
                what += " · " + self.t("history.not_valid")
            if e.corrects:
                what += " · " + self.t("history.corrects", seq=e.corrects)
            table.add_row(
                str(e.seq), local_time(e.recorded_at), e.actor, what, e.reason, key=str(e.seq)
            )
        if self.entries:
            table.move_cursor(row=len(self.entries) - 1)
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row < 0 or event.cursor_row >= len(self.entries):
            return
        self.query_one("#history-detail", Static).update(
            self.detail(self.entries[event.cursor_row])
        )

    def detail(self, e) -> Text:
        """An event as labelled fields; a correction as old → new, field by field."""
        lang = self.lang
        colon = ": " if lang == "en" else "："
        text = Text(f"#{e.seq} {e.actor} {local_time(e.recorded_at)}\n", style="bold")
        if e.reason:
            text.append(f"{self.t('form.reason')}{colon}{e.reason}\n", style="yellow")
        if e.corrects:
            for c in e.changes:
                line = CHANGE[lang].format(
                    label=label(c.key, lang),
                    old=show(c.key, c.old, lang),
                    new=show(c.key, c.new, lang),
                )
                text.append(line + "\n")
            if not e.changes:
                text.append(self.t("history.no_change") + "\n", style="dim")
            return text
        fields = [(k, v) for k, v in flatten(e.data).items() if v not in (None, "", [], 0, False)]
        for key, value in fields[:14]:
            text.append(f"{label(key, lang)}{colon}{show(key, value, lang)}\n")
        return text
