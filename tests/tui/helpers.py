"""Driving the app by keyboard only, the way a clerk would."""

from __future__ import annotations

from datetime import date

from village_tui.domain.model import Roster, Village
from village_tui.tui.app import VillageApp

TODAY = date(2024, 5, 1)
ROSTER = Roster(
    party_members_voting=30,
    committee_members=7,
    rep_assembly_members=45,
    representatives=38,
    women_members=16,
    adult_villagers=1200,
    households=350,
)
VILLAGE = Village(
    code="410621101201",
    name="示例新华村",
    township_code="410621101",
    township_name="善堂镇",
    county_code="410621",
    county_name="浚县",
    profile="henan-4+2",
    roster=ROSTER,
)


def make_app(service, db_path, lang: str = "zh", today: date = TODAY) -> VillageApp:
    return VillageApp(service, lang=lang, db_path=db_path, today=today)


async def settle(pilot, rounds: int = 3, limit: int = 200) -> None:
    """Let workers finish and the messages they posted be handled, until nothing new starts.

    A worker's message may start the next worker (the village check pushes the dashboard, whose
    load posts pages): on a slow or busy machine a fixed number of rounds ends too early, so
    this waits until `rounds` checks in a row find no worker and no pending message.
    """
    quiet = 0
    for _ in range(limit):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.02)
        await pilot.pause()  # every message queued on the screen so far is handled
        if any(not w.is_finished for w in pilot.app.workers):
            quiet = 0
            continue
        quiet += 1
        if quiet >= rounds:
            return
    raise AssertionError(f"the app never settled: {list(pilot.app.workers)!r}")


async def focus(pilot, widget_id: str, limit: int = 40) -> None:
    """Press Tab until the widget with `widget_id` has the focus."""
    for _ in range(limit):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"could not tab to #{widget_id}; focus is on {pilot.app.focused!r}")


async def fill(pilot, name: str, text: str) -> None:
    """Tab to the field `f-<name>`, clear it and type `text`."""
    await focus(pilot, f"f-{name}")
    await pilot.press("end", "shift+home", "backspace")
    if text:
        await pilot.press(*list(text))


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)


def screen_text(app) -> str:
    """Everything on screen as plain text, the way the clerk sees it (modal screens included)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()
