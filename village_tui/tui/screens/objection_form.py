"""An objection received while a notice was posted."""

from __future__ import annotations

from textual.app import ComposeResult

from ...domain.model import MatterState
from ...domain.steps import Step
from ...i18n.tui import step_name
from .form import FormScreen


class ObjectionFormScreen(FormScreen):
    """Record an objection against step 5 or step 6."""

    CSS_PATH = "objection_form.tcss"

    def __init__(self, state: MatterState, steps: list[Step], default: Step) -> None:
        self.state = state
        self.steps = steps
        self.default = default
        super().__init__()

    def heading(self) -> str:
        return f"{self.t('objection.title')} · {self.state.matter.title}"

    def fields(self) -> ComposeResult:
        options = [(step_name(s, self.lang), s.value) for s in self.steps]
        yield self.select_field("step", "f.objection_step", options, self.default.value)
        yield self.date_field("received_on", "f.received_on", self.service.today())
        yield self.text_field("content", "f.objection")

    def read(self):
        return (
            Step(self.selected("step") or self.default.value),
            self.date("received_on"),
            self.required("content"),
        )

    def submit(self, value):
        step, on, content = value
        return self.service.add_objection(
            self.state.matter.id, step=step, received_on=on, content=content
        )
