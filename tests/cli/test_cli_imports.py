"""The CLI's ledger paths and the core never import Textual."""

from __future__ import annotations

import os
import subprocess
import sys

from cli_support import REPO


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def test_verify_db_imports_no_textual_module(sample_db):
    done = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "village_tui",
            "--db",
            str(sample_db),
            "verify-db",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    imported = [
        line.rsplit("|", 1)[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    ]
    # The parse found the modules this command needs, so an empty list cannot pass.
    assert "village_tui.store.ledger" in imported and "sqlalchemy" in imported
    textual = [m for m in imported if m == "textual" or m.startswith("textual.")]
    assert textual == []


def test_domain_and_store_import_without_textual():
    code = (
        "import sys\n"
        "import village_tui.domain.rules, village_tui.store.services, village_tui.sample\n"
        "import village_tui.cli.main, village_tui.cli.core, village_tui.cli.rules_table\n"
        "import village_tui.cli.main as m; m.build_parser()\n"
        "bad = sorted(n for n in sys.modules if n == 'textual' or n.startswith('textual.'))\n"
        "assert 'village_tui.store.services' in sys.modules\n"
        "print(bad)\n"
        "raise SystemExit(1 if bad else 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env(), timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
