"""Time from a key press in the dashboard's search box to the repaint, with 5,000 matters.

The app runs headless in-process (Textual's Pilot). Each sample posts one key
event (a character or a backspace) to the app, as the terminal driver does,
and stops the clock when the screen has been refreshed after the table was
refiltered; the median is reported. Last line: `keystroke median_ms=T`. Goal T < 50.

    python benchmarks/keystroke.py [--matters 5000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import build_db  # noqa: E402

KEYS = (
    list("cct")
    + ["backspace"] * 3
    + list("低保")
    + ["backspace"] * 2
    + list("12")
    + ["backspace"] * 2
)


async def measure(db: Path) -> list[float]:
    from textual import events

    from village_tui.store.db import open_engine
    from village_tui.store.services import VillageService
    from village_tui.tui.app import VillageApp
    from village_tui.tui.screens.dashboard import DashboardScreen

    service = VillageService(open_engine(db))
    app = VillageApp(service, today=date(2024, 6, 1), has_village=True)
    painted: list[float] = []
    refill = DashboardScreen.refill

    def timed_refill(screen: DashboardScreen) -> None:
        refill(screen)
        screen.call_after_refresh(lambda: painted.append(time.perf_counter()))

    DashboardScreen.refill = timed_refill  # type: ignore[method-assign]
    samples: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):  # the list, then the findings of all 5,000 matters
            await app.workers.wait_for_complete()
            await pilot.pause(0.2)
        assert len(app.screen.lines) >= 5000
        await pilot.press("slash")
        for _ in range(3):
            for key in KEYS:
                painted.clear()
                char = None if key == "backspace" else key
                # What the terminal driver does with a key: post it to the app.
                t0 = time.perf_counter()
                app.post_message(events.Key(key, char))
                while not painted:
                    await asyncio.sleep(0.001)
                samples.append(painted[0] - t0)
                await pilot.pause()
    return samples


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--matters", type=int, default=5000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t = time.perf_counter()
        build_db(db, args.matters)
        print(f"built {args.matters} matters in {time.perf_counter() - t:.1f}s")
        samples = asyncio.run(measure(db))
    ms = sorted(s * 1000 for s in samples)
    print(
        f"samples {len(ms)}  min {ms[0]:.1f}  p90 {ms[int(len(ms) * 0.9)]:.1f}  max {ms[-1]:.1f} ms"
    )
    print(f"keystroke median_ms={statistics.median(ms):.1f}")


if __name__ == "__main__":
    main()
