"""What the store tests share: a fixed clock and a village to set up."""

from __future__ import annotations

from datetime import date, datetime, timezone

from village_tui.domain.model import Roster, Village

TODAY = date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc)
CODE = "410611100901"
ROSTER = Roster(
    party_members_voting=45,
    committee_members=7,
    rep_assembly_members=45,
    representatives=38,
    women_members=15,
    adult_villagers=1200,
    households=380,
)


def make_village(profile: str = "national") -> Village:
    return Village(
        code=CODE,
        name="示例·测试村",
        township_code=CODE[:9],
        township_name="大赉店镇",
        county_code=CODE[:6],
        county_name="淇滨区",
        profile=profile,
        roster=ROSTER,
    )


def clock():
    """A `now` for the service: one second later on every call, so events are ordered."""
    n = 0

    def now() -> str:
        nonlocal n
        n += 1
        return f"2026-06-15T08:{n // 60 % 60:02d}:{n % 60:02d}Z"

    return now
