"""Text from a ledger reaches terminals, spreadsheets and the read-only apps as words, never as
markup, escapes or formulas; control characters are refused when recorded or imported."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from village_tui.domain.findings import InvalidRecord
from village_tui.store.db import open_engine, write_session
from village_tui.store.ledger import append
from village_tui.sync import bundle as bf
from village_tui.sync.export import export_bundles
from village_tui.sync.review import ReviewService
from village_tui.sync.verify import parse_bundle
from village_tui.tui.township_app import TownshipApp

from .helpers import TODAY, VILLAGE, cli, members, own_key, resign, sample_village, service

MARKUP = "[/]村[bold]道[link=https://evil.example]点我[/link]"
FORMULAS = ['=HYPERLINK("https://evil.example","点我")', "+1+2", "-3+4", "@SUM(A1)"]
ESCAPES = "标题\x1b[2J\x1b]8;;https://evil.example\x1b\\链接\x1b]8;;\x1b\\\x07\x9b31m\x00尾"


def _raw_matter(engine, title: str, matter_id: str) -> None:
    """A matter as an older version (or another program) may have recorded it: unchecked."""
    payload = {
        "matter": {
            "id": matter_id,
            "title": title,
            "category": "other",
            "source": "cadres",
            "description": "",
            "planned_fen": 0,
            "personal_data": False,
            "opened_on": TODAY.isoformat(),
        }
    }
    with write_session(engine) as s:
        append(
            s, ledger=VILLAGE, type="matter.opened", payload=payload, actor="x", matter_id=matter_id
        )


@pytest.fixture
def town(tmp_path, capsys):
    """A township database holding a village whose titles are markup and formulas."""
    vdb, tdb = tmp_path / "village.db", tmp_path / "town.db"
    svc = service(sample_village(vdb))
    for title in [MARKUP, *FORMULAS]:
        svc.open_matter(title=title, category="other", source="cadres")
    (bundle,) = cli(capsys, "--db", vdb, "export", "--out", tmp_path / "usb")[1].split()
    assert cli(capsys, "--db", tdb, "import", "--trust-new", bundle)[0] == 0
    return tdb


def test_the_review_table_prints_markup_as_it_was_written(town, capsys):
    code, out, err = cli(capsys, "--db", town, "review")
    assert (code, err) == (0, "")
    assert "[/]" in out and "[link=https://evil.example]" in out  # shown, not obeyed
    assert "\x1b" not in out


def test_the_review_spreadsheet_holds_formulas_as_text(town, capsys, tmp_path):
    out = tmp_path / "review.xlsx"
    assert cli(capsys, "--db", town, "review", "--format", "xlsx", "--out", out)[0] == 0
    ws = load_workbook(out).active
    cells = {c.value: c for row in ws.iter_rows(min_row=2) for c in row if c.column == 4}
    for title in FORMULAS:
        assert cells[title].data_type == "s", title
        assert cells[title].quotePrefix, title


async def test_the_township_app_shows_markup_as_words(town):
    """Villages list -> the village's matters -> the markup matter: its title shows as words."""
    from tests.tui.helpers import screen_text, settle
    from village_tui.sync.desk import TownshipDesk
    from village_tui.tui.screens.township_matter import MatterReviewScreen
    from village_tui.tui.screens.township_matters import VillageMattersScreen

    desk = TownshipDesk(open_engine(town), actor="审核员", today=lambda: TODAY)
    app = TownshipApp(desk, "zh")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert [v.code for v in app.screen.lines] == [VILLAGE]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, VillageMattersScreen)
        titles = [r.title for r in app.screen.rows]
        assert MARKUP in titles
        shown = screen_text(app)
        assert "[/]村[bold]道" in shown  # the list cell: the brackets shown, not obeyed
        for _ in range(len(titles)):  # every row rendered as the cursor passes, markup included
            await pilot.press("down")
        await pilot.press(*["up"] * (len(titles) - 1 - titles.index(MARKUP)), "enter")
        await settle(pilot)
        assert isinstance(app.screen, MatterReviewScreen)
        shown = screen_text(app)
        assert "[/]村[bold]道[link=https://evil.example]点我[/link]" in shown
        assert app.return_code in (None, 0)


def test_escapes_already_in_a_ledger_never_reach_a_render(tmp_path, capsys):
    engine = sample_village(tmp_path / "village.db")
    _raw_matter(engine, ESCAPES, "esc1")
    (row,) = ReviewService(engine, today=lambda: TODAY).rows_for("esc1")
    assert row.title == "标题链接尾"
    code, out, _ = cli(capsys, "--db", tmp_path / "village.db", "review")
    assert code == 0 and "标题链接尾" in out and "\x1b" not in out and "\x9b" not in out
    xlsx = tmp_path / "r.xlsx"
    assert (
        cli(capsys, "--db", tmp_path / "village.db", "review", "--format", "xlsx", "--out", xlsx)[0]
        == 0
    )
    assert "标题链接尾" in [c.value for row in load_workbook(xlsx).active.iter_rows() for c in row]


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("低保\x00评议", "U+0000"),
        ("道路\x1b[31m", "U+001B"),
        ("道路\x7f", "U+007F"),
        ("道\x85路", "U+0085"),
    ],
)
def test_a_control_character_is_refused_when_recorded(tmp_path, title, code):
    svc = service(sample_village(tmp_path / "v.db"))
    with pytest.raises(InvalidRecord) as err:
        svc.open_matter(title=title, category="other", source="cadres")
    assert err.value.field == "title"
    assert err.value.message_zh == f"事项名称含有控制字符（{code}），请删除后再保存"
    assert (
        err.value.message_en
        == f"The title contains a control character ({code}); remove it and save again"
    )


def test_line_breaks_and_tabs_are_words_not_controls(tmp_path):
    svc = service(sample_village(tmp_path / "v.db"))
    svc.open_matter(
        title="道路", category="other", source="cadres", description="第一行\n第二行\t完"
    )


def test_the_cli_refuses_a_control_character_in_one_line(tmp_path, capsys):
    code, out, err = cli(
        capsys, "--db", tmp_path / "v.db", "init", "--code", VILLAGE, "--name", "村\x1b[31m红",
        "--township", "镇", "--county", "县",
    )  # fmt: skip
    assert code == 1 and out == ""
    assert err.strip().endswith(
        "The name contains a control character (U+001B); remove it and save again"
    )
    assert len(err.strip().splitlines()) == 1


def test_a_review_comment_with_an_escape_is_refused(town):
    svc = ReviewService(open_engine(town), actor="审核员", today=lambda: TODAY)
    matter = next(r.matter_id for r in svc.rows() if not r.blocking)
    with pytest.raises(
        InvalidRecord, match=r"The comment contains a control character \(U\+001B\)"
    ):
        svc.return_matter(matter, "请补\x1b[2J签到表")


def _bundle_with(tmp_path, mutate) -> bytes:
    engine = sample_village(tmp_path / "v.db")
    (item,) = export_bundles(engine, tmp_path / "out")
    data = item.path.read_bytes()
    lines = members(data)[bf.EVENTS].decode().splitlines()
    lines[0] = mutate(json.loads(lines[0]))
    # re-hashing is not needed: the text check runs before a hash could matter, as a
    # bundle that is well signed but carries an escape is exactly the case to refuse.
    return resign(data, ("\n".join(lines) + "\n").encode(), own_key(engine))


@pytest.mark.parametrize(("field", "where"), [("actor", "envelope"), ("name", "payload")])
def test_an_imported_record_with_a_control_character_is_refused(tmp_path, field, where):
    from village_tui.domain.chain import Event, canonical_json, seal

    def mutate(d):
        if where == "envelope":
            d["actor"] = "文书\x1b[2J"
        else:
            p = json.loads(d["payload"])
            p["village"]["name"] = "村\x9b31m"
            d["payload"] = canonical_json(p)
        env = {k: d[k] for k in ("ledger", "seq", "type", "matter_id", "payload", "actor",
                                 "recorded_at", "prev_hash")}  # fmt: skip
        d["hash"] = seal(Event(**env)).hash
        return canonical_json(d)

    data = _bundle_with(tmp_path, mutate)
    with pytest.raises(bf.Refused) as err:
        parse_bundle(data)
    assert err.value.key == "control_text", err.value.message("en")
    code = "U+001B" if where == "envelope" else "U+009B"
    assert err.value.message("en") == (
        f"event 1: {field} contains a control character ({code}), which is not accepted"
    )
    assert err.value.message("zh") == f"第 1 条记录的 {field} 含有控制字符（{code}），本程序不接收"


def _digits(text: str) -> str:
    """The independent scanner: every digit of `text`, whatever stood between them dropped."""
    import unicodedata

    return "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())


SECRETS = ["410611199001011234", "19112345678"]


def test_every_township_output_masks_personal_numbers(tmp_path, capsys):
    vdb, tdb = tmp_path / "village.db", tmp_path / "town.db"
    svc = service(sample_village(vdb))
    svc.open_matter(title="张三 4106.1119.9001.0112.34 低保", category="dibao", source="cadres")
    svc.open_matter(title="李四\u200b191-2345-6789救助", category="relief", source="cadres")
    (bundle,) = cli(capsys, "--db", vdb, "export", "--out", tmp_path / "usb")[1].split()
    assert cli(capsys, "--db", tdb, "import", "--trust-new", bundle)[0] == 0
    town = ReviewService(open_engine(tdb), actor="审核员", today=lambda: TODAY)
    matter = next(r.matter_id for r in town.rows() if "李四" in r.title)
    town.return_matter(matter, "请核实 ４１０６１１ １９９００１０１ １２３４ 的材料")
    outputs = [cli(capsys, "--db", tdb, "review")[1]]
    outputs.append(cli(capsys, "--db", tdb, "review", "--format", "json")[1])
    xlsx = tmp_path / "review.xlsx"
    assert cli(capsys, "--db", tdb, "review", "--format", "xlsx", "--out", xlsx)[0] == 0
    cells = [c.value for row in load_workbook(xlsx).active.iter_rows() for c in row]
    outputs.append(" ".join(str(c) for c in cells if c is not None))
    outputs += [repr((r.title, r.review_comment, r.village_name)) for r in town.rows()]
    for out in outputs:
        found = _digits(out)
        for secret in SECRETS:
            for n in range(len(secret) - 8):
                assert secret[n : n + 9] not in found, (secret, out[:300])
    assert "191****6789" in outputs[0] and "4106**********1234" in outputs[1]
