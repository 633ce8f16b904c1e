"""The township's review screen: every village's ledger and matters; approve or return."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Static

from ...domain.steps import ORDER
from ...i18n.sync import REVIEW_STATES, label
from ...i18n.tui import step_short
from ...sync.review_report import step_label
from ..widgets.timeline import attempt_lines
from .base import localize_bindings

STATE_STYLE = {"returned": "bold red", "approved": "green", "reopened": "yellow", "pending": ""}

T = {
    "title": ("乡镇审核", "Township review"),
    "approve": ("通过", "Approve"),
    "return": ("退回", "Return"),
    "refresh": ("刷新", "Refresh"),
    "quit": ("退出", "Quit"),
    "comment_title": (
        "退回意见（必填），回车确认，Esc 取消",
        "Comment (required); Enter to return, Esc to cancel",
    ),
    "approve_title": (
        "通过意见（可空），回车确认，Esc 取消",
        "Comment (optional); Enter to approve, Esc to cancel",
    ),
    "ok": ("确定", "OK"),
    "cancel": ("取消", "Cancel"),
    "cols": (
        ("村", "事项", "已到", "问题", "缺步", "逾期", "审核"),
        ("village", "matter", "step", "issues", "missing", "late", "review"),
    ),
    "villages": ("各村台账：", "Ledgers: "),
    "broken": ("断裂", "BROKEN"),
    "held": ("暂存", "held"),
    "key.approve": ("通过", "Approve"),
    "key.return": ("退回", "Return"),
    "key.refresh": ("刷新", "Refresh"),
    "key.quit": ("退出", "Quit"),
    "key.keys": ("密钥", "Keys"),
    "keys_title": (
        "密钥：电脑丢失、更换密钥、停用密钥",
        "Keys: a lost PC, changing keys, retiring a key",
    ),
    "none": ("（没有事项：先导入各村数据包）", "(no matters: import the villages' bundles first)"),
    "done": ("已记录并签名", "recorded and signed"),
}


def tr(key: str, lang: str):
    zh, en = T[key]
    return en if lang == "en" else zh


class CommentDialog(ModalScreen[str | None]):
    """Asks for the review comment; dismisses with it, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Esc")]

    def __init__(self, title: str, lang: str, required: bool) -> None:
        super().__init__()
        self.title_text, self.lang, self.required = title, lang, required

    def compose(self) -> ComposeResult:
        with Vertical(id="comment-box"):
            yield Static(self.title_text, id="comment-title")
            yield Input(id="comment")
            with Horizontal(id="comment-buttons"):
                yield Button(tr("ok", self.lang), variant="primary", id="ok")
                yield Button(tr("cancel", self.lang), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        value = self.query_one(Input).value.strip()
        if self.required and not value:
            self.query_one(Input).focus()
            return
        self.dismiss(value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ReviewScreen(Screen[None]):
    """Villages at the top (broken ledgers in red), one line per matter, details of the one selected."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("a", "approve", "key.approve", id="approve"),
        Binding("r", "return_matter", "key.return", id="return"),
        Binding("f5,g", "refresh", "key.refresh", id="refresh"),
        Binding("k", "key_guide", "key.keys", id="keys"),
        Binding("q", "app.quit", "key.quit", id="quit"),
    ]

    def __init__(self, service, lang: str = "zh") -> None:
        super().__init__()
        self.service, self.lang = service, lang
        localize_bindings(self, lang, tr)
        self.rows: list = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="villages")
        yield DataTable(id="matters", cursor_type="row", zebra_stripes=True)
        yield Static(id="details")
        yield Footer()

    def on_mount(self) -> None:
        self.title = tr("title", self.lang)
        table = self.query_one(DataTable)
        for col in tr("cols", self.lang):
            table.add_column(col)
        self.action_refresh()

    def action_key_guide(self) -> None:
        """What to do when a village loses its PC, changes or retires a key."""
        from ...i18n.sync import key_guide
        from .message import MessageScreen

        self.app.push_screen(MessageScreen(tr("keys_title", self.lang), key_guide(self.lang)))

    @work(thread=True, exclusive=True)
    def action_refresh(self) -> None:
        rows, villages = self.service.rows(), self.service.villages()
        self.app.call_from_thread(self._show, rows, villages)

    def _show(self, rows, villages) -> None:
        line = Text(tr("villages", self.lang))
        for v in villages:
            style = "bold red" if v.broken else ("yellow" if v.held else "green")
            mark = (
                tr("broken", self.lang)
                if v.broken
                else (f"{tr('held', self.lang)}{v.held}" if v.held else "✓")
            )
            line.append(f"{v.name} {mark}  ", style=style)
        self.query_one("#villages", Static).update(line)
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        self.rows = rows
        for r in rows:
            issues = Text(f"{r.blocking}/{r.warnings}", style="bold red" if r.blocking else "")
            state = Text(
                label(REVIEW_STATES, r.review_state, self.lang),
                style=STATE_STYLE.get(r.review_state, ""),
            )
            table.add_row(  # Text: a title such as "[/]" is words, never markup
                Text(r.village_name.removeprefix("示例·")),
                Text(r.title),
                step_label(r.reached, self.lang),
                issues,
                " ".join(s.label for s in r.missing) or "-",
                str(len(r.late)) if r.late else "-",
                state,
                key=r.matter_id,
            )
        if not rows:
            self.query_one("#details", Static).update(tr("none", self.lang))
        elif keep is not None:
            table.move_cursor(row=min(keep, len(rows) - 1))
        table.focus()

    @on(DataTable.RowHighlighted)
    def _details(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row is None or event.cursor_row >= len(self.rows):
            return
        r = self.rows[event.cursor_row]
        text = Text(f"{r.village_name} · {r.title} · {r.matter_id}\n", style="bold")
        if r.review_comment:
            text.append(
                f"{label(REVIEW_STATES, r.review_state, self.lang)}：{r.review_comment}\n",
                style=STATE_STYLE.get(r.review_state, ""),
            )
        for f in r.findings:
            text.append(
                ("■ " if f.blocking else "▲ ")
                + f.message(self.lang)
                + f"（{f.citation(self.lang)}）\n",
                style="red" if f.blocking else "yellow",
            )
        for x in r.late:
            text.append("⏰ " + x.message(self.lang) + "\n", style="yellow")
        # Every try at a step when one did not count or was held again (issue 11).
        for step in ORDER:
            tries = [a for a in r.attempts if a.step == step.value]
            for line in attempt_lines(tries, self.lang):
                text.append(f"{step_short(step, self.lang)} ")
                text.append_text(line)
                text.append("\n")
        self.query_one("#details", Static).update(text)

    def _current(self):
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None:
            return None
        return self.rows[table.cursor_row]

    def action_approve(self) -> None:
        row = self._current()
        if row is not None:
            self.app.push_screen(
                CommentDialog(tr("approve_title", self.lang), self.lang, required=False),
                lambda c: c is not None and self._record(self.service.approve, row.matter_id, c),
            )

    def action_return_matter(self) -> None:
        row = self._current()
        if row is not None:
            self.app.push_screen(
                CommentDialog(tr("comment_title", self.lang), self.lang, required=True),
                lambda c: (
                    c is not None and self._record(self.service.return_matter, row.matter_id, c)
                ),
            )

    @work(thread=True)
    def _record(self, fn, matter_id: str, comment: str) -> None:
        try:
            fn(matter_id, comment)
        except Exception as exc:  # noqa: BLE001 - a ServiceError's message is the person's to read
            msg = exc.message(self.lang) if hasattr(exc, "message") else str(exc)
            self.app.call_from_thread(self.notify, msg, severity="error")
            return
        self.app.call_from_thread(self.notify, tr("done", self.lang))
        self.action_refresh()
