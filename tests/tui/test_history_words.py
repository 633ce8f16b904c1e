"""The history names codes and rules in the interface language, never as raw codes."""

from __future__ import annotations

import pytest

from village_tui.i18n.history import show


@pytest.mark.parametrize(
    ("key", "value", "zh", "en"),
    [
        ("form", "in_person", "现场会议", "In person"),
        ("record.vote_method", "hands", "举手表决", "Show of hands"),
        ("category", "road", "村村通道路", "Roads"),
        ("source", "cadres", "村干部提议", "Village cadres' proposal"),
        ("assembly", "villagers", "村民会议", "Villagers' assembly"),
        ("expected_basis", "rep_assembly_members", "代表会议组成", "Rep. assembly members"),
        ("expected_basis", "manual", "手填", "Typed in"),
        (
            "verdict.invalid",
            ["quorum.representatives"],
            "村民代表会议到会人数",
            "Attendance at the representative assembly",
        ),
        (
            "acknowledged",
            ["order.dates", "county.own"],
            "各步骤日期先后有序；county.own",
            "Steps are dated in order; county.own",
        ),
    ],
)
def test_codes_are_named(key, value, zh, en):
    assert (show(key, value, "zh"), show(key, value, "en")) == (zh, en)


def test_a_county_category_and_free_text_stay_as_written():
    assert show("category", "county_x") == "county_x"
    assert show("place", "form.in_person") == "form.in_person"  # text typed by the clerk
    assert show("content", "in_person") == "in_person"
