"""A new matter: title, category, where the proposal came from, planned money."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, Select

from ...domain.steps import Category, Source
from ...i18n.tui import category_name, choice
from ..widgets.field_row import Pair
from .form import FormScreen

# Matters about named households: their notices carry ID numbers and phones to mask.
PERSONAL_BY_DEFAULT = frozenset({Category.DIBAO.value, Category.RELIEF.value})


class NewMatterScreen(FormScreen):
    """Open a matter; dismisses with its id."""

    CSS_PATH = "new_matter.tcss"
    _personal_auto = False  # what the category last set the box to; a click by hand wins
    _personal_by_hand = False

    def __init__(self, extra_categories: list[str] | None = None, profile=None) -> None:
        self.extra = extra_categories or []
        self.profile = profile
        super().__init__()

    def heading(self) -> str:
        return self.t("new.title")

    def fields(self) -> ComposeResult:
        cats = [c.value for c in Category] + [
            c for c in self.extra if c not in Category._value2member_map_
        ]
        cat_opts = [(category_name(c, self.lang, self.profile), c) for c in cats]
        src_opts = [(choice("src", s.value, self.lang), s.value) for s in Source]
        yield self.text_field("title", "f.title")
        yield Pair(
            self.select_field("category", "f.category", cat_opts, Category.ROAD.value),
            self.select_field("source", "f.source", src_opts, Source.CADRES.value),
        )
        yield Pair(
            self.text_field("planned_fen", "f.planned", "", "0.00"),
            self.date_field("opened_on", "f.opened_on", self.service.today()),
        )
        yield self.text_field("description", "f.description")
        yield self.check_field("personal_data", "f.personal_data")

    @on(Select.Changed, "#f-category")
    def _category_changed(self, event: Select.Changed) -> None:
        if self._personal_by_hand:
            return
        self._personal_auto = str(event.value) in PERSONAL_BY_DEFAULT
        self.query_one("#f-personal_data", Checkbox).value = self._personal_auto

    @on(Checkbox.Changed, "#f-personal_data")
    def _personal_changed(self, event: Checkbox.Changed) -> None:
        if event.value != self._personal_auto:
            self._personal_by_hand = True

    def read(self):
        return dict(
            title=self.required("title"),
            category=self.selected("category") or Category.OTHER.value,
            source=self.selected("source") or Source.CADRES.value,
            planned_fen=self.fen("planned_fen"),
            opened_on=self.date("opened_on"),
            description=self.raw("description").strip(),
            personal_data=self.checked("personal_data"),
        )

    def submit(self, value):
        return self.service.open_matter(**value)
