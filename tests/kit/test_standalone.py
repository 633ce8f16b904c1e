"""The standalone build opens the demo at 80x24 and exports and imports a bundle.

Marked `standalone` (`pytest -m standalone`); needs PyInstaller (`pip install ".[build]"`).
The build took 8-10 minutes here on 2 cores shared by seven engineers, the checks 2 more.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.kit.support import DEMO_VILLAGE, demo_in_tmux, load_tool

pytestmark = pytest.mark.standalone


@pytest.fixture(scope="module")
def program(tmp_path_factory):
    try:
        import PyInstaller  # noqa: F401
    except ModuleNotFoundError:
        pytest.skip('PyInstaller is not installed (pip install ".[build]")')
    out = tmp_path_factory.mktemp("standalone")
    return load_tool("build_standalone").build(out)


def clean_env() -> dict[str, str]:
    """No Python of ours on the path: the build must carry everything itself."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if "venv" not in p
    )
    return env


def run(program, *args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(program), *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=clean_env(), timeout=300,
    )  # fmt: skip


@pytest.mark.skipif(sys.platform == "win32", reason="tmux is for the Linux smoke test")
def test_standalone_opens_the_demo_at_80x24(program, tmp_path):
    screen = demo_in_tmux([str(program), "demo"], clean_env(), tmp_path)
    assert DEMO_VILLAGE in screen, screen


def test_standalone_exports_and_imports_a_bundle(program, tmp_path):
    done = run(program, "--db", "村.db", "load-sample", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = run(program, "--db", "村.db", "export", "--out", "bundles", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [bundle] = list((tmp_path / "bundles").glob("*.zip"))
    done = run(program, "--db", "乡镇.db", "import", "bundles", "--trust-new", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (
        f"{bundle.relative_to(tmp_path)}：已导入 410611100901 第 1–111 条，新增 111 条"
        in done.stdout
    )
    done = run(program, "--db", "乡镇.db", "verify-db", cwd=tmp_path)
    assert done.returncode == 0 and "台账完整" in done.stdout, done.stderr


def test_standalone_rules_schemas_and_backups_are_inside(program, tmp_path):
    """The profiles, schemas and migrations came along: rules list, backup and restore work."""
    done = run(program, "rules", "--list", cwd=tmp_path)
    assert done.returncode == 0 and "henan-4+2" in done.stdout, done.stderr
    run(program, "--db", "v.db", "load-sample", cwd=tmp_path)
    done = run(program, "--db", "v.db", "backup", "--out", "b.vtbackup", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = run(program, "--db", "r.db", "restore", "b.vtbackup", cwd=tmp_path)
    assert done.returncode == 0 and "已从备份恢复" in done.stdout, done.stderr
