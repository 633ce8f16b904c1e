"""gen-synthetic: realistic, fictitious, signed, and the same bytes for the same seed."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from village_tui.county.privacy import leaks
from village_tui.county.synthetic import TOWNSHIPS, plan_county
from village_tui.gen_synthetic import generate
from village_tui.sync.verify import parse_bundle

from .conftest import TODAY, VILLAGES


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    a = _digest(
        generate(tmp_path / "a", villages=3, years=2, seed=5, today=TODAY)
        .village_bundles[0]
        .parent.parent
    )
    b = _digest(
        generate(tmp_path / "b", villages=3, years=2, seed=5, today=TODAY)
        .village_bundles[0]
        .parent.parent
    )
    c = _digest(
        generate(tmp_path / "c", villages=3, years=2, seed=6, today=TODAY)
        .village_bundles[0]
        .parent.parent
    )
    assert a == b and len(a) == 6  # a village bundle and a review bundle per township
    assert len(c) == 6 and a != c


def test_every_bundle_verifies_and_review_events_are_signed(county_bundles):
    _, gen = county_bundles
    assert len(gen.village_bundles) == VILLAGES and len(gen.review_bundles) == VILLAGES
    for path in gen.village_bundles + gen.review_bundles:
        b = parse_bundle(path.read_bytes())  # structure, hashes, signature, schemas, chain
        if b.kind == "review":
            assert b.signer.role == "township"
            assert all(x.signature and x.signer == b.signer.fingerprint for x in b.events)
        else:
            assert b.first_seq == 1 and b.last_seq == len(b.events)


def test_villages_are_fictitious_under_real_townships(county_bundles):
    plan = county_bundles[1].plan
    real = {t[0]: t[1] for t in TOWNSHIPS}
    assert {vp.village.township_code for vp in plan.villages} == set(real)  # all 19 used
    for vp in plan.villages:
        v = vp.village
        assert v.code[:9] in real and real[v.code[:9]] == v.township_name
        assert 901 <= int(v.code[9:]) <= 999 and "示例" in v.name


def test_bundles_carry_no_names_ids_or_phones(county_bundles):
    _, gen = county_bundles
    for path in gen.village_bundles[:5] + gen.review_bundles[:5]:
        with zipfile.ZipFile(path) as zf:
            text = zf.read("events.jsonl").decode("utf-8")
        for line in text.splitlines():
            event = json.loads(line)
            # Hashes and signatures are hex and base64 and may hold any run of digits.
            assert leaks(event["payload"] + event["actor"]) == []
            payload = json.loads(event["payload"])
            if event["type"] == "matter.opened":
                assert payload["matter"]["description"] == "示例数据"
            for official in (payload.get("record") or {}).get("officials", []):
                assert official["name"].startswith("示例")


def test_zip_members_have_fixed_dates(county_bundles):
    _, gen = county_bundles
    with zipfile.ZipFile(gen.village_bundles[0]) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2000, 1, 1, 0, 0, 0)}


def test_the_plan_has_its_known_shares():
    plan = plan_county(300, 5, seed=1, today=TODAY)
    matters = list(plan.matters())
    share = lambda pred: sum(1 for m in matters if pred(m)) / len(matters)  # noqa: E731
    assert 0.09 < share(lambda m: m.fault) < 0.15
    assert 0.06 < share(lambda m: m.late) < 0.10
    assert 0.04 < share(lambda m: m.review == "returned") < 0.15
    assert all(m.opened_on <= TODAY for m in matters)
    assert {m.opened_on.year for m in matters} == set(range(2022, 2027))


@pytest.mark.parametrize(("villages", "years"), [(0, 1), (10_000, 1), (1, 0), (1, 51)])
def test_plan_refuses_silly_sizes(villages, years):
    with pytest.raises(ValueError):
        plan_county(villages, years, seed=1, today=date(2026, 1, 1))
