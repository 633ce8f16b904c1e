"""The dashboard: every matter with its step, next action, running notices and problems.

Matters are read in a worker in two phases: the summary columns first (the
table paints at once), then full states evaluated against the rules, once per
load, to add the problem markers. Search and filters run in memory.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...domain.steps import ORDER, Category
from ...i18n.tui import category_name, step_short
from ..rows import Filter, Line, Problems, filter_lines, make_line, step_counts, with_problems
from ..widgets.fit_footer import FitFooter
from ..widgets.matter_table import MatterTable, layout_row
from ..widgets.step_counts import StepCounts
from .base import Localized, error_text

# Widths fit 80 columns with the scrollbar: (78 - 2 x 7 cell padding) = 64 cells.
COLUMNS = {
    "zh": (
        ("mark", 2),
        ("title", 24),
        ("category", 8),
        ("current", 6),
        ("next", 13),
        ("days", 4),
        ("review", 6),
    ),
    "en": (
        ("mark", 2),
        ("title", 16),
        ("category", 10),
        ("current", 8),
        ("next", 15),
        ("days", 4),
        ("review", 8),
    ),
}
FIRST_PAGE = 60  # rows read before the first paint; more than fit on any terminal
REVIEW_STYLE = {"returned": "bold red", "approved": "green", "reopened": "yellow"}


class DashboardScreen(Localized, Screen[None]):
    """The list of matters."""

    CSS_PATH = "dashboard.tcss"
    AUTO_FOCUS = "#dash-table"  # focus set once, before the footer is first drawn
    BINDINGS = [
        Binding("n", "new_matter", "key.new"),
        Binding("slash", "focus_search", "key.search"),
        Binding("a", "toggle_needs", "key.needs"),
        Binding("c", "pick_category", "key.category"),
        Binding("s", "pick_step", "key.step"),
        Binding("r", "roster", "key.roster"),
        Binding("f5", "reload", "key.refresh", show=False),
    ]

    class MattersLoaded(Message):
        """The summaries are read (no findings yet)."""

        def __init__(self, village, lines: list[Line], profile, partial: bool = False) -> None:
            super().__init__()
            self.village, self.lines, self.profile = village, lines, profile
            self.partial = partial

    class FindingsEvaluated(Message):
        """Every matter has been checked against the rules."""

        def __init__(self, problems: dict[str, Problems]) -> None:
            super().__init__()
            self.problems = problems

    class LoadFailed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    class MattersShown(Message):
        """The table has been filled for the first time (start-up is measured to here)."""

    class MatterChosen(Message):
        def __init__(self, matter_id: str) -> None:
            super().__init__()
            self.matter_id = matter_id

    def __init__(self) -> None:
        super().__init__()
        self._localize()
        self.lines: list[Line] = []
        self.shown: list[Line] = []
        self.filter = Filter()
        self.village = None
        self.profile = None
        self._first = True
        self.partial = False
        self._last_filter: Filter | None = None
        self._shown_from: list[Line] | None = None
        self._painted = threading.Event()

    def compose(self) -> ComposeResult:
        yield Static("", id="dash-title")
        yield StepCounts(id="dash-counts")
        with Horizontal(id="dash-filters"):
            yield Input(placeholder=self.t("dash.search"), id="f-search", compact=True)
            # Plain text, not Select widgets: a dozen fewer widgets to style at start-up.
            yield Static(self._filter_text(), id="f-state")
        columns = self._columns()
        header = layout_row(
            [Text(self.t(f"dash.col.{k}")) for k, _ in columns], [w for _, w in columns]
        )
        header.stylize("bold")
        yield Static(header, id="dash-header")
        yield MatterTable([w for _, w in columns], self._cells, id="dash-table")
        yield Static(self.t("dash.loading"), id="dash-detail")
        yield FitFooter()

    def _category_options(self) -> list[tuple[str, str]]:
        extra = sorted(getattr(self.profile, "extra_categories", {}) or {})
        cats = [c.value for c in Category] + extra
        opts = [(category_name(c, self.lang, self.profile), c) for c in cats]
        return [(self.t("dash.all_categories"), "")] + opts

    def _step_options(self) -> list[tuple[str, str]]:
        opts = [(self.t("dash.all_steps"), ""), (self.t("step.none"), "none")]
        opts += [(step_short(s, self.lang), s.value) for s in ORDER]
        return opts + [(self.t("step.done"), "done")]

    def _filter_text(self) -> Text:
        f = self.filter
        cat = (
            category_name(f.category, self.lang, self.profile)
            if f.category
            else self.t("dash.all_categories")
        )
        step = dict((v, k) for k, v in self._step_options()).get(
            f.step or "", self.t("dash.all_steps")
        )
        text = Text()
        text.append("C ", style="bold")
        text.append(cat, style="" if f.category else "dim")
        text.append("  S ", style="bold")
        text.append(step, style="" if f.step else "dim")
        text.append("  A ", style="bold")
        text.append(
            ("☑" if f.needs_action else "☐") + self.t("dash.needs"),
            style="" if f.needs_action else "dim",
        )
        return text

    def _columns(self):
        return COLUMNS["en" if self.lang == "en" else "zh"]

    def on_mount(self) -> None:
        self.load()

    # --- loading -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        worker = get_current_worker()
        svc, lang = self.service, self.lang
        try:
            today = svc.today()
            if self._first:
                self._first_page(svc, today, lang)
            # The first use of the full service: the store's modules load here, after the paint.
            village = svc.village()
            profile = svc.profile(village.profile)
            lines = [make_line(s, today, lang) for s in svc.summaries(village.code)]
            if worker.is_cancelled:
                return
            self._painted.clear()
            self.post_message(self.MattersLoaded(village, lines, profile))
            # Evaluating holds the GIL for a while: let the table paint first.
            self._painted.wait(timeout=3)
            problems: dict[str, Problems] = {}
            for matter_id, found in svc.unconfirmed_findings().items():
                blocking = [f for f in found if f.blocking]
                first = (blocking or found)[0].message(lang) if found else ""
                problems[matter_id] = Problems(len(blocking), len(found) - len(blocking), first)
        except Exception as exc:  # noqa: BLE001 - shown on the screen, never a traceback
            self.post_message(self.LoadFailed(error_text(exc, lang)))
            return
        if not worker.is_cancelled:
            self.post_message(self.FindingsEvaluated(problems))

    def _first_page(self, svc, today, lang: str) -> None:
        """A screenful first, read without the ORM, so the clerk sees matters at once.

        The rest waits until it is on screen: reading it holds the GIL the paint needs.
        """
        header = svc.village_header()
        if header is None:
            return
        first = svc.summaries(header.code, limit=FIRST_PAGE)
        # Loading a profile checks it against the evaluator's rules (which it imports); only
        # a county's own categories need it for their names, so built-in ones skip it here.
        builtin = {c.value for c in Category}
        needed = any(s.category not in builtin for s in first)
        profile = svc.profile(header.profile) if needed else None
        self._painted.clear()
        self.post_message(
            self.MattersLoaded(
                header, [make_line(s, today, lang) for s in first], profile, partial=True
            )
        )
        self._painted.wait(timeout=3)

    def on_dashboard_screen_matters_loaded(self, message: MattersLoaded) -> None:
        self.profile, self.lines = message.profile, message.lines
        if not message.partial:  # the first page carries only a VillageHeader
            self.village = message.village
        v = message.village
        title = Text(
            self.t("dash.village", name=v.name, township=v.township_name, county=v.county_name),
            style="bold",
        )
        title.append("  " + self.t("dash.today", today=self.service.today()), style="dim")
        if getattr(self.app, "last_backup", None):
            title.append("  " + self.t("dash.backup", day=self.app.last_backup), style="dim")
        self.query_one("#dash-title", Static).update(title)
        self.partial = message.partial
        if not message.partial:
            self.query_one(StepCounts).show(step_counts(self.lines), self.lang)
        self.refill()
        self.call_after_refresh(self._painted.set)
        if self._first:
            self._first = False
            self.post_message(self.MattersShown())

    def on_dashboard_screen_findings_evaluated(self, message: FindingsEvaluated) -> None:
        self.lines = [
            with_problems(ln, message.problems.get(ln.id, Problems())) for ln in self.lines
        ]
        self.refill()

    def on_dashboard_screen_load_failed(self, message: LoadFailed) -> None:
        self.query_one("#dash-detail", Static).update(Text(message.error, style="red"))

    # --- showing -----------------------------------------------------------------

    def refill(self) -> None:
        """Apply the filter to the loaded lines and redraw the table, keeping the cursor's matter."""
        table = self.query_one(MatterTable)
        keep = self.current_id()
        f, last = self.filter, self._last_filter
        # Typing one more character can only narrow the list: search what is shown, not everything.
        narrowing = (
            last is not None
            and (f.category, f.step, f.needs_action)
            == (last.category, last.step, last.needs_action)
            and f.query.startswith(last.query)
            and self._shown_from is self.lines
        )
        pool = self.shown if narrowing else self.lines
        self.shown = filter_lines(pool, f)
        self._last_filter, self._shown_from = f, self.lines
        cursor = next((i for i, ln in enumerate(self.shown) if ln.id == keep), 0) if keep else 0
        table.set_items(self.shown, cursor)
        self._describe()

    def _category(self, category: str) -> str:
        """A category's short name, whole in its column (a county's own one: its full name)."""
        short = self.t(f"catshort.{category}")
        if short != f"catshort.{category}":
            return short
        return category_name(category, self.lang, self.profile)

    def _cells(self, ln: Line) -> tuple:
        s = ln.summary
        p = ln.problems
        if p is None:
            mark = Text("…", style="dim")
        elif p.blocking:
            mark = Text("✗", style="bold red")
        elif p.warnings:
            mark = Text("!", style="bold yellow")
        else:
            mark = Text("")
        cut = lambda v, style="": Text(v, style=style, no_wrap=True, overflow="ellipsis")  # noqa: E731
        review = cut(self.t(f"review.{s.review_state}"), REVIEW_STYLE.get(s.review_state, "dim"))
        days = Text("" if ln.days_left is None else str(ln.days_left), justify="right")
        return (
            mark,
            cut(s.title),
            cut(self._category(s.category)),
            cut(ln.current),
            cut(ln.next_action),
            days,
            review,
        )

    def current_id(self) -> str | None:
        row = self.query_one(MatterTable).cursor
        return self.shown[row].id if 0 <= row < len(self.shown) else None

    def _describe(self) -> None:
        """The line under the table: counts, then what is wrong with the highlighted matter."""
        detail = self.query_one("#dash-detail", Static)
        if not self.lines:
            detail.update(self.t("dash.empty"))
            return
        if self.partial:
            detail.update(Text(self.t("dash.loading"), style="dim"))
            return
        text = Text(self.t("dash.shown", shown=len(self.shown), total=len(self.lines)), style="dim")
        row = self.query_one(MatterTable).cursor
        plain = len(text)
        if not self.shown:
            text.append("  " + self.t("dash.nomatch"))
        elif 0 <= row < len(self.shown):
            ln = self.shown[row]
            if ln.summary.review_state == "returned":
                text.append(
                    "  " + self.t("dash.returned", comment=ln.summary.review_comment), style="red"
                )
            elif ln.problems and ln.problems.first:
                style = "red" if ln.problems.blocking else "yellow"
                text.append("  " + ln.problems.first, style=style)
        if len(text) == plain:  # nothing to say about this matter: say what the marks mean
            text.append("  " + self.t("dash.legend"), style="dim")
        detail.update(text)

    def on_matter_table_highlighted(self, _event: MatterTable.Highlighted) -> None:
        self._describe()

    def on_matter_table_selected(self, event: MatterTable.Selected) -> None:
        if 0 <= event.index < len(self.shown):
            self.post_message(self.MatterChosen(self.shown[event.index].id))

    # --- filters -----------------------------------------------------------------

    @on(Input.Changed, "#f-search")
    def _search(self, event: Input.Changed) -> None:
        self.filter = replace(self.filter, query=event.value)
        self.refill()

    @on(Input.Submitted, "#f-search")
    def _search_done(self) -> None:
        self.query_one(MatterTable).focus()

    def _set_filter(self, **changes) -> None:
        self.filter = replace(self.filter, **changes)
        self.query_one("#f-state", Static).update(self._filter_text())
        self.refill()

    def action_pick_category(self) -> None:
        self._pick(self.t("key.category"), self._category_options(), "category")

    def action_pick_step(self) -> None:
        self._pick(self.t("key.step"), self._step_options(), "step")

    def _pick(self, title: str, options: list[tuple[str, str]], field: str) -> None:
        from .picker import PickerScreen

        def picked(value: str | None) -> None:
            if value is not None:
                self._set_filter(**{field: value or None})

        self.app.push_screen(PickerScreen(title, options, getattr(self.filter, field)), picked)

    def on_key(self, event) -> None:
        # Down or Escape in the search box goes to the list, so the clerk never needs the mouse.
        if self.focused is self.query_one("#f-search") and event.key in ("down", "escape"):
            self.query_one(MatterTable).focus()
            event.stop()

    # --- actions -----------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one("#f-search").focus()

    def action_toggle_needs(self) -> None:
        self._set_filter(needs_action=not self.filter.needs_action)

    def action_reload(self) -> None:
        self.load()

    def action_new_matter(self) -> None:
        from .new_matter import NewMatterScreen

        extra = sorted(getattr(self.profile, "extra_categories", {}) or {})

        def opened(matter_id: str | None) -> None:
            if matter_id:
                self.load()
                self.post_message(self.MatterChosen(matter_id))

        self.app.push_screen(NewMatterScreen(extra, self.profile), opened)

    def action_roster(self) -> None:
        from .roster import RosterScreen

        if self.village is None:
            return

        def changed(done) -> None:
            if done:
                self.notify(self.t("roster.saved"))
                self.load()

        self.app.push_screen(RosterScreen(self.village), changed)
