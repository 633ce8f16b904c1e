"""Fixtures for the robustness tests: a village database set up in-process."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def village_db(tmp_path) -> Path:
    from village_tui.domain.model import Roster, Village
    from village_tui.store.db import open_engine
    from village_tui.store.services import VillageService

    path = tmp_path / "village.db"
    engine = open_engine(path)
    VillageService(engine).set_up(
        Village(
            code="410611100901",
            name="示例·测试村",
            township_code="410611100",
            township_name="大赉店镇",
            county_code="410611",
            county_name="淇滨区",
            profile="henan-4+2",
            roster=Roster(
                party_members_voting=45,
                committee_members=7,
                rep_assembly_members=45,
                representatives=38,
                women_members=15,
                adult_villagers=1200,
                households=380,
            ),
        )
    )
    engine.dispose()
    return path
