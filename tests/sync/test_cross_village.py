"""One village's bundle can never reach into another village's matters in a shared database."""

from __future__ import annotations

from village_tui.domain.model import Roster, Village
from village_tui.store.db import open_engine, read_session
from village_tui.store.services import VillageService
from village_tui.store.tables import MatterRow

from .helpers import TODAY, cli, dump, sample_village

OTHER = Village(
    code="410611100902",
    name="示例·乙村",
    township_code="410611100",
    township_name="大赉店镇",
    county_code="410611",
    county_name="淇滨区",
    roster=Roster(rep_assembly_members=30),
)


def test_a_matter_id_reused_by_another_village_is_refused_and_changes_nothing(tmp_path, capsys):
    sample_village(tmp_path / "a.db").dispose()
    other = VillageService(open_engine(tmp_path / "b.db"), actor="乙村文书", today=lambda: TODAY)
    other.set_up(OTHER)
    other.open_matter(title="乙村的事项", category="other", source="cadres", matter_id="demo-001")
    other.engine.dispose()
    tdb = tmp_path / "town.db"
    (a,) = cli(capsys, "--db", tmp_path / "a.db", "export", "--out", tmp_path / "a")[1].split()
    (b,) = cli(capsys, "--db", tmp_path / "b.db", "export", "--out", tmp_path / "b")[1].split()
    assert cli(capsys, "--db", tdb, "import", "--trust-new", a)[0] == 0
    town = open_engine(tdb)
    before = dump(town)

    code, _, err = cli(capsys, "--db", tdb, "import", "--trust-new", b)

    assert code == 1
    assert "belongs to village 410611100901" in err and len(err.strip().splitlines()) == 1
    assert dump(town) == before
    with read_session(town) as s:
        assert s.get(MatterRow, "demo-001").village_code == "410611100901"
