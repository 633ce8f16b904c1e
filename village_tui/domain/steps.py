"""The steps of 四议两公开, in the order the law requires them."""

from __future__ import annotations

from enum import Enum


class Step(str, Enum):
    """One stage of a matter; IMPLEMENTATION sits between the two disclosures."""

    PROPOSAL = "proposal"  # 1 党支部会提议
    JOINT_MEETING = "joint_meeting"  # 2 村"两委"会商议
    PARTY_ASSEMBLY = "party_assembly"  # 3 党员大会审议
    RESOLUTION = "resolution"  # 4 村民(代表)会议决议
    RESOLUTION_DISCLOSURE = "resolution_disclosure"  # 5 决议公开
    IMPLEMENTATION = "implementation"  # 实施 (between 5 and 6)
    RESULT_DISCLOSURE = "result_disclosure"  # 6 实施结果公开

    @property
    def index(self) -> int:
        """Position in the procedure, 0-based."""
        return ORDER.index(self)

    @property
    def label(self) -> str:
        """The number printed on the paper ledger ("1".."6"; implementation is "实施")."""
        return _LABELS[self]

    @property
    def is_meeting(self) -> bool:
        return self in MEETING_STEPS

    @property
    def is_posting(self) -> bool:
        return self in POSTING_STEPS

    def next(self) -> Step | None:
        i = self.index + 1
        return ORDER[i] if i < len(ORDER) else None


ORDER: tuple[Step, ...] = tuple(Step)
MEETING_STEPS = frozenset({Step.PROPOSAL, Step.JOINT_MEETING, Step.PARTY_ASSEMBLY, Step.RESOLUTION})
POSTING_STEPS = frozenset({Step.RESOLUTION_DISCLOSURE, Step.RESULT_DISCLOSURE})
# How far a matter got, as the county report counts it (and its renderers lay it out).
REACHED_KEYS: tuple[str, ...] = ("none", *(s.value for s in ORDER))
_LABELS = {
    Step.PROPOSAL: "1",
    Step.JOINT_MEETING: "2",
    Step.PARTY_ASSEMBLY: "3",
    Step.RESOLUTION: "4",
    Step.RESOLUTION_DISCLOSURE: "5",
    Step.IMPLEMENTATION: "实施",
    Step.RESULT_DISCLOSURE: "6",
}


class Category(str, Enum):
    """The matter categories every profile knows; a county profile may add more (as plain strings)."""

    ROAD = "road"  # 村村通道路
    GRAIN_SUBSIDY = "grain_subsidy"  # 种粮直补
    DIBAO = "dibao"  # 低保评议
    PUBLIC_WORKS = "public_works"  # 一事一议
    LAND = "land"  # 土地承包与流转
    COLLECTIVE_ASSETS = "collective_assets"  # 集体资产
    HOMESTEAD = "homestead"  # 宅基地
    LAND_COMPENSATION = "land_compensation"  # 征地补偿
    RELIEF = "relief"  # 救灾救济
    OTHER = "other"  # 其他


class Source(str, Enum):
    """动议事由: where the proposal came from."""

    MEMBERS_AND_MASSES = "members_and_masses"  # 党员群众建议
    CADRES = "cadres"  # 村干部提议
    HIGHER_LEVEL = "higher_level"  # 上级党委政府安排


class MeetingForm(str, Enum):
    """会议形式."""

    IN_PERSON = "in_person"  # 现场会议
    REMOTE_VOTING = "remote_voting"  # 现场+远程表决


class VoteMethod(str, Enum):
    """How a disagreement or resolution was put to the vote."""

    VOICE = "voice"  # 口头表决
    HANDS = "hands"  # 举手表决
    BALLOT = "ballot"  # 无记名投票


class Assembly(str, Enum):
    """Which body resolves at step 4."""

    REPRESENTATIVES = "representatives"  # 村民代表会议
    VILLAGERS = "villagers"  # 村民会议
