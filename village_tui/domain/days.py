"""Counting periods in days the way the law counts them (民法典 art. 201).

The day a period starts is not counted; counting begins the next day, and the
period ends at the end of its last day. A notice that must stay up 7 days and
is posted on 03-01 may come down at the end of 03-08, not before.

Some local practice counts working days (e.g. "7个工作日" for 低保 lists).
`working_days=True` skips Saturdays and Sundays only: public holidays and
调休 swaps change every year and are not known here, so that count is an
approximation a profile opts into, never the default.
"""

from __future__ import annotations

from datetime import date, timedelta


def add_days(start: date, days: int, *, working_days: bool = False) -> date:
    """The last day of a period of `days` days that starts on `start` (start not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    if not working_days:
        return start + timedelta(days=days)
    day, left = start, days
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def earliest_takedown(posted_on: date, days: int, *, working_days: bool = False) -> date:
    """The first day at whose end a notice posted on `posted_on` for `days` days may come down."""
    return add_days(posted_on, days, working_days=working_days)


def period_honoured(posted_on: date, until: date, days: int, *, working_days: bool = False) -> bool:
    """Whether a notice up from `posted_on` to the end of `until` stayed its full `days` days."""
    return until >= earliest_takedown(posted_on, days, working_days=working_days)


def days_posted(posted_on: date, until: date) -> int:
    """How many days a notice up from `posted_on` to the end of `until` counts (start not counted)."""
    return max(0, (until - posted_on).days)


def days_left(posted_on: date, until: date, today: date) -> int:
    """Whole days a notice still has to run after today (0 on its last day and after it)."""
    return max(0, (until - max(today, posted_on)).days)


def first_day_after(posted_on: date, days: int, *, working_days: bool = False) -> date:
    """The first day after the period: when what waits for the period may begin.

    A period of 0 days is no period at all, so what waits for it may begin on
    the day of posting itself (the posting still has to come first).
    """
    if days == 0:
        return posted_on
    return earliest_takedown(posted_on, days, working_days=working_days) + timedelta(days=1)


def notice_honoured(given_on: date, held_on: date, days: int) -> bool:
    """Whether notice given on `given_on` is `days` days ahead of a meeting on `held_on`.

    "提前十天通知" counts like any period: notice on 03-01, the 10 days run
    03-02..03-11, so a meeting on 03-11 is the earliest that is 10 days ahead.
    """
    return held_on >= add_days(given_on, days)


def earliest_meeting(given_on: date, days: int) -> date:
    """The earliest day a meeting may be held after notice given on `given_on`."""
    return add_days(given_on, days)


def latest_sending(held_on: date, days: int) -> date:
    """The latest day papers may be sent to be `days` days ahead of a meeting on `held_on`."""
    return held_on - timedelta(days=days)
