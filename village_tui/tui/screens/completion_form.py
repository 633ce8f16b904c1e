"""The end of implementation: when it was finished and what was done."""

from __future__ import annotations

from textual.app import ComposeResult

from ...domain.model import MatterState
from .form import FormScreen


class CompletionFormScreen(FormScreen):
    """Record that implementation is complete."""

    CSS_PATH = "completion_form.tcss"

    def __init__(self, state: MatterState) -> None:
        self.state = state
        super().__init__()

    def heading(self) -> str:
        return f"{self.t('completion.title')} · {self.state.matter.title}"

    def fields(self) -> ComposeResult:
        yield self.date_field("completed_on", "f.completed_on", self.service.today())
        yield self.text_field("summary", "f.summary")

    def read(self):
        return self.date("completed_on"), self.required("summary")

    def submit(self, value):
        on, summary = value
        self.service.complete(self.state.matter.id, completed_on=on, summary=summary)
        return True
