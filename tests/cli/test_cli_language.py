"""argparse's own texts follow --lang: Chinese by default, English with --lang en."""

from __future__ import annotations

import argparse
import re

ASCII_WORD = re.compile(r"\b[a-z]{3,}\b")


def last(err: str) -> str:
    return err.strip().splitlines()[-1]


def test_missing_argument_is_said_in_chinese_and_in_english(run):
    code, _, err = run("county", "report")
    assert code == 2
    assert err.startswith("用法：village-tui county report")
    assert last(err) == "错误：用法错误：缺少必需的参数：--year"
    code, _, err = run("--lang", "en", "county", "report")
    assert code == 2
    assert err.startswith("usage: village-tui county report")
    assert last(err) == "error: usage error: the following arguments are required: --year"


def test_invalid_choice_is_said_in_chinese(run):
    code, _, err = run("--lang", "xx")
    assert code == 2
    assert last(err) == "错误：用法错误：参数 --lang：无效的选项 'xx'（可选：'zh', 'en'）"
    code, _, err = run("--lang", "en", "county", "report", "--year", "2024", "--format", "doc")
    assert code == 2 and "invalid choice: 'doc'" in last(err)


def test_help_headings_follow_the_language(run):
    code, out, _ = run("-h")
    assert code == 0
    assert out.startswith("用法：village-tui")
    for heading in ("命令与参数:", "选项:", "显示本帮助并退出"):
        assert heading in out
    assert not {"usage", "options", "positional", "arguments", "show"} & set(
        ASCII_WORD.findall(out)
    )
    code, out, _ = run("--lang", "en", "-h")
    assert code == 0 and out.startswith("usage: village-tui")
    assert "options:" in out and "show this help message and exit" in out


def test_argparse_is_left_as_it_was_after_a_command(run):
    before = argparse._, argparse.ngettext
    run("--bogus")
    run("-h")
    assert (argparse._, argparse.ngettext) == before


def test_every_help_text_has_its_english(run, capsys):
    """--lang en --help of every command has no Chinese but the examples' place names."""
    import re as _re

    from village_tui.cli.main import build_parser

    han = _re.compile(r"[\u4e00-\u9fff]")
    allowed = {"善堂镇", "浚县"}  # example names the clerk types as they are
    commands = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    names = [[]] + [[name] for name in commands[0].choices]
    for cmd in list(names):
        sub = commands[0].choices.get(cmd[0]) if cmd else None
        for a in sub._actions if sub else []:
            if isinstance(a, argparse._SubParsersAction):
                names += [[cmd[0], n] for n in a.choices]
    for cmd in names:
        code, out, _ = run("--lang", "en", *cmd, "-h")
        assert code == 0, cmd
        for name in allowed:
            out = out.replace(name, "")
        assert not han.search(out), (cmd, [line for line in out.splitlines() if han.search(line)])
    assert len(names) > 25  # every command and sub-command was asked
