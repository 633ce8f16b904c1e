"""A sample village and a township that holds its ledger, for the notice checks."""

from __future__ import annotations

import base64
import sqlite3
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from village_tui.domain.steps import Step
from village_tui.notices.seal import Seal
from village_tui.sample import load_sample
from village_tui.store.db import open_engine
from village_tui.sync.export import export_bundles
from village_tui.sync.importer import import_bundles, init_receiving
from village_tui.sync.keys import ensure_own_key, sign

TODAY = date(2026, 11, 20)
VILLAGE = "410611100901"
MATTER = "demo-001"  # a road: resolved 38 for, 1 against, 1 abstaining; posted
STEP = Step.RESOLUTION_DISCLOSURE


@dataclass(frozen=True)
class World:
    village: Path
    town: Path


def make_world(root: Path) -> World:
    village, town = root / "village.db", root / "town.db"
    v = open_engine(village)
    load_sample(v, VILLAGE, today=TODAY)
    (b,) = export_bundles(v, root / "out", now=lambda: "2026-11-20T08:00:00Z")
    v.dispose()
    t = open_engine(town)
    init_receiving(t)
    assert import_bundles(t, [b.path], trust_new=True).exit_code == 0
    t.dispose()
    return World(village, town)


def copy_db(src: Path, dst: Path) -> Path:
    """A consistent copy of a SQLite database (the backup API also takes what is in the WAL)."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()
    return dst


def sql(path: Path, statement: str) -> None:
    """Edit a database by hand, as someone with the file could."""
    with sqlite3.connect(path) as c:
        assert c.execute(statement).rowcount >= 1
    c.close()


def resign(seal: Seal, db: Path) -> Seal:
    """The seal signed again with the key of the database at `db`."""
    engine = open_engine(db)
    try:
        signature = sign(ensure_own_key(engine), seal.signed_text().encode("ascii"))
    finally:
        engine.dispose()
    return replace(seal, signature=base64.b64decode(signature))
