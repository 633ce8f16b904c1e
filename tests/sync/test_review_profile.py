"""The township judges a village only by the village's own profile, never by a stand-in."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from village_tui.store.db import open_engine
from village_tui.store.errors import ServiceError
from village_tui.sync.review import ReviewService

from .helpers import TODAY, VILLAGE, cli


def _uninstalled_profile(town) -> None:
    """The village follows a county profile this township machine does not have."""
    engine = open_engine(town)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE village SET profile = 'ruzhou-local' WHERE code = :c"), {"c": VILLAGE}
        )
    engine.dispose()


def test_an_installed_profile_is_used(town):
    rows = ReviewService(open_engine(town), today=lambda: TODAY).rows()
    assert rows and {r.village_code for r in rows} == {VILLAGE}


def test_a_profile_this_machine_lacks_is_refused_not_replaced_by_national(town):
    _uninstalled_profile(town)
    with pytest.raises(ServiceError) as caught:
        ReviewService(open_engine(town), today=lambda: TODAY).rows()
    assert caught.value.message("zh") == (
        f"村 {VILLAGE} 使用的规则配置“ruzhou-local”在本机不存在，请先安装该配置文件"
    )
    assert caught.value.message("en") == (
        f"Village {VILLAGE} uses the rule profile 'ruzhou-local', which is not installed here"
    )


def test_the_cli_says_so_in_one_line_and_exits_1(town, capsys):
    _uninstalled_profile(town)
    code, out, err = cli(capsys, "--db", town, "review")
    assert code == 1
    assert err.strip().splitlines() == [
        f"error: Village {VILLAGE} uses the rule profile 'ruzhou-local', which is not installed here"
    ]
