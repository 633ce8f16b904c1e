"""First run: the village, its rule profile and its roster."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ...domain.codes import check_village_code
from ...domain.model import Roster, Village
from ...domain.validate import validate_roster
from ..widgets.field_row import Pair
from .confirm import ConfirmsFindings
from .form import FormScreen
from .roster import read_roster, roster_fields


class SetupScreen(ConfirmsFindings, FormScreen):
    """The set-up form shown when the database holds no village yet."""

    CSS_PATH = "setup.tcss"

    def __init__(self, profiles: list[tuple[str, str]]) -> None:
        self.profiles = profiles  # (name to show, id)
        self.acknowledged: set[str] = set()
        super().__init__()

    def heading(self) -> str:
        return self.t("setup.title")

    def fields(self) -> ComposeResult:
        yield Static(self.t("setup.intro"), id="setup-intro")
        yield Pair(
            self.text_field("code", "f.code", "", "410621101201"),
            self.text_field("name", "f.name"),
        )
        yield Pair(self.text_field("township", "f.township"), self.text_field("county", "f.county"))
        default = "henan-4+2" if any(p[1] == "henan-4+2" for p in self.profiles) else None
        if default is None and self.profiles:
            default = self.profiles[0][1]
        yield self.select_field("profile", "f.profile", self.profiles, default)
        yield from roster_fields(self, Roster())

    def read(self) -> Village:
        code = self.raw("code").strip()
        check_village_code(code)
        roster = read_roster(self)
        validate_roster(roster)
        return Village(
            code=code,
            name=self.required("name"),
            township_code=code[:9],
            township_name=self.required("township"),
            county_code=code[:6],
            county_name=self.required("county"),
            profile=self.selected("profile") or "national",
            roster=roster,
        )

    def submit(self, village: Village):
        self.service.set_up(village, acknowledged=sorted(self.acknowledged))
        return village

    def action_cancel(self) -> None:
        self.app.exit()
