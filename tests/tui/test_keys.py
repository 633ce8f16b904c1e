"""Keys work as shown: both letter cases, F1 in forms too, and a keymap file that rebinds them."""

from __future__ import annotations

import pytest

from tests.tui.helpers import make_app, screen_text, settle
from village_tui.tui.keymap import parse_keymap
from village_tui.tui.screens.help import HelpScreen
from village_tui.tui.screens.new_matter import NewMatterScreen


@pytest.mark.parametrize("key", ["n", "N"])
async def test_a_letter_works_in_both_cases(village_service, db_path, key):
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, NewMatterScreen)


async def test_the_footer_shows_one_case_only(village_service, db_path):
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "n 新建事项" in footer and "N 新建事项" not in footer


async def test_f1_opens_the_help_from_a_form(village_service, db_path):
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, NewMatterScreen)  # the form is still there


async def test_every_key_of_ours_has_an_id(village_service, db_path):
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        ids = set()
        for node in (app.screen_stack[-2], app.screen, app):
            for bindings in node._bindings.key_to_bindings.values():
                for b in bindings:
                    if b.description in ("新建事项", "保存", "取消", "帮助", "导出/导入"):
                        assert b.id, b
                        ids.add(b.id)
        assert {"dashboard.new_matter", "form.save", "form.cancel", "app.help"} <= ids


async def test_a_keymap_file_rebinds_a_key(village_service, db_path, tmp_path, monkeypatch):
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('# 我的按键\ndashboard.new_matter = "m"\n这一行不对\n', encoding="utf-8")
    monkeypatch.setenv("VILLAGE_TUI_KEYMAP", str(keymap))
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert [n.message for n in app._notifications] == [
            f'键位文件 {keymap}：第 3 行不是“编号 = "按键"”的格式，已忽略'
        ]
        await pilot.press("n")
        await settle(pilot)
        assert not isinstance(app.screen, NewMatterScreen)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, NewMatterScreen)


def test_keymap_lines():
    keymap, problems = parse_keymap(
        'a.b = "x"\nmatter.history = h,f4  # two keys\n[section]\n\nc.d =\ne.f = ","\nnodot = "k"\n',
        "en",
    )
    assert keymap == {"a.b": "x", "matter.history": "h,f4"}
    assert problems == [f'line {n} is not in the form id = "keys"; ignored' for n in (5, 6, 7)]


@pytest.mark.parametrize(
    ("lang", "counts", "legend"),
    [
        ("zh", "各步骤事项数：未开始1 1提议0", "标记：✗ 有须改正的问题  ! 有提醒  … 核查中"),
        ("en", "Matters per step: New:1 1:0", "Marks: ✗ must be put right  ! warning  … checking"),
    ],
)
async def test_the_dashboard_says_what_its_marks_and_counts_mean(
    village_service, db_path, lang, counts, legend
):
    village_service.open_matter(title="修桥", category="road", source="cadres")
    app = make_app(village_service, db_path, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        assert lines[1].strip().startswith(counts)
        assert lines[-2].rstrip().endswith(legend)
