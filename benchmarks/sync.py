"""Import of a 50,000-event bundle as a `village-tui import` process, against the fair floor.

The fair floor (`sync_floor.py`) does the irreducible work of an import in plain
Python on the same bundle; both run in fresh processes, interleaved, medians of
--runs. The old floor (event rows alone) is printed beside it for one release.

Run: python benchmarks/sync.py [--events N] [--runs 5]
Last line: sync import_eps=I fair_floor_eps=F ratio=R peak_mib=M
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from village_tui.domain import events as ev  # noqa: E402
from village_tui.domain.chain import GENESIS_HASH, Event, canonical_json, seal  # noqa: E402
from village_tui.domain.model import (  # noqa: E402
    Implementation,
    Matter,
    Meeting,
    Posting,
    ProgressEntry,
    Roster,
    Village,
    to_payload,
)
from village_tui.domain.steps import Step  # noqa: E402

CODE = "410611100901"
COLUMNS = (
    "ledger",
    "seq",
    "type",
    "matter_id",
    "payload",
    "actor",
    "recorded_at",
    "prev_hash",
    "hash",
)


def make_events(n: int) -> list[Event]:
    """A village ledger of `n` events: matters with their meetings, notice, start and progress."""
    out: list[Event] = []
    prev = GENESIS_HASH

    def add(type_: str, payload: dict, matter_id: str | None = None) -> None:
        nonlocal prev
        e = seal(
            Event(
                CODE,
                len(out) + 1,
                type_,
                matter_id,
                canonical_json(payload),
                "基准",
                "2026-01-01T00:00:00Z",
                prev,
            )
        )
        out.append(e)
        prev = e.hash

    village = Village(
        CODE,
        "基准村",
        "410611100",
        "大赉店镇",
        "410611",
        "淇滨区",
        roster=Roster(30, 7, 45, 40, 15, 900, 300),
    )
    add(ev.VILLAGE_SET_UP, {"village": to_payload(village)})
    day = date(2025, 1, 1)
    i = 0
    while len(out) < n:
        i += 1
        mid = f"m{i:06d}"
        add(
            ev.MATTER_OPENED,
            {
                "matter": to_payload(
                    Matter(mid, f"事项{i}", "road", "cadres", planned_fen=100_000 * i)
                )
            },
            mid,
        )
        for step in (Step.PROPOSAL, Step.JOINT_MEETING, Step.PARTY_ASSEMBLY, Step.RESOLUTION):
            rec = Meeting(
                held_on=day,
                place="村委会",
                expected=45,
                present=40,
                votes_for=38,
                votes_against=1,
                votes_abstain=1,
                content=f"第{i}项",
            )
            add(
                ev.STEP_RECORDED,
                {
                    "matter_id": mid,
                    "step": step.value,
                    "record": to_payload(rec),
                    "acknowledged": [],
                },
                mid,
            )
        add(
            ev.STEP_RECORDED,
            {
                "matter_id": mid,
                "step": Step.RESOLUTION_DISCLOSURE.value,
                "record": to_payload(Posting(day, day + timedelta(days=7), ("村务公开栏",))),
                "acknowledged": [],
            },
            mid,
        )
        add(
            ev.STEP_RECORDED,
            {
                "matter_id": mid,
                "step": Step.IMPLEMENTATION.value,
                "record": to_payload(Implementation(day + timedelta(days=8))),
                "acknowledged": [],
            },
            mid,
        )
        for k in range(3):
            add(
                ev.PROGRESS_RECORDED,
                {
                    "matter_id": mid,
                    "entry": to_payload(
                        ProgressEntry(f"{mid}-p{k}", day + timedelta(days=9 + k), "施工", 1000)
                    ),
                },
                mid,
            )
    return out[:n]


def _run_process(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one child process (its own peak, not ours)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{argv} failed: {proc.stderr.read().decode()[:400]}")
    proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024  # KiB on Linux


def _floor_process(bundle: Path, db: Path) -> float:
    """The fair floor's own seconds, measured inside a fresh interpreter like the import's."""
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[3]);"
        "from sync_floor import floor_import;"
        "t0 = time.perf_counter(); floor_import(__import__('pathlib').Path(sys.argv[1]),"
        " __import__('pathlib').Path(sys.argv[2])); print(time.perf_counter() - t0)"
    )
    here = str(Path(__file__).resolve().parent)
    out = subprocess.run(
        [sys.executable, "-c", code, str(bundle), str(db), here],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(out.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from village_tui.store.db import open_engine, write_session
    from village_tui.store.tables import LedgerHead, SettingRow
    from village_tui.sync.export import export_bundles
    from village_tui.sync.importer import import_bundles, init_receiving
    from village_tui.sync.keys import ensure_own_key
    from village_tui.sync.verify import parse_bundle

    events = make_events(args.events)
    rows = [tuple(getattr(e, c) for c in COLUMNS) for e in events]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # the old floor: the same rows into the same table with plain sqlite3
        open_engine(root / "floor.db").dispose()
        conn = sqlite3.connect(root / "floor.db")
        t0 = time.perf_counter()
        with conn:
            conn.executemany(
                f"INSERT INTO event ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                rows,
            )
        floor = len(rows) / (time.perf_counter() - t0)
        conn.close()

        village = open_engine(root / "village.db")
        with write_session(village) as s:
            s.add(SettingRow(key="role", value="village"))
            s.add(SettingRow(key="village_code", value=CODE))
            s.add(LedgerHead(ledger=CODE, seq=events[-1].seq, hash=events[-1].hash))
        ensure_own_key(village)
        conn = sqlite3.connect(root / "village.db")
        with conn:
            conn.executemany(
                f"INSERT INTO event ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                rows,
            )
        conn.close()

        t0 = time.perf_counter()
        (bundle,) = export_bundles(village, root / "out")
        export_eps = bundle.count / (time.perf_counter() - t0)

        # An empty, migrated township database: every run starts from a copy of it.
        template = root / "template.db"
        town = open_engine(template)
        init_receiving(town)
        town.dispose()

        def fresh(name: str) -> Path:
            path = root / name
            shutil.copyfile(template, path)
            return path

        t0 = time.perf_counter()
        town = open_engine(fresh("town.db"))
        summary = import_bundles(town, [bundle.path], trust_new=True)
        in_process_eps = summary.applied / (time.perf_counter() - t0)
        town.dispose()
        assert summary.exit_code == 0 and summary.applied == len(events), summary.results
        print(f"bundle {bundle.path.stat().st_size} bytes, {bundle.count} events")

        # Interleaved: the fair floor, then the import as the township runs it.
        floors, imports, peaks = [], [], []
        for i in range(args.runs):
            floors.append(_floor_process(bundle.path, fresh(f"floor{i}.db")))
            db = fresh(f"run{i}.db")
            argv = [sys.executable, "-m", "village_tui", "--db", str(db), "import"]
            seconds, peak = _run_process([*argv, str(bundle.path), "--trust-new"])
            imports.append(seconds)
            peaks.append(peak)
        fair_eps = len(events) / statistics.median(floors)
        import_eps = len(events) / statistics.median(imports)

        # the checking part alone (zip, hashes, signature, schemas, chain), measured apart
        data = bundle.path.read_bytes()
        gc.disable()  # as the importer runs it
        t0 = time.perf_counter()
        parse_bundle(data)
        check_s = time.perf_counter() - t0
        gc.enable()
        total_us = 1e6 / in_process_eps
        check_us = check_s * 1e6 / len(events)
        print(
            f"import in process: {in_process_eps:.0f} events/s = {total_us:.1f} us per event:"
            f" checking {check_us:.1f} + applying and writing {total_us - check_us:.1f}"
        )
        print(f"old floor (event rows alone): {floor:.0f} events/s, export {export_eps:.0f}/s")
        print(f"in process / fair floor = {in_process_eps / fair_eps:.2f}")
    ratio = import_eps / fair_eps
    print(f"import process / fair floor = {ratio:.2f} (goal >= 0.6), runs={args.runs}")
    print(
        f"sync import_eps={import_eps:.0f} fair_floor_eps={fair_eps:.0f} ratio={ratio:.2f}"
        f" peak_mib={max(peaks):.0f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
