"""Cold start to the first dashboard paint on a 2,000-matter village, against a bare Textual app.

Both are started as fresh subprocesses, several times each, in the same run;
the bare app imports the same libraries (textual, sqlmodel, SQLAlchemy, rich,
platformdirs) and paints one DataTable row. Times are from spawning the
process to the child reporting its first paint; medians are compared.
Last line: `startup ratio=R peak_mib=M` (M: peak RSS of our app). Goal R <= 1.3, M <= 120.

    python benchmarks/startup.py [--runs 5] [--matters 2000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2024, 6, 1)

OURS = r"""
import sys

def peak_kib():
    # VmHWM is this process's own peak; ru_maxrss would include the parent's
    # resident size at fork, since Linux keeps it across exec.
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from datetime import date
from pathlib import Path
import village_tui.tui.app
from village_tui.store.db import open_engine
from village_tui.tui.app import VillageApp
from village_tui.tui.lazy_service import LazyService

class Timed(VillageApp):
    # CSS paths resolve next to the defining file: point back at the app's own.
    CSS_PATH = [str(Path(village_tui.tui.app.__file__).parent / p) for p in VillageApp.CSS_PATH]
    def on_dashboard_screen_matters_shown(self, _msg):
        self.call_after_refresh(self.painted)
    def painted(self):
        rss = peak_kib()
        print("PAINTED", len(self.screen.shown), rss, flush=True)
        self.exit()

# Exactly as `village-tui` starts the app (village_tui/cli/app.py: _run).
engine = open_engine(sys.argv[1])
service = LazyService(engine)
has_village = service.village_code() is not None
Timed(service, today=date(2024, 6, 1), has_village=has_village).run(headless=True, size=(80, 24))
"""

BARE = r"""
import sys

def peak_kib():
    # VmHWM is this process's own peak; ru_maxrss would include the parent's
    # resident size at fork, since Linux keeps it across exec.
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
import platformdirs, rich, sqlalchemy, sqlmodel
from textual.app import App
from textual.widgets import DataTable, Footer

class Bare(App):
    def compose(self):
        yield DataTable()
        yield Footer()
    def on_mount(self):
        t = self.query_one(DataTable)
        t.add_columns("事项", "类别")
        t.add_row("村村通道路硬化", "村村通道路")
        self.call_after_refresh(self.painted)
    def painted(self):
        rss = peak_kib()
        print("PAINTED", 1, rss, flush=True)
        self.exit()

Bare().run(headless=True, size=(80, 24))
"""


def build_db(path: Path, matters: int) -> None:
    """A village with `matters` matters at every step, appended through the ledger in one transaction."""
    sys.path.insert(0, str(ROOT))
    from village_tui.domain import events as ev
    from village_tui.domain.model import Meeting, Posting, Roster, Village, to_payload
    from village_tui.domain.steps import ORDER, Category
    from village_tui.store.db import open_engine, write_session
    from village_tui.store.ledger import append
    from village_tui.store.services import VillageService

    engine = open_engine(path)
    svc = VillageService(engine, today=lambda: TODAY)
    roster = Roster(30, 7, 45, 38, 16, 1200, 350)
    svc.set_up(
        Village(
            "410621101201",
            "示例基准村",
            "410621101",
            "善堂镇",
            "410621",
            "浚县",
            "henan-4+2",
            roster,
        )
    )
    cats = [c.value for c in Category]
    titles = [
        "村村通道路硬化",
        "种粮直补面积核定",
        "低保评议",
        "一事一议修桥",
        "土地流转",
        "集体鱼塘发包",
    ]
    code = "410621101201"
    with write_session(engine) as s:
        for i in range(matters):
            mid = f"m{i:05d}"
            start = TODAY - timedelta(days=200 + i % 90)
            matter = {
                "id": mid,
                "title": f"{titles[i % len(titles)]}{i}",
                "category": cats[i % len(cats)],
                "source": "cadres",
                "description": "",
                "planned_fen": (i % 50) * 100_000,
                "personal_data": False,
                "opened_on": start.isoformat(),
            }
            append(
                s,
                ledger=code,
                type=ev.MATTER_OPENED,
                payload={"matter": matter},
                actor="基准",
                matter_id=mid,
            )
            for k, step in enumerate(ORDER[: i % 8]):
                on = start + timedelta(days=3 * k)
                if step.is_meeting:
                    rec = Meeting(
                        held_on=on, expected=45, present=40 - (i % 17 == 0) * 20, votes_for=30
                    )
                elif step.is_posting:
                    rec = Posting(posted_on=on, until=on + timedelta(days=7))
                else:
                    from village_tui.domain.model import Implementation

                    rec = Implementation(started_on=on + timedelta(days=20))
                payload = {
                    "matter_id": mid,
                    "step": step.value,
                    "record": to_payload(rec),
                    "acknowledged": [],
                }
                append(
                    s,
                    ledger=code,
                    type=ev.STEP_RECORDED,
                    payload=payload,
                    actor="基准",
                    matter_id=mid,
                )
    engine.dispose()


def child_env(pycache: Path) -> dict[str, str]:
    """The children's environment: our sources on the path, and bytecode cached for both.

    An installed app has its .pyc files (pip compiles them); a source checkout run
    with PYTHONDONTWRITEBYTECODE would recompile our modules on every start while
    the libraries load theirs, so both children share one warmed cache instead.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": str(pycache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_child(script: Path, db: Path | None, env: dict[str, str]) -> tuple[float, int]:
    args = [sys.executable, str(script)] + ([str(db)] if db else [])
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    watchdog = threading.Timer(120, proc.kill)  # a child that never paints must not hang the run
    watchdog.start()
    try:
        return _wait_for_paint(proc, t0)
    finally:
        watchdog.cancel()


def _wait_for_paint(proc: subprocess.Popen, t0: float) -> tuple[float, int]:
    for line in proc.stdout:
        if line.startswith("PAINTED"):
            elapsed = time.perf_counter() - t0
            _, _rows, rss_kib = line.split()
            proc.wait(timeout=60)
            return elapsed, int(rss_kib)
    raise RuntimeError(f"child never painted: {proc.stderr.read()[-2000:]}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--matters", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        # Files, not `-c`: Textual finds an app's CSS relative to the file that defines it.
        ours_py, bare_py = Path(tmp) / "ours.py", Path(tmp) / "bare.py"
        ours_py.write_text(OURS, encoding="utf-8")
        bare_py.write_text(BARE, encoding="utf-8")
        t = time.perf_counter()
        build_db(db, args.matters)
        print(f"built {args.matters} matters in {time.perf_counter() - t:.1f}s")
        env = child_env(Path(tmp) / "pycache")
        run_child(ours_py, db, env)  # warm the OS file cache and .pyc files for both
        run_child(bare_py, None, env)
        ours, bare, rss = [], [], []
        for _ in range(args.runs):  # interleaved so drift in machine load hits both
            t_bare, _ = run_child(bare_py, None, env)
            t_ours, kib = run_child(ours_py, db, env)
            bare.append(t_bare)
            ours.append(t_ours)
            rss.append(kib)
    mo, mb = statistics.median(ours), statistics.median(bare)
    print(f"bare  median {mb * 1000:.0f} ms  runs {[round(x * 1000) for x in bare]}")
    print(f"ours  median {mo * 1000:.0f} ms  runs {[round(x * 1000) for x in ours]}")
    print(f"startup ratio={mo / mb:.2f} peak_mib={max(rss) / 1024:.0f}")


if __name__ == "__main__":
    main()
