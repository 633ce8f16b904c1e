"""Pictures at 80x24 of the village app's screens in Chinese and English (the sample village).

Each picture was converted to PNG (`rsvg-convert`) and looked at before it was accepted.
"""

from __future__ import annotations

import shutil

import pytest

from tests.tui.helpers import settle
from tests.tui.screen_tour import DAY, SCREENS, sample_service
from village_tui.store.db import open_engine
from village_tui.store.services import VillageService
from village_tui.tui.app import VillageApp

SIZE = (80, 24)
PICTURED = (
    "dashboard",
    "help",
    "roster",
    "new_matter",
    "matter_posting",
    "step3",
    "step2",
    "step4",
    "step5",
    "progress",
    "objection",
)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("pictures") / "village.db"
    sample_service(path).engine.dispose()
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", PICTURED)
def test_screen(snap_compare, sample_db, tmp_path, name, lang):
    path = shutil.copy(sample_db, tmp_path / "v.db")
    service = VillageService(open_engine(path), actor="测试文书", today=lambda: DAY)
    app = VillageApp(service, lang=lang, db_path=path, today=DAY, has_village=True)

    async def show(pilot) -> None:
        await settle(pilot)
        if name != "dashboard":
            app.push_screen(SCREENS[name](app))
            await settle(pilot)
            await pilot.pause(0.4)  # the step forms' check panel
            await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=show)
