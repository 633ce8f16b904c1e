"""The county screen: one year's figures by township, and the overdue disclosures of the one selected.

Reads the same figures as `village-tui county report` through `county.service.CountyService`,
computed in a worker thread; nothing here counts anything itself.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ...county.service import CountyService
from ...i18n import county as words
from .base import error_text, localize_bindings

T = {
    "title": ("县级汇总", "County summary"),
    "loading": ("正在统计……", "Counting…"),
    "totals": (
        "{year}年（截至 {as_of}）：{villages} 个村 {matters} 个事项，无阻断问题 {share}，"
        "已通过 {approved} 退回 {returned} 待审 {pending}，逾期未公开 {overdue}",
        "{year} (as of {as_of}): {villages} villages, {matters} matters, {share} without blocking "
        "findings; approved {approved}, returned {returned}, pending {pending}; overdue {overdue}",
    ),
    "cols": (
        ("乡镇", "事项", "无阻断", "退回", "待审", "逾期", "决议万元", "支出万元"),
        ("Township", "Matters", "Clean", "Ret.", "Pend.", "Late", "Res. 10k", "Spent 10k"),
    ),
    "overdue_cols": (("村", "事项", "应公开", "逾期天数"), ("Village", "Matter", "Due", "Days")),
    "no_overdue": ("该乡镇没有逾期未公开的事项", "No overdue disclosures in this township"),
    "error": ("无法统计：{message}", "Cannot count: {message}"),
    "key.prev_year": ("上一年", "Prev year"),
    "key.next_year": ("下一年", "Next year"),
    "key.refresh": ("刷新", "Refresh"),
    "key.quit": ("退出", "Quit"),
}


def tr(key: str, lang: str) -> Any:
    return words.pick(T[key], lang)


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def _wan(fen: int) -> str:
    return f"{fen / 1_000_000:,.1f}"


class CountyScreen(Screen[None]):
    """Townships of one year at the top; the overdue disclosures of the highlighted one below."""

    CSS_PATH = "county.tcss"
    BINDINGS = [
        Binding("left_square_bracket,minus", "year(-1)", "key.prev_year", id="prev"),
        Binding("right_square_bracket,plus", "year(1)", "key.next_year", id="next"),
        Binding("f5,g", "refresh", "key.refresh", id="refresh"),
        Binding("q", "app.quit", "key.quit", id="quit"),
    ]

    def __init__(self, service: CountyService, *, year: int, today: date, lang: str = "zh") -> None:
        super().__init__()
        self.service, self.year, self.today, self.lang = service, year, today, lang
        localize_bindings(self, lang, tr)
        self.report: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(tr("loading", self.lang), id="totals")
        yield DataTable(id="townships", cursor_type="row", zebra_stripes=True)
        yield DataTable(id="overdue", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.title = tr("title", self.lang)
        for col in tr("cols", self.lang):
            self.query_one("#townships", DataTable).add_column(col)
        for col in tr("overdue_cols", self.lang):
            self.query_one("#overdue", DataTable).add_column(col)
        self.action_refresh()

    def action_year(self, step: int) -> None:
        year = self.year + step
        if 1900 <= year <= self.today.year:
            self.year = year
            self.action_refresh()

    @work(thread=True, exclusive=True)
    def action_refresh(self) -> None:
        try:
            report = self.service.report(self.year)
        except Exception as exc:  # noqa: BLE001 - shown on screen, never a crash
            message = error_text(exc, self.lang)
            self.app.call_from_thread(self._failed, message)
            return
        self.app.call_from_thread(self._show, report)

    def _failed(self, message: str) -> None:
        self.query_one("#totals", Static).update(tr("error", self.lang).format(message=message))

    def _show(self, report: dict[str, Any]) -> None:
        self.report = report
        t = report["totals"]
        self.sub_title = str(report["year"])
        self.query_one("#totals", Static).update(
            tr("totals", self.lang).format(
                year=report["year"],
                as_of=report["as_of"],
                share=_share(t["share_without_blocking"]),
                **{k: v for k, v in t.items() if k != "share_without_blocking"},
            )
        )
        table = self.query_one("#townships", DataTable)
        table.clear()
        for r in report["townships"]:
            table.add_row(  # Text: names and titles are words, never markup
                Text(r["name"]),
                str(r["matters"]),
                _share(r["share_without_blocking"]),
                str(r["returned"]),
                str(r["pending"]),
                str(r["overdue"]),
                _wan(r["resolved_fen"]),
                _wan(r["spent_fen"]),
                key=r["code"],
            )
        self._show_overdue(report["townships"][0]["code"] if report["townships"] else None)

    @on(DataTable.RowHighlighted, "#townships")
    def township_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value is not None:
            self._show_overdue(event.row_key.value)

    def _show_overdue(self, township: str | None) -> None:
        table = self.query_one("#overdue", DataTable)
        table.clear()
        rows = [r for r in (self.report or {}).get("overdue", []) if r["township_code"] == township]
        for r in rows:
            table.add_row(
                Text(r["village_name"]),
                Text(r["matter_title"]),
                words.pick(words.OVERDUE_STEP[r["step"]], self.lang),
                str(r["days_overdue"]),
            )
        table.border_title = tr("no_overdue", self.lang) if not rows else None


class CountyApp(App[None]):
    """Opens the county screen on a county database."""

    def __init__(self, engine, *, year: int, today: date, lang: str = "zh") -> None:
        super().__init__()
        self.engine, self.year, self.today, self.lang = engine, year, today, lang
        localize_bindings(self, lang)

    def on_mount(self) -> None:
        self.push_screen(
            CountyScreen(
                CountyService(self.engine, today=self.today),
                year=self.year,
                today=self.today,
                lang=self.lang,
            )
        )


def run_county_app(engine, *, year: int, today: date, lang: str = "zh") -> int:
    """Run the county app until the person quits."""
    CountyApp(engine, year=year, today=today, lang=lang).run()
    return 0
