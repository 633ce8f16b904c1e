"""A clerk records a representatives' meeting that missed its quorum, then the second one (issue 11)."""

from __future__ import annotations

from datetime import date

from tests.tui.helpers import fill, make_app, save, screen_text, settle
from village_tui.domain.model import Implementation, Meeting, Posting
from village_tui.domain.steps import Step
from village_tui.tui.screens.confirm import ConfirmWarnings
from village_tui.tui.screens.matter import MatterScreen


def _to_step_3(service) -> str:
    mid = service.open_matter(
        title="村西主路硬化", category="road", source="cadres", opened_on=date(2024, 3, 1)
    )
    service.record_step(
        mid,
        Step.PROPOSAL,
        Meeting(held_on=date(2024, 3, 1), expected=5, present=5, content="硬化村西主路"),
    )
    service.record_step(
        mid, Step.JOINT_MEETING, Meeting(held_on=date(2024, 3, 2), expected=7, present=7)
    )
    service.record_step(
        mid,
        Step.PARTY_ASSEMBLY,
        Meeting(
            held_on=date(2024, 3, 5),
            expected=30,
            present=25,
            votes_for=24,
            plan_sent_on=date(2024, 3, 1),
        ),
    )
    return mid


async def _open_matter(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MatterScreen), screen_text(pilot.app)


async def _record_resolution(pilot, held_on: str, present: str, votes_for: str) -> None:
    await pilot.press("x")
    await settle(pilot)
    await fill(pilot, "held_on", held_on)
    await fill(pilot, "present", present)
    await fill(pilot, "votes_for", votes_for)
    await fill(pilot, "votes_against", "0")
    await fill(pilot, "content", "同意硬化村西主路")  # a failed vote too says what it was about
    await save(pilot)


async def test_29_of_45_is_recorded_as_not_valid_and_31_passes(village_service, db_path):
    mid = _to_step_3(village_service)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await _open_matter(pilot)
        await _record_resolution(pilot, "2024-03-08", "29", "27")
        assert isinstance(app.screen, ConfirmWarnings)
        text = screen_text(app)
        assert "不生效：村民代表会议实到29人" in text
        assert "保存后本次会议记为不生效" in text
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MatterScreen)
        st = village_service.state(mid)
        assert st.reached is Step.PARTY_ASSEMBLY and Step.RESOLUTION not in st.steps
        assert "第1次 2024-03-08 不生效（未达法定人数），须重新召开" in screen_text(app)

        await _record_resolution(pilot, "2024-03-15", "31", "29")
        assert isinstance(app.screen, MatterScreen), screen_text(app)
        st = village_service.state(mid)
        assert st.reached is Step.RESOLUTION and st.steps[Step.RESOLUTION].present == 31
        text = screen_text(app)
        assert "第1次 2024-03-08 不生效（未达法定人数）" in text
        assert "第2次（现行记录）" in text
        app.save_screenshot("attempts.svg", str(db_path.parent))


async def test_a_reversed_progress_entry_by_keyboard(village_service, db_path):
    mid = _to_step_3(village_service)
    village_service.record_step(
        mid,
        Step.RESOLUTION,
        Meeting(held_on=date(2024, 3, 8), expected=45, present=40, votes_for=38, content="同意"),
    )
    village_service.record_step(
        mid,
        Step.RESOLUTION_DISCLOSURE,
        Posting(posted_on=date(2024, 3, 9), until=date(2024, 3, 16)),
    )
    village_service.record_step(
        mid, Step.IMPLEMENTATION, Implementation(started_on=date(2024, 3, 20))
    )
    village_service.add_progress(mid, on=date(2024, 4, 1), description="路基", spent_fen=28_000_000)
    app = make_app(village_service, db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await _open_matter(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("enter")  # the one entry
        await settle(pilot)
        await fill(pilot, "spent_fen", "250,000")
        await fill(pilot, "reason", "发票为25万元")
        await save(pilot)
        assert isinstance(app.screen, MatterScreen), screen_text(app)
        assert village_service.state(mid).spent_fen == 25_000_000
        history = village_service.history(mid)[-1]
        assert [(c.key, c.old, c.new) for c in history.changes] == [
            ("spent_fen", 28_000_000, 25_000_000)
        ]
        await pilot.press("h")
        await settle(pilot)
        assert "支出金额(元)：280,000.00 → 250,000.00" in screen_text(app)
        app.save_screenshot("history.svg", str(db_path.parent))


def test_attempt_lines_name_the_reason_and_the_cure():
    from village_tui.domain.model import Attempt
    from village_tui.tui.widgets.timeline import attempt_lines

    tries = [
        Attempt(
            seq=5,
            step="resolution",
            on=date(2024, 3, 8),
            defects=("notice.villagers_assembly",),
            superseded_by=9,
        ),
        Attempt(seq=9, step="resolution", on=date(2024, 3, 20)),
    ]
    assert [t.plain for t in attempt_lines(tries, "zh")] == [
        "│ 第1次 2024-03-08 有瑕疵（通知期不足），已由第2次补正",
        "│ 第2次（现行记录）",
    ]
    failed = [
        Attempt(
            seq=5,
            step="resolution",
            on=date(2024, 3, 8),
            valid=False,
            invalid=("majority.representatives",),
        )
    ]
    assert [t.plain for t in attempt_lines(failed, "en")] == [
        "│ Attempt 1 on 2024-03-08 not valid (not passed): to be held again"
    ]
    assert attempt_lines(tries[1:], "zh") == []  # one valid try: nothing extra to say


def _failed_resolution(service, mid: str) -> int:
    """The 29-of-45 meeting, recorded as not valid (its findings confirmed); returns its seq."""
    from village_tui.store.services import NeedsConfirmation

    meeting = Meeting(
        held_on=date(2024, 3, 8), expected=45, present=29, votes_for=27, content="同意硬化村西主路"
    )
    try:
        service.record_step(mid, Step.RESOLUTION, meeting)
    except NeedsConfirmation as exc:
        service.record_step(mid, Step.RESOLUTION, meeting, [f.rule_id for f in exc.findings])
    (failed,) = service.state(mid).attempts_at(Step.RESOLUTION)
    assert not failed.valid
    return failed.seq


async def test_a_failed_attempt_is_corrected_from_its_timeline_line(village_service, db_path):
    mid = _to_step_3(village_service)
    seq = _failed_resolution(village_service, mid)
    village_service.record_step(
        mid,
        Step.RESOLUTION,
        Meeting(
            held_on=date(2024, 3, 15),
            expected=45,
            present=31,
            votes_for=29,
            content="同意硬化村西主路",
        ),
    )
    events = len(village_service.history(mid))
    app = make_app(village_service, db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await _open_matter(pilot)
        # From the step to record next, past the second (counting) attempt, onto the failed one:
        # Enter there corrects that attempt, not the step's counting record.
        await pilot.press("up", "up")
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "第1次 · 村西主路硬化" in text, text
        await fill(pilot, "present", "32")
        await fill(pilot, "reason", "")
        await save(pilot)
        assert "此项必填" in screen_text(app)  # no reason: nothing written
        assert len(village_service.history(mid)) == events
        await fill(pilot, "reason", "签到表漏计2人")
        await save(pilot)
        assert isinstance(app.screen, MatterScreen), screen_text(app)
        last = village_service.history(mid)[-1]
        assert (last.corrects, last.reason) == (seq, "签到表漏计2人")
        assert ("present", 29, 32) in [(c.key, c.old, c.new) for c in last.changes]
        # 32 of 45 is a quorum: the first meeting now counted too; which record counts is the
        # service's to say, and the timeline no longer calls any attempt not valid.
        assert all(a.valid for a in village_service.state(mid).attempts_at(Step.RESOLUTION))
        assert "不生效" not in screen_text(app)
        await pilot.press("h")
        await settle(pilot)
        assert "实到：29 → 32" in screen_text(app), screen_text(app)


def test_an_attempts_record_is_read_as_last_corrected(village_service):
    from village_tui.store.errors import ServiceError
    from village_tui.store.services import NeedsConfirmation

    mid = _to_step_3(village_service)
    seq = _failed_resolution(village_service, mid)
    assert village_service.attempt_record(mid, Step.RESOLUTION, seq).present == 29
    fixed = Meeting(
        held_on=date(2024, 3, 8), expected=45, present=28, votes_for=27, content="同意硬化村西主路"
    )
    try:
        village_service.correct_step(mid, Step.RESOLUTION, fixed, "漏计", attempt_seq=seq)
    except NeedsConfirmation as exc:  # still short of a quorum: confirmed as before
        acks = [f.rule_id for f in exc.findings]
        village_service.correct_step(mid, Step.RESOLUTION, fixed, "漏计", acks, attempt_seq=seq)
    assert village_service.attempt_record(mid, Step.RESOLUTION, seq).present == 28
    for wrong in (seq + 1, seq - 1):  # the next event, and another step's meeting
        try:
            village_service.attempt_record(mid, Step.RESOLUTION, wrong)
        except ServiceError as exc:
            assert exc.message_zh == "找不到该次记录"
        else:
            raise AssertionError(f"event {wrong} is no attempt at the resolution")
