"""The roster figures quorum checks use; a change is recorded with its reason."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ...domain.model import ROSTER_FIELDS, Roster, Village
from ..widgets.field_row import Pair
from .confirm import ConfirmsFindings
from .form import FormScreen


def roster_fields(form: FormScreen, roster: Roster) -> ComposeResult:
    """The seven roster figures, two to a line."""
    names = list(ROSTER_FIELDS)
    for i in range(0, len(names), 2):
        rows = [
            form.text_field(n, f"roster.{n}", str(getattr(roster, n))) for n in names[i : i + 2]
        ]
        yield Pair(*rows)


def read_roster(form: FormScreen) -> Roster:
    return Roster(**{n: form.count(n) for n in ROSTER_FIELDS})


class RosterScreen(ConfirmsFindings, FormScreen):
    """Change the roster (花名册) figures."""

    CSS_PATH = "roster.tcss"

    def __init__(self, village: Village) -> None:
        self.village = village
        self.acknowledged: set[str] = set()
        super().__init__()

    def heading(self) -> str:
        return self.t("roster.title")

    def fields(self) -> ComposeResult:
        yield Static(self.t("roster.intro"), id="roster-intro")
        yield from roster_fields(self, self.village.roster)
        yield Pair(
            self.date_field("effective_on", "f.effective_on", self.service.today()),
            self.text_field("reason", "f.reason"),
        )

    def read(self):
        from ...domain.validate import validate_roster

        roster = read_roster(self)
        validate_roster(roster)
        return roster, self.date("effective_on"), self.required("reason")

    def submit(self, value):
        roster, on, reason = value
        self.service.change_roster(
            roster, reason, effective_on=on, acknowledged=sorted(self.acknowledged)
        )
        return True
