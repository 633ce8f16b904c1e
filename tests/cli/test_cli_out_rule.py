"""One rule for every file a command writes: never the database, a folder, a device or a FIFO;
the extension fits the format; `-` is standard output."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

AWKWARD = "张三 的 文件夹 100%"


@pytest.fixture
def town(tmp_path, sample_db, run) -> Path:
    """A township database (holding the sample village's bundle) in an awkwardly named folder."""
    folder = tmp_path / AWKWARD
    folder.mkdir()
    code, _, err = run("--db", sample_db, "export", "--out", folder / "bundles")
    assert code == 0, err
    db = folder / "乡镇.db"
    code, _, err = run("--db", db, "import", "--trust-new", folder / "bundles")
    assert code == 0, err
    return db


def _writers(db: Path, out) -> list[list]:
    return [
        ["--db", db, "review", "--format", "json", "--out", out],
        ["--db", db, "review", "--format", "xlsx", "--out", out],
        ["--db", db, "keys", "show", "--out", out],
        ["--db", db, "export", "--out", out],
        [
            "--db",
            db,
            "gen-synthetic",
            "--villages",
            "1",
            "--years",
            "1",
            "--seed",
            "1",
            "--out",
            out,
        ],
        ["--db", db, "demo-township", "--no-app", "--dir", out],
        ["--db", db, "county", "report", "--year", "2026", "--format", "json", "--out", out],
    ]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
@pytest.mark.parametrize("which", range(7))
def test_no_command_writes_over_the_database(run, town, suffix, which):
    out = Path(str(town) + suffix)
    if suffix:
        out.write_bytes(b"companion")
    before = {p.name: p.read_bytes() for p in town.parent.iterdir() if p.is_file()}
    code, stdout, err = run(*_writers(town, out)[which])
    assert (code, stdout) == (1, "")
    assert err == f"错误：--out {out} 是数据库文件 {town}（或其附属文件），不能覆盖\n"
    after = {p.name: p.read_bytes() for p in town.parent.iterdir() if p.is_file()}
    assert after == before


def test_the_database_spelled_another_way_in_english(run, town):
    out = town.parent / "sub" / ".." / town.name
    code, _, err = run("--lang", "en", *_writers(town, out)[2])
    assert code == 1
    assert err == (
        f"error: --out {out} is the database {town} (or one of its files); it will not be overwritten\n"
    )


def _special_files(tmp_path: Path) -> list[Path]:
    """A FIFO, and a copy of /dev/null's device node when we may make one (root)."""
    made = []
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.json")
        made.append(tmp_path / "pipe.json")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.mknod(tmp_path / "null.json", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        made.append(tmp_path / "null.json")
    return made


@pytest.mark.parametrize(
    "argv",
    [
        ["review", "--format", "json", "--out"],
        ["keys", "show", "--out"],
        ["county", "report", "--year", "2026", "--format", "json", "--out"],
    ],
)
def test_a_device_or_fifo_is_never_replaced(run, town, tmp_path, argv):
    specials = _special_files(tmp_path)
    if not specials:
        pytest.skip("no FIFOs or device nodes here")
    for special in specials:
        kind = stat.S_IFMT(special.lstat().st_mode)
        code, out, err = run("--db", town, *argv, special)
        assert (code, out) == (1, "")
        assert err == f"错误：无法写入 {special}：不是普通文件（设备或管道），不会替换\n"
        assert stat.S_IFMT(special.lstat().st_mode) == kind


def test_the_atomic_writer_itself_never_replaces_a_fifo(tmp_path):
    from village_tui.atomic import write_file

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "p")
    with pytest.raises(OSError, match="not a regular file"):
        write_file(tmp_path / "p", b"x")
    assert stat.S_ISFIFO((tmp_path / "p").lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]


@pytest.mark.parametrize(
    ("argv", "name", "message"),
    [
        (["review", "--format", "json"], "r.xlsx", "--format json 的输出文件名应以 .json 结尾"),
        (["review", "--format", "xlsx"], "r.json", "--format xlsx 的输出文件名应以 .xlsx 结尾"),
        (["keys", "show"], "v.db", "公钥文件名应以 .key 或 .txt 或 .json 结尾"),
    ],
)
def test_the_extension_must_fit(run, town, argv, name, message):
    out = town.parent / name
    code, stdout, err = run("--db", town, *argv, "--out", out)
    assert (code, stdout, err) == (1, "", f"错误：{message}：{out}\n")
    assert not out.exists()


def test_a_folder_is_not_a_file(run, town):
    folder = town.parent / "r.json"
    folder.mkdir()
    code, _, err = run("--db", town, "review", "--format", "json", "--out", folder)
    assert (code, err) == (1, f"错误：无法写入 {folder}：这是一个文件夹\n")


def test_a_file_is_not_a_folder(run, town):
    file = town.parent / "U盘"
    file.write_text("x")
    code, _, err = run("--db", town, "export", "--out", file)
    assert (code, err) == (1, f"错误：无法写入 {file}：这是一个文件，不是文件夹\n")
    assert file.read_text() == "x"


def test_dash_is_standard_output(run, town, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    before = sorted(os.listdir(tmp_path))
    code, out, err = run("--db", town, "review", "--format", "json", "--out", "-")
    assert (code, err) == (0, "") and json.loads(out)["matters"]
    code, out, err = run("--db", town, "keys", "show", "--out", "-")
    assert (code, err) == (0, "") and json.loads(out[out.index("{") :])["role"] == "township"
    assert sorted(os.listdir(tmp_path)) == before


def test_dash_is_refused_for_a_spreadsheet(run, town):
    code, _, err = run("--db", town, "review", "--format", "xlsx", "--out", "-")
    assert (code, err) == (1, "错误：--format xlsx 的输出文件名不能是 -（需要一个文件名）\n")


def test_the_review_table_is_for_the_terminal(run, town):
    code, _, err = run("--db", town, "review", "--out", town.parent / "r.txt")
    assert code == 2 and err.endswith(
        "错误：table 格式只显示在终端；写文件请用 --format json 或 xlsx\n"
    )
    assert not (town.parent / "r.txt").exists()


def test_demo_township_never_empties_someone_elses_folder(run, sample_db, tmp_path):
    mine = tmp_path / AWKWARD
    mine.mkdir()
    shutil.copy(sample_db, mine / "village.db")
    code, _, err = run("demo-township", "--no-app", "--dir", mine)
    assert (code, err) == (
        1,
        f"错误：文件夹 {mine} 不是空的，也不是演示文件夹；请指定一个新文件夹\n",
    )
    assert sorted(os.listdir(mine)) == ["village.db"]
    demo = tmp_path / "演示"
    assert run("demo-township", "--no-app", "--dir", demo)[0] == 0
    assert run("demo-township", "--no-app", "--dir", demo)[0] == 0  # its own folder: rebuilt
