"""Checking a notice's seal against the ledger: a match, and every way a notice can fail to be one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.tui.notice_world import (
    MATTER,
    STEP,
    TODAY,
    VILLAGE,
    copy_db,
    make_world,
    resign,
    sql,
)
from village_tui.notices import check
from village_tui.notices.check import (
    MATCH,
    MISMATCH,
    UNKNOWN,
    seal_notice,
    verify_seal,
    verify_short_code,
)
from village_tui.notices.seal import parse_short_code
from village_tui.store.db import open_engine
from village_tui.store.services import VillageService


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return make_world(tmp_path_factory.mktemp("notice-world"))


def _with(db, fn, *args):
    engine = open_engine(db)
    try:
        return fn(engine, *args)
    finally:
        engine.dispose()


def sealed(db, matter=MATTER, step=STEP):
    return _with(db, seal_notice, matter, step)


def verify(db, seal):
    return _with(db, verify_seal, seal)


def verify_code(db, code: str):
    return _with(db, verify_short_code, parse_short_code(code))


def _votes(verdict):
    return dict(verdict.facts)["votes"]


def test_a_notice_matches_at_the_village_and_at_the_township(world):
    _, state, seal = sealed(world.village)
    assert seal.seq == _with(world.village, _updated_seq)
    for db in (world.village, world.town):
        v = verify(db, seal)
        assert (v.answer, v.reason, v.village_name) == (MATCH, "matches", "示例·前进村")
        assert v.matter_title == state.matter.title and _votes(v) == [38, 1, 1]
        # the township signed a checkpoint when it imported the ledger; the village has no feedback
        witnessed = None if db == world.village else _witnessed_day(db)
        assert v.changed_at is None and v.witnessed == witnessed
        c = verify_code(db, seal.short_code())
        assert (c.answer, c.matter_title) == (MATCH, state.matter.title)


def _witnessed_day(db) -> str:
    from village_tui.store.db import read_session
    from village_tui.sync.witness import latest_witnessed

    engine = open_engine(db)
    try:
        with read_session(engine) as s:
            day = latest_witnessed(s, "410611100901").date
    finally:
        engine.dispose()
    assert day
    return day


def _updated_seq(engine):
    from village_tui.store.db import read_session
    from village_tui.store.tables import MatterRow

    with read_session(engine) as s:
        return s.get(MatterRow, MATTER).updated_seq


def test_a_figure_changed_in_a_tampered_copy_does_not_match(world, tmp_path):
    """The notice made from a copy whose derived table says 48 votes for, signed with the real key."""
    forged = copy_db(world.village, tmp_path / "forged.db")
    sql(
        forged,
        "UPDATE step SET record = replace(record, '\"votes_for\":38', '\"votes_for\":48')"
        f" WHERE matter_id = '{MATTER}' AND step = 'resolution'",
    )
    _, state, seal = sealed(forged)
    assert state.steps[STEP.RESOLUTION].votes_for == 48  # the notice prints 48
    for db in (world.town, forged):  # even the tampered database itself replays its ledger
        v = verify(db, seal)
        assert (v.answer, v.reason, v.differs) == (MISMATCH, "content_differs", ["votes"])
        assert _votes(v) == [38, 1, 1]  # what the ledger records, to compare with the poster
        code = verify_code(db, seal.short_code())
        assert (code.reason, code.differs) == ("content_differs", [])  # too short to say more


def test_a_signature_by_another_key_does_not_match(world):
    _, _, seal = sealed(world.village)
    other = resign(seal, world.town)  # the township's own key is not the village's
    v = verify(world.town, other)
    assert (v.answer, v.reason) == (MISMATCH, "bad_signature")


def test_the_signature_covers_the_matter_and_the_hash(world):
    _, _, seal = sealed(world.village)
    assert verify(world.town, replace(seal, matter_id="demo-002")).reason == "bad_signature"
    flipped = bytes([seal.content_hash[0] ^ 1]) + seal.content_hash[1:]
    assert verify(world.town, replace(seal, content_hash=flipped)).reason == "bad_signature"


def test_a_signed_claim_about_another_matter_at_that_position_does_not_match(world):
    _, _, seal = sealed(world.village)
    other = resign(replace(seal, matter_id="demo-002"), world.village)
    v = verify(world.town, other)
    assert (v.answer, v.reason) == (MISMATCH, "not_this_matter")


def test_a_position_beyond_the_ledger_held_here_is_unknown(world, tmp_path):
    village = copy_db(world.village, tmp_path / "v.db")
    engine = open_engine(village)
    VillageService(engine, today=lambda: TODAY).add_progress(
        MATTER, on=date(2026, 11, 19), description="路基完成", spent_fen=100
    )
    engine.dispose()
    _, _, seal = sealed(village)
    held = _with(world.town, _held)
    assert seal.seq == held + 1
    v = verify(world.town, seal)
    assert (v.answer, v.reason, v.held) == (UNKNOWN, "beyond_ledger", held)
    assert verify_code(world.town, seal.short_code()).reason == "beyond_ledger"
    assert verify(village, seal).answer == MATCH  # the village itself has it


def _held(engine):
    from village_tui.notices.at_position import held_up_to
    from village_tui.store.db import read_session

    with read_session(engine) as s:
        return held_up_to(s, VILLAGE)


def test_another_village_is_unknown_here(world):
    _, _, seal = sealed(world.village)
    other = replace(seal, village_code="410611100902")
    assert verify(world.town, other).reason == "village_not_held"
    code = seal.short_code().replace(VILLAGE, "410611100902", 1)
    fixed = parse_short_code(_recheck(code))
    assert _with(world.town, verify_short_code, fixed).answer == UNKNOWN


def _recheck(code: str) -> str:
    from village_tui.notices.seal import damm

    digits = code.replace("-", "")[:-1]
    return digits + damm(digits)


def test_a_short_code_with_other_hash_digits_does_not_match(world):
    _, _, seal = sealed(world.village)
    village, seq, step, h1, h2, _ = seal.short_code().split("-")
    wrong = h1 + f"{(int(h2) + 1) % 100000:05d}"
    v = verify_code(world.town, _recheck(f"{village}{seq}{step}{wrong}0"))
    assert (v.answer, v.reason) == (MISMATCH, "content_differs")


def test_a_short_code_pointing_at_a_village_entry_does_not_match(world):
    body = f"{VILLAGE}15" + "0" * 10  # entry 1 sets the village up: no matter there
    v = verify_code(world.town, _recheck(body + "0"))
    assert (v.answer, v.reason) == (MISMATCH, "not_this_matter")


def test_a_later_correction_is_pointed_out(world, tmp_path):
    village = copy_db(world.village, tmp_path / "v.db")
    _, _, seal = sealed(village)
    engine = open_engine(village)
    VillageService(engine, today=lambda: TODAY).add_progress(
        MATTER, on=date(2026, 11, 19), description="路基完成", spent_fen=100
    )
    engine.dispose()
    v = verify(village, seal)
    assert (v.answer, v.changed_at) == (MATCH, _with(village, _held))  # the new last entry


def test_a_damaged_ledger_cannot_vouch_for_anything(world, tmp_path):
    town = copy_db(world.town, tmp_path / "t.db")
    sql(town, f"UPDATE event SET actor = 'x' WHERE ledger = '{VILLAGE}' AND seq = 3")
    _, _, seal = sealed(world.village)
    v = verify(town, seal)
    assert (v.answer, v.reason, v.detail) == (UNKNOWN, "ledger_damaged", "3")


def test_no_key_for_the_village_is_unknown(world, tmp_path):
    town = copy_db(world.town, tmp_path / "t.db")
    sql(town, f"DELETE FROM trusted_key WHERE owner_code = '{VILLAGE}'")
    _, _, seal = sealed(world.village)
    assert verify(town, seal).reason == "no_key"


def test_the_witness_hook_is_reported(world, monkeypatch):
    monkeypatch.setattr(check, "witnessed_on", lambda s, code, seq: "2026-11-21")
    _, _, seal = sealed(world.village)
    assert verify(world.town, seal).witnessed == "2026-11-21"


def test_a_true_claim_at_a_position_that_is_not_the_matters_own_entry_does_not_match(world):
    """Notices name the matter's own last entry; a seal naming another (even with true content)
    was not made by this program, and the short code, which has no matter, could not find it."""
    from village_tui.notices.at_position import matter_at
    from village_tui.notices.build import notice_facts
    from village_tui.notices.seal import Seal, content_hash, line_digests
    from village_tui.store.db import read_session

    engine = open_engine(world.village)
    with read_session(engine) as s:
        head = _held(engine)
        at = matter_at(s, VILLAGE, MATTER, head)
    engine.dispose()
    assert at.event_matter != MATTER  # the last entry is about another matter
    facts = notice_facts(at.state, STEP)
    digest = content_hash(VILLAGE, MATTER, STEP, facts, at.anchor)
    lines = line_digests(facts, at.anchor)
    seal = resign(Seal(VILLAGE, head, STEP, MATTER, digest, lines), world.village)
    v = verify(world.town, seal)
    assert (v.answer, v.reason) == (MISMATCH, "not_this_matter")
