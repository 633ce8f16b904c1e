"""A new matter: title, category, where the proposal came from, planned money."""

from __future__ import annotations

from textual.app import ComposeResult

from ...domain.steps import Category, Source
from ...i18n.tui import category_name, choice
from ..widgets.field_row import Pair
from .form import FormScreen


class NewMatterScreen(FormScreen):
    """Open a matter; dismisses with its id."""

    CSS_PATH = "new_matter.tcss"

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
