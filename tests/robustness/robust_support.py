"""How the robustness tests start writer processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("writer_process.py")


def start_writer(
    db: Path, tag: str, count: int | None = None, go: Path | None = None
) -> subprocess.Popen:
    args = [sys.executable, str(WRITER), str(db), tag] + ([str(count)] if count is not None else [])
    return subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), **({"WRITER_GO": str(go)} if go else {})},
    )
