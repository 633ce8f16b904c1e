"""What the paper ledger (登记表) records, as plain dataclasses.

Dates are `datetime.date`, money is an int of fen (分), never a float.
`to_payload` / `from_payload` turn each record into the JSON that the ledger
stores and back, so an event's payload and the domain object are one shape.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from .steps import ORDER, Assembly, MeetingForm, Step, VoteMethod

T = TypeVar("T")


@dataclass(frozen=True)
class Roster:
    """The figures that quorum checks need (花名册). Each meeting keeps the 应到 it used."""

    party_members_voting: int = 0  # 有表决权党员
    committee_members: int = 0  # 两委成员
    rep_assembly_members: int = 0  # 村民代表会议组成人员
    representatives: int = 0  # 其中村民代表
    women_members: int = 0  # 其中妇女
    adult_villagers: int = 0  # 年满十八周岁村民
    households: int = 0  # 户数


ROSTER_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Roster))


@dataclass(frozen=True)
class Village:
    """A village and the rule profile it chose."""

    code: str  # 12-digit 统计用区划代码
    name: str
    township_code: str
    township_name: str
    county_code: str
    county_name: str
    profile: str = "national"
    roster: Roster = field(default_factory=Roster)


@dataclass(frozen=True)
class Matter:
    """One major village matter (村级重大事项)."""

    id: str
    title: str
    category: str
    source: str
    description: str = ""
    planned_fen: int = 0
    personal_data: bool = False  # e.g. a 低保 recipient list: notices mask IDs and phones
    opened_on: date | None = None


@dataclass(frozen=True)
class Official:
    """A township official present at a meeting (乡镇参会人员)."""

    name: str
    post: str


@dataclass(frozen=True)
class Meeting:
    """Steps 1-4: a meeting, as the sign-in sheet and minutes record it."""

    held_on: date
    place: str = ""
    form: str = MeetingForm.IN_PERSON.value
    vote_method: str = VoteMethod.HANDS.value
    expected: int = 0  # 应到
    expected_basis: str = ""  # the Roster field 应到 was taken from
    expected_note: str = ""  # why 应到 differs from the roster's figure, when typed by hand
    present: int = 0  # 实到
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    content: str = ""  # 提议内容 / 商议意见 / 审议意见 / 决议内容
    minutes: str = ""
    officials: tuple[Official, ...] = ()
    merged_with_proposal: bool = False  # step 2 held together with step 1 (一肩挑)
    plan_sent_on: date | None = None  # step 3: plan sent to members beforehand
    assembly: str = Assembly.REPRESENTATIVES.value  # step 4
    households_represented: int | None = None  # step 4, 村民会议 by household representatives
    notice_given_on: date | None = None  # step 4, 村民会议 needs 10 days' notice
    # Step 4 representative assembly composition on the day (组织法 art. 25-26).
    representatives_among_members: int | None = None
    women_among_members: int | None = None


@dataclass(frozen=True)
class Posting:
    """Steps 5 and 6: a public notice (公开/公示)."""

    posted_on: date
    until: date
    places: tuple[str, ...] = ()  # 村务公开栏, 广播, 微信群 ...
    content: str = ""
    situation: str = ""  # 公开情况
    supervisory_opinion: str = ""  # 村务监督委员会意见
    supervisors: str = ""  # who signed for the committee
    results: str = ""  # step 6: what was done
    spent_fen: int | None = None  # step 6: money spent, as disclosed


@dataclass(frozen=True)
class Implementation:
    """Implementation between steps 5 and 6: the contract and its start."""

    started_on: date
    contractor: str = ""
    contract_ref: str = ""
    note: str = ""


@dataclass(frozen=True)
class ProgressEntry:
    """One line of implementation progress, with the money spent in it."""

    id: str
    on: date
    description: str = ""
    spent_fen: int = 0
    reversed: bool = False  # struck out by a reversal entry: kept, but no longer counted


@dataclass(frozen=True)
class Completion:
    """The matter's implementation is finished (竣工/完成)."""

    completed_on: date
    summary: str = ""


@dataclass(frozen=True)
class Objection:
    """An objection raised while a notice is posted, and the reply to it."""

    id: str
    step: str  # Step.RESOLUTION_DISCLOSURE or Step.RESULT_DISCLOSURE
    received_on: date
    content: str = ""
    reply: str = ""
    replied_on: date | None = None


StepRecord = Meeting | Posting | Implementation


def record_date(record: StepRecord) -> date:
    """The date a step happened on: meeting held, notice posted, implementation started."""
    if isinstance(record, Meeting):
        return record.held_on
    if isinstance(record, Posting):
        return record.posted_on
    return record.started_on


@dataclass(frozen=True)
class Attempt:
    """One recorded try at a step: a meeting held (valid or not) or a notice posted.

    `invalid` names the rules that kept it from counting (it must be held again),
    `defects` those the township must see cured. A later attempt at the same
    step supersedes it: that is how a defect is cured.
    """

    seq: int  # the event that first recorded it
    step: str
    on: date
    valid: bool = True
    invalid: tuple[str, ...] = ()
    defects: tuple[str, ...] = ()
    superseded_by: int | None = None  # seq of the later attempt at the same step


_STEP_INDEX = {step: i for i, step in enumerate(ORDER)}

RECORD_TYPES: dict[Step, type] = {
    Step.PROPOSAL: Meeting,
    Step.JOINT_MEETING: Meeting,
    Step.PARTY_ASSEMBLY: Meeting,
    Step.RESOLUTION: Meeting,
    Step.RESOLUTION_DISCLOSURE: Posting,
    Step.IMPLEMENTATION: Implementation,
    Step.RESULT_DISCLOSURE: Posting,
}


@dataclass
class MatterState:
    """Everything recorded for one matter: what the evaluator checks and the screens show."""

    matter: Matter
    steps: dict[Step, StepRecord] = field(default_factory=dict)
    progress: list[ProgressEntry] = field(default_factory=list)
    completion: Completion | None = None
    objections: list[Objection] = field(default_factory=list)
    acknowledged: dict[Step, frozenset[str]] = field(default_factory=dict)
    review_state: str = "pending"  # pending | approved | returned | reopened
    review_comment: str = ""
    attempts: list[Attempt] = field(default_factory=list)  # every try, oldest first

    @property
    def spent_fen(self) -> int:
        """Money spent so far: the progress entries not reversed."""
        return sum(p.spent_fen for p in self.progress if not p.reversed)

    def attempts_at(self, step: Step) -> list[Attempt]:
        """The tries recorded for `step`, oldest first."""
        return [a for a in self.attempts if a.step == step.value]

    @property
    def reached(self) -> Step | None:
        """The furthest step recorded."""
        return max(self.steps, key=_STEP_INDEX.__getitem__) if self.steps else None

    @property
    def next_step(self) -> Step | None:
        """The step to record next, or None when the results have been disclosed."""
        reached = self.reached
        if reached is None:
            return Step.PROPOSAL
        return reached.next()


# --- payload conversion -------------------------------------------------------


def to_payload(obj: Any) -> Any:
    """A dataclass (or a value inside one) as JSON-ready data."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_payload(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_payload(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k.value if isinstance(k, Enum) else k): to_payload(v) for k, v in obj.items()}
    return obj


class PayloadError(ValueError):
    """A payload that does not fit the record it claims to be."""


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, Callable[[Any, str], Any], str], ...]:
    # Resolving annotations and dispatching on types costs far more than the
    # conversion itself; imports and reports parse hundreds of thousands of
    # records, and a dataclass's fields never change, so each class is planned once.
    hints = typing.get_type_hints(cls)
    return tuple(
        (f.name, _converter(hints[f.name]), f"{cls.__name__}.{f.name}")
        for f in dataclasses.fields(cls)
    )


def from_payload(cls: type[T], data: Any) -> T:
    """Rebuild a dataclass from `to_payload` output; unknown keys are ignored, missing ones default."""
    if not isinstance(data, dict):
        raise PayloadError(f"{cls.__name__}: expected an object")
    kwargs = {}
    for name, convert, where in _fields(cls):
        if name in data:
            kwargs[name] = convert(data[name], where)
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise PayloadError(f"{cls.__name__}: {exc}") from None


def _convert(tp: Any, value: Any, where: str) -> Any:
    return _converter(tp)(value, where)


@functools.cache
def _converter(tp: Any) -> Callable[[Any, str], Any]:
    """A function (value, where) -> value that checks and converts a payload value to `tp`."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        optional = type(None) in args
        inner = _converter([a for a in args if a is not type(None)][0])

        def union(value: Any, where: str) -> Any:
            return None if value is None and optional else inner(value, where)

        return union
    if origin is tuple:
        item = _converter(typing.get_args(tp)[0])

        def tuple_of(value: Any, where: str) -> Any:
            if not isinstance(value, list):
                raise PayloadError(f"{where}: expected a list")
            return tuple(item(v, where) for v in value)

        return tuple_of
    if tp is date:
        return _to_date
    if dataclasses.is_dataclass(tp):
        return lambda value, where: from_payload(tp, value)
    if tp is bool:
        return _to_bool
    if tp is int:
        return _to_int
    if tp is str:
        return _to_str
    return lambda value, where: value


def _to_date(value: Any, where: str) -> date:
    if not isinstance(value, str):
        raise PayloadError(f"{where}: expected a date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PayloadError(f"{where}: not a date: {value!r}") from None


def _to_bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise PayloadError(f"{where}: expected true or false")
    return value


def _to_int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PayloadError(f"{where}: expected a whole number")
    return value


def _to_str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise PayloadError(f"{where}: expected text")
    return value


@functools.cache
def _defaults(cls: type) -> dict[str, Any]:
    return {
        f.name: f.default for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING
    }


def trusted_record(cls: type[T], values: dict[str, Any]) -> T:
    """`cls(**values)` for already checked values of a frozen record without factory defaults.

    A frozen dataclass's __init__ sets each field through object.__setattr__,
    about five times slower than filling the instance's dict at once; the
    county report builds tens of thousands of records from stored, validated
    data. `values` must hold every field without a default and nothing else.
    """
    obj = object.__new__(cls)
    fields = obj.__dict__
    fields.update(_defaults(cls))
    fields.update(values)
    return obj


def record_from_payload(step: Step, data: Any) -> StepRecord:
    """The step's record type rebuilt from its payload."""
    return from_payload(RECORD_TYPES[step], data)
