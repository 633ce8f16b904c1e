"""Three databases that know each other: a village, its township and the county (and a second village)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from village_tui.store.db import open_engine
from village_tui.store.services import VillageService
from village_tui.sync.export import export_bundles
from village_tui.sync.importer import import_bundles, init_receiving
from village_tui.sync.review import ReviewService

from .helpers import TODAY, VILLAGE, cli, dump, sample_village
from .test_cross_village import OTHER as OTHER_VILLAGE

OTHER = "410611100902"  # another village of the same township
FOREIGN = "410621101902"  # a village of another township


@dataclass
class Trio:
    root: Path
    village: Path  # trusts its township's key (it imported feedback)
    town: Path  # holds the village's ledger and review ledger
    county: Path  # holds both, trusts the village's and the township's keys
    other: Path  # village OTHER, set up, its key trusted by the township and the county
    blocked: str  # a matter with a blocking finding
    feedback: Path


@pytest.fixture(scope="module")
def trio(tmp_path_factory) -> Trio:
    root = tmp_path_factory.mktemp("trio")
    village, town, county, other = (root / n for n in ("v.db", "t.db", "c.db", "o.db"))
    bundles = [_export_api(sample_village(village), root / "usb")]
    other_village = VillageService(open_engine(other), actor="乙村文书", today=lambda: TODAY)
    other_village.set_up(OTHER_VILLAGE)
    bundles.append(_export_api(other_village.engine, root / "usb-other"))
    for db, role in ((town, "township"), (county, "county")):
        engine = open_engine(db)
        init_receiving(engine, role)
        assert import_bundles(engine, bundles, trust_new=True).exit_code == 0
        engine.dispose()
    town_engine = open_engine(town)
    review = ReviewService(town_engine, today=lambda: TODAY)
    rows = review.rows(VILLAGE)
    blocked = next(r.matter_id for r in rows if r.blocking)
    review.approve(next(r.matter_id for r in rows if not r.blocking))
    # every village the township imported has a checkpoint to send back: the village takes
    # its own feedback, the county all of it
    out = export_bundles(town_engine, root / "fb")
    # closed, so that the file alone (copied by `dbs`) holds every write, none left in its WAL
    town_engine.dispose()
    (feedback,) = [d.path for d in out if d.ledger == f"review:{VILLAGE}"]
    for db, files in ((village, [feedback]), (county, [d.path for d in out])):
        engine = open_engine(db)
        assert import_bundles(engine, files, trust_new=True).exit_code == 0
        engine.dispose()
    return Trio(root, village, town, county, other, blocked, feedback)


def _export_api(engine, out: Path) -> Path:
    (done,) = export_bundles(engine, out)
    engine.dispose()
    return done.path


def export(capsys, db, out) -> list[str]:
    code, printed, err = cli(capsys, "--db", db, "export", "--out", out)
    assert (code, err) == (0, ""), err
    return printed.split()


@pytest.fixture
def dbs(trio, tmp_path) -> Trio:
    """Fresh copies of the trio's databases for one test."""
    copies = {}
    for name in ("village", "town", "county", "other"):
        copies[name] = tmp_path / f"{name}.db"
        shutil.copy(getattr(trio, name), copies[name])
    return Trio(tmp_path, **copies, blocked=trio.blocked, feedback=trio.feedback)


def refused(capsys, db: Path, file: Path, expected: str, *extra: str) -> None:
    engine = open_engine(db)
    before = dump(engine)
    code, _, err = cli(capsys, "--db", db, "import", *extra, file)
    assert (code, err.strip().splitlines()) == (1, [f"error: {file}: {expected}"])
    assert dump(engine) == before
    engine.dispose()
