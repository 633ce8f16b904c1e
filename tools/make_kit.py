"""Build the offline kit: a folder for a USB stick that installs village-tui with no internet.

    python tools/make_kit.py --out DIR [--target NAME ...] [--python X.Y ...]

The folder holds the project's wheel and every dependency as wheels for each target
(Windows x86-64, Linux x86-64, Linux aarch64) and each supported Python, plus
`install.bat` and `install.sh`, which make a virtual environment from the folder alone.
Before the folder is given its name, every target is checked: each requirement must
resolve, from the folder alone, to a wheel that target can install.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = Path(__file__).resolve().parent
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
# pip takes the platform tags literally, so each manylinux generation is named.
TARGETS: dict[str, tuple[str, ...]] = {
    "windows-x86_64": ("win_amd64",),
    "linux-x86_64": ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"),
    "linux-aarch64": ("manylinux_2_28_aarch64", "manylinux_2_17_aarch64", "manylinux2014_aarch64"),
}
PROJECT = "village-tui"
WHEELS = "wheels"


class KitError(Exception):
    """The kit could not be built; the message says why, in one line."""


def pip(*args: str, quiet: bool = True) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise KitError(f"pip {args[0]} failed: " + " | ".join(tail))
    return done


def platform_args(target: str, python: str) -> list[str]:
    args = ["--only-binary=:all:", "--implementation", "cp", "--python-version", python]
    for tag in TARGETS[target]:
        args += ["--platform", tag]
    return args


def build_project_wheel(dest: Path) -> Path:
    """The project's own wheel (pure Python: one for every target)."""
    pip("wheel", "--no-deps", "--wheel-dir", str(dest), str(ROOT))
    found = sorted(dest.glob("village_tui-*.whl"))
    if not found:
        raise KitError("no project wheel was built")
    return found[-1]


def download(wheels: Path, project: Path, target: str, python: str) -> None:
    """Every dependency of the project, as wheels for `target` under `python`."""
    pip("download", "--dest", str(wheels), *platform_args(target, python), str(project))


def download_all(wheels: Path, project: Path, combos: list[tuple[str, str]]) -> None:
    """`download` for each (target, Python), a few at once (pip spends its time waiting on the network)."""
    from concurrent.futures import ThreadPoolExecutor

    def one(combo: tuple[str, str]) -> Path:
        # Each into a folder of its own: two pips must not write one file at once.
        folder = Path(tempfile.mkdtemp(prefix="dl-", dir=wheels.parent))
        download(folder, project, *combo)
        return folder

    with ThreadPoolExecutor(max_workers=4) as pool:
        folders = list(pool.map(one, combos))
    for folder in folders:
        for f in folder.iterdir():
            if not (wheels / f.name).exists():
                os.replace(f, wheels / f.name)
        shutil.rmtree(folder)


def resolved(wheels: Path, target: str, python: str) -> list[str]:
    """The wheel files an install on `target` under `python` takes from the folder alone.

    Raises KitError when a requirement has no wheel there for that target.
    """
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        try:
            pip(
                "install", "--dry-run", "--ignore-installed", "--no-index",
                "--find-links", str(wheels), "--target", str(Path(tmp) / "t"),
                "--report", str(report), *platform_args(target, python), PROJECT,
            )  # fmt: skip
        except KitError as exc:
            raise KitError(f"{target} Python {python}: incomplete ({exc})") from None
        data = json.loads(report.read_text(encoding="utf-8"))
    return sorted(item["download_info"]["url"].rsplit("/", 1)[-1] for item in data["install"])


def write_installers(kit: Path) -> None:
    """install.sh (LF, UTF-8) and install.bat (CRLF, GBK: what cmd.exe on a Chinese Windows reads)."""
    sh = (TOOLS / "kit" / "install.sh").read_text(encoding="utf-8")
    (kit / "install.sh").write_bytes(sh.replace("\r\n", "\n").encode("utf-8"))
    (kit / "install.sh").chmod(0o755)
    bat = (TOOLS / "kit" / "install.bat").read_text(encoding="utf-8")
    (kit / "install.bat").write_bytes(bat.replace("\r\n", "\n").replace("\n", "\r\n").encode("gbk"))
    readme = (TOOLS / "kit" / "README.txt").read_text(encoding="utf-8")
    # A byte-order mark, so that Notepad on an old Windows knows it is UTF-8.
    (kit / "README.txt").write_bytes(b"\xef\xbb\xbf" + readme.replace("\n", "\r\n").encode("utf-8"))


def make_kit(out: Path, targets: list[str], pythons: list[str], log=print) -> dict:
    """Build the kit into `out` (which must not exist or be empty); its contents list."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise KitError(f"{out} exists and is not an empty folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    # Built beside its final place and renamed at the end: no half-made kit on the stick.
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    try:
        wheels = work / WHEELS
        wheels.mkdir()
        log("project wheel ...")
        project = build_project_wheel(wheels)
        combos = [(t, v) for t in targets for v in pythons]
        log(f"downloading for {len(combos)} target(s) ...")
        download_all(wheels, project, combos)
        # Checked once all are in: a newer wheel fetched for one Python may serve another.
        contents = {f"{t}-py{v}": resolved(wheels, t, v) for t, v in combos}
        write_installers(work)
        (work / "kit.json").write_text(
            json.dumps({"project": project.name, "targets": contents}, indent=2) + "\n",
            encoding="utf-8",
        )
        if out.exists():
            out.rmdir()
        os.replace(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return contents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the offline installation kit.")
    parser.add_argument("--out", required=True, type=Path, help="the kit folder (new or empty)")
    parser.add_argument(
        "--target", action="append", choices=sorted(TARGETS), help="default: all targets"
    )
    parser.add_argument(
        "--python", action="append", choices=PYTHONS, help="default: every supported Python"
    )
    args = parser.parse_args(argv)
    try:
        contents = make_kit(args.out, args.target or list(TARGETS), args.python or list(PYTHONS))
    except KitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    files = {f for names in contents.values() for f in names}
    size = sum(p.stat().st_size for p in (args.out / WHEELS).iterdir())
    print(f"kit in {args.out}: {len(contents)} target(s), {len(files)} wheels, {size // 2**20} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
