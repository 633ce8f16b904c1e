"""Shared helpers for the sync tests: databases, bundles, and a full dump to compare."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from village_tui.cli.main import main
from village_tui.domain.chain import canonical_json
from village_tui.sample import load_sample
from village_tui.store.db import open_engine
from village_tui.store.services import VillageService
from village_tui.sync import bundle as bf
from village_tui.sync.keys import sign
from village_tui.sync.tables import OwnKey

TODAY = date(2026, 11, 20)
VILLAGE = "410611100901"  # the first sample village
SYNC_BOOKKEEPING = {"setting", "own_key", "trusted_key", "export_mark", "held_bundle", "import_log"}


def dump(engine: Engine, exclude: set[str] = frozenset()) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: two equal dumps mean two equal databases."""
    out = {}
    with engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            if table in exclude:
                continue
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
            out[table] = sorted((tuple(r) for r in rows), key=repr)
    return out


def derived(engine: Engine, only_ledger: str | None = None) -> dict[str, list[tuple]]:
    """The ledger and the tables derived from it, without surrogate ids.

    `only_ledger`: of the events and heads, just that ledger's (a township holds
    checkpoints in its review ledger that have not travelled back yet).
    """
    out = {}
    with engine.connect() as conn:
        for table in ("event", "ledger_head", "village", "matter", "step", "progress",
                      "objection", "completion"):  # fmt: skip
            cols = [c["name"] for c in inspect(conn).get_columns(table) if c["name"] != "id"]
            q = "SELECT " + ", ".join(f'"{c}"' for c in cols) + f' FROM "{table}"'
            if only_ledger is not None and table in ("event", "ledger_head"):
                q += f" WHERE ledger = '{only_ledger}'"
            out[table] = sorted((tuple(r) for r in conn.execute(text(q)).all()), key=repr)
    return out


def sample_village(path: Path, code: str = VILLAGE) -> Engine:
    engine = open_engine(path)
    load_sample(engine, code, today=TODAY)
    return engine


def service(engine: Engine) -> VillageService:
    return VillageService(engine, actor="测试文书", today=lambda: TODAY)


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process in English; (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = main(["--lang", "en", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def rezip(items: list[tuple[str, bytes]], compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compress) as zf:
        for name, data in items:
            zf.writestr(zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)), data, compress)
    return buf.getvalue()


def own_key(engine: Engine) -> OwnKey:
    from village_tui.store.db import read_session

    with read_session(engine) as s:
        row = s.get(OwnKey, 1)
        s.expunge(row)
        return row


def resign(data: bytes, events: bytes, key: OwnKey, **manifest_changes) -> bytes:
    """A bundle with new events, its manifest updated to match and signed again by `key`."""
    m = members(data)
    manifest = json.loads(m[bf.MANIFEST])
    manifest["members"][bf.EVENTS] = {
        "sha256": hashlib.sha256(events).hexdigest(),
        "size": len(events),
    }
    manifest.update(manifest_changes)
    raw = canonical_json(manifest).encode()
    return bf.write_bundle(raw, sign(key, raw).encode(), events)


def other_key() -> OwnKey:
    from village_tui.sync.keys import _generate

    return _generate()


def b64(x: bytes) -> str:
    return base64.b64encode(x).decode()
