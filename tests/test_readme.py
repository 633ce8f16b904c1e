"""The README's commands are the ones CI runs, and can be copied into any shell."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _quick_start() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line.strip() for line in block.splitlines() if line.strip()]


def test_quick_start_is_two_commands_and_ci_runs_the_second():
    demo, tests = _quick_start()
    assert demo == "pip install . && village-tui demo"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # CI adds only -q to pip; the test command itself is the README's.
    assert tests.replace("pip install ", "pip install -q ") in ci


def test_readme_commands_work_in_cmd_exe():
    """cmd.exe has no single quotes and no line continuation by backslash."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        for line in block.splitlines():
            assert "'" not in line, line
            assert not line.rstrip().endswith("\\"), line
            assert "..." not in line, line
