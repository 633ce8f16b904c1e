"""Start-up: the app's module and the CLI's service stand-in load none of the store's machinery."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.tui.helpers import TODAY, VILLAGE, make_app, screen_text, settle
from village_tui.store.db import open_engine
from village_tui.store.summaries import village_code, village_header
from village_tui.tui.lazy_service import LazyService

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("village_tui.store.services", "village_tui.store.tables", "village_tui.domain.rules")


def test_app_module_imports_no_store_machinery():
    code = (
        "import sys, village_tui.tui.app, village_tui.tui.lazy_service;"
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    assert out.stdout.strip() == "[]"


def test_header_and_code_without_the_orm(service):
    assert village_code(service.engine) is None and village_header(service.engine) is None
    service.set_up(VILLAGE)
    h = village_header(service.engine)
    assert village_code(service.engine) == VILLAGE.code
    assert (h.code, h.name, h.township_name, h.county_name, h.profile) == (
        VILLAGE.code,
        VILLAGE.name,
        VILLAGE.township_name,
        VILLAGE.county_name,
        VILLAGE.profile,
    )


def test_lazy_service_delegates_with_the_apps_clock_and_actor(db_path):
    lazy = LazyService(open_engine(db_path), actor="李文书")
    assert lazy.village_code() is None and lazy._real is None
    lazy.today = lambda: TODAY
    lazy.set_up(VILLAGE)  # the first real call builds the service
    assert lazy.real().today() == TODAY and lazy.real().actor == "李文书"
    assert lazy.village() == VILLAGE and lazy.village_code() == VILLAGE.code


async def test_dashboard_on_the_lazy_service(service, db_path):
    service.set_up(VILLAGE)
    service.open_matter(title="村村通道路硬化", category="road", source="cadres")
    lazy = LazyService(service.engine)
    app = make_app(lazy, db_path)  # as `village-tui` starts it
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "村村通道路硬化" in text and VILLAGE.name in text
        assert lazy._real is not None  # the full load and the markers went through it
        assert app.screen.village == VILLAGE and app.screen.lines[0].problems is not None


def test_lazy_service_reads_the_first_page_without_building_the_service(service):
    service.set_up(VILLAGE)
    service.open_matter(title="村村通道路硬化", category="road", source="cadres")
    lazy = LazyService(service.engine)
    assert lazy.village_header() == village_header(service.engine)
    assert [s.title for s in lazy.summaries(VILLAGE.code, limit=1)] == ["村村通道路硬化"]
    assert lazy.profile(VILLAGE.profile).id == VILLAGE.profile
    assert lazy._real is None  # a county category's names need the profile, not the store
