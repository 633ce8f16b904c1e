"""The clerk's terminal app: set-up on first run, then the dashboard; every screen reached by keyboard."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from ..i18n.tui import key_texts, tr
from .palette import LocalPalette, system_commands
from .screens.base import error_text, localize_bindings
from .screens.dashboard import DashboardScreen


class VillageApp(App[None]):
    """四议两公开台账 for one village database."""

    # The dashboard's sheet too: as the default screen its own CSS_PATH is not loaded.
    CSS_PATH = ["app.tcss", "screens/dashboard.tcss"]
    BINDINGS = [
        Binding("f1", "help", "key.help"),
        Binding("f6", "exchange", "key.exchange"),
        Binding("ctrl+q", "quit", "key.quit", priority=True, show=False),
    ]
    # The day of the last backup, for the dashboard's title line (the CLI sets it).
    last_backup: str | None = None

    class VillageChecked(Message):
        """Whether the database already belongs to a village (and the profiles to offer if not)."""

        def __init__(
            self, has_village: bool, profiles: list[tuple[str, str]], error: str = ""
        ) -> None:
            super().__init__()
            self.has_village, self.profiles, self.error = has_village, profiles, error

    def __init__(
        self,
        service,
        *,
        lang: str = "zh",
        db_path: str | Path | None = None,
        today: date | None = None,
        has_village: bool | None = None,
    ) -> None:
        self.lang = lang
        super().__init__()
        self.service = service
        self.db_path = Path(db_path) if db_path else None
        if today is not None:  # a fixed clock for tests and snapshots
            service.today = lambda: today
        # The CLI looks before the event loop starts, which saves a worker round trip at start-up.
        self.has_village = has_village
        self.title = tr("app.title", lang)
        localize_bindings(self, lang)
        from .keymap import load_keymap

        keymap, self.keymap_problems = load_keymap(lang)
        if keymap:
            self.set_keymap(keymap)

    def get_default_screen(self) -> Screen:
        # Straight to the dashboard when the village is known: one screen fewer to build at start-up.
        return DashboardScreen() if self.has_village else super().get_default_screen()

    def on_mount(self) -> None:
        for problem in self.keymap_problems:
            self.notify(problem, severity="warning", timeout=15)
        if not self.has_village:
            self.check_village()

    @work(thread=True, exclusive=True, group="boot")
    def check_village(self) -> None:
        try:
            if self.service.village_code() is not None:
                self.post_message(self.VillageChecked(True, []))
                return
            from ..profiles import available_profiles, load_profile

            profiles = []
            for pid in available_profiles():
                p = load_profile(pid)
                profiles.append((p.name_en if self.lang == "en" else p.name_zh, pid))
        except Exception as exc:  # noqa: BLE001
            self.post_message(self.VillageChecked(False, [], error_text(exc, self.lang)))
            return
        self.post_message(self.VillageChecked(False, profiles))

    def on_village_app_village_checked(self, message: VillageChecked) -> None:
        if message.error:
            self.notify(message.error, severity="error", timeout=30)
            return
        if message.has_village:
            self.show_dashboard()
            return
        from .screens.setup import SetupScreen

        def done(village) -> None:
            if village:
                self.notify(tr("setup.done", self.lang, name=village.name))
                self.show_dashboard()

        self.push_screen(SetupScreen(message.profiles), done)

    def show_dashboard(self) -> None:
        self.has_village = True
        self.push_screen(DashboardScreen())

    def on_dashboard_screen_matter_chosen(self, message: DashboardScreen.MatterChosen) -> None:
        from .screens.matter import MatterScreen

        dashboard = self.screen

        def back(changed) -> None:
            if changed and isinstance(dashboard, DashboardScreen):
                dashboard.load()

        self.push_screen(MatterScreen(message.matter_id), back)

    def action_exchange(self) -> None:
        """Export to the township and import its feedback, from inside the app."""
        from .screens.exchange import ExchangeScreen

        if isinstance(self.screen, ExchangeScreen) or not self.has_village:
            return

        def back(changed) -> None:
            if changed and isinstance(self.screen, DashboardScreen):
                self.screen.load()

        self.push_screen(ExchangeScreen(), back)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def notice_folder(self) -> Path:
        """Where notices are saved: beside the database (the working folder for in-memory ones)."""
        return self.db_path.parent if self.db_path else Path.cwd()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Every key of the current screen is also a command in the palette (Ctrl+P).
        seen = set()
        ours = key_texts(self.lang)  # Textual's own (Copy selected text, Focus Next) are English
        for node in (screen, self):
            for bindings in node._bindings.key_to_bindings.values():
                for b in bindings:
                    if b.description not in ours or b.description in seen or b.action == "quit":
                        continue
                    seen.add(b.description)
                    yield SystemCommand(
                        b.description, self.get_key_display(b), partial(node.run_action, b.action)
                    )
        # Not Textual's own: theirs are English, and theme names cannot be translated.
        yield from system_commands(
            self.lang, self.action_quit, lambda: self.set_timer(0.1, self.shoot)
        )

    def action_command_palette(self) -> None:
        """Textual's palette, with its search prompt in the app's language."""
        if self.use_command_palette and not LocalPalette.is_open(self):
            self.push_screen(LocalPalette(self.lang))

    def shoot(self) -> None:
        """Save an SVG picture of the screen in the notice folder and say where."""
        try:
            path = self.save_screenshot(path=str(self.notice_folder()))
        except OSError as exc:
            self.notify(error_text(exc, self.lang), severity="error")
            return
        self.notify(tr("palette.shot_saved", self.lang, path=path))
