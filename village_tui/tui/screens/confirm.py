"""Confirming warnings before a save; the confirmation is recorded with the step."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...domain.findings import Finding, Severity
from ..widgets.findings_view import finding_text
from ..widgets.fit_footer import FitFooter
from .base import Localized


class ConfirmWarnings(Localized, ModalScreen[bool]):
    """Lists the warnings; Y saves with them acknowledged, N or Esc goes back to the form."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "key.confirm"),
        Binding("n,escape", "answer(False)", "key.cancel"),
    ]

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__()
        self._localize()
        self.findings = list(findings)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.t("confirm.title"), id="confirm-title")
            with VerticalScroll(id="confirm-list"):
                body = Text()
                for i, f in enumerate(self.findings):
                    if i:
                        body.append("\n")
                    body.append_text(finding_text(f, self.lang))
                yield Static(body)
            kinds = {f.severity for f in self.findings}
            if Severity.INVALID in kinds:
                yield Static(
                    Text(self.t("confirm.invalid"), style="bold red"), id="confirm-invalid"
                )
            elif Severity.DEFECT in kinds:
                yield Static(
                    Text(self.t("confirm.defect"), style="bold magenta"), id="confirm-defect"
                )
            yield Static(self.t("confirm.text"), id="confirm-text")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.t('confirm.yes')} (Y)", variant="warning", id="yes")
                yield Button(f"{self.t('confirm.no')} (N)", id="no")
        yield FitFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ConfirmsFindings:
    """A form whose save the service may answer with findings to confirm: ask, then save again.

    The form keeps `acknowledged` and passes it to the service; the confirmations are recorded.
    """

    acknowledged: set[str]

    def on_refused(self, message) -> None:
        from ...store.errors import NeedsConfirmation

        err = message.error
        if not isinstance(err, NeedsConfirmation):
            super().on_refused(message)  # type: ignore[misc]
            return
        findings = err.findings

        def done(yes: bool | None) -> None:
            if yes:
                self.acknowledged |= {f.rule_id for f in findings}
                self.action_save()  # type: ignore[attr-defined]

        self.app.push_screen(ConfirmWarnings(findings), done)  # type: ignore[attr-defined]
