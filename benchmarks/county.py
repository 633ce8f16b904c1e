"""County benchmark: import 300 villages x 5 years, then the full report, against a plain-SQL floor.

    python benchmarks/county.py [--villages 300] [--years 5] [--work DIR] [--db-url URL]

The bundles are generated once into --work (kept for the next run; generating
them is not what is measured). Each measured phase runs in its own process so
that its peak memory (max RSS) is its own. The floor is plain SQL GROUP BY
over the same tables and the same year: what the report's counting costs
without the evaluator. Last line:

    county import_s=A report_s=B floor_s=F peak_mib=M
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TODAY = date(2026, 11, 28)  # fixed, so runs compare; the report year is the last full one
REPORT_YEAR = TODAY.year - 1

FLOOR_SQL = """
SELECT v.township_code, m.category, m.reached, m.review_state,
       COUNT(*), SUM(m.planned_fen), SUM(m.spent_fen)
FROM matter m JOIN village v ON v.code = m.village_code
WHERE m.opened_on BETWEEN :start AND :end
GROUP BY v.township_code, m.category, m.reached, m.review_state;
SELECT s.step, COUNT(*), MIN(s."on"), MAX(s.until)
FROM step s JOIN matter m ON m.id = s.matter_id
WHERE m.opened_on BETWEEN :start AND :end
GROUP BY s.step;
SELECT v.township_code, COUNT(*), SUM(p.spent_fen)
FROM progress p JOIN matter m ON m.id = p.matter_id JOIN village v ON v.code = m.village_code
WHERE m.opened_on BETWEEN :start AND :end AND p."on" <= :end
GROUP BY v.township_code;
SELECT v.township_code, COUNT(*)
FROM completion c JOIN matter m ON m.id = c.matter_id JOIN village v ON v.code = m.village_code
WHERE m.opened_on BETWEEN :start AND :end
GROUP BY v.township_code
"""


def _peak_mib() -> float:
    try:
        import resource
    except ImportError:  # Windows: no max RSS from the standard library
        return float("nan")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def phase_import(target: str, bundles: str) -> dict:
    from village_tui.store.db import open_engine
    from village_tui.sync.importer import import_bundles, init_receiving

    engine = open_engine(target)
    init_receiving(engine, "county")
    t = time.perf_counter()
    summary = import_bundles(engine, [bundles], trust_new=True)
    seconds = time.perf_counter() - t
    failed = [r.message_en for r in summary.results if r.failed]
    return {
        "seconds": seconds,
        "events": summary.applied,
        "failed": failed[:3],
        "peak_mib": _peak_mib(),
    }


def phase_report(target: str) -> dict:
    from sqlalchemy import text

    from village_tui.county.figures import build_report
    from village_tui.reports.json_out import render_json
    from village_tui.store.db import open_engine

    engine = open_engine(target)
    params = {"start": date(REPORT_YEAR, 1, 1), "end": date(REPORT_YEAR, 12, 31)}
    floors, reports = [], []
    for _ in range(3):  # best of three for both, warm caches for both
        t = time.perf_counter()
        with engine.connect() as conn:
            for sql in FLOOR_SQL.split(";"):
                conn.execute(text(sql), params).all()
        floors.append(time.perf_counter() - t)
        t = time.perf_counter()
        report = build_report(engine, year=REPORT_YEAR, today=TODAY)
        render_json(report)
        reports.append(time.perf_counter() - t)
    return {
        "seconds": min(reports),
        "floor": min(floors),
        "matters": report["totals"]["matters"],
        "peak_mib": _peak_mib(),
        "breakdown": _report_breakdown(engine),
    }


def _report_breakdown(engine) -> dict:
    """Best of three for each part of the report: loading, figures (the evaluator), rendering."""
    import gc

    from village_tui.county.figures import figures_from_snapshot
    from village_tui.county.snapshot import as_of_date, load_snapshot
    from village_tui.reports.json_out import render_json

    parts: dict[str, list[float]] = {"load": [], "figures": [], "render": []}
    for _ in range(3):
        gc.disable()  # as build_report does
        try:
            t0 = time.perf_counter()
            snap = load_snapshot(engine, REPORT_YEAR, as_of_date(REPORT_YEAR, TODAY))
            t1 = time.perf_counter()
            report = figures_from_snapshot(snap, TODAY)
            t2 = time.perf_counter()
            render_json(report)
            t3 = time.perf_counter()
        finally:
            gc.enable()
        for name, seconds in (("load", t1 - t0), ("figures", t2 - t1), ("render", t3 - t2)):
            parts[name].append(seconds)
    return {name: min(values) for name, values in parts.items()}


def _child(args: list[str]) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"benchmark phase failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--villages", type=int, default=300)
    p.add_argument("--years", type=int, default=5)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "village-tui-bench-county"))
    p.add_argument("--db-url", help="import into this (empty) server database instead of SQLite")
    p.add_argument(
        "--report-only", action="store_true", help="reuse the last run's imported database"
    )
    p.add_argument("--phase", choices=("import", "report"), help=argparse.SUPPRESS)
    p.add_argument("--target", help=argparse.SUPPRESS)
    p.add_argument("--bundles", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.phase == "import":
        print(json.dumps(phase_import(a.target, a.bundles)))
        return
    if a.phase == "report":
        print(json.dumps(phase_report(a.target)))
        return

    work = Path(a.work)
    bundles = work / f"bundles-{a.villages}x{a.years}-{a.seed}"
    if not (bundles / "DONE").exists():
        from village_tui.county.generate import generate

        t = time.perf_counter()
        g = generate(bundles, villages=a.villages, years=a.years, seed=a.seed, today=TODAY)
        (bundles / "DONE").write_text(str(g.events))
        print(f"generated {g.events} events in {time.perf_counter() - t:.1f}s into {bundles}")
    target = a.db_url or str(work / "county.db")
    if a.report_only:
        imp = json.loads((work / "last-import.json").read_text())
    else:
        if not a.db_url:
            for suffix in ("", "-wal", "-shm"):
                Path(target + suffix).unlink(missing_ok=True)
        imp = _child(["--phase", "import", "--target", target, "--bundles", str(bundles)])
        (work / "last-import.json").write_text(json.dumps(imp))
    if imp["failed"]:
        sys.exit(f"import refused bundles: {imp['failed']}")
    print(
        f"import: {imp['events']} events in {imp['seconds']:.1f}s ({imp['events'] / imp['seconds']:.0f}/s), peak {imp['peak_mib']:.0f} MiB"
    )
    rep = _child(["--phase", "report", "--target", target])
    print(
        f"report {REPORT_YEAR}: {rep['matters']} matters in {rep['seconds']:.3f}s; floor {rep['floor']:.3f}s; ratio {rep['seconds'] / rep['floor']:.1f}x; peak {rep['peak_mib']:.0f} MiB"
    )
    parts = rep["breakdown"]
    print("report parts: " + ", ".join(f"{name} {sec:.3f}s" for name, sec in parts.items()))
    peak = max(imp["peak_mib"], rep["peak_mib"])
    print(
        f"county import_s={imp['seconds']:.1f} report_s={rep['seconds']:.3f} floor_s={rep['floor']:.3f} peak_mib={peak:.0f}"
    )


if __name__ == "__main__":
    main()
