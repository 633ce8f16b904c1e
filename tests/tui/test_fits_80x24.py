"""Every screen of the village app at 80x24, in Chinese and English: every label and key whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Checkbox, DataTable, Label
from textual.widgets._footer import FooterKey

from tests.tui.helpers import screen_text, settle
from tests.tui.screen_tour import DAY, SCREENS, sample_service
from village_tui.tui.app import VillageApp


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("tour") / "village.db"
    sample_service(path).engine.dispose()
    return path


def _wholly_visible(app):
    """Widgets drawn in full on the screen (not scrolled away, not clipped by their container)."""
    visible = app.screen._compositor.visible_widgets
    return [w for w, (region, clip) in visible.items() if clip.contains_region(region)]


def expected_texts(app) -> list[str]:
    """The labels, check boxes, column heads and footer keys the screen shows."""
    out = []
    for w in _wholly_visible(app):
        if isinstance(w, Label):
            text = str(w.render()).strip()
            if text and "\n" not in text:
                out.append(text)
        elif isinstance(w, Checkbox):
            out.append(str(w.label))
        elif isinstance(w, FooterKey) and w.display:
            out.append(f"{w.key_display} {w.description}".strip())
    for table in app.screen.query(DataTable):
        out += [str(c.label) for c in table.columns.values()]
    return out


def cut_texts(app) -> list[str]:
    """Labels drawn wider than their widget: the end of the text is not on screen."""
    cut = []
    for w in _wholly_visible(app):
        if isinstance(w, Label):
            text = str(w.render()).strip()
            if text and "\n" not in text and cell_len(text) > w.content_region.width:
                cut.append(text)
    return cut


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_label_and_key_is_whole(sample_db, tmp_path, name, lang):
    import shutil

    from village_tui.store.db import open_engine
    from village_tui.store.services import VillageService

    path = Path(shutil.copy(sample_db, tmp_path / "v.db"))  # closed: a plain copy is whole
    service = VillageService(open_engine(path), actor="测试文书", today=lambda: DAY)
    app = VillageApp(service, lang=lang, db_path=path, today=DAY, has_village=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if name != "dashboard":
            app.push_screen(SCREENS[name](app))
            await settle(pilot)
        shown = screen_text(app)
        flat = shown.replace("\n", "")
        wanted = expected_texts(app)
        if app.screen.query("FitFooter"):
            assert any(isinstance(w, FooterKey) for w in _wholly_visible(app)), "no footer keys"
        missing = [t for t in wanted if t not in flat]
        assert not missing, f"{name}/{lang}: cut {missing}\n{shown}"
        assert not cut_texts(app), f"{name}/{lang}: {cut_texts(app)}\n{shown}"
