"""One line of implementation progress and the money spent in it (typed in 元, stored in fen)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ...domain.model import MatterState
from ..parse import format_fen
from ..widgets.field_row import Pair
from .form import FormScreen


class ProgressFormScreen(FormScreen):
    """Add a progress entry; shows spent so far against the planned amount."""

    CSS_PATH = "progress_form.tcss"

    def __init__(self, state: MatterState) -> None:
        self.state = state
        super().__init__()

    def heading(self) -> str:
        return f"{self.t('progress.title')} · {self.state.matter.title}"

    def fields(self) -> ComposeResult:
        yield Static(self._so_far(0), id="so-far")
        yield Pair(
            self.date_field("on", "f.on", self.service.today()),
            self.text_field("spent_fen", "f.spent", "", "0.00"),
        )
        yield self.text_field("description", "f.description")

    def _so_far(self, adding: int) -> str:
        return self.t(
            "progress.so_far",
            spent=format_fen(self.state.spent_fen + adding),
            planned=format_fen(self.state.matter.planned_fen),
        )

    def read(self):
        return self.date("on"), self.required("description"), self.fen("spent_fen")

    def value_changed(self, value) -> None:
        self.query_one("#so-far", Static).update(self._so_far(value[2]))

    def submit(self, value):
        on, description, spent = value
        return self.service.add_progress(
            self.state.matter.id, on=on, description=description, spent_fen=spent
        )
