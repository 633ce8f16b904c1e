"""The tables. `event` and `ledger_head` are the record; every other table is derived from it by `apply`."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class EventRow(SQLModel, table=True):
    """One ledger entry, stored exactly as it was hashed. Never updated, never deleted."""

    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("ledger", "seq", name="uq_event_ledger_seq"),
        # Each matter's positions from the index alone (the county report's check, migration 0006).
        Index("ix_event_matter_positions", "matter_id", "ledger", "seq", "type"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ledger: str = Field(index=True, max_length=64)
    seq: int
    type: str = Field(max_length=64)
    matter_id: str | None = Field(default=None, index=True, max_length=64)
    payload: str = Field(sa_column=Column(Text, nullable=False))
    actor: str = Field(max_length=128)
    recorded_at: str = Field(max_length=32)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)
    # Set on events signed by someone else's key (a township's review), kept as received.
    signature: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    signer: str | None = Field(default=None, max_length=128)


class LedgerHead(SQLModel, table=True):
    """The tip of each ledger: where the next event attaches. One row per ledger."""

    __tablename__ = "ledger_head"

    ledger: str = Field(primary_key=True, max_length=64)
    seq: int
    hash: str = Field(max_length=64)


class VillageRow(SQLModel, table=True):
    """A village as its set-up and roster events leave it."""

    __tablename__ = "village"

    code: str = Field(primary_key=True, max_length=12)
    name: str
    township_code: str = Field(index=True, max_length=9)
    township_name: str
    county_code: str = Field(index=True, max_length=6)
    county_name: str
    profile: str
    party_members_voting: int = 0
    committee_members: int = 0
    rep_assembly_members: int = 0
    representatives: int = 0
    women_members: int = 0
    adult_villagers: int = 0
    households: int = 0
    updated_seq: int = 0


class MatterRow(SQLModel, table=True):
    """A matter and the summary the dashboard and reports read."""

    __tablename__ = "matter"

    id: str = Field(primary_key=True, max_length=64)
    village_code: str = Field(foreign_key="village.code", index=True, max_length=12)
    title: str
    category: str = Field(index=True, max_length=64)
    source: str = Field(max_length=64)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    planned_fen: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    personal_data: bool = False
    opened_on: date | None = None
    reached: str | None = Field(default=None, max_length=32)  # furthest Step recorded
    reached_index: int = -1
    completed_on: date | None = None
    spent_fen: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    review_state: str = Field(default="pending", max_length=16)
    review_comment: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    review_seq: int | None = None  # the review event that set review_state
    # What the township decided and which version it saw, kept apart from review_state
    # so that the state comes out the same whatever order the two ledgers arrive in.
    review_verdict: str | None = Field(default=None, max_length=16)  # approved | returned
    reviewed_seq: int | None = None  # the village ledger's position the township reviewed
    corrected_seq: int = 0  # the last correction of this matter in the village ledger
    search_key: str = ""  # title, its pinyin initials and full pinyin, for the dashboard search
    # Every try at a step, valid or not, oldest first (JSON; see `apply._step_recorded`).
    attempts: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))
    opened_seq: int = 0
    updated_seq: int = 0


class StepRow(SQLModel, table=True):
    """The current version of one step's record; earlier versions live in the ledger."""

    __tablename__ = "step"
    __table_args__ = (UniqueConstraint("matter_id", "step", name="uq_step_matter_step"),)

    id: int | None = Field(default=None, primary_key=True)
    matter_id: str = Field(foreign_key="matter.id", index=True, max_length=64)
    step: str = Field(max_length=32)
    step_index: int
    on: date  # held_on, posted_on or started_on
    until: date | None = None  # postings only
    record: str = Field(sa_column=Column(Text, nullable=False))  # canonical JSON
    acknowledged: str = "[]"  # JSON list of rule ids the clerk confirmed
    version: int = 1
    seq: int  # the event that recorded this version
    actor: str = ""
    recorded_at: str = ""


class ProgressRow(SQLModel, table=True):
    """One implementation progress entry."""

    __tablename__ = "progress"

    id: str = Field(primary_key=True, max_length=64)
    matter_id: str = Field(foreign_key="matter.id", index=True, max_length=64)
    on: date
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    spent_fen: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    reversed: bool = False  # struck out by a reversal: kept, not counted
    seq: int


class ObjectionRow(SQLModel, table=True):
    """An objection to a posted notice, with its reply once there is one."""

    __tablename__ = "objection"

    id: str = Field(primary_key=True, max_length=64)
    matter_id: str = Field(foreign_key="matter.id", index=True, max_length=64)
    step: str = Field(max_length=32)
    received_on: date
    content: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    reply: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    replied_on: date | None = None
    seq: int


class CompletionRow(SQLModel, table=True):
    """Implementation finished."""

    __tablename__ = "completion"

    matter_id: str = Field(foreign_key="matter.id", primary_key=True, max_length=64)
    completed_on: date
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    seq: int


DERIVED_TABLES = ("completion", "objection", "progress", "step", "matter", "village")


class MatterFigureRow(SQLModel, table=True):
    """A matter's county-report figures as of one report date: a cache, never the record.

    Valid while `matter_seq` is the matter's last event in its village's ledger
    (read from `event`, not from `matter`), `as_of` the report's date and `basis`
    what the village's roster, its profile, the rule code, that event and the
    figures themselves hash to (`county.stored`); anything else means "work it
    out again". Review state is not here: the report works it out from the
    township's review events (`county.sources`).
    """

    __tablename__ = "matter_figure"

    matter_id: str = Field(primary_key=True, max_length=64)
    as_of: date
    matter_seq: int
    basis: str = Field(max_length=64)
    reached: str = Field(max_length=32)  # furthest step by as_of, or "none"
    blocking: str = ""  # rule ids of blocking findings, comma-separated, sorted
    honoured: int = 0
    missed: int = 0
    spent_fen: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    resolved_fen: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    to_resolution: int | None = None
    to_result: int | None = None
    overdue_step: str | None = Field(default=None, max_length=32)
    overdue_due: date | None = None
    retried: int = 0  # 1 when some step needed more than one attempt


# Worked out from the derived tables for speed; emptied by `rebuild`, never compared.
CACHE_TABLES = ("matter_figure",)


class SettingRow(SQLModel, table=True):
    """Facts about this database itself: its role (village, township, county), its own village."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(sa_column=Column(Text, nullable=False))
