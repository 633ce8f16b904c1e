"""Where `county report` writes: the right kind of file, never the database, whole or not at all."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from village_tui import atomic as write
from village_tui.cli.main import main

from .conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
DAY = ["--today", TODAY.isoformat()]
FULL = "No space left on device"
FULL_ZH, FULL_EN = "磁盘已满", "the disk is full"  # said in our words, not the system's
OLD = b"last month's report, kept\n"


def _copy(sqlite_county, path: Path) -> Path:
    source = sqlite3.connect(sqlite_county.url.database)
    with sqlite3.connect(path) as copy:
        source.backup(copy)
    source.close()
    return path


@pytest.fixture(scope="module")
def db(sqlite_county, tmp_path_factory) -> str:
    """A private copy: reports keep figures in the database they read."""
    return str(_copy(sqlite_county, tmp_path_factory.mktemp("out") / "county.db"))


def _report(db: str, *args: str, lang: str = "zh") -> int:
    head = ["--lang", "en"] if lang == "en" else []
    return main([*head, "--db", db, "county", "report", "--year", "2025", *args, *DAY])


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# 1. The file name must fit the format, and the database is never a report's target.


@pytest.mark.parametrize(
    ("fmt", "name", "lang", "message"),
    [
        ("json", "r.txt", "zh", "错误：--format json 的输出文件名应以 .json 结尾：{out}"),
        ("xlsx", "r.json", "zh", "错误：--format xlsx 的输出文件名应以 .xlsx 结尾：{out}"),
        ("html", "r", "zh", "错误：--format html 的输出文件名应以 .html 或 .htm 结尾：{out}"),
        ("table", "r.json", "zh", "错误：--format table 的输出文件名应以 .txt 结尾：{out}"),
        (
            "html",
            "r.xlsx",
            "en",
            "error: the --out file for --format html must end in .html or .htm: {out}",
        ),
    ],
)
def test_out_must_end_in_the_formats_extension(db, tmp_path, capsys, fmt, name, lang, message):
    out = tmp_path / name
    assert _report(db, "--format", fmt, "--out", str(out), lang=lang) == 1
    said = capsys.readouterr()
    assert said.err == message.format(out=out) + "\n" and said.out == ""
    assert _files(tmp_path) == []


@pytest.mark.parametrize("name", ["r.HTM", "r.html"])
def test_either_html_extension_in_any_case_is_fine(db, tmp_path, capsys, name):
    assert _report(db, "--format", "html", "--out", str(tmp_path / name)) == 0
    assert (tmp_path / name).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.fixture
def victim(sqlite_county, tmp_path) -> Path:
    """A county database whose name would pass the extension check."""
    return _copy(sqlite_county, tmp_path / "ledger.json")


def _json_report(db) -> list[str]:
    return ["--db", str(db), "county", "report", "--year", "2025", "--format", "json"]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_out_is_never_the_database_or_its_companions(victim, tmp_path, capsys, suffix):
    before, files = victim.read_bytes(), _files(tmp_path)
    out = tmp_path / "sub" / ".." / f"ledger.json{suffix}"  # the same file, spelled otherwise
    assert main([*_json_report(victim), "--out", str(out), *DAY]) == 1
    assert capsys.readouterr().err == (
        f"错误：--out {out} 是数据库文件 {victim}（或其附属文件），不能覆盖\n"
    )
    assert victim.read_bytes() == before and _files(tmp_path) == files


def test_the_database_is_recognised_through_a_url_and_in_english(victim, capsys):
    before = victim.read_bytes()
    url = f"sqlite:///file:{victim.as_posix()}?mode=ro&uri=true"
    argv = ["--lang", "en", "--db-url", url, "county", "report", "--year", "2025"]
    assert main([*argv, "--format", "json", "--out", str(victim), *DAY]) == 1
    assert capsys.readouterr().err == (
        f"error: --out {victim} is the database {victim} (or one of its files);"
        " it will not be overwritten\n"
    )
    assert victim.read_bytes() == before


def test_a_hard_link_to_the_database_is_the_database(victim, tmp_path, capsys):
    link = tmp_path / "report.json"
    try:
        os.link(victim, link)
    except OSError:
        pytest.skip("no hard links on this file system")
    before = victim.read_bytes()
    assert main([*_json_report(victim), "--out", str(link), *DAY]) == 1
    assert "是数据库文件" in capsys.readouterr().err and victim.read_bytes() == before


@pytest.mark.parametrize("fmt", ["json", "table", "html", "xlsx"])
def test_a_report_of_the_right_kind_is_overwritten(db, tmp_path, capsys, fmt):
    out = tmp_path / f"r{dict(json='.json', table='.txt', html='.html', xlsx='.xlsx')[fmt]}"
    out.write_bytes(OLD)
    assert _report(db, "--format", fmt, "--out", str(out)) == 0
    assert capsys.readouterr().out == f"已写入 {out}\n"
    assert out.read_bytes() != OLD and out.stat().st_size > 1000
    assert _files(tmp_path) == [out.name]


# 2. Whole or not at all.


def _disk_fills_half_way(monkeypatch) -> None:
    def full(f, data: bytes) -> None:
        f.write(data[: len(data) // 2])
        raise OSError(28, FULL)

    monkeypatch.setattr(write, "_write", full)


@pytest.mark.parametrize("existing", [True, False])
@pytest.mark.parametrize(
    ("fmt", "ext"), [("json", ".json"), ("table", ".txt"), ("html", ".html"), ("xlsx", ".xlsx")]
)
def test_a_full_disk_leaves_the_old_report_and_no_temporary_file(
    db, tmp_path, monkeypatch, capsys, fmt, ext, existing
):
    out = tmp_path / f"r{ext}"
    if existing:
        out.write_bytes(OLD)
    _disk_fills_half_way(monkeypatch)
    assert _report(db, "--format", fmt, "--out", str(out)) == 1
    said = capsys.readouterr()
    assert said.err == f"错误：无法写入 {out}：{FULL_ZH}\n" and said.out == ""
    if existing:
        assert out.read_bytes() == OLD and _files(tmp_path) == [out.name]
    else:
        assert _files(tmp_path) == []


def test_a_full_disk_in_english(db, tmp_path, monkeypatch, capsys):
    out = tmp_path / "r.json"
    _disk_fills_half_way(monkeypatch)
    assert _report(db, "--format", "json", "--out", str(out), lang="en") == 1
    assert capsys.readouterr().err == f"error: cannot write {out}: {FULL_EN}\n"


def test_a_target_that_cannot_be_replaced_leaves_no_temporary_file(db, tmp_path, capsys):
    out = tmp_path / "r.json"
    out.mkdir()  # a folder of that name: the last step, the rename, fails
    assert _report(db, "--format", "json", "--out", str(out)) == 1
    assert capsys.readouterr().err.startswith(f"错误：无法写入 {out}：")
    assert _files(tmp_path) == ["r.json"] and out.is_dir() and not any(out.iterdir())


def test_write_file_replaces_whole_files_with_the_same_line_endings_as_write_text(tmp_path):
    out = tmp_path / "new" / "r.txt"
    write.write_text(out, "一\n二\n")
    assert out.read_bytes() == "一\n二\n".replace("\n", os.linesep).encode("utf-8")
    write.write_file(out, b"x")
    assert out.read_bytes() == b"x" and _files(out.parent) == ["r.txt"]


# 3. and 4. Standard output: "-" means it, and a failure says so.


class _FullStdout(io.TextIOBase):
    def write(self, text: str) -> int:
        raise OSError(28, FULL)


@pytest.mark.parametrize(
    ("fmt", "lang", "message"),
    [
        ("json", "zh", f"错误：无法写入标准输出：{FULL_ZH}"),
        ("table", "zh", f"错误：无法写入标准输出：{FULL_ZH}"),
        ("json", "en", f"error: cannot write to standard output: {FULL_EN}"),
    ],
)
def test_a_full_standard_output_is_named(db, monkeypatch, capsys, fmt, lang, message):
    monkeypatch.setattr(sys, "stdout", _FullStdout())
    assert _report(db, "--format", fmt, lang=lang) == 1
    assert capsys.readouterr().err == message + "\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["json", "table"])
def test_dev_full_gives_one_line_and_nothing_at_exit(db, fmt):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-m", "village_tui", "--db", db, "county", "report"]
    argv += ["--year", "2025", "--format", fmt, *DAY]
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            argv, stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=120
        )
    assert done.returncode == 1
    assert done.stderr == f"错误：无法写入标准输出：{FULL_ZH}\n"


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_dash_is_standard_output(db, tmp_path, monkeypatch, capsys, fmt):
    monkeypatch.chdir(tmp_path)
    assert _report(db, "--format", fmt, "--out", "-") == 0
    said = capsys.readouterr().out
    if fmt == "json":
        assert json.loads(said)["year"] == 2025
    else:
        assert "四议两公开工作情况汇总" in said
    assert _files(tmp_path) == []


@pytest.mark.parametrize(
    ("fmt", "lang", "message"),
    [
        ("xlsx", "zh", "错误：xlsx 格式需要一个文件名（--out 不能是 -）"),
        ("html", "en", "error: the html format needs a file name (--out cannot be -)"),
    ],
)
def test_dash_is_refused_for_file_formats(db, tmp_path, monkeypatch, capsys, fmt, lang, message):
    monkeypatch.chdir(tmp_path)
    assert _report(db, "--format", fmt, "--out", "-", lang=lang) == 1
    assert capsys.readouterr().err == message + "\n"
    assert _files(tmp_path) == []


# 5. county browse checks its year before opening the screen.


@pytest.fixture
def screen(monkeypatch) -> list[int]:
    from village_tui.tui.screens import county as screens

    opened: list[int] = []
    monkeypatch.setattr(
        screens, "run_county_app", lambda engine, *, year, **kw: opened.append(year)
    )
    return opened


@pytest.mark.parametrize(
    ("year", "lang", "message"),
    [
        ("0", "zh", "错误：年份无效：0"),
        ("-5", "zh", "错误：年份无效：-5"),
        ("99999", "en", "error: Not a valid year: 99999"),
        ("2027", "zh", "错误：2027 年尚未开始（今天是 2026-11-28），没有可统计的事项"),
    ],
)
def test_browse_refuses_a_bad_year(db, screen, capsys, year, lang, message):
    head = ["--lang", "en"] if lang == "en" else []
    assert main([*head, "--db", db, "county", "browse", "--year", year, *DAY]) == 1
    assert capsys.readouterr().err == message + "\n"
    assert screen == []


@pytest.mark.parametrize(("argv", "year"), [([], TODAY.year), (["--year", "2025"], 2025)])
def test_browse_without_a_year_shows_this_year(db, screen, argv, year):
    assert main(["--db", db, "county", "browse", *argv, *DAY]) == 0
    assert screen == [year]


# 6. A year with nothing recorded says so first.


@pytest.mark.parametrize(
    ("lang", "first"),
    [
        ("zh", "2023 年没有登记任何事项（统计截止日 2023-12-31）"),
        ("en", "No matters recorded in 2023 (as of 2023-12-31)"),
    ],
)
def test_an_empty_year_says_so_in_one_line_then_the_header(db, capsys, lang, first):
    head = ["--lang", "en"] if lang == "en" else []
    assert main([*head, "--db", db, "county", "report", "--year", "2023", *DAY]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == first
    assert "2023" in lines[1] and len(lines) == 5  # the title and the three notes, no empty tables


def test_an_empty_year_in_a_file_and_as_json(db, tmp_path, capsys):
    out = tmp_path / "r.txt"
    argv = ["--db", db, "county", "report", "--year", "2023"]
    assert main([*argv, "--out", str(out), *DAY]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("2023 年没有登记任何事项（统计截止日 2023-12-31）\n")
    capsys.readouterr()
    assert main([*argv, "--format", "json", *DAY]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["matters"] == 0


def test_a_report_open_in_excel_is_kept_and_the_message_says_why(db, tmp_path, monkeypatch, capsys):
    """On Windows, replacing a file Excel holds open fails with a permission error."""
    out = tmp_path / "r.xlsx"
    out.write_bytes(OLD)

    def held_open(src, dst) -> None:
        raise PermissionError(13, "拒绝访问。")

    monkeypatch.setattr(write.os, "replace", held_open)
    assert _report(db, "--format", "xlsx", "--out", str(out)) == 1
    assert capsys.readouterr().err == (
        f"错误：无法写入 {out}：没有权限（文件可能正在 Excel 或 WPS 中打开，请关闭后重试）\n"
    )
    assert out.read_bytes() == OLD and _files(tmp_path) == [out.name]
