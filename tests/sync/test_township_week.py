"""The township's week on a real township database, driven by keyboard in both apps.

Set up with `init_township`; import a folder from three villages (one bundle out of order,
one refused); return one matter with a comment and approve two; export the feedback. The
clerk imports it in the village app, answers the return and exports; the township imports
again and sees the answer in the matter's thread.
"""

from __future__ import annotations

import shutil

from tests.tui.helpers import screen_text, settle
from village_tui.sample import sample_villages
from village_tui.store.db import open_engine, read_session
from village_tui.store.services import VillageService
from village_tui.sync.desk import TownshipDesk
from village_tui.sync.export import export_bundles
from village_tui.sync.key_changes import trust_key
from village_tui.sync.keys import key_file_text, own_identity, read_key_file
from village_tui.sync.township_setup import init_township
from village_tui.tui.app import VillageApp
from village_tui.tui.township_app import TownshipApp

from .helpers import TODAY, members, other_key, resign, sample_village


def _villages(tmp_path):
    """Three villages' bundles in one inbox: A's second bundle sorts first, C's is tampered.

    Only A is of this township; B and C (other townships' sample villages) are registered by
    their key files with `keys trust` first, since --trust-new here trusts only our villages.
    Returns the inbox, A's code and database, and B's and C's key files.
    """
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    a, b, c = (v.code for v in sample_villages()[:3])
    ea = sample_village(tmp_path / "a.db", a)
    (b1,) = export_bundles(ea, tmp_path / "a1")
    VillageService(ea, actor="文书", today=lambda: TODAY).open_matter(
        title="村东水井维修", category="public_works", source="cadres"
    )
    (b2,) = export_bundles(ea, tmp_path / "a2")
    ea.dispose()
    shutil.copy(b2.path, inbox / b2.path.name)
    shutil.copy(b1.path, inbox / ("z-" + b1.path.name))  # after b2 in name order: out of order
    eb = sample_village(tmp_path / "b.db", b)
    export_bundles(eb, inbox)
    key_b = _key_file(eb, tmp_path / "b.key")
    eb.dispose()
    ec = sample_village(tmp_path / "c.db", c)
    (bc,) = export_bundles(ec, tmp_path / "c1")
    key_c = _key_file(ec, tmp_path / "c.key")
    ec.dispose()
    data = bc.path.read_bytes()
    events = members(data)["events.jsonl"].replace("村".encode(), "庄".encode(), 1)
    (inbox / bc.path.name).write_bytes(resign(data, events, other_key()))
    return inbox, a, tmp_path / "a.db", (key_b, key_c)


def _key_file(engine, path):
    """The village's public key file, as `keys export` writes it for the township."""
    with read_session(engine) as s:
        path.write_text(key_file_text(own_identity(s)), encoding="utf-8")
    return path


async def test_the_townships_week(tmp_path):
    inbox, code_a, a_db, key_files = _villages(tmp_path)
    feedback = tmp_path / "feedback"
    town = open_engine(tmp_path / "township.db")
    init_township(town, code="410611100", name="大赉店镇")
    for f in key_files:  # checked by phone, then `village-tui keys trust FILE`
        trust_key(town, read_key_file(f))
    stamps = iter(f"2026-11-20T09:{i:02d}:00+00:00" for i in range(60))
    desk = TownshipDesk(town, actor="审核员", today=lambda: TODAY, now=lambda: next(stamps))

    # The township: inbox, import, review, return one, approve two, export feedback.
    app = TownshipApp(desk, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "还没有村的数据" in screen_text(app)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("f", *str(inbox), "enter")
        await settle(pilot)
        assert screen_text(app).count("新") >= 4  # four new bundles listed
        await pilot.press("enter")
        await settle(pilot)
        summary = str(app.screen.query_one("#summary").render())
        assert "导入完毕：新导入 3，早已导入 0，暂存 1，拒收 1" in summary
        assert "示例·前进村：暂存，等前面的数据包" in summary
        assert "示例·前进村：补齐后导入" in summary
        assert "示例·新华村：新导入" in summary
        assert (
            "示例·和平村：拒收 — 410622101903-000001-000024.zip：清单签名验证失败：清单在签名后被改动过"
            in summary
        )
        await pilot.press("escape")
        await settle(pilot)
        names = [v.code for v in app.screen.lines]
        assert len(names) == 2 and code_a in names  # the refused village is not in
        await pilot.press(*["down"] * names.index(code_a), "enter")
        await settle(pilot)
        rows = app.screen.rows
        well = next(i for i, r in enumerate(rows) if r.title == "村东水井维修")
        await pilot.press(*["down"] * well, "r", *"请补充两委会商议记录", "enter")
        await settle(pilot)
        clean = [i for i, r in enumerate(app.screen.rows) if i != well and not r.blocking][:2]
        for i in clean:
            await pilot.press("home", *["down"] * i, "a", "enter")
            await settle(pilot)
        await pilot.press("escape", "e")
        await settle(pilot)  # the inbox folder is offered; the officer types another
        await pilot.press("ctrl+u", *str(feedback), "enter")
        await settle(pilot)
        # every imported village has a checkpoint to send back: A's returns and approvals, B's
        assert "已导出 2 个反馈包" in screen_text(app)
    states = {r.title: r.review_state for r in desk.matters(code_a)}
    assert states["村东水井维修"] == "returned"
    assert sorted(states.values()).count("approved") == 2

    # The clerk: import the feedback in the app, answer the return, export.
    clerk = VillageService(open_engine(a_db), actor="文书", today=lambda: TODAY)
    well_id = next(r.matter_id for r in desk.matters(code_a) if r.title == "村东水井维修")
    vapp = VillageApp(clerk, lang="zh", db_path=a_db, today=TODAY, has_village=True)
    async with vapp.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press(*str(feedback), "ctrl+o")
        await settle(pilot)
        assert "导入" in screen_text(vapp)
        await pilot.press("escape")
        await settle(pilot)
        from village_tui.tui.screens.matter import MatterScreen

        vapp.push_screen(MatterScreen(well_id))
        await settle(pilot)
        assert "请补充两委会商议记录" in screen_text(vapp)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press(*"已补开两委会并上传记录", "ctrl+s")
        await settle(pilot)
        await pilot.press("escape", "f6")
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert "已导出 1 个数据包" in screen_text(vapp)
    exported = sorted((tmp_path / "feedback").glob(f"{code_a}-*.zip"))
    assert exported

    # The township sees the answer in the matter's thread.
    app = TownshipApp(desk, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("ctrl+u", *str(feedback), "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "示例·前进村：新导入" in str(app.screen.query_one("#summary").render())
        await pilot.press("escape")
        await settle(pilot)
        names = [v.code for v in app.screen.lines]
        await pilot.press(*["down"] * names.index(code_a), "enter")
        await settle(pilot)
        well = next(i for i, r in enumerate(app.screen.rows) if r.title == "村东水井维修")
        await pilot.press(*["down"] * well, "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "乡镇退回" in text and "请补充两委会商议记录" in text
        assert "村里答复（已整改）" in text and "已补开两委会并上传记录" in text
