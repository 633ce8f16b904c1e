"""公示: masked personal data, the resolution's figures and period, plain text and self-contained HTML."""

from __future__ import annotations

from datetime import date

import pytest

from tests.tui.helpers import VILLAGE
from village_tui.domain.model import (
    Completion,
    Matter,
    MatterState,
    Meeting,
    Posting,
    ProgressEntry,
)
from village_tui.domain.steps import Step
from village_tui.notices import (
    build_notice,
    mask_id,
    mask_personal,
    mask_phone,
    notice_html,
    notice_text,
)
from village_tui.notices.files import write_notices


def test_masks():
    assert mask_id("410621199001011234") == "4106**********1234"
    assert mask_phone("13812345678") == "138****5678"
    text = "张三 410621199001011234 电话13812345678；李四 41062119900101123X 138-1234-5678"
    masked = mask_personal(text)
    assert "4106**********1234" in masked and "4106**********123X" in masked
    assert "138****5678" in masked
    assert "199001011234" not in masked and "12345678" not in masked.replace("*", "")


def test_ordinary_numbers_are_not_masked():
    assert (
        mask_personal("补助金额 1200 元，共 35 户，2024-03-01")
        == "补助金额 1200 元，共 35 户，2024-03-01"
    )


def _state() -> MatterState:
    m = Matter(
        id="m1",
        title="2024年低保评议",
        category="dibao",
        source="cadres",
        description="拟纳入：王某 410621199001011234，电话 13812345678",
        personal_data=True,
    )
    return MatterState(
        matter=m,
        steps={
            Step.RESOLUTION: Meeting(
                held_on=date(2024, 3, 8),
                expected=45,
                present=40,
                votes_for=38,
                votes_against=1,
                votes_abstain=1,
                content="同意王某纳入低保",
            ),
            Step.RESOLUTION_DISCLOSURE: Posting(
                posted_on=date(2024, 3, 9), until=date(2024, 3, 16), places=("村务公开栏", "微信群")
            ),
        },
        progress=[ProgressEntry(id="p", on=date(2024, 4, 1), spent_fen=123450)],
        completion=Completion(completed_on=date(2024, 4, 10), summary="已发放"),
    )


def test_resolution_notice_text():
    text = notice_text(
        build_notice(VILLAGE, _state(), Step.RESOLUTION_DISCLOSURE, date(2024, 3, 9))
    )
    assert "示例新华村关于“2024年低保评议”决议的公示" in text
    assert "赞成38人，反对1人，弃权1人" in text
    assert "2024-03-09至2024-03-16（7天）" in text
    assert "村务公开栏、微信群" in text
    assert "善堂镇人民政府" in text  # where to object
    assert "4106**********1234" in text and "138****5678" in text
    assert "410621199001011234" not in text


def test_result_notice_and_english():
    n = build_notice(VILLAGE, _state(), Step.RESULT_DISCLOSURE, date(2024, 4, 11), lang="en")
    text = notice_text(n)
    assert "1,234.50 yuan" in text and "2024-04-10" in text
    assert "from ________ to ________" in text  # step 6 not posted yet: blanks to fill in by hand


def test_html_is_self_contained_a4():
    html = notice_html(
        build_notice(VILLAGE, _state(), Step.RESOLUTION_DISCLOSURE, date(2024, 3, 9))
    )
    assert "size: A4" in html and 'charset="utf-8"' in html
    assert "http://" not in html and "https://" not in html and "<script" not in html
    assert "410621199001011234" not in html


def test_no_notice_for_a_meeting_step():
    with pytest.raises(ValueError):
        build_notice(VILLAGE, _state(), Step.RESOLUTION, date(2024, 3, 9))


def test_write_notices_beside_the_database(tmp_path):
    txt, html = write_notices(
        tmp_path, VILLAGE, _state(), Step.RESOLUTION_DISCLOSURE, date(2024, 3, 9)
    )
    assert txt.parent == tmp_path and txt.suffix == ".txt" and html.suffix == ".html"
    assert "决议公示" in txt.name
    assert "赞成38人" in txt.read_text(encoding="utf-8-sig")


def test_a_sealed_notice_carries_its_code_and_qr(tmp_path):
    from village_tui.notices.seal import Seal, content_hash, parse_payload

    step = Step.RESOLUTION_DISCLOSURE
    digest = content_hash(VILLAGE.code, "m1", step, [("matter", "x")], "0" * 64)
    seal = Seal(VILLAGE.code, 9, step, "m1", digest, bytes(14), bytes(64))
    txt, html = write_notices(tmp_path, VILLAGE, _state(), step, date(2024, 3, 9), seal=seal)
    text = txt.read_text(encoding="utf-8-sig")
    assert f"核验码：{seal.short_code()}\n" in text
    assert "village-tui verify-notice" in text
    page = html.read_text(encoding="utf-8")
    assert page.count("<svg") == 1 and seal.short_code() in page
    assert "http://" not in page and "https://" not in page and "<script" not in page
    assert parse_payload(seal.payload()) == seal


def test_an_unsealed_notice_has_no_code():
    text = notice_text(
        build_notice(VILLAGE, _state(), Step.RESOLUTION_DISCLOSURE, date(2024, 3, 9))
    )
    assert "核验码" not in text


def test_facts_are_what_the_notice_prints():
    from village_tui.notices.build import fact_text, notice_facts

    facts = notice_facts(_state(), Step.RESOLUTION_DISCLOSURE)
    assert dict(facts)["votes"] == [38, 1, 1]
    assert fact_text("votes", [38, 1, 1]) == "赞成38人，反对1人，弃权1人"
    assert fact_text("period", None) == "____年__月__日至____年__月__日"


def test_an_english_notice_has_an_english_file_name():
    from datetime import date

    from village_tui.domain.model import Matter, MatterState
    from village_tui.domain.steps import Step
    from village_tui.notices.files import notice_stem

    state = MatterState(
        matter=Matter(id="m1", title="West drain", category="road", source="cadres")
    )
    day = date(2026, 3, 9)
    assert (
        notice_stem(state, Step.RESULT_DISCLOSURE, day, "en")
        == "2026-03-09-West_drain-result-notice"
    )
    assert notice_stem(state, Step.RESOLUTION_DISCLOSURE, day, "en").endswith("-resolution-notice")
    assert notice_stem(state, Step.RESULT_DISCLOSURE, day) == "2026-03-09-West_drain-结果公示"


def _spent_state() -> MatterState:
    from dataclasses import replace

    s = _state()
    return replace(
        s,
        matter=replace(s.matter, planned_fen=200000),
        progress=[
            ProgressEntry(
                id="b", on=date(2024, 4, 5), description="水泥 王某 13812345678", spent_fen=30000
            ),
            ProgressEntry(id="a", on=date(2024, 4, 1), description="砂石", spent_fen=123450),
            ProgressEntry(
                id="x", on=date(2024, 4, 2), description="作废", spent_fen=99900, reversed=True
            ),
        ],
    )


def test_result_notice_lists_the_spending_entries_and_the_resolved_amount():
    n = build_notice(VILLAGE, _spent_state(), Step.RESULT_DISCLOSURE, date(2024, 4, 11))
    # Oldest first; a reversed entry is struck out of the list as out of the total.
    assert n.spending == [
        ("2024-04-01", "砂石", "1,234.50元"),
        ("2024-04-05", "水泥 王某 138****5678", "300.00元"),
    ]
    assert ("实际支出", "1,534.50元（决议计划金额2,000.00元）") in n.rows
    text = notice_text(n)
    assert "支出明细：\n  2024-04-01  砂石  1,234.50元\n  2024-04-05" in text
    assert "13812345678" not in text and "作废" not in text
    html = notice_html(n)
    assert "<caption>支出明细</caption>" in html and '<td class="num">300.00元</td>' in html


def test_the_resolution_notice_has_no_spending_and_no_planned_beside_nothing():
    n = build_notice(VILLAGE, _spent_state(), Step.RESOLUTION_DISCLOSURE, date(2024, 3, 9))
    assert n.spending == [] and "支出明细" not in notice_text(n)
    en = build_notice(VILLAGE, _state(), Step.RESULT_DISCLOSURE, date(2024, 4, 11), lang="en")
    assert ("Money spent", "1,234.50 yuan") in en.rows  # nothing planned: nothing beside it


def test_the_spending_list_does_not_change_what_the_seal_covers():
    from village_tui.notices.build import notice_facts

    keys = [k for k, _ in notice_facts(_spent_state(), Step.RESULT_DISCLOSURE)]
    assert keys == ["matter", "description", "planned", "results", "spent", "completed", "period"]


def test_room_for_the_supervisory_committee_to_write_sign_and_seal():
    n = build_notice(VILLAGE, _state(), Step.RESOLUTION_DISCLOSURE, date(2024, 3, 9))
    text = notice_text(n)
    assert "村务监督委员会意见：\n（请村务监督委员会手写意见）" in text
    assert "监督委员会主任（签名）：________________  （盖章）" in text
    html = notice_html(n)
    assert html.count('class="sealbox"') == 2  # the committee's and the villagers' committee's
    assert '<div class="opinion">' in html and 'class="signline"' in html


def test_a_recorded_opinion_is_not_asked_for_again_and_the_signer_is_printed():
    from dataclasses import replace

    s = _state()
    posting = replace(
        s.steps[Step.RESOLUTION_DISCLOSURE], supervisory_opinion="同意公示", supervisors="李某"
    )
    s = replace(s, steps={**s.steps, Step.RESOLUTION_DISCLOSURE: posting})
    n = build_notice(VILLAGE, s, Step.RESOLUTION_DISCLOSURE, date(2024, 3, 9))
    text = notice_text(n)
    assert "手写意见" not in text and "同意公示" in text
    assert "监督委员会主任（签名）：李某  （盖章）" in text
    html = notice_html(n)
    assert '<div class="opinion">' not in html and '<span class="line">李某</span>' in html


def test_the_html_prints_on_a4_without_cutting():
    html = notice_html(build_notice(VILLAGE, _state(), Step.RESULT_DISCLOSURE, date(2024, 4, 11)))
    assert "@page { size: A4; margin: 20mm 18mm; }" in html
    assert "overflow-wrap: anywhere" in html  # a long unbroken text wraps instead of running off
    assert "break-inside: avoid" in html  # the signature block is never split over two pages


def test_a_notice_is_dated_by_its_posting_not_by_the_day_it_is_printed(tmp_path):
    printed = date(2024, 5, 20)  # long after the posting of 2024-03-09
    n = build_notice(VILLAGE, _state(), Step.RESOLUTION_DISCLOSURE, printed)
    assert n.dated == "2024-03-09"
    assert notice_text(n).rstrip().endswith("2024-03-09")
    txt, _ = write_notices(tmp_path, VILLAGE, _state(), Step.RESOLUTION_DISCLOSURE, printed)
    assert txt.name.startswith("2024-03-09-")


def test_a_notice_not_yet_posted_is_dated_today():
    n = build_notice(VILLAGE, _state(), Step.RESULT_DISCLOSURE, date(2024, 4, 11))
    assert n.dated == "2024-04-11"  # step 6 has no posting recorded yet
