"""More bad input: each ends in one clear line (exit 1), or a usage error (exit 2), never a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import REPO, copy_db

INIT = ["init", "--code", "410611100901", "--name", "测试村", "--township", "镇", "--county", "县"]


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "意外故障" not in err and "unexpected" not in err
    return lines[0]


def usage_line(err: str) -> str:
    """Usage errors print argparse's usage, then one error line."""
    assert "Traceback" not in err
    return err.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def township_master(sample_master, tmp_path_factory) -> Path:
    from village_tui.store.db import open_engine
    from village_tui.sync.export import export_bundles
    from village_tui.sync.importer import import_bundles, init_receiving

    root = tmp_path_factory.mktemp("town")
    engine = open_engine(copy_db(sample_master, root / "v.db"))
    (item,) = export_bundles(engine, root / "out")
    engine.dispose()
    town = open_engine(root / "town.db")
    init_receiving(town)
    assert import_bundles(town, [item.path], trust_new=True).exit_code == 0
    town.dispose()
    return root / "town.db"


@pytest.fixture
def township(township_master, tmp_path) -> Path:
    return copy_db(township_master, tmp_path / "town.db")


# --- counts, empty paths ----------------------------------------------------------------


def test_an_absurd_count_is_a_usage_error_and_creates_nothing(run, tmp_path):
    db = tmp_path / "v.db"
    code, _, err = run("--db", db, *INIT, "--households", "99999999999999999999999")
    assert code == 2
    assert usage_line(err) == (
        "错误：用法错误：参数 --households：99999999999999999999999 过大（最多 10000000）"
    )
    assert not db.exists()
    code, _, err = run("--lang", "en", "--db", db, *INIT, "--adult-villagers", "10000001")
    assert code == 2
    assert usage_line(err) == (
        "error: usage error: argument --adult-villagers: 10000001 is too large (at most 10000000)"
    )


def test_the_largest_count_is_accepted(run, tmp_path):
    code, _, err = run("--db", tmp_path / "v.db", *INIT, "--adult-villagers", "10000000")
    assert code == 0, err


def test_empty_db_and_out_are_usage_errors(run, tmp_path, sample_db):
    code, _, err = run("--db", "", "verify-db")
    assert code == 2 and usage_line(err) == "错误：用法错误：参数 --db：不能为空"
    code, _, err = run("--db", sample_db, "export", "--out", "")
    assert code == 2 and usage_line(err) == "错误：用法错误：参数 --out：不能为空"
    code, _, err = run("--lang", "en", "--db", sample_db, "export", "--out", " ")
    assert code == 2 and usage_line(err) == "error: usage error: argument --out: must not be empty"


# --- files that cannot be written -------------------------------------------------------


def test_export_into_a_file_instead_of_a_folder(run, tmp_path, sample_db):
    target = tmp_path / "somefile"
    target.write_text("x")
    code, out, err = run("--db", sample_db, "export", "--out", target)
    assert code == 1 and out == ""
    assert one_line(err).startswith(f"错误：无法写入 {target}：")
    assert target.read_text() == "x"


def test_keys_show_into_a_folder(run, tmp_path, sample_db):
    code, _, err = run("--lang", "en", "--db", sample_db, "keys", "show", "--out", tmp_path)
    assert code == 1 and one_line(err).startswith(f"error: cannot write {tmp_path}: ")


def test_review_into_a_folder(run, tmp_path, township):
    for fmt in ("xlsx", "json"):
        code, _, err = run("--db", township, "review", "--format", fmt, "--out", tmp_path)
        assert code == 1 and one_line(err).startswith(f"错误：无法写入 {tmp_path}："), fmt


def test_review_of_an_unknown_village(run, township):
    code, out, err = run("--db", township, "review", "--village", "999")
    assert code == 1 and out == ""
    assert one_line(err) == "错误：本库没有区划代码为 999 的村"
    code, _, err = run("--db", township, "review", "--village", "410611100901")
    assert code == 0, err


# --- databases of the wrong kind, or that cannot be opened ------------------------------


def test_init_on_a_township_database(run, township):
    size = township.stat().st_size
    code, _, err = run("--db", township, *INIT)
    assert code == 1
    assert one_line(err) == (
        "错误：该数据库是乡镇审核数据库，不能设置为村庄；请用 --db 另指定一个新文件"
    )
    code, _, err = run("--lang", "en", "--db", township, *INIT)
    assert code == 1 and one_line(err) == (
        "error: this is a township database and cannot be set up as a village;"
        " give a new file with --db"
    )
    assert township.stat().st_size == size


def test_import_of_a_missing_file_creates_no_database(run, tmp_path):
    db = tmp_path / "new-town.db"
    missing = tmp_path / "nothere.zip"
    code, _, err = run("--db", db, "import", missing)
    assert code == 1 and one_line(err) == f"错误：找不到文件：{missing}"
    assert not db.exists()


@pytest.mark.parametrize(
    ("url", "start"),
    [
        (
            "mysql://u@localhost/db",
            "error: unsupported database URL mysql://u@localhost/db: driver ",
        ),
        ("foo://x", "error: database URL not understood foo://x: "),
        ("no such://x", "error: database URL not understood no such://x: "),
    ],
)
def test_database_urls_we_cannot_use(run, url, start):
    code, _, err = run("--lang", "en", "--db-url", url, "verify-db")
    assert code == 1 and one_line(err).startswith(start)


# --- text that is not UTF-8 -------------------------------------------------------------


@pytest.mark.parametrize("option", ["--db", "--actor"])
def test_undecodable_global_options(run, tmp_path, option):
    value = "\udcffx.db" if option == "--db" else "\udcffname"
    args = ("--db", tmp_path / "v.db") if option == "--actor" else ()
    code, _, err = run(*args, option, value, *INIT)
    assert code == 2
    assert one_line(err) == (
        f"错误：用法错误：{option} 的值不是有效的 UTF-8 文本（请检查终端或文件名的编码）"
    )
    assert not (tmp_path / "v.db").exists()


def test_undecodable_name_in_a_real_process(tmp_path):
    if os.name == "nt":
        pytest.skip("Windows command lines are UTF-16: no undecodable bytes")
    db = tmp_path / "v.db"
    args = [a.encode() for a in ("--lang", "en", "--db", str(db), *INIT)]
    args[args.index(b"--name") + 1] = b"\xff\xfe"
    env = {**os.environ, "PYTHONPATH": str(REPO), "LC_ALL": "C.UTF-8"}
    p = subprocess.run(
        [sys.executable.encode(), b"-m", b"village_tui", *args],
        capture_output=True,
        env=env,
        timeout=60,
    )
    err = p.stderr.decode()
    assert p.returncode == 2
    assert one_line(err) == (
        "error: usage error: the value of --name is not valid UTF-8 text"
        " (check the terminal's encoding)"
    )
    assert not db.exists()


# --- broken profile files ---------------------------------------------------------------


@pytest.fixture
def broken_profiles(tmp_path, monkeypatch) -> Path:
    from village_tui import profiles

    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "wrongid.json").write_text('{"id": "other"}', encoding="utf-8")
    monkeypatch.setenv(profiles.ENV_VAR, str(folder))
    profiles.clear_cache()
    yield folder
    profiles.clear_cache()


def test_rules_list_skips_and_names_broken_files(run, broken_profiles):
    code, out, err = run("rules", "--list")
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == ["henan-4+2", "national"]
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in err
    assert lines[0].startswith(
        f"注意：规则配置文件 {broken_profiles / 'broken.json'} 有误：不是有效的 JSON"
    )
    assert lines[1] == (
        f"注意：规则配置文件 {broken_profiles / 'wrongid.json'} 有误：“id”为 'other'，应为 'wrongid'"
    )


def test_available_profiles_leaves_broken_files_out(broken_profiles):
    from village_tui.profiles import ProfileError, available_profiles, scan_profiles

    assert available_profiles() == ["henan-4+2", "national"]
    good, broken = scan_profiles()
    assert good == ["henan-4+2", "national"]
    assert [Path(e.path).name for e in broken] == ["broken.json", "wrongid.json"]
    assert all(isinstance(e, ProfileError) and isinstance(e, ValueError) for e in broken)


def test_a_broken_profile_named_is_one_line_in_each_language(run, broken_profiles, tmp_path):
    path = broken_profiles / "broken.json"
    code, _, err = run("rules", "--profile", "broken")
    assert code == 1 and one_line(err).startswith(
        f"错误：规则配置文件 {path} 有误：不是有效的 JSON（"
    )
    code, _, err = run("--lang", "en", "--db", tmp_path / "v.db", *INIT, "--profile", "broken")
    assert code == 1 and one_line(err).startswith(
        f"error: rule profile file {path}: not valid JSON ("
    )
    assert not (tmp_path / "v.db").exists()
    # a good profile is not held up by a broken neighbour
    code, _, err = run("--db", tmp_path / "w.db", *INIT)
    assert code == 0, err
