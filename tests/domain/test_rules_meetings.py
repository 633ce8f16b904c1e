"""Quorum, majority, composition, notice and plan rules at their boundaries, under both profiles."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from domain_builders import PROFILES, ROSTER, VILLAGE, change, d, findings, only, rule_ids, state

from village_tui.domain.steps import Step
from village_tui.profiles import load_profile

BOTH = PROFILES
NATIONAL = ("national",)
HENAN = ("henan-4+2",)


def res(category="road", **kw):
    """The good matter with its step-4 representative assembly changed."""
    return change(state(category=category), Step.RESOLUTION, **kw)


def villagers(category="road", **kw):
    """The good matter resolved by a 村民会议 of 1200 adults, 10 days' notice given."""
    base = {
        "assembly": "villagers",
        "expected": 1200,
        "present": 601,
        "votes_for": 400,
        "votes_against": None,
        "votes_abstain": None,
        "representatives_among_members": None,
        "women_among_members": None,
        "notice_given_on": d(2, 26),
    }
    return change(state(category=category), Step.RESOLUTION, **{**base, **kw})


def party(**kw):
    return change(state(), Step.PARTY_ASSEMBLY, **kw)


def village_with(**roster):
    return dataclasses.replace(VILLAGE, roster=dataclasses.replace(ROSTER, **roster))


# (profiles, case, state, expected rule ids, village or None)
CASES = [
    # 村民代表会议: 45 members need 30 present (at least 2/3).
    (
        BOTH,
        "reps quorum 30/45",
        res(present=30, votes_for=25, votes_against=5, votes_abstain=0),
        set(),
    ),
    (
        BOTH,
        "reps quorum 29/45",
        res(present=29, votes_for=25, votes_against=4, votes_abstain=0),
        {"quorum.representatives"},
    ),
    # Both (组织法 art. 26, 河南实施办法 art. 51): more than half of those present; 30 need 16.
    (
        BOTH,
        "reps majority 16/30",
        res(present=30, votes_for=16, votes_against=14, votes_abstain=0),
        set(),
    ),
    (
        BOTH,
        "reps majority 15/30",
        res(present=30, votes_for=15, votes_against=15, votes_abstain=0),
        {"majority.representatives"},
    ),
    # 22 of 40 present passes under both: "all 45 members" is only an opt-in county profile.
    (
        BOTH,
        "reps majority 22/40 present",
        res(votes_for=22, votes_against=18, votes_abstain=0),
        set(),
    ),
    (
        BOTH,
        "reps majority 20/40 present",
        res(votes_for=20, votes_against=20, votes_abstain=0),
        {"majority.representatives"},
    ),
    (
        BOTH,
        "reps votes missing",
        res(votes_for=None, votes_against=None, votes_abstain=None),
        {"majority.representatives"},
    ),
    # 党员大会: 66 voting members; national needs 34 present, Henan 44.
    (NATIONAL, "party quorum 34/66", party(present=34, votes_for=34), set()),
    (
        NATIONAL,
        "party quorum 33/66",
        party(present=33, votes_for=33),
        {"quorum.party_assembly", "majority.party_assembly"},
    ),
    (NATIONAL, "party quorum 43/66 national", party(present=43, votes_for=40), set()),
    (HENAN, "party quorum 44/66", party(present=44, votes_for=40), set()),
    (HENAN, "party quorum 43/66", party(present=43, votes_for=40), {"quorum.party_assembly"}),
    # Majority of 应到 (66), not of those present: 34 needed even with 60 present.
    (BOTH, "party majority 34/66", party(votes_for=34), set()),
    (BOTH, "party majority 33/66", party(votes_for=33), {"majority.party_assembly"}),
    (BOTH, "party votes missing", party(votes_for=None), {"majority.party_assembly"}),
    # Land: at least 2/3 of the 38 村民代表 themselves (not of the 45 members) agree: 26.
    (BOTH, "land 26/38 reps", res("land", votes_for=26, votes_against=14, votes_abstain=0), set()),
    (
        BOTH,
        "land 25/38 reps",
        res("land", votes_for=25, votes_against=15, votes_abstain=0),
        {"majority.land_two_thirds"},
    ),
    (
        BOTH,
        "land 20/30 reps on the day",
        res(
            "land",
            expected=37,
            present=37,
            representatives_among_members=30,
            votes_for=20,
            votes_against=17,
            votes_abstain=0,
        ),
        set(),
    ),
    (
        BOTH,
        "land 19/30 reps on the day",
        res(
            "land",
            expected=37,
            present=37,
            representatives_among_members=30,
            votes_for=19,
            votes_against=18,
            votes_abstain=0,
        ),
        {"majority.land_two_thirds"},
    ),
    (
        BOTH,
        "road 29/45 needs no 2/3",
        res("road", votes_for=29, votes_against=11, votes_abstain=0),
        set(),
    ),
    (BOTH, "land villagers 800/1200", villagers("land", present=900, votes_for=800), set()),
    (
        BOTH,
        "land villagers 799/1200",
        villagers("land", present=900, votes_for=799),
        {"majority.land_two_thirds"},
    ),
    # 村民会议: more than half of 1200 adults (601), or 2/3 of 400 households (267).
    (BOTH, "villagers quorum 601/1200", villagers(), set()),
    (BOTH, "villagers quorum 600/1200", villagers(present=600), {"quorum.villagers"}),
    (
        BOTH,
        "households 267/400",
        villagers(present=300, votes_for=200, households_represented=267),
        set(),
    ),
    (
        BOTH,
        "households 266/400",
        villagers(present=300, votes_for=200, households_represented=266),
        {"quorum.villagers"},
    ),
    (BOTH, "villagers majority 301/601", villagers(votes_for=301), set()),
    (BOTH, "villagers majority 300/601", villagers(votes_for=300), {"majority.villagers"}),
    (BOTH, "villagers votes missing", villagers(votes_for=None), {"majority.villagers"}),
    # 10 days' notice: meeting on 03-08 needs notice by 02-26.
    (BOTH, "notice 10 days", villagers(notice_given_on=d(2, 26)), set()),
    (BOTH, "notice 9 days", villagers(notice_given_on=d(2, 27)), {"notice.villagers_assembly"}),
    (BOTH, "notice missing", villagers(notice_given_on=None), {"notice.villagers_assembly"}),
    (BOTH, "reps assembly needs no notice", res(notice_given_on=None), set()),
    # Composition: representatives at least 4/5 (36 of 45), women at least 1/3 (15 of 45).
    (BOTH, "representatives 36/45", res(representatives_among_members=36), set()),
    (
        BOTH,
        "representatives 35/45",
        res(representatives_among_members=35),
        {"composition.representatives"},
    ),
    (BOTH, "women 15/45", res(women_among_members=15), set()),
    (BOTH, "women 14/45", res(women_among_members=14), {"composition.women"}),
    (BOTH, "villagers assembly has no composition", villagers(women_among_members=0), set()),
    # Plan sent to Party members 3 days ahead (Henan practice): assembly 03-06, plan by 03-03.
    (HENAN, "plan 3 days ahead", party(plan_sent_on=d(3, 3)), set()),
    (HENAN, "plan 2 days ahead", party(plan_sent_on=d(3, 4)), {"plan.sent_in_advance"}),
    (HENAN, "plan not recorded", party(plan_sent_on=None), {"plan.sent_in_advance"}),
    (NATIONAL, "plan not a national rule", party(plan_sent_on=None), set()),
    # Branch committee: more than half; 5 members need 3.
    (BOTH, "proposal 3/5", change(state(), Step.PROPOSAL, present=3), set()),
    (BOTH, "proposal 2/5", change(state(), Step.PROPOSAL, present=2), {"quorum.proposal"}),
    # Two committees: more than half of 9 present (5), more than half of present agree.
    (BOTH, "joint 5/9", change(state(), Step.JOINT_MEETING, present=5), set()),
    (BOTH, "joint 4/9", change(state(), Step.JOINT_MEETING, present=4), {"quorum.joint_meeting"}),
    (BOTH, "joint votes 5/9", change(state(), Step.JOINT_MEETING, votes_for=5), set()),
    (
        BOTH,
        "joint votes 4/9",
        change(state(), Step.JOINT_MEETING, votes_for=4),
        {"majority.joint_meeting"},
    ),
]


@pytest.mark.parametrize(
    ("profile", "st", "expected"),
    [pytest.param(p, st, exp, id=f"{p}: {case}") for ps, case, st, exp in CASES for p in ps],
)
def test_meeting_rules(profile, st, expected):
    found = findings(st, profile)
    assert rule_ids(found) == expected
    prof = load_profile(profile)
    for f in found:
        params = prof.rule(f.rule_id, st.matter.category)
        assert f.severity is params.severity
        assert (f.citation_zh, f.citation_en) == (params.citation_zh, params.citation_en)
        assert f.message_zh and f.message_en


ROSTER_CASES = [
    ({"representatives": 36}, set()),
    ({"representatives": 35}, {"composition.representatives"}),
    ({"women_members": 15}, set()),
    ({"women_members": 14}, {"composition.women"}),
    ({"representatives": 0, "women_members": 0}, set()),  # composition never filled in
]


@pytest.mark.parametrize("profile", BOTH)
@pytest.mark.parametrize(("roster", "expected"), ROSTER_CASES)
def test_composition_falls_back_to_the_roster(profile, roster, expected):
    st = res(representatives_among_members=None, women_among_members=None)
    assert rule_ids(findings(st, profile, village=village_with(**roster))) == expected


EXACT = [
    (
        "national",
        res(present=29, votes_for=25, votes_against=4, votes_abstain=0),
        "quorum.representatives",
        "村民代表会议实到29人，未达到组成人员45人的三分之二(30人)",
        "Villagers' representative assembly: 29 present; needs at least two thirds of the 45 members (30)",
    ),
    (
        "national",
        res(present=30, votes_for=15, votes_against=15, votes_abstain=0),
        "majority.representatives",
        "村民代表会议赞成15人，未超过实到30人的半数(16人)",
        "Villagers' representative assembly: 15 in favour; needs more than half of the 30 present (16)",
    ),
    (
        "national",
        party(present=33, votes_for=33),
        "quorum.party_assembly",
        "党员大会实到33人，未超过应到会有表决权党员66人的半数(34人)",
        "Party members' assembly: 33 present; needs more than half of the 66 voting members expected (34)",
    ),
    (
        "henan-4+2",
        party(present=43, votes_for=40),
        "quorum.party_assembly",
        "党员大会实到43人，未达到应到会有表决权党员66人的三分之二(44人)",
        "Party members' assembly: 43 present; needs at least two thirds of the 66 voting members expected (44)",
    ),
    (
        "national",
        party(votes_for=None),
        "majority.party_assembly",
        "党员大会未记录赞成票数，无法核对是否通过",
        "Party members' assembly: votes in favour not recorded, the result cannot be checked",
    ),
    (
        "national",
        res("land", votes_for=25, votes_against=15, votes_abstain=0),
        "majority.land_two_thirds",
        "土地承包事项须经达到村民代表38人的三分之二(26人)同意，实际赞成25人",
        "A land contracting matter needs the consent of at least two thirds of the 38 villager representatives (26); 25 in favour",
    ),
    (
        "national",
        villagers(present=300, votes_for=200, households_represented=266),
        "quorum.villagers",
        "村民会议实到300人，未超过应到村民1200人的半数(601人)；到会户代表266户，未达到总户数400户的三分之二(267户)",
        "Villagers' assembly: 300 present, needs more than half of the 1200 adult villagers expected (601); 266 households represented, needs at least two thirds of the 400 households (267)",
    ),
    (
        "national",
        villagers(notice_given_on=d(2, 27)),
        "notice.villagers_assembly",
        "村民会议2025-03-08召开，2025-02-27才通知，不足10天(最迟应于2025-02-26通知)",
        "Villagers' assembly on 2025-03-08 was announced on 2025-02-27, less than 10 days ahead (due by 2025-02-26)",
    ),
    (
        "national",
        res(women_among_members=14),
        "composition.women",
        "村民代表会议组成人员45人，其中妇女村民代表14人，未达到组成人员45人的三分之一(15人)",
        "Representative assembly: 14 of its 45 members are women representatives; needs at least one third of the 45 members (15)",
    ),
    (
        "henan-4+2",
        party(plan_sent_on=d(3, 4)),
        "plan.sent_in_advance",
        "审议方案2025-03-04才送达党员，未提前3天(党员大会2025-03-06，最迟2025-03-03)",
        "The plan reached Party members on 2025-03-04, less than 3 days before the assembly on 2025-03-06 (due by 2025-03-03)",
    ),
]


@pytest.mark.parametrize(("profile", "st", "rule_id", "zh", "en"), EXACT)
def test_messages_carry_the_figures(profile, st, rule_id, zh, en):
    f = only(findings(st, profile), rule_id)
    assert (f.message("zh"), f.message("en")) == (zh, en)


@pytest.mark.parametrize("profile", BOTH)
def test_findings_name_their_step(profile):
    st = party(present=33, votes_for=33, plan_sent_on=None)
    assert {f.step for f in findings(st, profile)} == {Step.PARTY_ASSEMBLY}


def test_members_basis_reads_the_roster():
    """A county may take a share of the roster ("members") rather than the meeting's 应到."""
    from village_tui.domain.profile import merge_profile_dicts, parse_profile
    from village_tui.domain.rules import RULE_IDS, evaluate

    base = load_profile("national")
    data = {
        "id": "roll",
        "name": {"zh": "x", "en": "x"},
        "rules": {k: dict(v) for k, v in base.rules.items()},
    }
    data = merge_profile_dicts(data, {"rules": {"quorum.party_assembly": {"basis": "members"}}})
    prof = parse_profile(data, known_rules=RULE_IDS)
    st = party(expected=60, present=31, votes_for=31)  # 31 of 60 expected would pass
    found = evaluate(st, VILLAGE, prof, d(6, 30))
    assert "quorum.party_assembly" in rule_ids(found)  # but the roster says 66: 34 needed


EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.mark.parametrize(
    ("votes_for", "expected"), [(23, set()), (22, {"majority.representatives"})]
)
def test_majority_of_all_members_is_a_county_opt_in(monkeypatch, votes_for, expected):
    # Some 4+2 guides ask for more than half of ALL 45 members: 23, even with 40 present.
    from village_tui import profiles

    monkeypatch.setenv(profiles.ENV_VAR, str(EXAMPLES))
    profiles.clear_cache()
    st = res(votes_for=votes_for, votes_against=40 - votes_for, votes_abstain=0)
    found = findings(st, "example-county-majority-of-all")
    assert rule_ids(found) == expected
    if expected:
        assert only(found, "majority.representatives").message_zh == (
            "村民代表会议赞成22人，未超过花名册组成人员45人的半数(23人)"
        )
