"""What the kit and standalone tests share: the tools, the index probe, tmux at 80x24."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEMO_VILLAGE = "示例·前进村"


def load_tool(name: str):
    """A script of tools/ as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def need_index() -> None:
    """Skip, saying why, when the package index cannot be reached."""
    try:
        urllib.request.urlopen("https://pypi.org/simple/pip/", timeout=15).close()
    except OSError as exc:
        pytest.skip(f"PyPI is unreachable ({exc}); the kit downloads its wheels from it")


def offline_env(**extra: str) -> dict[str, str]:
    """An environment where pip can reach no index and reads no configuration."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(PIP_NO_INDEX="1", PIP_CONFIG_FILE=os.devnull, **extra)
    return env


def demo_in_tmux(command: list[str], env: dict[str, str], cwd: Path) -> str:
    """Open `command` (the demo) in tmux at 80x24; the screen once the dashboard shows; quit it."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    sock = f"vt-test-{os.getpid()}-{time.monotonic_ns()}"
    tmux = ["tmux", "-L", sock]
    env = {**env, "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    line = " ".join(f"'{c}'" for c in command)
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", "80", "-y", "24", "-s", "demo", line],
        check=True, env=env, cwd=cwd,
    )  # fmt: skip
    try:
        screen = ""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p", "-t", "demo"], capture_output=True, text=True
            ).stdout
            if DEMO_VILLAGE in screen and "搜索" in screen:
                break
            time.sleep(0.5)
        subprocess.run([*tmux, "send-keys", "-t", "demo", "C-q"], check=False)
        for _ in range(40):
            if subprocess.run([*tmux, "has-session", "-t", "demo"], capture_output=True).returncode:
                return screen
            time.sleep(0.5)
        raise AssertionError("the app did not quit on Ctrl+Q:\n" + screen)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
