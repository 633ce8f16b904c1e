"""Input that can never be right is refused with an exact, short message."""

from __future__ import annotations

from datetime import date

import pytest
from domain_builders import ROSTER, TODAY

from village_tui.domain.findings import InvalidRecord
from village_tui.domain.model import (
    Completion,
    Implementation,
    Matter,
    Meeting,
    Objection,
    Posting,
    ProgressEntry,
    Roster,
)
from village_tui.domain.steps import Step
from village_tui.domain.validate import validate_matter, validate_record, validate_roster
from village_tui.profiles import load_profile

D = date(2025, 3, 1)


def m(**kw):
    base = {"held_on": D, "expected": 30, "present": 30, "content": "硬化村道"}
    return Meeting(**{**base, **kw})


GOOD = [
    (Step.PROPOSAL, m()),
    (Step.RESOLUTION, m(votes_for=10, votes_against=10, votes_abstain=10)),
    (Step.RESOLUTION, m(held_on=TODAY)),
    (Step.JOINT_MEETING, m(expected=0, present=0, merged_with_proposal=True)),
    (
        Step.RESOLUTION,
        m(assembly="villagers", expected=1200, present=100, households_represented=400),
    ),
    (Step.RESOLUTION_DISCLOSURE, Posting(posted_on=D, until=D)),
    (Step.RESOLUTION_DISCLOSURE, Posting(posted_on=D, until=date(2030, 1, 1))),
    (Step.IMPLEMENTATION, Implementation(started_on=D)),
    (Step.IMPLEMENTATION, ProgressEntry(id="p", on=D, spent_fen=0)),
    (Step.IMPLEMENTATION, Completion(completed_on=D)),
    (
        Step.RESULT_DISCLOSURE,
        Objection(id="o", step="result_disclosure", received_on=D, replied_on=D),
    ),
]


@pytest.mark.parametrize(("step", "record"), GOOD)
def test_good_records_pass(step, record):
    validate_record(step, record, TODAY, roster=ROSTER)


@pytest.mark.parametrize(
    ("step", "content", "message"),
    [
        (Step.PROPOSAL, "", "Proposal text is required"),
        (Step.PROPOSAL, " \u3000\n", "Proposal text is required"),
        (Step.RESOLUTION, "", "Resolution text is required"),
    ],
)
def test_proposal_and_resolution_need_their_text(step, content, message):
    with pytest.raises(InvalidRecord) as err:
        validate_record(step, m(content=content), TODAY, roster=ROSTER)
    assert (err.value.field, err.value.message("en")) == ("content", message)
    assert err.value.message("zh") == message.replace(
        "Proposal text is required", "提议内容必须填写"
    ).replace("Resolution text is required", "决议内容必须填写")


def test_a_failed_vote_still_records_what_was_put_to_it():
    failed = m(content="", votes_for=5, votes_against=25)
    with pytest.raises(InvalidRecord, match="Resolution text is required"):
        validate_record(Step.RESOLUTION, failed, TODAY, roster=ROSTER)


@pytest.mark.parametrize("step", [Step.JOINT_MEETING, Step.PARTY_ASSEMBLY])
def test_the_middle_meetings_may_leave_their_text_empty(step):
    validate_record(step, m(content=""), TODAY, roster=ROSTER)


BAD = [
    (
        Step.PROPOSAL,
        m(expected=-1),
        "expected",
        "应到人数不能为负数(-1)",
        "Those expected cannot be negative (-1)",
    ),
    (
        Step.PROPOSAL,
        m(present=-2),
        "present",
        "实到人数不能为负数(-2)",
        "Those present cannot be negative (-2)",
    ),
    (
        Step.PARTY_ASSEMBLY,
        m(votes_for=-1),
        "votes_for",
        "赞成票数不能为负数(-1)",
        "Votes for cannot be negative (-1)",
    ),
    (
        Step.PARTY_ASSEMBLY,
        m(votes_against=-1),
        "votes_against",
        "反对票数不能为负数(-1)",
        "Votes against cannot be negative (-1)",
    ),
    (
        Step.PARTY_ASSEMBLY,
        m(votes_abstain=-1),
        "votes_abstain",
        "弃权票数不能为负数(-1)",
        "Abstentions cannot be negative (-1)",
    ),
    (
        Step.RESOLUTION,
        m(households_represented=-1),
        "households_represented",
        "到会户代表户数不能为负数(-1)",
        "Households represented cannot be negative (-1)",
    ),
    (
        Step.RESOLUTION,
        m(women_among_members=-1),
        "women_among_members",
        "妇女村民代表人数不能为负数(-1)",
        "Women representatives cannot be negative (-1)",
    ),
    (
        Step.PROPOSAL,
        m(expected=0, present=0),
        "expected",
        "应到人数不能为0",
        "Those expected cannot be 0",
    ),
    (
        Step.JOINT_MEETING,
        m(expected=0, present=3, merged_with_proposal=True),
        "expected",
        "应到人数不能为0",
        "Those expected cannot be 0",
    ),
    (
        Step.PROPOSAL,
        m(present=31),
        "present",
        "实到人数(31)超过应到人数(30)",
        "Those present (31) exceed those expected (30)",
    ),
    (
        Step.RESOLUTION,
        m(votes_for=31),
        "votes_for",
        "赞成票数(31)超过实到人数(30)",
        "Votes for (31) exceed those present (30)",
    ),
    (
        Step.RESOLUTION,
        m(votes_against=31),
        "votes_against",
        "反对票数(31)超过实到人数(30)",
        "Votes against (31) exceed those present (30)",
    ),
    (
        Step.RESOLUTION,
        m(votes_abstain=31),
        "votes_abstain",
        "弃权票数(31)超过实到人数(30)",
        "Abstentions (31) exceed those present (30)",
    ),
    (
        Step.RESOLUTION,
        m(votes_for=16, votes_against=10, votes_abstain=5),
        "votes",
        "赞成、反对、弃权票数合计(31)超过实到人数(30)",
        "Votes for, against and abstaining (31) exceed those present (30)",
    ),
    (
        Step.RESOLUTION,
        m(votes_for=16, votes_against=15),
        "votes",
        "赞成、反对、弃权票数合计(31)超过实到人数(30)",
        "Votes for, against and abstaining (31) exceed those present (30)",
    ),
    (
        Step.PROPOSAL,
        m(held_on=date(2025, 7, 1)),
        "held_on",
        "会议日期(2025-07-01)晚于今天(2025-06-30)",
        "Meeting date (2025-07-01) is after today (2025-06-30)",
    ),
    (
        Step.PARTY_ASSEMBLY,
        m(plan_sent_on=date(2025, 7, 1)),
        "plan_sent_on",
        "方案送达日期(2025-07-01)晚于今天(2025-06-30)",
        "Plan sent date (2025-07-01) is after today (2025-06-30)",
    ),
    (
        Step.RESOLUTION,
        m(notice_given_on=date(2025, 7, 1)),
        "notice_given_on",
        "通知日期(2025-07-01)晚于今天(2025-06-30)",
        "Notice date (2025-07-01) is after today (2025-06-30)",
    ),
    (
        Step.RESOLUTION,
        m(representatives_among_members=31),
        "representatives_among_members",
        "村民代表人数(31)超过组成人员(30)",
        "Representatives (31) exceed the assembly's members (30)",
    ),
    (
        Step.RESOLUTION,
        m(women_among_members=31),
        "women_among_members",
        "妇女村民代表人数(31)超过组成人员(30)",
        "Women representatives (31) exceed the assembly's members (30)",
    ),
    (
        Step.RESOLUTION,
        m(representatives_among_members=20, women_among_members=21),
        "women_among_members",
        "妇女村民代表人数(21)超过村民代表人数(20)",
        "Women representatives (21) exceed representatives (20)",
    ),
    (
        Step.RESOLUTION,
        m(households_represented=401),
        "households_represented",
        "到会户代表户数(401)超过总户数(400)",
        "Households represented (401) exceed the village's households (400)",
    ),
    (
        Step.PROPOSAL,
        m(merged_with_proposal=True),
        "merged_with_proposal",
        "只有第2步可与第1步合并召开",
        "Only step 2 can be merged with step 1",
    ),
    (
        Step.RESOLUTION,
        m(assembly="parliament"),
        "assembly",
        "未知的选项: parliament",
        "Unknown choice: parliament",
    ),
    (
        Step.RESOLUTION,
        m(form="telepathy"),
        "form",
        "未知的选项: telepathy",
        "Unknown choice: telepathy",
    ),
    (
        Step.RESOLUTION_DISCLOSURE,
        Posting(posted_on=date(2025, 7, 1), until=date(2025, 7, 8)),
        "posted_on",
        "公示开始日期(2025-07-01)晚于今天(2025-06-30)",
        "Posting date (2025-07-01) is after today (2025-06-30)",
    ),
    (
        Step.RESOLUTION_DISCLOSURE,
        Posting(posted_on=D, until=date(2025, 2, 28)),
        "until",
        "公示结束日期(2025-02-28)早于开始日期(2025-03-01)",
        "Posting end (2025-02-28) is before its start (2025-03-01)",
    ),
    (
        Step.RESULT_DISCLOSURE,
        Posting(posted_on=D, until=D, spent_fen=-100),
        "spent_fen",
        "支出金额不能为负数(-1.00元)",
        "Money spent cannot be negative (-1.00 yuan)",
    ),
    (
        Step.IMPLEMENTATION,
        Implementation(started_on=date(2025, 7, 1)),
        "started_on",
        "开始实施日期(2025-07-01)晚于今天(2025-06-30)",
        "Start date (2025-07-01) is after today (2025-06-30)",
    ),
    (
        Step.IMPLEMENTATION,
        ProgressEntry(id="p", on=D, spent_fen=-1),
        "spent_fen",
        "支出金额不能为负数(-0.01元)",
        "Money spent cannot be negative (-0.01 yuan)",
    ),
    (
        Step.IMPLEMENTATION,
        ProgressEntry(id="p", on=date(2025, 7, 1)),
        "on",
        "进度日期(2025-07-01)晚于今天(2025-06-30)",
        "Progress date (2025-07-01) is after today (2025-06-30)",
    ),
    (
        Step.IMPLEMENTATION,
        Completion(completed_on=date(2025, 7, 1)),
        "completed_on",
        "完成日期(2025-07-01)晚于今天(2025-06-30)",
        "Completion date (2025-07-01) is after today (2025-06-30)",
    ),
    (
        Step.RESOLUTION_DISCLOSURE,
        Objection(
            id="o",
            step="resolution_disclosure",
            received_on=date(2025, 3, 5),
            replied_on=date(2025, 3, 4),
        ),
        "replied_on",
        "答复日期(2025-03-04)早于异议收到日期(2025-03-05)",
        "Reply date (2025-03-04) is before the objection was received (2025-03-05)",
    ),
    (
        Step.RESOLUTION_DISCLOSURE,
        Objection(id="o", step="result_disclosure", received_on=D),
        "step",
        "异议只能针对决议公开或实施结果公开",
        "An objection must concern one of the two disclosures",
    ),
    (
        Step.RESOLUTION,
        Posting(posted_on=D, until=D),
        "step",
        "第4步(村民会议或村民代表会议决议)应为会议记录",
        "Step 4 (villagers' resolution) needs a meeting record",
    ),
    (
        Step.RESOLUTION_DISCLOSURE,
        m(),
        "step",
        "第5步(决议公开)应为公示记录",
        "Step 5 (disclosure of the resolution) needs a posting record",
    ),
    (
        Step.IMPLEMENTATION,
        Posting(posted_on=D, until=D),
        "step",
        "实施应为实施记录",
        "Implementation needs an implementation record",
    ),
    (
        Step.PROPOSAL,
        Objection(id="o", step="proposal", received_on=D),
        "step",
        "第1步(党支部会提议)应为会议记录",
        "Step 1 (Party branch proposal) needs a meeting record",
    ),
]


@pytest.mark.parametrize(("step", "record", "field", "zh", "en"), BAD)
def test_bad_records_are_refused(step, record, field, zh, en):
    with pytest.raises(InvalidRecord) as info:
        validate_record(step, record, TODAY, roster=ROSTER)
    assert (info.value.field, info.value.message("zh"), info.value.message("en")) == (field, zh, en)


def test_households_unchecked_without_roster():
    validate_record(Step.RESOLUTION, m(households_represented=401), TODAY)


KNOWN = load_profile("national").known_categories


def matter(**kw):
    base = {"id": "m", "title": "村道硬化", "category": "road", "source": "cadres"}
    return Matter(**{**base, **kw})


def test_good_matter():
    validate_matter(matter(planned_fen=0), KNOWN)


@pytest.mark.parametrize(
    ("kw", "field", "zh", "en"),
    [
        ({"title": "  "}, "title", "事项名称不能为空", "The matter needs a title"),
        (
            {"planned_fen": -1},
            "planned_fen",
            "计划金额不能为负数(-0.01元)",
            "Planned amount cannot be negative (-0.01 yuan)",
        ),
        (
            {"category": "spaceport"},
            "category",
            "未知的事项类别: spaceport",
            "Unknown matter category: spaceport",
        ),
    ],
)
def test_bad_matters(kw, field, zh, en):
    with pytest.raises(InvalidRecord) as info:
        validate_matter(matter(**kw), KNOWN)
    assert (info.value.field, info.value.message_zh, info.value.message_en) == (field, zh, en)


def test_good_roster():
    validate_roster(ROSTER)
    validate_roster(Roster())
    validate_roster(Roster(rep_assembly_members=45, representatives=45, women_members=45))


@pytest.mark.parametrize(
    ("kw", "field", "zh", "en"),
    [
        (
            {"households": -1},
            "households",
            "户数不能为负数(-1)",
            "Households cannot be negative (-1)",
        ),
        (
            {"party_members_voting": -3},
            "party_members_voting",
            "有表决权党员人数不能为负数(-3)",
            "Voting Party members cannot be negative (-3)",
        ),
        (
            {"rep_assembly_members": 45, "representatives": 46},
            "representatives",
            "村民代表人数(46)超过村民代表会议组成人员(45)",
            "Representatives (46) exceed the assembly's members (45)",
        ),
        (
            {"rep_assembly_members": 45, "women_members": 46},
            "women_members",
            "妇女村民代表人数(46)超过村民代表会议组成人员(45)",
            "Women representatives (46) exceed the assembly's members (45)",
        ),
    ],
)
def test_bad_rosters(kw, field, zh, en):
    with pytest.raises(InvalidRecord) as info:
        validate_roster(Roster(**kw))
    assert (info.value.field, info.value.message_zh, info.value.message_en) == (field, zh, en)
