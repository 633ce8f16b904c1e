"""The township's `review` command over 300 villages x 5 years, as a process.

    python benchmarks/review.py --db township.db [--runs 5]

The database is the one `township.py` uses (a copy is read; the original is never
changed). `village-tui review --format json --out FILE` runs in fresh processes,
the median of --runs is taken. Last line: `review seconds=S villages=V`. Goal: S <= 2.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "township.db"
        shutil.copyfile(args.db, db)
        out = Path(tmp) / "review.json"
        argv = [sys.executable, "-m", "village_tui", "--db", str(db), "review"]
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            subprocess.run(
                [*argv, "--format", "json", "--out", str(out)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            times.append(time.perf_counter() - t0)
        villages = len(json.loads(out.read_text(encoding="utf-8"))["villages"])
    print(f"runs: {', '.join(f'{t:.2f}' for t in times)} s")
    print(f"review seconds={statistics.median(times):.2f} villages={villages}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
