"""`record` of a backlog workbook against the same matters recorded by plain service calls.

    python benchmarks/backlog.py [--matters 200]

Both record the same matters (4 meetings, 2 postings, start, progress, completion each) in
fresh databases. The floor calls the VillageService directly, one commit per call, as the
forms do; ours reads the workbook, checks every cell and records each matter in one
transaction. Last line: `backlog record_s=A floor_s=F ratio=R matters_per_s=M`.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook

from village_tui.backlog.plan import plan_backlog
from village_tui.backlog.read import read_backlog
from village_tui.backlog.record import _record_entry, record_plan
from village_tui.backlog.template import write_template
from village_tui.domain.model import Roster, Village
from village_tui.store.db import open_engine
from village_tui.store.services import VillageService

VILLAGE = Village(
    code="410611100901",
    name="示例·补录村",
    township_code="410611100",
    township_name="大赉店镇",
    county_code="410611",
    county_name="淇滨区",
    profile="henan-4+2",
    roster=Roster(30, 7, 45, 38, 15, 1260, 386),
)


def _fill(path: Path, matters: int) -> None:
    write_template(path)
    book = load_workbook(path)
    m, g, p, w = (book[n] for n in ("事项", "会议", "公示", "实施"))
    for i in range(matters):
        n, month = f"B{i:05d}", f"{2015 + i % 10}-{i % 12 + 1:02d}"

        def day(d: int, month: str = month) -> str:
            return f"{month}-{d:02d}"

        m.append([n, f"第{i}号事项", "村村通道路", "村干部提议", day(1), 50000])
        for step, d, e, pr, f in (("1", 1, 5, 5, 5), ("2", 2, 7, 7, 7), ("3", 5, 30, 25, 24)):
            g.append([n, step, day(d), "村委会", None, None, None, e, pr, f, 0, pr - f, "同意",
                      None, None, day(2) if step == "3" else None])  # fmt: skip
        g.append([n, "4", day(6), "村委会", "村民代表会议", None, None, 45, 40, 38, 1, 1, "通过"])
        p.append([n, "5", day(7), day(14), "村务公开栏", "决议", "无异议", "同意", "李"])
        w.append([n, "开始实施", day(15), "施工"])
        w.append([n, "进度", day(17), "一半", 20000])
        w.append([n, "完成", day(19), "完成"])
        p.append(
            [n, "6", day(20), day(27), "村务公开栏", "结果", "无异议", "同意", "李", "完成", 40000]
        )
    book.save(path)


def _service(db: Path) -> VillageService:
    svc = VillageService(open_engine(db))
    svc.set_up(VILLAGE)
    return svc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--matters", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        book = work / "登记表.xlsx"
        _fill(book, args.matters)

        floor_svc = _service(work / "floor.db")
        plan = plan_backlog(read_backlog(book))  # not timed: the floor is given the plan
        start = time.perf_counter()
        for matter in plan.matters:
            mid = floor_svc.open_matter(**matter.fields)
            for entry in matter.entries:
                _record_entry(floor_svc, mid, entry)
        floor = time.perf_counter() - start

        svc = _service(work / "ours.db")
        start = time.perf_counter()
        outcomes = record_plan(svc, plan_backlog(read_backlog(book)))
        ours = time.perf_counter() - start
        assert all(o.status == "recorded" for o in outcomes), outcomes[:3]
        floor_svc.engine.dispose()
        svc.engine.dispose()
    print(
        f"backlog record_s={ours:.2f} floor_s={floor:.2f} ratio={ours / floor:.2f} "
        f"matters_per_s={args.matters / ours:.1f}"
    )


if __name__ == "__main__":
    main()
