"""Every bundle export writes is one the importer takes; a large backlog goes out in several."""

from __future__ import annotations

import pytest

from village_tui.store.db import open_engine, read_session
from village_tui.store.tables import LedgerHead
from village_tui.sync import bundle as bf
from village_tui.sync.export import export_bundles
from village_tui.sync.importer import import_bundles, init_receiving
from village_tui.sync.tables import ExportMark
from village_tui.sync.verify import parse_bundle

from .helpers import VILLAGE, derived, sample_village, service


def _mark(engine) -> int | None:
    with read_session(engine) as s:
        m = s.get(ExportMark, VILLAGE)
        return m.seq if m else None


def _tip(engine) -> int:
    with read_session(engine) as s:
        return s.get(LedgerHead, VILLAGE).seq


def _town(tmp_path):
    t = open_engine(tmp_path / "town.db")
    init_receiving(t)
    return t


def test_a_description_of_one_repeated_character_still_imports(tmp_path):
    engine = sample_village(tmp_path / "village.db")
    (first,) = export_bundles(engine, tmp_path / "first")
    # legal, under the payload limit, and compressing a thousandfold: a "bomb" by ratio
    service(engine).open_matter(
        title="低保评议", category="dibao", source="cadres", description="无" * 200_000
    )
    (item,) = export_bundles(engine, tmp_path / "out")
    assert len(parse_bundle(item.path.read_bytes()).events) == item.count
    summary = import_bundles(_town(tmp_path), [first.path, item.path], trust_new=True)
    assert summary.exit_code == 0, [r.message("en") for r in summary.results]
    assert _mark(engine) == _tip(engine)


def test_a_backlog_goes_out_as_several_bundles_that_each_fit(tmp_path):
    engine = sample_village(tmp_path / "village.db")
    limits = bf.Limits(default_member_bytes=30_000)
    done = export_bundles(engine, tmp_path / "out", limits=limits)
    assert len(done) > 2
    assert [d.first_seq for d in done] == [1] + [d.last_seq + 1 for d in done[:-1]]
    assert done[-1].last_seq == _tip(engine) == _mark(engine)
    for d in done:
        data = d.path.read_bytes()
        assert bf.fits(data, limits)
        assert len(parse_bundle(data, limits).events) == d.count
    town = _town(tmp_path)
    summary = import_bundles(town, [d.path for d in done], trust_new=True, limits=limits)
    assert summary.exit_code == 0, [r.message("en") for r in summary.results]
    (tmp_path / "whole").mkdir()
    whole = _town(tmp_path / "whole")
    (one,) = export_bundles(engine, tmp_path / "full", full=True)
    assert import_bundles(whole, [one.path], trust_new=True).exit_code == 0
    # each import leaves its own checkpoint in the review ledger: compare the village ledger
    assert derived(town, only_ledger=VILLAGE) == derived(whole, only_ledger=VILLAGE)


def test_an_event_no_bundle_can_carry_writes_nothing_and_keeps_the_mark(tmp_path):
    from village_tui.sync.export import BundleTooBig

    engine = sample_village(tmp_path / "village.db")
    (first,) = export_bundles(engine, tmp_path / "first")
    mark = _mark(engine)
    service(engine).open_matter(
        title="低保评议", category="dibao", source="cadres", description="说" * 5000
    )
    with pytest.raises(BundleTooBig) as err:
        export_bundles(engine, tmp_path / "out", limits=bf.Limits(default_member_bytes=8_000))
    seq = _tip(engine)
    assert err.value.message("en").startswith(f"ledger {VILLAGE}: event {seq} is ")
    assert err.value.message("en").endswith(
        "bytes, more than any bundle may carry; no bundle was exported"
    )
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert _mark(engine) == mark == first.last_seq
