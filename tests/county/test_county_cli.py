"""The county commands as a person runs them: exit codes, one-line errors, files written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from village_tui.cli.main import main
from village_tui.county.figures import build_report
from village_tui.county.snapshot import Scope
from village_tui.county.stored import current_figures
from village_tui.store.db import open_engine

from .conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
DAY = ["--today", TODAY.isoformat()]


@pytest.fixture(scope="module")
def db(sqlite_county) -> str:
    return sqlite_county.url.database


def test_gen_synthetic_then_import_folder_then_report(tmp_path, capsys):
    out = tmp_path / "bundles"
    assert (
        main(
            [
                "gen-synthetic",
                "--villages",
                "4",
                "--years",
                "2",
                "--seed",
                "9",
                "--out",
                str(out),
                *DAY,
            ]
        )
        == 0
    )
    said = capsys.readouterr().out
    assert "4 个村（虚构）" in said and str(out) in said
    db = tmp_path / "county.db"
    assert main(["--db", str(db), "import", "--role", "county", "--trust-new", str(out)]) == 0
    capsys.readouterr()
    # The import worked out the report figures: last year's report has nothing left to do.
    engine = open_engine(db)
    assert current_figures(engine, Scope(2025, date(2025, 12, 31))).worked_out == 0
    engine.dispose()
    assert (
        main(["--db", str(db), "county", "report", "--year", "2026", "--format", "json", *DAY]) == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert report["totals"]["villages"] == 4 and report["totals"]["matters"] > 0


def test_report_json_to_stdout_is_the_report(db, sqlite_county, capsys):
    assert main(["--db", db, "county", "report", "--year", "2025", "--format", "json", *DAY]) == 0
    assert json.loads(capsys.readouterr().out) == build_report(
        sqlite_county, year=2025, today=TODAY
    )


@pytest.mark.parametrize(
    ("fmt", "name"), [("xlsx", "county-report-2025.xlsx"), ("html", "county-report-2025.html")]
)
def test_files_default_to_the_current_folder(db, tmp_path, monkeypatch, capsys, fmt, name):
    monkeypatch.chdir(tmp_path)
    assert main(["--db", db, "county", "report", "--year", "2025", "--format", fmt, *DAY]) == 0
    assert capsys.readouterr().out.strip() == f"已写入 {name}"
    assert (tmp_path / name).stat().st_size > 1000


def test_table_to_a_file_and_for_one_township(db, tmp_path, capsys):
    out = tmp_path / "sub" / "r.txt"
    args = [
        "--db",
        db,
        "county",
        "report",
        "--year",
        "2025",
        "--township",
        "410621101",
        "--out",
        str(out),
        *DAY,
    ]
    assert main(args) == 0
    text = out.read_text(encoding="utf-8")
    assert "善堂镇" in text and "鹤壁集镇" not in text and "分乡镇情况" in text


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (
            ["county", "report", "--year", "2025", "--township", "4106"],
            1,
            "错误：乡镇区划代码应为9位数字",
        ),
        (
            ["county", "report", "--year", "2025", "--township", "410699101"],
            1,
            "错误：数据库中没有乡镇 410699101 的村庄",
        ),
        (["county", "report", "--year", "2025", "--format", "pdf"], 2, "用法错误"),
        (["county", "report", "--year", "20x5"], 2, "用法错误"),
        (
            ["--lang", "en", "county", "report", "--year", "2025", "--township", "4106"],
            1,
            "error: The township division code must be 9 digits",
        ),
    ],
)
def test_bad_report_arguments(db, capsys, argv, code, message):
    assert main(["--db", db, *argv, *DAY]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_report_on_a_missing_database_creates_nothing(tmp_path, capsys):
    missing = tmp_path / "nope.db"
    assert main(["--db", str(missing), "county", "report", "--year", "2025"]) == 1
    assert (
        capsys.readouterr().err.strip()
        == f"错误：数据库不存在或是空文件：{missing}（先用 import 导入数据包）"
    )
    assert not missing.exists()


def test_report_on_an_empty_file_leaves_it_empty(tmp_path, capsys):
    empty = tmp_path / "empty.db"
    empty.touch()
    assert main(["--db", str(empty), "--lang", "en", "county", "browse", "--year", "2025"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"error: No database at {empty}, or the file is empty (import bundles first)"
    )
    assert main(["--db", str(empty), "county", "report", "--year", "2025"]) == 1
    assert empty.stat().st_size == 0


def test_report_to_an_unwritable_place(db, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert (
        main(
            [
                "--db",
                db,
                "county",
                "report",
                "--year",
                "2025",
                "--format",
                "json",
                "--out",
                str(blocker / "r.json"),
                *DAY,
            ]
        )
        == 1
    )
    assert capsys.readouterr().err.startswith(f"错误：无法写入 {blocker / 'r.json'}")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--villages", "0", "--years", "1"], "错误：村数应在 1 到 1881 之间"),
        (["--villages", "2", "--years", "0"], "错误：年数应在 1 到 50 之间"),
    ],
)
def test_gen_synthetic_refuses_silly_sizes(tmp_path, capsys, argv, message):
    assert main(["gen-synthetic", *argv, "--seed", "1", "--out", str(tmp_path / "x")]) == 2
    assert capsys.readouterr().err.strip() == message
    assert not (tmp_path / "x").exists()


def test_gen_synthetic_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "old.zip").write_bytes(b"x")
    assert (
        main(
            [
                "gen-synthetic",
                "--villages",
                "1",
                "--years",
                "1",
                "--seed",
                "1",
                "--out",
                str(tmp_path),
            ]
        )
        == 1
    )
    assert (
        capsys.readouterr().err.strip() == f"错误：文件夹 {tmp_path} 不是空的，请指定一个新文件夹"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["old.zip"]


def test_report_runs_as_a_program_without_textual(db):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = "import sys, runpy; sys.argv=['village-tui','--db',sys.argv[1],'county','report','--year','2025','--today','2026-11-28']; "
    code += "from village_tui.cli.main import main; rc = main(sys.argv[1:]); assert 'textual' not in sys.modules, 'textual imported'; sys.exit(rc)"
    done = subprocess.run(
        [sys.executable, "-c", code, db], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "四议两公开工作情况汇总" in done.stdout


def test_a_broken_profile_file_leaves_the_import_standing(tmp_path, monkeypatch, capsys):
    out = tmp_path / "bundles"
    gen = ["gen-synthetic", "--villages", "2", "--years", "1", "--seed", "4", "--out", str(out)]
    assert main([*gen, *DAY]) == 0
    broken = tmp_path / "profiles"
    broken.mkdir()
    (broken / "henan-4+2.json").write_text("{ not json", encoding="utf-8")
    (broken / "national.json").write_text("{ not json", encoding="utf-8")
    monkeypatch.setenv("VILLAGE_TUI_PROFILES", str(broken))
    capsys.readouterr()
    db = str(tmp_path / "county.db")
    assert main(["--db", db, "import", "--role", "county", "--trust-new", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"报表数据未预先计算：规则配置文件 {broken / 'henan-4+2.json'}" in said or (
        f"报表数据未预先计算：规则配置文件 {broken / 'national.json'}" in said
    )
    assert main(["--db", db, "county", "report", "--year", str(TODAY.year), *DAY]) == 1
    assert "不是有效的 JSON" in capsys.readouterr().err


def test_a_report_from_a_read_only_database_is_right_and_quiet(db, tmp_path, monkeypatch, capsys):
    from village_tui.cli import output

    log = tmp_path / "log" / "village-tui.log"
    monkeypatch.setattr(output, "log_path", lambda: log)
    monkeypatch.chdir(tmp_path)
    engine = open_engine(db)
    with engine.begin() as conn:  # nothing kept: the report has figures to work out and to keep
        conn.exec_driver_sql("DELETE FROM matter_figure")
    engine.dispose()
    read_only = f"sqlite:///file:{Path(db).as_posix()}?mode=ro&uri=true"
    argv = ["--db-url", read_only, "county", "report", "--year", "2025", "--format", "json", *DAY]
    assert main(argv) == 0
    said = capsys.readouterr()
    assert said.err == ""
    assert json.loads(said.out)["totals"]["matters"] > 0
    logged = log.read_text(encoding="utf-8").splitlines()
    assert len(logged) == 1 and logged[0].endswith(
        "WARNING county figures not kept: attempt to write a readonly database"
    )
    assert not (tmp_path / "file:").exists()


def test_a_mistyped_sqlite_url_is_not_made_a_database(tmp_path, capsys):
    typo = tmp_path / "cuonty.db"
    url = f"sqlite:///{typo.as_posix()}"
    assert main(["--db-url", url, "county", "report", "--year", "2025", *DAY]) == 1
    assert capsys.readouterr().err.strip() == (
        f"错误：数据库不存在或是空文件：{url}（先用 import 导入数据包）"
    )
    assert not typo.exists()


def test_figures_that_cannot_be_prepared_leave_the_import_standing(tmp_path, monkeypatch, capsys):
    from village_tui.county import stored

    out = tmp_path / "bundles"
    gen = ["gen-synthetic", "--villages", "1", "--years", "1", "--seed", "4", "--out", str(out)]
    assert main([*gen, *DAY]) == 0

    def broken(engine, today):
        raise RuntimeError("a bug in the figures")

    monkeypatch.setattr(stored, "refresh", broken)
    capsys.readouterr()
    db = str(tmp_path / "county.db")
    assert main(["--db", db, "import", "--role", "county", "--trust-new", str(out)]) == 0
    said = capsys.readouterr()
    assert "报表数据未预先计算（详情见日志），出报告时会重新计算" in said.out
    assert said.err == ""
