"""The core commands: exit codes, one-line errors, Chinese by default and English on request."""

from __future__ import annotations

import os
import subprocess
import sys

from cli_support import REPO

from village_tui.store.db import open_engine
from village_tui.store.rebuild import dump_derived
from village_tui.store.services import VillageService

INIT = [
    "init",
    "--code",
    "410611100901",
    "--name",
    "示例·测试村",
    "--township",
    "大赉店镇",
    "--county",
    "淇滨区",
]
ROSTER = [
    "--party-members-voting",
    "45",
    "--committee-members",
    "7",
    "--rep-assembly-members",
    "45",
    "--representatives",
    "38",
    "--women-members",
    "15",
    "--adult-villagers",
    "1200",
    "--households",
    "380",
]


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_help_lists_every_command_in_chinese(run):
    code, out, _ = run("--help")
    assert code == 0
    assert out.startswith("用法：village-tui")
    for command in ("init", "load-sample", "verify-db", "rules", "rebuild"):
        assert f"\n    {command} " in out
    assert "VILLAGE_TUI_DB" in out and "选项" in out


def test_python_dash_m_help_works_in_a_fresh_process(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "village_tui", "--help"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "load-sample" in done.stdout and "verify-db" in done.stdout


def test_init_records_the_village_and_every_roster_figure(run, tmp_path):
    db = tmp_path / "v.db"
    code, out, err = run("--db", db, *INIT, "--profile", "henan-4+2", *ROSTER)
    assert code == 0, err
    assert "示例·测试村（410611100901）" in out and "henan-4+2" in out
    village = VillageService(open_engine(db)).village()
    assert village.profile == "henan-4+2" and village.township_code == "410611100"
    assert village.county_code == "410611" and village.county_name == "淇滨区"
    r = village.roster
    assert (
        r.party_members_voting,
        r.committee_members,
        r.rep_assembly_members,
        r.representatives,
    ) == (45, 7, 45, 38)
    assert (r.women_members, r.adult_villagers, r.households) == (15, 1200, 380)


def test_init_refuses_a_bad_code_in_one_line_and_creates_nothing(run, tmp_path):
    db = tmp_path / "bad.db"
    code, _, err = run("--db", db, *[("41061110090" if a == "410611100901" else a) for a in INIT])
    assert code == 1
    assert one_error_line(err) == "错误：区划代码应为12位数字，实为11位"
    assert not db.exists()
    code, _, err = run(
        "--lang", "en", "--db", db, *[("410611100000" if a == "410611100901" else a) for a in INIT]
    )
    assert code == 1
    assert one_error_line(err) == "error: Digits 10-12 of the division code (village) cannot be 000"


def test_init_refuses_bad_figures_unknown_profiles_and_a_second_village(run, tmp_path):
    db = tmp_path / "v.db"
    code, _, err = run("--db", db, *INIT, "--households", "-3")
    assert code == 1 and one_error_line(err) == "错误：户数不能为负数(-3)"
    code, _, err = run("--db", db, *INIT, "--profile", "nope")
    assert code == 1 and one_error_line(err) == "错误：找不到规则配置“nope”"
    assert run("--db", db, *INIT)[0] == 0
    code, _, err = run("--db", db, *INIT)
    assert code == 1 and one_error_line(err) == "错误：本数据库已设置过村庄，不能重复设置"


def test_load_sample_into_an_empty_database_only(run, tmp_path):
    db = tmp_path / "s.db"
    code, out, err = run("--db", db, "load-sample")
    assert code == 0, err
    assert "示例·前进村（410611100901，虚构），15 个事项" in out
    code, _, err = run("--db", db, "load-sample")
    assert code == 1
    assert one_error_line(err).startswith("错误：该数据库已有数据（410611100901）")
    other = tmp_path / "init.db"
    run("--db", other, *INIT)
    code, _, err = run("--lang", "en", "--db", other, "load-sample", "--village", "410621101902")
    assert code == 1 and one_error_line(err).startswith("error: This database is already in use")


def test_load_sample_lists_and_picks_villages(run, tmp_path):
    code, out, _ = run("load-sample", "--list")
    assert code == 0 and out.splitlines()[0].startswith("410611100901\t示例·前进村")
    code, out, _ = run("--db", tmp_path / "x.db", "load-sample", "--village", "410622101903")
    assert code == 0 and "示例·和平村" in out
    code, _, err = run("--db", tmp_path / "y.db", "load-sample", "--village", "123")
    assert code == 1 and "没有区划代码为 123 的示例村" in one_error_line(err)


def test_verify_db_passes_an_intact_database(run, sample_db):
    code, out, err = run("--db", sample_db, "verify-db")
    assert code == 0 and err == ""
    assert out.startswith("台账完整：1 本台账，") and "哈希链无断裂" in out
    code, out, _ = run("--lang", "en", "--db", sample_db, "verify-db")
    assert code == 0 and out.startswith("Ledger intact: 1 ledger(s)")


def test_verify_db_refuses_a_missing_file_without_creating_it(run, tmp_path):
    db = tmp_path / "missing.db"
    code, _, err = run("--db", db, "verify-db")
    assert code == 1 and one_error_line(err) == f"错误：数据库文件不存在：{db}"
    assert not db.exists()


def test_verify_db_refuses_a_file_that_is_no_database(run, tmp_path):
    db = tmp_path / "junk.db"
    db.write_bytes(b"this is a spreadsheet, not a database" * 100)
    code, _, err = run("--db", db, "verify-db")
    assert code == 1 and one_error_line(err).startswith(f"错误：无法打开数据库 {db}：")


def test_database_path_from_the_environment(run, tmp_path, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("VILLAGE_TUI_DB", str(db))
    assert run("load-sample")[0] == 0
    assert db.exists()
    assert run("verify-db")[0] == 0


def test_rules_prints_the_profile_with_citations(run, sample_db):
    code, out, _ = run("--db", sample_db, "rules")  # the village's own profile: henan-4+2
    assert code == 0
    assert "规则配置 henan-4+2" in out
    for text in (
        "quorum.party_assembly",
        "三分之二以上（含）",
        "第二十六条",
        "《中华人民共和国土地管理法》第四十七条",
        "至少公示30天",
        "低保评议",
        "金额标准：50,000.00 元",
        "不生效",
        "瑕疵",
        "提醒",
    ):
        assert text in out, text
    code, out, _ = run("--db", sample_db, "rules", "--profile", "national")
    assert code == 0 and "规则配置 national" in out and "金额标准：未设置" in out
    assert "未启用" in out  # land two-thirds is off except for land matters


def test_rules_lists_profiles_and_refuses_unknown_ones(run, tmp_path):
    code, out, _ = run("--db", tmp_path / "none.db", "rules", "--list")
    assert code == 0 and out.startswith("henan-4+2\t") and "\nnational\t" in out
    code, out, _ = run("--db", tmp_path / "none.db", "rules")
    assert code == 0 and "规则配置 national" in out
    assert not (tmp_path / "none.db").exists()
    code, _, err = run("rules", "--profile", "nope")
    assert code == 1 and one_error_line(err) == "错误：找不到规则配置“nope”"


def test_rules_in_english(run):
    code, out, _ = run("--lang", "en", "rules", "--profile", "henan-4+2")
    assert code == 0
    for text in (
        "Rule profile henan-4+2",
        "Citation",
        "invalid",
        "defect",
        "two thirds",
        "art. 47",
        "Money threshold: 50,000.00 yuan",
    ):
        assert text in out, text


def test_usage_errors_exit_2_in_one_line_without_a_traceback(run):
    code, _, err = run("--bogus")
    assert code == 2
    assert err.strip().splitlines()[-1] == "错误：用法错误：无法识别的参数：--bogus"
    assert "Traceback" not in err
    code, _, err = run("--lang", "en", "init")
    assert code == 2 and err.strip().splitlines()[-1].startswith(
        "error: usage error: the following arguments are required: --code"
    )
    code, _, err = run("--lang", "fr", "verify-db")
    assert code == 2 and "Traceback" not in err


def test_an_unexpected_failure_is_one_line_and_logged(run, tmp_path, monkeypatch):
    from village_tui.cli import core, output

    log = tmp_path / "log" / "village-tui.log"
    monkeypatch.setattr(output, "log_path", lambda: log)

    def broken(args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(core, "cmd_verify", broken)
    code, _, err = run("verify-db")
    assert code == 1
    assert one_error_line(err) == f"错误：意外故障（RuntimeError: disk on fire），详情见 {log}"
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_rebuild_rederives_the_same_tables(run, sample_db):
    before = dump_derived(open_engine(sample_db))
    code, out, _ = run("--db", sample_db, "rebuild")
    assert code == 0 and out.startswith("已按台账重放 ")
    assert dump_derived(open_engine(sample_db)) == before


def test_init_says_a_short_composition_and_records_it(run, tmp_path):
    db = tmp_path / "c.db"
    code, out, _ = run(
        "--db",
        db,
        *INIT,
        "--rep-assembly-members",
        "45",
        "--representatives",
        "35",
        "--women-members",
        "15",
    )
    assert code == 0
    assert out.splitlines()[0] == (
        "提醒：村民代表会议组成人员45人，其中村民代表35人，未达到组成人员45人的五分之四(36人)"
    )
