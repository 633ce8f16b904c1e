"""The roster's labels live in `i18n.roster`; every screen, message and option reads them there."""

from __future__ import annotations

from village_tui.cli.core import ROSTER_OPTIONS
from village_tui.domain.model import ROSTER_FIELDS
from village_tui.domain.validate import COUNT_LABELS
from village_tui.i18n import history, tui
from village_tui.i18n.roster import (
    ROSTER_COUNT_LABELS,
    ROSTER_LABELS,
    ROSTER_OPTION_HELP,
    ROSTER_SHORT_LABELS,
)


def test_every_roster_figure_has_each_label_in_both_languages():
    for table in (ROSTER_LABELS, ROSTER_COUNT_LABELS, ROSTER_SHORT_LABELS):
        assert tuple(table) == ROSTER_FIELDS
        assert all(zh and en and zh != en for zh, en in table.values())
    assert tuple(ROSTER_OPTION_HELP) == ROSTER_FIELDS


def test_the_history_the_checks_the_form_and_the_cli_read_the_one_catalogue():
    for name in ROSTER_FIELDS:
        assert history.FIELDS[name] is ROSTER_LABELS[name]
        assert COUNT_LABELS[name] is ROSTER_COUNT_LABELS[name]
        zh, en = ROSTER_SHORT_LABELS[name]
        assert (tui.MESSAGES[f"roster.{name}"]["zh"], tui.MESSAGES[f"roster.{name}"]["en"]) == (
            zh,
            en,
        )
    assert tuple(ROSTER_OPTION_HELP.items()) == ROSTER_OPTIONS


def test_the_labels_say_what_the_clerk_reads_on_the_roll():
    assert ROSTER_LABELS["party_members_voting"] == ("有表决权党员", "Voting Party members")
    assert ROSTER_COUNT_LABELS["representatives"] == ("村民代表人数", "Representatives")
    assert ROSTER_SHORT_LABELS["women_members"] == ("其中妇女", "of whom women")
    assert ROSTER_OPTION_HELP["rep_assembly_members"] == "村民代表会议组成人员人数"
