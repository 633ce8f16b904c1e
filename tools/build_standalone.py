"""Build the standalone `village-tui` (PyInstaller, one folder) for machines whose Python is too old.

    pip install ".[build]"
    python tools/build_standalone.py --out DIR

DIR/village-tui/ then holds `village-tui` (`village-tui.exe` on Windows) and everything it
needs, Python included: copy the folder, run the program inside it. PyInstaller builds for
the system it runs on, so the Windows build is made on Windows with the same command.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "village-tui"
# Shipped data, as pyproject's package-data lists it, and the migrations: Alembic reads
# those as files (env.py, versions/*.py), not as imported modules.
DATA_SUFFIXES = {".json", ".tcss", ".ini", ".mako", ".html", ".css"}
# Top-level folders installed inside the package (pyproject's package-dir).
MAPPED = {"schemas": "village_tui/schemas", "sample_data": "village_tui/sample_data"}


def data_files() -> list[tuple[Path, str]]:
    """(file, folder inside the build) for every data file the app reads at run time."""
    found: list[tuple[Path, str]] = []
    for path in sorted((ROOT / "village_tui").rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        rel = path.relative_to(ROOT)
        migrations = "migrations" in rel.parts and path.suffix == ".py"
        if path.suffix in DATA_SUFFIXES or migrations:
            found.append((path, rel.parent.as_posix()))
    for top, inside in MAPPED.items():
        for path in sorted((ROOT / top).rglob("*.json")):
            found.append((path, (Path(inside) / path.parent.relative_to(ROOT / top)).as_posix()))
    return found


def pyinstaller_args(out: Path, work: Path) -> list[str]:
    args = [
        str(ROOT / "tools" / "standalone_main.py"),
        "--name", NAME, "--onedir", "--console", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(out), "--workpath", str(work / "build"), "--specpath", str(work),
        "--paths", str(ROOT),
        # Command families are imported by name (cli/main.py), screens and forms lazily.
        "--collect-submodules", "village_tui",
        "--collect-data", "textual", "--collect-data", "pypinyin",
        "--collect-data", "jsonschema_specifications",
        "--copy-metadata", "textual",
    ]  # fmt: skip
    # Found in the build's environment but never used by the app: the test tools, and the
    # PostgreSQL driver (a county server's; a standalone PC keeps SQLite files).
    for module in ("hypothesis", "pytest", "_pytest", "psycopg", "psycopg_binary", "tkinter"):
        args += ["--exclude-module", module]
    for path, folder in data_files():
        args += ["--add-data", f"{path}{os.pathsep}{folder}"]
    return args


def build(out: Path) -> Path:
    """Run PyInstaller; the path of the built program."""
    try:
        import PyInstaller.__main__ as pyinstaller
    except ModuleNotFoundError:
        raise SystemExit('PyInstaller is not installed: pip install ".[build]"') from None
    with tempfile.TemporaryDirectory(prefix="village-tui-build-") as work:
        pyinstaller.run(pyinstaller_args(out, Path(work)))
    exe = out / NAME / (NAME + (".exe" if sys.platform == "win32" else ""))
    if not exe.is_file():
        raise SystemExit(f"the build did not produce {exe}")
    return exe


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the standalone village-tui (one folder).")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="default: dist/")
    args = parser.parse_args(argv)
    exe = build(args.out.resolve())
    print(f"built {exe}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
