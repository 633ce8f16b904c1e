"""What the dashboard reads through the service: each matter's findings still needing the clerk."""

from __future__ import annotations

from store_support import TODAY

from village_tui.store.services import VillageService

# The sample's matters with findings (written out by hand); every other matter has none.
# (果园续包's Party assembly short of quorum is an attempt that did not count, confirmed when
# it was recorded: the clerk holds it again, nothing is left to confirm.)
EXPECTED = {
    "2025年度村集体经济收益分配方案": {"objections.unanswered"},
    "村文化广场太阳能路灯安装": {"posting.resolution_period", "implementation.before_posting_end"},
}


def test_unconfirmed_findings_of_every_matter_leave_out_confirmed_warnings(sample_engine):
    svc = VillageService(sample_engine, today=lambda: TODAY)
    found = svc.unconfirmed_findings()
    titles = {s.matter.id: s.matter.title for s in svc.states()}
    assert set(found) == set(titles)  # clean matters too, with nothing
    assert {titles[i]: {f.rule_id for f in fs} for i, fs in found.items() if fs} == EXPECTED
    # 村规民约's warning was confirmed when it was recorded: it is found, but needs no one.
    (rules,) = [s for s in svc.states() if s.matter.title == "修订《前进村村规民约》"]
    assert [f.rule_id for f in svc.findings(rules)] == ["plan.sent_in_advance"]
    assert found[rules.matter.id] == []


def test_the_dashboards_rows_come_through_the_service(sample_engine):
    svc = VillageService(sample_engine, today=lambda: TODAY)
    header = svc.village_header()
    assert header.code == svc.village_code()
    assert [s.id for s in svc.summaries(header.code)] == [s.matter.id for s in svc.states()]
    assert [s.id for s in svc.summaries(header.code, limit=2)] == [
        s.matter.id for s in svc.states()[:2]
    ]
