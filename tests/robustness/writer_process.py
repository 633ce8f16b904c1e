"""A clerk who never stops: opens matters and records their steps through VillageService, forever.

Run as `python writer_process.py DB TAG [COUNT]`. Prints "ready" once the first
change is committed. With the environment variable WRITER_GO set to a path, it
prints "loaded" once imported and waits for that file before writing, so that
several writers start together. With COUNT it stops after COUNT matters (the concurrency
test); without, it runs until it is killed (the crash test).
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from datetime import date, timedelta

from village_tui.domain.model import Implementation, Meeting, Official, Posting
from village_tui.domain.steps import Step
from village_tui.store.db import open_engine
from village_tui.store.services import VillageService

TODAY = date(2026, 6, 15)
OFFICIAL = (Official(name="李某某", post="镇包村干部"),)


def records():
    d = TODAY - timedelta(days=60)
    yield Step.PROPOSAL, Meeting(held_on=d, expected=5, present=5, content="硬化村道")
    yield Step.JOINT_MEETING, Meeting(held_on=d + timedelta(2), expected=7, present=7, votes_for=7)
    yield (
        Step.PARTY_ASSEMBLY,
        Meeting(
            held_on=d + timedelta(5),
            expected=45,
            present=40,
            votes_for=38,
            plan_sent_on=d + timedelta(1),
            officials=OFFICIAL,
        ),
    )
    yield (
        Step.RESOLUTION,
        Meeting(
            held_on=d + timedelta(8),
            expected=45,
            present=40,
            votes_for=36,
            officials=OFFICIAL,
            representatives_among_members=38,
            women_among_members=15,
            content="同意硬化村道",
        ),
    )
    yield (
        Step.RESOLUTION_DISCLOSURE,
        Posting(posted_on=d + timedelta(9), until=d + timedelta(17), places=("村务公开栏",)),
    )


def main() -> None:
    db, tag = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    svc = VillageService(open_engine(db), actor=f"writer-{tag}", today=lambda: TODAY)
    go = os.environ.get("WRITER_GO")
    if go:
        print("loaded", flush=True)
        while not os.path.exists(go):
            time.sleep(0.005)
    ready = False
    for n in itertools.count():
        if limit is not None and n >= limit:
            break
        mid = svc.open_matter(
            title=f"{tag}号事项{n}", category="road", source="cadres", planned_fen=100_000
        )
        if not ready:
            print("ready", flush=True)
            ready = True
        for step, record in records():
            svc.record_step(mid, step, record)
        start = TODAY - timedelta(days=40)
        svc.record_step(
            mid, Step.IMPLEMENTATION, Implementation(started_on=start, contractor="示例施工队")
        )
        svc.add_progress(mid, on=start + timedelta(3), description="施工", spent_fen=90_000)
        svc.complete(mid, completed_on=start + timedelta(5), summary="完工")
        svc.record_step(
            mid,
            Step.RESULT_DISCLOSURE,
            Posting(
                posted_on=start + timedelta(6),
                until=start + timedelta(14),
                results="完工",
                spent_fen=90_000,
            ),
        )


if __name__ == "__main__":
    main()
