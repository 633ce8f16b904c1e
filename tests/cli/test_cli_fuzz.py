"""A bounded fuzz run over the arguments of every CLI command (issue 10, point 10).

Whatever the arguments: no traceback, no "unexpected failure" line, and where the command
refused, the database exactly as it was. File-name arguments stay inside a scratch folder.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from cli_support import copy_db
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Text a hostile or unlucky user might type: Chinese, spaces, %, markup, control characters.
WORDS = st.sampled_from(
    [
        "",
        " ",
        "-",
        "%",
        "%%",
        "100%",
        "张三",
        "[/]",
        "[link=x]",
        "\x1b[31m",
        "\x00",
        "0",
        "-1",
        "2026",
        "9" * 30,
        "410611100901",
        "1e9",
        "NaN",
        "村 东",
        "..",
        ".",
        "a.json",
        "b.xlsx",
        "c.key",
        "d.txt",
        "e.zip",
        "f.db",
        "—",
        "\u200b",
        "\udcff",
    ]  # fmt: skip
)
TEXT = st.one_of(WORDS, st.text(max_size=12))
NAME = st.one_of(WORDS, st.text(max_size=12)).map(lambda s: s.replace("/", "_").replace("\\", "_"))

# Commands that open a terminal screen are left out: they need a terminal, not arguments.
COMMANDS = [
    ("init", ["--code", TEXT, "--name", TEXT, "--township", TEXT, "--county", TEXT]),
    (
        "init",
        [
            "--code",
            TEXT,
            "--name",
            TEXT,
            "--township",
            TEXT,
            "--county",
            TEXT,
            "--households",
            TEXT,
            "--profile",
            TEXT,
        ],
    ),  # fmt: skip
    ("load-sample", ["--village", TEXT]),
    ("verify-db", []),
    ("rules", ["--profile", TEXT]),
    ("rebuild", []),
    ("export", ["--out", NAME]),
    ("import", [NAME]),
    ("keys show", ["--out", NAME]),
    ("keys trust", [NAME]),
    ("keys list", []),
    ("review", ["--format", st.sampled_from(["table", "json", "xlsx", "csv"]), "--out", NAME]),
    ("review", ["--village", TEXT]),
    ("review approve", [TEXT, "--comment", TEXT]),
    ("review return", [TEXT, "--comment", TEXT]),
    (
        "county report",
        [
            "--year",
            TEXT,
            "--format",
            st.sampled_from(["json", "xlsx", "html"]),
            "--out",
            NAME,
            "--township",
            TEXT,
        ],
    ),  # fmt: skip
    ("gen-synthetic", ["--villages", TEXT, "--years", TEXT, "--seed", TEXT, "--out", NAME]),
]


@st.composite
def command_lines(draw) -> list[str]:
    name, spec = draw(st.sampled_from(COMMANDS))
    argv = name.split()
    for item in spec:
        argv.append(draw(item) if isinstance(item, st.SearchStrategy) else item)
    return argv


def _dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@settings(
    max_examples=int(os.environ.get("VILLAGE_TUI_FUZZ_EXAMPLES", "25")),
    deadline=None,
    derandomize=True,  # the same examples every run: a red suite is reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=command_lines(), lang=st.sampled_from(["zh", "en"]))
def test_no_arguments_crash_any_command(sample_master, capsys, monkeypatch, argv, lang):
    from village_tui.cli.main import main

    with tempfile.TemporaryDirectory(prefix="fuzz-") as scratch:
        monkeypatch.chdir(scratch)
        db = copy_db(sample_master, Path(scratch) / "village.db")
        before = _dump(db)
        capsys.readouterr()
        code = main(["--lang", lang, "--db", str(db), *argv])
        said = capsys.readouterr()
        assert code in (0, 1, 2), (argv, said)
        for text in (said.out, said.err):
            assert "Traceback" not in text, (argv, said)
            assert "意外故障" not in text and "unexpected failure" not in text, (argv, said)
        if code != 0:
            assert said.err.strip(), argv  # a refusal always says why
            assert _dump(db) == before, argv
