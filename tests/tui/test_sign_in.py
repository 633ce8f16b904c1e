"""The printed 签到表: one numbered row per expected member, from the record or the roster."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from datetime import date

import pytest

from tests.tui.helpers import ROSTER, VILLAGE, make_app, screen_text, settle
from tests.tui.test_matter_actions import seed_resolved
from village_tui.cli.main import main
from village_tui.domain.model import Meeting, Official
from village_tui.domain.steps import Step
from village_tui.notices.sign_in import BLANK_ROWS, build_sign_in, next_meeting, sign_in_html
from village_tui.notices.sign_in_errors import SignInError
from village_tui.tui.screens.message import MessageScreen


def _rows(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<td class="no">(\d+)</td>', html)]


def _opened(service, title="村西主路硬化") -> str:
    return service.open_matter(title=title, category="road", source="cadres")


def test_next_meeting_takes_its_expected_from_the_roster(village_service):
    mid = _opened(village_service)
    village_service.record_step(
        mid,
        Step.PROPOSAL,
        Meeting(
            held_on=date(2024, 3, 1), expected=5, present=5, votes_for=5, content="硬化村西主路"
        ),
    )
    state = village_service.state(mid)
    assert next_meeting(state) is Step.JOINT_MEETING
    sheet = build_sign_in(VILLAGE, state, Step.JOINT_MEETING)
    html = sign_in_html(sheet)
    # Exactly 7 rows for the 7 two-committee members: not 6, not 8.
    assert _rows(html) == list(range(1, ROSTER.committee_members + 1))
    assert "<td>7人</td>" in html
    assert "应到人数依据：花名册两委成员人数" in html
    assert "____年____月____日" in html  # not held yet: the date is written by hand
    assert "示例新华村村“两委”联席会议（第2步 商议）签到表" in html
    assert "会后请将签字后的签到表扫描或拍照，附在本步骤的记录中。" in html
    assert html.count('<tr><td class="name"></td><td></td><td></td></tr>') == 3  # officials


def test_step_4_counts_the_body_that_resolves(village_service):
    state = village_service.state(_opened(village_service))
    reps = sign_in_html(build_sign_in(VILLAGE, state, Step.RESOLUTION))
    assert len(_rows(reps)) == ROSTER.rep_assembly_members
    villagers = sign_in_html(build_sign_in(VILLAGE, state, Step.RESOLUTION, "villagers"))
    assert len(_rows(villagers)) == ROSTER.adult_villagers
    assert "村民会议（第4步 决议）" in villagers


def test_a_held_meeting_prints_what_was_recorded(village_service):
    mid = seed_resolved(village_service)
    village_service.correct_step(
        mid,
        Step.PARTY_ASSEMBLY,
        Meeting(
            held_on=date(2024, 3, 5),
            place="村委会<b>会议室</b>",
            expected=31,
            present=25,
            votes_for=24,
            plan_sent_on=date(2024, 3, 1),
            officials=(Official(name="王<script>", post="副<i>镇长"),),
        ),
        reason="补记地点",
    )
    sheet = build_sign_in(VILLAGE, village_service.state(mid), Step.PARTY_ASSEMBLY)
    html = sign_in_html(sheet)
    assert len(_rows(html)) == 31  # the recorded 应到, not the roster's 30
    assert "应到人数依据：本步骤已记录的应到人数" in html
    assert "<td>2024-03-05</td>" in html
    # Text from the ledger is data: shown, never markup.
    assert "村委会&lt;b&gt;会议室&lt;/b&gt;" in html and "<b>" not in html
    assert '<td class="name">王&lt;script&gt;</td><td>副&lt;i&gt;镇长</td>' in html
    assert "<script" not in html and "<i>" not in html


def test_the_branch_committee_is_not_on_the_roster(village_service):
    state = village_service.state(_opened(village_service))
    html = sign_in_html(build_sign_in(VILLAGE, state, Step.PROPOSAL))
    assert len(_rows(html)) == BLANK_ROWS
    assert "花名册中没有本会议的应到人数，请在会上填写" in html
    assert "<th>应到</th><td></td>" in html


def test_only_meetings_have_sign_in_sheets(village_service):
    state = village_service.state(_opened(village_service))
    with pytest.raises(SignInError) as exc:
        build_sign_in(VILLAGE, state, Step.RESOLUTION_DISCLOSURE)
    assert exc.value.message_zh == (
        "签到表只用于会议步骤（第1至4步），resolution_disclosure 不是会议"
    )


def test_english_sheet(village_service):
    state = village_service.state(_opened(village_service))
    html = sign_in_html(build_sign_in(VILLAGE, state, Step.PARTY_ASSEMBLY), "en")
    assert 'lang="en"' in html and "Party members&#x27; assembly (step 3, review)" in html
    assert len(_rows(html)) == ROSTER.party_members_voting


# --- the command line ---------------------------------------------------------------


def _cli(capsys, *args):
    capsys.readouterr()
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_writes_the_next_meeting(village_service, db_path, tmp_path, capsys):
    mid = seed_resolved(village_service)
    other = _opened(village_service, "村东桥")
    out = tmp_path / "签到表.html"
    code, stdout, err = _cli(capsys, "--db", db_path, "sign-in-sheet", other[:8], "--out", out)
    assert (code, err) == (0, "")
    assert stdout == f"签到表已保存：{out}\n"
    assert "党支部委员会会议（第1步 提议）" in out.read_text(encoding="utf-8")
    code, stdout, _ = _cli(capsys, "--db", db_path, "sign-in-sheet", mid, "3", "--out", "-")
    assert code == 0 and stdout.startswith("<!DOCTYPE html>") and len(_rows(stdout)) == 30


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuch", "1"], "错误：找不到事项 nosuch\n"),
        (
            ["{mid}", "5"],
            "错误：签到表只用于会议步骤（第1至4步），resolution_disclosure 不是会议\n",
        ),
        (
            ["{mid}", "七"],
            "错误：未知的步骤：七（可用 1、2、3、4 或 proposal、joint_meeting、party_assembly、resolution）\n",
        ),
        (["{mid}"], "错误：该事项的会议步骤都已举行，请指定步骤\n"),
        (["", "1"], "错误：找不到事项 \n"),
    ],
)
def test_cli_refusals(village_service, db_path, tmp_path, capsys, args, message):
    mid = seed_resolved(village_service)
    out = tmp_path / "s.html"
    args = [a.format(mid=mid) for a in args]
    code, _, err = _cli(capsys, "--db", db_path, "sign-in-sheet", *args, "--out", out)
    assert (code, err) == (1, message)
    assert not out.exists()


def test_cli_ambiguous_prefix_and_wrong_extension(village_service, db_path, tmp_path, capsys):
    for n in (1, 2):
        village_service.open_matter(
            title=f"事项{n}", category="road", source="cadres", matter_id=f"abc{n}"
        )
    code, _, err = _cli(
        capsys, "--db", db_path, "sign-in-sheet", "abc", "--out", tmp_path / "x.html"
    )
    assert (code, err) == (1, "错误：事项编号 abc 不唯一，请多写几位\n")
    code, _, err = _cli(
        capsys, "--db", db_path, "sign-in-sheet", "abc1", "--out", tmp_path / "x.pdf"
    )
    assert code == 1
    assert err == f"错误：签到表的输出文件名应以 .html 或 .htm 结尾：{tmp_path / 'x.pdf'}\n"
    code, _, err = _cli(
        capsys, "--db", db_path, "--lang", "en", "sign-in-sheet", "abc1", "9", "--out", "-"
    )
    assert code == 1 and err.startswith("error: Unknown step: 9 (use 1, 2, 3, 4")


# --- the app ------------------------------------------------------------------------


async def test_key_s_saves_the_sheet_beside_the_database(village_service, db_path):
    seed_resolved(village_service)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("s")  # every meeting is held: the chosen step is the next to do (5)
        await settle(pilot)
        assert not isinstance(app.screen, MessageScreen)
        await pilot.press("up")  # step 4 on the timeline
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, MessageScreen)
        text = screen_text(app)
    files = [p for p in db_path.parent.iterdir() if p.suffix == ".html"]
    assert [p.name for p in files] == ["2024-05-01-村西主路硬化-签到表-第4步.html"]
    assert "签到表已保存" in text
    assert len(_rows(files[0].read_text(encoding="utf-8"))) == 45


# --- as printed ---------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _ruled_lines(tmp_path, html: str, name: str) -> int:
    """How many table rules run across the page Chromium paints (A4 width, 96 dpi)."""
    from PIL import Image

    from tests.tui.test_notice_chromium import _screenshot

    page, png = tmp_path / f"{name}.html", tmp_path / f"{name}.png"
    page.write_text(html, encoding="utf-8")
    _screenshot(tmp_path, page, png)
    with Image.open(png) as shot:
        grey = shot.convert("L")
    width, height = grey.size
    px = grey.load()
    ruled = [sum(px[x, y] < 128 for x in range(width)) > 0.6 * width for y in range(height)]
    return sum(1 for y in range(height) if ruled[y] and (y == 0 or not ruled[y - 1]))


@pytest.mark.chromium
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_the_sheet_prints_one_ruled_row_per_member(village_service, tmp_path):
    state = village_service.state(_opened(village_service))
    sheet = build_sign_in(VILLAGE, state, Step.JOINT_MEETING)
    seven = _ruled_lines(tmp_path, sign_in_html(sheet), "seven")
    eight = _ruled_lines(tmp_path, sign_in_html(replace(sheet, expected=8)), "eight")
    # facts (5 rules) + members (header: 2, then one a row) + officials (2 + 3) + the
    # chair's and recorder's lines (side by side: one rule across)
    assert seven == 5 + 2 + 7 + 2 + 3 + 1
    assert eight == seven + 1


def test_cli_never_writes_over_the_database(village_service, db_path, capsys):
    mid = seed_resolved(village_service)
    before = db_path.read_bytes()
    code, _, err = _cli(capsys, "--db", db_path, "sign-in-sheet", mid, "1", "--out", db_path)
    assert code == 1 and err.startswith(f"错误：--out {db_path} 是数据库文件")
    assert db_path.read_bytes() == before
