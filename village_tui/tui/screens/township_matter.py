"""One matter as the township sees it: the clerk's own timeline, read-only, and the review thread."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...i18n.sync import REVIEW_STATES, label
from ...i18n.tui import category_name
from ..widgets.findings_view import finding_text
from ..widgets.timeline import Timeline
from .township_base import Done, TownshipScreen
from .township_decide import Decide


class MatterReviewScreen(Decide, TownshipScreen, Screen[None]):
    """The matter's steps, findings, postings and notices, then every verdict and answer."""

    CSS_PATH = "township_matter.tcss"
    BINDINGS = [
        Binding("a", "approve", "key.approve"),
        Binding("r", "return_matter", "key.return"),
        Binding("f", "attachments", "key.attachments"),
        Binding("escape", "app.pop_screen", "key.back"),
        TownshipScreen.HELP_BINDING,
    ]

    def __init__(self, matter_id: str) -> None:
        super().__init__()
        self._localize()
        self.matter_id = matter_id
        self.detail = None

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield Static(id="info")
        yield Timeline(id="timeline")
        with VerticalScroll(id="thread-box"):
            yield Static(id="thread")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Timeline).focus()
        self.load()

    def load(self) -> None:
        self.run_desk("load", lambda: self.desk.matter(self.matter_id))

    def current(self):
        return self.detail.row if self.detail else None

    def decided(self) -> None:
        self.load()

    @on(Done)
    def loaded(self, message: Done) -> None:
        if self.handle_decided(message) or message.tag != "load":
            return
        message.stop()
        if message.error:
            self.query_one("#info", Static).update(Text(message.error, style="bold red"))
            return
        d = self.detail = message.result
        self.query_one("#title", Static).update(Text(d.state.matter.title, style="bold"))
        info = Text(
            self.t(
                "matter.info",
                village=d.village.name,
                category=category_name(d.state.matter.category, self.lang),
                state=label(REVIEW_STATES, d.row.review_state, self.lang),
            ),
            style="dim",
        )
        blockers = d.blockers
        info.append("\n")
        if blockers:
            info.append(self.t("matter.blocked", n=len(blockers)), style="bold red")
        else:
            info.append(self.t("matter.clean"), style="green")
        for f in d.row.findings:
            if f.step is None:
                info.append("\n")
                info.append_text(finding_text(f, self.lang, ids=True))
        if d.attachments:
            info.append("\n")
            info.append_text(self._attachments_line(d.attachments))
        self.query_one("#info", Static).update(info)
        self.query_one(Timeline).show(d.state, d.row.findings, self.desk.today(), self.lang)
        self.query_one("#thread", Static).update(self._thread(d.thread))

    def _attachments_line(self, found: list) -> Text:
        """How many files came with the matter, and their names (plain text: names are data)."""
        from ...domain.text import printable
        from ...i18n.attachments import size_text
        from ...i18n.attachments import tr as att

        head = att("tui.count", self.lang, n=len(found), size=size_text(sum(a.size for a in found)))
        names = "、".join(printable(a.name, one_line=True) for a in found)
        line = Text(head + "：", style="cyan")
        line.append(names)
        return line

    def action_attachments(self) -> None:
        from .attachments_view import AttachmentsScreen

        if self.detail is not None:
            d = self.detail
            self.app.push_screen(
                AttachmentsScreen(self.desk.engine, d.state.matter.title, d.attachments)
            )

    def _thread(self, thread) -> Text:
        text = Text(self.t("matter.thread") + "\n", style="bold")
        if not thread:
            text.append(self.t("matter.no_thread"), style="dim")
        for e in thread:
            style = {"review.returned": "red", "review.approved": "green"}.get(e.kind, "cyan")
            text.append(f"{e.recorded_at[:10]} ", style="dim")
            text.append(self.t(f"thread.{e.kind}"), style=style)
            if e.answer:
                text.append(f"（{self.t(f'answer.{e.answer}')}）", style=style)
            text.append(f" {e.actor}：", style="dim")
            text.append(e.comment)
            text.append("\n")
        return text
