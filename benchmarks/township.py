"""Township review benchmark: how long the township app takes to show 300 villages x 5 years.

    python benchmarks/township.py --db township.db

Make the bundles once with the generator; the first run builds the database from them:

    village-tui gen-synthetic --villages 300 --years 5 --seed 2026 --out bundles --today 2026-11-28
    python benchmarks/township.py --db township.db --bundles bundles

The synthetic villages lie in many townships, and a township's `--trust-new` takes
only its own villages' keys, so the build registers every signer's key first, as
`keys trust` would, and then imports the folder.

Measured: the app headless at 80x24 from start to the villages table filled (the first
view), then to the two checks filled in (every hash chain, every pending matter's rules),
and the old full `review` data (every matter evaluated) for the ratio. Last line:

    township first_view_s=A checked_s=B review_rows_s=C
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TODAY = date(2026, 11, 28)


async def _app_times(db: str) -> tuple[float, float, int]:
    from village_tui.store.db import open_engine
    from village_tui.sync.desk import TownshipDesk
    from village_tui.tui.township_app import TownshipApp

    t = time.perf_counter()
    app = TownshipApp(TownshipDesk(open_engine(db), today=lambda: TODAY), "zh")
    first = checked = 0.0
    async with app.run_test(size=(80, 24)) as pilot:
        while not first or not checked:
            await pilot.pause(0.01)
            lines = getattr(app.screen, "lines", [])
            if lines and not first:
                first = time.perf_counter() - t
            if lines and all(v.checked for v in lines):
                checked = time.perf_counter() - t
        count = len(app.screen.lines)
    return first, checked, count


def build(db: Path, bundles: Path) -> None:
    """A township database holding every synthetic village, keys registered beforehand."""
    from village_tui.store.db import open_engine, write_session
    from village_tui.sync.importer import bundle_files, import_bundles, init_receiving
    from village_tui.sync.keys import trust
    from village_tui.sync.verify import parse_bundle

    # The villages' own ledgers only: a township writes its review ledgers itself.
    files = [f for f in bundle_files([bundles]) if not f.name.startswith("review-")]
    engine = open_engine(db)
    init_receiving(engine, "township")
    with write_session(engine) as s:
        for f in files:
            trust(s, parse_bundle(f.read_bytes()).signer, "keys-trust")
    summary = import_bundles(engine, files)
    refused = [r.message("en") for r in summary.results if r.status == "refused"]
    if refused:
        raise SystemExit(f"{len(refused)} refused, first: {refused[0]}")
    engine.dispose()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--db", required=True)
    p.add_argument("--bundles", type=Path, help="gen-synthetic's folder, to build --db from")
    a = p.parse_args()
    if not Path(a.db).exists():
        if a.bundles is None:
            raise SystemExit(f"{a.db} does not exist: give --bundles to build it")
        t = time.perf_counter()
        build(Path(a.db), a.bundles)
        print(f"built {a.db} in {time.perf_counter() - t:.0f}s")
    first, checked, count = asyncio.run(_app_times(a.db))
    from village_tui.store.db import open_engine
    from village_tui.sync.review import ReviewService

    t = time.perf_counter()
    rows = ReviewService(open_engine(a.db), today=lambda: TODAY).rows()
    review_rows = time.perf_counter() - t
    print(f"{count} villages on screen in {first:.2f}s; checks filled in at {checked:.1f}s")
    print(f"all {len(rows)} matters evaluated (the review command's data): {review_rows:.1f}s")
    print(
        f"township first_view_s={first:.2f} checked_s={checked:.1f} review_rows_s={review_rows:.1f}"
    )


if __name__ == "__main__":
    main()
