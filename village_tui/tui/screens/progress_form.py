"""One line of implementation progress and the money spent in it (typed in 元, stored in fen).

With an entry it corrects that entry (a reason is required) or, ticked, reverses it:
the entry stays on record and its money stops counting.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ...domain.model import MatterState, ProgressEntry
from ..parse import format_fen
from ..widgets.field_row import Pair
from .confirm import ConfirmsFindings
from .form import FormScreen


class ProgressFormScreen(ConfirmsFindings, FormScreen):
    """Add a progress entry, or correct or reverse one; shows spent so far against the planned amount."""

    CSS_PATH = "progress_form.tcss"

    def __init__(self, state: MatterState, entry: ProgressEntry | None = None) -> None:
        self.state = state
        self.entry = entry
        self.acknowledged: set[str] = set()
        super().__init__()

    def heading(self) -> str:
        key = "progress.correct_title" if self.entry else "progress.title"
        return f"{self.t(key)} · {self.state.matter.title}"

    def fields(self) -> ComposeResult:
        e = self.entry
        yield Static(self._so_far(0), id="so-far")
        yield Pair(
            self.date_field("on", "f.on", e.on if e else self.service.today()),
            self.text_field("spent_fen", "f.spent", format_fen(e.spent_fen) if e else "", "0.00"),
        )
        yield self.text_field("description", "f.description", e.description if e else "")
        if e:
            yield self.check_field("reverse", "f.reverse")
            yield self.text_field("reason", "form.reason")

    def _so_far(self, adding: int) -> str:
        return self.t(
            "progress.so_far",
            spent=format_fen(self.state.spent_fen + adding),
            planned=format_fen(self.state.matter.planned_fen),
        )

    def read(self):
        value = self.date("on"), self.required("description"), self.fen("spent_fen")
        if self.entry:
            self.required("reason")
        return value

    def value_changed(self, value) -> None:
        old = self.entry.spent_fen if self.entry else 0
        adding = -old if self.entry and self.checked("reverse") else value[2] - old
        self.query_one("#so-far", Static).update(self._so_far(adding))

    def submit(self, value):
        on, description, spent = value
        mid, e = self.state.matter.id, self.entry
        if e is None:
            return self.service.add_progress(mid, on=on, description=description, spent_fen=spent)
        reason, acks = self.raw("reason"), sorted(self.acknowledged)
        if self.checked("reverse"):
            self.service.reverse_progress(mid, e.id, reason=reason, acknowledged=acks)
        else:
            self.service.correct_progress(
                mid,
                e.id,
                on=on,
                description=description,
                spent_fen=spent,
                reason=reason,
                acknowledged=acks,
            )
        return True
