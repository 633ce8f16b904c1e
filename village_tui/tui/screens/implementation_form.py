"""Implementation: when work started, who does it, under which contract."""

from __future__ import annotations

from textual.app import ComposeResult

from ...domain.model import Implementation
from ..widgets.field_row import Pair
from .step_form import StepForm


class ImplementationFormScreen(StepForm):
    """The form for the start of implementation (between steps 5 and 6)."""

    CSS_PATH = "implementation_form.tcss"

    def step_fields(self) -> ComposeResult:
        i = self.record if isinstance(self.record, Implementation) else None
        yield Pair(
            self.date_field("started_on", "f.started_on", i.started_on if i else self.first_day()),
            self.text_field("contract_ref", "f.contract_ref", i.contract_ref if i else ""),
        )
        yield self.text_field("contractor", "f.contractor", i.contractor if i else "")
        yield self.text_field("note", "f.note", i.note if i else "")

    def build(self) -> Implementation:
        return Implementation(
            started_on=self.date("started_on"),
            contractor=self.raw("contractor").strip(),
            contract_ref=self.raw("contract_ref").strip(),
            note=self.raw("note").strip(),
        )
