"""Day counting as 民法典 art. 201 counts: the start day is not counted."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.days import (
    add_days,
    days_left,
    days_posted,
    earliest_meeting,
    earliest_takedown,
    first_day_after,
    latest_sending,
    notice_honoured,
    period_honoured,
)


@pytest.mark.parametrize(
    ("posted_on", "days", "takedown"),
    [
        (date(2025, 3, 1), 7, date(2025, 3, 8)),
        (date(2025, 3, 1), 30, date(2025, 3, 31)),
        (date(2025, 3, 1), 0, date(2025, 3, 1)),
        (date(2025, 12, 28), 7, date(2026, 1, 4)),
        (date(2024, 2, 25), 5, date(2024, 3, 1)),  # leap year: 02-29 counts
        (date(2025, 2, 25), 5, date(2025, 3, 2)),
    ],
)
def test_earliest_takedown(posted_on, days, takedown):
    assert earliest_takedown(posted_on, days) == takedown


@pytest.mark.parametrize(
    ("until", "honoured"),
    [(date(2025, 3, 7), False), (date(2025, 3, 8), True), (date(2025, 3, 9), True)],
)
def test_seven_day_posting_from_march_1st_may_come_down_at_end_of_march_8th(until, honoured):
    assert period_honoured(date(2025, 3, 1), until, 7) is honoured


def test_the_day_after_the_period_is_when_waiting_work_may_start():
    assert first_day_after(date(2025, 3, 1), 7) == date(2025, 3, 9)
    assert first_day_after(date(2025, 3, 1), 0) == date(2025, 3, 1)


@pytest.mark.parametrize(
    ("today", "left"),
    [
        (date(2025, 2, 20), 7),  # not yet posted: the whole period
        (date(2025, 3, 1), 7),
        (date(2025, 3, 7), 1),
        (date(2025, 3, 8), 0),
        (date(2025, 3, 20), 0),
    ],
)
def test_days_left(today, left):
    assert days_left(date(2025, 3, 1), date(2025, 3, 8), today) == left


def test_days_posted():
    assert days_posted(date(2025, 3, 1), date(2025, 3, 8)) == 7
    assert days_posted(date(2025, 3, 8), date(2025, 3, 1)) == 0


@pytest.mark.parametrize(
    ("held_on", "honoured"),
    [(date(2025, 3, 10), False), (date(2025, 3, 11), True), (date(2025, 3, 12), True)],
)
def test_ten_days_notice(held_on, honoured):
    assert notice_honoured(date(2025, 3, 1), held_on, 10) is honoured


def test_earliest_meeting_and_latest_sending_are_inverse():
    assert earliest_meeting(date(2025, 3, 1), 10) == date(2025, 3, 11)
    assert latest_sending(date(2025, 3, 11), 10) == date(2025, 3, 1)
    assert latest_sending(date(2025, 3, 6), 3) == date(2025, 3, 3)


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (date(2025, 3, 7), 1, date(2025, 3, 10)),  # Friday + 1 working day = Monday
        (date(2025, 3, 3), 7, date(2025, 3, 12)),  # Monday + 7 working days = next Wednesday
        (date(2025, 3, 8), 0, date(2025, 3, 8)),
    ],
)
def test_working_days_skip_weekends(start, days, end):
    assert add_days(start, days, working_days=True) == end
    assert period_honoured(start, end, days, working_days=True)


def test_negative_period_is_refused():
    with pytest.raises(ValueError):
        add_days(date(2025, 3, 1), -1)
