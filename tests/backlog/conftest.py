"""A village set up by the CLI, the template written, and the command run in-process."""

from __future__ import annotations

import pytest

from tests.backlog.fill import INIT


@pytest.fixture
def run(capsys):
    """Run `village-tui ARGS` in this process: (exit code, stdout, stderr)."""
    from village_tui.cli.main import main

    def _run(*args):
        capsys.readouterr()
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


@pytest.fixture
def village_db(tmp_path, run):
    db = tmp_path / "村.db"
    assert run("--db", db, *INIT)[0] == 0
    return db


@pytest.fixture
def template(tmp_path, run, village_db):
    out = tmp_path / "登记表.xlsx"
    code, stdout, err = run("--db", village_db, "template", "--out", out)
    assert (code, err) == (0, "")
    assert stdout == f"模板已保存：{out}（填好后用 village-tui record {out} 登记）\n"
    return out
