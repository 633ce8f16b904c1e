"""Rule ids stay off the clerk's Chinese screens and tables; English (the technical view) has them."""

from __future__ import annotations

from village_tui.domain.findings import Finding, Severity
from village_tui.domain.steps import Step
from village_tui.tui.widgets.findings_view import finding_text

F = Finding(
    "quorum.party_assembly",
    Severity.INVALID,
    Step.PARTY_ASSEMBLY,
    "到会党员 14 人，未过半数",
    "14 members present, not more than half",
    "中国共产党农村基层组织工作条例第二十条",
    "CPC rural organisation rules, art. 20",
)


def test_a_chinese_finding_cites_the_law_without_the_rule_id():
    text = finding_text(F, "zh").plain
    assert text == "✗ 不生效：到会党员 14 人，未过半数  〔中国共产党农村基层组织工作条例第二十条〕"


def test_an_english_finding_names_the_rule():
    text = finding_text(F, "en").plain
    assert text.endswith("  [quorum.party_assembly; CPC rural organisation rules, art. 20]")


def test_the_township_may_ask_for_the_ids():
    assert "quorum.party_assembly" in finding_text(F, "zh", ids=True).plain


def test_the_county_blocking_table_names_rules_in_words():
    from village_tui.reports.tables import _rule

    assert _rule("order.dates", "zh") == "各步骤日期先后有序"
    assert _rule("order.dates", "en") == "order.dates"
    assert _rule("county.own_rule", "zh") == "county.own_rule"  # a county's own rule: its id
