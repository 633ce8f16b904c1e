"""The sheets of the backlog workbook and their columns: one table for the template and the reader."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n.backlog import CHOICES, COLUMNS, SHEETS
from ..i18n.common import CATEGORIES

TEXT, INT, DATE, YUAN, BOOL, CHOICE = "text", "int", "date", "yuan", "bool", "choice"
NUMBER_CHARS = 40  # a matter's 编号 is printed on every line about it
CELL_CHARS = 10_000  # any other cell: minutes run a few pages, not more


@dataclass(frozen=True)
class Column:
    """One column: its key (the JSON key, and the model field where there is one) and its kind."""

    key: str
    kind: str = TEXT
    required: bool = False
    choices: str = ""  # a key of choice_lists() for CHOICE columns
    width: int = 14
    limit: int = CELL_CHARS  # characters; a longer cell is refused, not cut

    @property
    def header(self) -> str:
        return COLUMNS[self.key][0]

    @property
    def note(self) -> str:
        return COLUMNS[self.key][1]


@dataclass(frozen=True)
class Sheet:
    """One sheet: matters, meetings, postings or implementation entries."""

    key: str
    columns: tuple[Column, ...]

    @property
    def title(self) -> str:
        return SHEETS[self.key]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


MATTERS = Sheet(
    "matters",
    (
        Column("number", required=True, width=10, limit=NUMBER_CHARS),
        Column("title", required=True, width=30),
        Column("category", CHOICE, required=True, choices="category"),
        Column("source", CHOICE, required=True, choices="source", width=18),
        Column("opened_on", DATE, width=12),
        Column("planned_yuan", YUAN),
        Column("personal_data", BOOL, width=12),
        Column("description", width=30),
    ),
)
MEETINGS = Sheet(
    "meetings",
    (
        Column("matter", required=True, width=10, limit=NUMBER_CHARS),
        Column("step", CHOICE, required=True, choices="meeting_step", width=22),
        Column("held_on", DATE, required=True, width=12),
        Column("place", width=16),
        Column("assembly", CHOICE, choices="assembly"),
        Column("form", CHOICE, choices="form"),
        Column("vote_method", CHOICE, choices="vote_method"),
        Column("expected", INT, required=True, width=8),
        Column("present", INT, required=True, width=8),
        Column("votes_for", INT, width=8),
        Column("votes_against", INT, width=8),
        Column("votes_abstain", INT, width=8),
        Column("content", width=30),
        Column("minutes", width=30),
        Column("officials", width=24),
        Column("plan_sent_on", DATE, width=12),
        Column("notice_given_on", DATE, width=12),
        Column("merged_with_proposal", BOOL, width=10),
    ),
)
POSTINGS = Sheet(
    "postings",
    (
        Column("matter", required=True, width=10, limit=NUMBER_CHARS),
        Column("step", CHOICE, required=True, choices="posting_step", width=16),
        Column("posted_on", DATE, required=True, width=12),
        Column("until", DATE, required=True, width=12),
        Column("places", width=20),
        Column("content", width=30),
        Column("situation", width=20),
        Column("supervisory_opinion", width=20),
        Column("supervisors", width=16),
        Column("results", width=30),
        Column("spent_yuan", YUAN),
    ),
)
IMPLEMENTATION = Sheet(
    "implementation",
    (
        Column("matter", required=True, width=10, limit=NUMBER_CHARS),
        Column("kind", CHOICE, required=True, choices="implementation_kind", width=12),
        Column("on", DATE, required=True, width=12),
        Column("description", width=30),
        Column("spent_yuan", YUAN),
        Column("contractor", width=20),
        Column("contract_ref", width=14),
    ),
)
SHEETS_IN_ORDER = (MATTERS, MEETINGS, POSTINGS, IMPLEMENTATION)


def choice_lists() -> dict[str, tuple[tuple[str, str], ...]]:
    """Every drop-down list as (label, value) pairs; categories from the one shared table."""
    categories = tuple((zh, key) for key, (zh, _en) in CATEGORIES.items())
    return {"category": categories, **CHOICES}
