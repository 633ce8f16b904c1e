"""County benchmark: import 300 villages x 5 years, then the full report, against a plain-SQL floor.

    python benchmarks/county.py [--villages 300] [--years 5] [--work DIR] [--db-url URL]

The bundles are generated once into --work (kept for the next run; generating
them is not what is measured). Each measured phase runs in its own process so
that its peak memory (max RSS) is its own. The floor is plain SQL GROUP BY
over the same tables and the same year: what the report's counting costs
without the evaluator. `verify-db` is timed on the imported database too. Last line:

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
    from village_tui.county.stored import refresh
    from village_tui.store.db import open_engine
    from village_tui.sync.importer import import_bundles, init_receiving

    engine = open_engine(target)
    init_receiving(engine, "county")
    t = time.perf_counter()
    summary = import_bundles(engine, [bundles], trust_new=True)
    applied = time.perf_counter()
    refresh(engine, TODAY)  # as `village-tui import` does at the county: part of the import
    seconds = time.perf_counter() - t
    failed = [r.message_en for r in summary.results if r.failed]
    return {
        "seconds": seconds,
        "figures_s": seconds - (applied - t),
        "events": summary.applied,
        "failed": failed[:3],
        "peak_mib": _peak_mib(),
    }


def phase_report(target: str) -> dict:
    from sqlalchemy import text

    from village_tui.county.figures import build_report
    from village_tui.county.stored import refresh
    from village_tui.reports.json_out import render_json
    from village_tui.store.db import open_engine

    engine = open_engine(target)
    refresh(engine, TODAY)  # a no-op after this run's import; fills a --report-only database
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
        "cold": _cold_report(engine),
        "matters": report["totals"]["matters"],
        "peak_mib": _peak_mib(),
    }


def _cold_report(engine) -> float:
    """Best of three with no kept figures (a database just upgraded): every matter worked out."""
    from village_tui.county.figures import figures_from_scope
    from village_tui.county.snapshot import Scope, as_of_date
    from village_tui.county.stored import current_figures

    scope = Scope(REPORT_YEAR, as_of_date(REPORT_YEAR, TODAY))
    times = []
    for _ in range(3):
        t = time.perf_counter()
        figures_from_scope(current_figures(engine, scope, keep=False, reuse=False), scope, TODAY)
        times.append(time.perf_counter() - t)
    return min(times)


def phase_verify(target: str) -> dict:
    """`verify-db` in full: the hash chain, the checkpoints, the ledger replayed and compared."""
    from village_tui.store.checkpoints import contradictions
    from village_tui.store.db import open_engine, read_session
    from village_tui.store.derived_check import first_difference
    from village_tui.store.ledger import verify

    engine = open_engine(target)
    t = time.perf_counter()
    with read_session(engine) as s:
        report = verify(s)
        faults = contradictions(s)
    chain = time.perf_counter() - t
    difference = first_difference(engine)
    seconds = time.perf_counter() - t
    return {
        "seconds": seconds,
        "chain_s": chain,
        "ok": report.ok and not faults and difference is None,
        "peak_mib": _peak_mib(),
    }


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
    p.add_argument("--phase", choices=("import", "report", "verify"), help=argparse.SUPPRESS)
    p.add_argument("--target", help=argparse.SUPPRESS)
    p.add_argument("--bundles", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.phase == "import":
        print(json.dumps(phase_import(a.target, a.bundles)))
        return
    if a.phase == "report":
        print(json.dumps(phase_report(a.target)))
        return
    if a.phase == "verify":
        print(json.dumps(phase_verify(a.target)))
        return

    work = Path(a.work)
    bundles = work / f"bundles-{a.villages}x{a.years}-{a.seed}"
    if not (bundles / "DONE").exists():
        from village_tui.gen_synthetic import generate

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
        f"import: {imp['events']} events in {imp['seconds']:.1f}s ({imp['events'] / imp['seconds']:.0f}/s),"
        f" of which report figures {imp.get('figures_s', 0):.1f}s; peak {imp['peak_mib']:.0f} MiB"
    )
    rep = _child(["--phase", "report", "--target", target])
    print(
        f"report {REPORT_YEAR}: {rep['matters']} matters in {rep['seconds']:.3f}s; floor {rep['floor']:.3f}s; ratio {rep['seconds'] / rep['floor']:.1f}x; peak {rep['peak_mib']:.0f} MiB"
    )
    print(f"report with no kept figures (every matter worked out): {rep['cold']:.3f}s")
    ver = _child(["--phase", "verify", "--target", target])
    print(
        f"verify-db: {ver['seconds']:.1f}s (hash chain {ver['chain_s']:.1f}s, the rest replaying"
        f" and comparing the derived tables); {'intact' if ver['ok'] else 'FAULTS FOUND'};"
        f" peak {ver['peak_mib']:.0f} MiB"
    )
    peak = max(imp["peak_mib"], rep["peak_mib"])
    print(
        f"county import_s={imp['seconds']:.1f} report_s={rep['seconds']:.3f} floor_s={rep['floor']:.3f} peak_mib={peak:.0f}"
    )


if __name__ == "__main__":
    main()
