"""Rule profiles: the shipped ones, a county's own file, and malformed ones."""

from __future__ import annotations

import json
from datetime import date

import pytest
from domain_builders import VILLAGE, change, findings, rule_ids, state

from village_tui import profiles
from village_tui.domain.findings import Severity
from village_tui.domain.profile import Fraction, merge_profile_dicts, parse_profile
from village_tui.domain.rules import RULE_IDS
from village_tui.domain.steps import Step
from village_tui.profiles import UnknownProfile, available_profiles, load_profile


def _write(folder, name, data):
    (folder / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _national_dict():
    return json.loads(
        (profiles.files("village_tui.profiles") / "national.json").read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("name", ["national", "henan-4+2"])
def test_shipped_profiles_load_complete(name):
    profile = load_profile(name)
    assert profile.id == name
    assert set(profile.rules) == set(RULE_IDS)
    assert profile.name_zh and profile.name_en
    for rule_id in RULE_IDS:
        params = profile.rule(rule_id)
        assert params.citation_zh and params.citation_en


def test_available_profiles_lists_the_shipped_ones():
    assert {"national", "henan-4+2"} <= set(available_profiles())


def test_henan_extends_national():
    national, henan = load_profile("national"), load_profile("henan-4+2")
    assert henan.money_threshold_fen == 5_000_000
    assert national.money_threshold_fen is None
    assert henan.rule("quorum.party_assembly").threshold == Fraction(2, 3, True)
    assert national.rule("quorum.party_assembly").threshold == Fraction(1, 2, False)
    assert henan.rule("quorum.representatives") == national.rule("quorum.representatives")
    # Henan's implementing measures follow art. 26: more than half of those present.
    assert henan.rule("majority.representatives") == national.rule("majority.representatives")
    assert national.rule("majority.representatives").basis == "present"
    assert "地方实践" in henan.rule("posting.resolution_period").citation_zh


@pytest.mark.parametrize(
    ("name", "rule_id", "category", "days"),
    [
        ("national", "posting.resolution_period", "road", 0),
        ("national", "posting.resolution_period", "dibao", 0),
        ("henan-4+2", "posting.resolution_period", "dibao", 7),
        ("national", "posting.resolution_period", "land_compensation", 30),
        ("national", "posting.result_period", "land_compensation", 0),
        ("henan-4+2", "posting.resolution_period", "road", 7),
        ("henan-4+2", "posting.resolution_period", "land_compensation", 30),
        ("henan-4+2", "posting.result_period", "road", 7),
    ],
)
def test_posting_days_per_category(name, rule_id, category, days):
    assert load_profile(name).posting_days(rule_id, category) == days


def test_category_override_merges_into_the_rule():
    national = load_profile("national")
    assert not national.rule("majority.land_two_thirds", "road").enabled
    land = national.rule("majority.land_two_thirds", "land")
    assert land.enabled and land.threshold == Fraction(2, 3, True)
    assert "农村土地承包法" in land.citation_zh
    assert national.rule("posting.resolution_period", "dibao").severity is Severity.DEFECT
    assert "社会救助暂行办法" in national.rule("posting.resolution_period", "dibao").citation_zh


def test_county_profile_from_env_folder_needs_no_code_change(tmp_path, monkeypatch):
    county = {
        "id": "junxian",
        "extends": "henan-4+2",
        "name": {"zh": "浚县规则", "en": "Xun County rules"},
        "money_threshold_fen": 3_000_000,
        "rules": {"posting.resolution_period": {"days": 10}},
        "extra_categories": {"village_rules": {"zh": "村规民约", "en": "Village rules"}},
        "category_overrides": {"village_rules": {"posting.resolution_period": {"days": 15}}},
    }
    _write(tmp_path, "junxian", county)
    monkeypatch.setenv(profiles.ENV_VAR, str(tmp_path))
    assert "junxian" in available_profiles()
    profile = load_profile("junxian")
    assert profile.money_threshold_fen == 3_000_000
    assert profile.posting_days("posting.resolution_period", "road") == 10
    assert profile.posting_days("posting.resolution_period", "village_rules") == 15
    assert profile.rule("quorum.party_assembly").threshold == Fraction(2, 3, True)  # from henan
    assert "village_rules" in profile.known_categories
    assert profile.category_name("village_rules", "en") == "Village rules"
    # 10 days from 03-09 ends 03-19: the good matter's 03-16 posting is now short.
    st = change(state(), Step.IMPLEMENTATION, started_on=date(2025, 3, 20))
    found = findings(st, "junxian")
    assert rule_ids(found) == {"posting.resolution_period"}
    assert "不足10天" in found[0].message_zh


def test_user_config_folder_is_searched(tmp_path, monkeypatch):
    import platformdirs

    config = tmp_path / "config"
    (config / "profiles").mkdir(parents=True)
    _write(
        config / "profiles",
        "mine",
        {"id": "mine", "extends": "national", "name": {"zh": "我的", "en": "Mine"}, "rules": {}},
    )
    monkeypatch.setattr(platformdirs, "user_config_path", lambda *a, **k: config)
    profiles.clear_cache()
    assert load_profile("mine").rule("quorum.representatives").threshold == Fraction(2, 3, True)


def test_unknown_profile():
    with pytest.raises(UnknownProfile) as info:
        load_profile("atlantis")
    assert isinstance(info.value, ValueError)
    assert info.value.message("zh") == "找不到规则配置“atlantis”"
    assert info.value.message("en") == "No rule profile called 'atlantis'"


@pytest.mark.parametrize(
    ("change_", "needle"),
    [
        (
            lambda d: d["rules"]["quorum.representatives"].update(severity="fatal"),
            "rules.quorum.representatives.severity",
        ),
        (lambda d: d["rules"]["quorum.representatives"].update(treshold={}), "'treshold'"),
        (
            lambda d: d["rules"]["quorum.representatives"].update(threshold={"num": 2, "den": 3}),
            "rules.quorum.representatives.threshold",
        ),
        (
            lambda d: d["rules"]["quorum.representatives"].update(
                threshold={"num": 4, "den": 3, "inclusive": True}
            ),
            "threshold",
        ),
        (
            lambda d: d["rules"]["quorum.representatives"].update(basis="everyone"),
            "rules.quorum.representatives.basis",
        ),
        (
            lambda d: d["rules"]["posting.result_period"].update(days=-1),
            "rules.posting.result_period.days",
        ),
        (
            lambda d: d["rules"]["posting.result_period"].update(days="7"),
            "rules.posting.result_period.days",
        ),
        (
            lambda d: d["rules"]["posting.result_period"].pop("citation"),
            "rules.posting.result_period.citation",
        ),
        (
            lambda d: d["rules"].update({"quorum.martians": d["rules"]["order.dates"]}),
            "rules.quorum.martians: unknown rule",
        ),
        (lambda d: d.update(money_threshold_fen=1.5), "money_threshold_fen"),
        (lambda d: d.update(colour="red"), "'colour'"),
        (lambda d: d.update(name="national"), "'name'"),
        (
            lambda d: d["category_overrides"].update(spaceships={}),
            "category_overrides.spaceships: unknown category",
        ),
        (
            lambda d: d["category_overrides"]["land"].update(
                {"majority.land_two_thirds": {"enabled": "yes"}}
            ),
            "category_overrides.land.majority.land_two_thirds.enabled",
        ),
        (lambda d: d.update(extra_categories={"x": {"zh": "某"}}), "extra_categories.x"),
    ],
)
def test_malformed_profile_names_the_bad_key(change_, needle):
    data = _national_dict()
    change_(data)
    with pytest.raises(ValueError) as info:
        parse_profile(data, known_rules=RULE_IDS)
    assert needle in str(info.value)


def test_a_profile_that_omits_a_rule_gets_its_default():
    # Issue 12: a county profile, with `extends` or without, that omits a rule (one added
    # after it was written) gets the rule's declared default instead of failing to load.
    data = _national_dict()
    del data["rules"]["posting.result_period"]
    assert parse_profile(data, known_rules=RULE_IDS).rule("posting.result_period") == (
        load_profile("national").rule("posting.result_period")
    )


def test_a_county_profile_without_extends_loads_with_defaults(tmp_path, monkeypatch):
    county = {
        "id": "lone",
        "name": {"zh": "a", "en": "b"},
        "rules": {"order.dates": {"severity": "blocking", "citation": {"zh": "x", "en": "x"}}},
    }
    _write(tmp_path, "lone", county)
    monkeypatch.setenv(profiles.ENV_VAR, str(tmp_path))
    lone, national = load_profile("lone"), load_profile("national")
    assert set(lone.rules) == set(RULE_IDS)
    assert lone.rule("order.dates").citation_zh == "x"
    for rule_id in set(RULE_IDS) - {"order.dates"}:
        assert lone.rule(rule_id) == national.rule(rule_id), rule_id


@pytest.mark.parametrize(
    ("files", "needle"),
    [
        ({"bad": "{not json"}, "bad.json: not valid JSON"),
        (
            {"bad": {"id": "bad", "extends": "nowhere", "rules": {}}},
            "'extends' names unknown profile 'nowhere'",
        ),
        (
            {"bad": {"id": "bad", "extends": "loop"}, "loop": {"id": "loop", "extends": "bad"}},
            "'extends' loops",
        ),
        (
            {
                "bad": {
                    "id": "other",
                    "extends": "national",
                    "name": {"zh": "a", "en": "a"},
                    "rules": {},
                }
            },
            "'id' is 'other'",
        ),
    ],
)
def test_malformed_profile_files(tmp_path, monkeypatch, files, needle):
    for name, data in files.items():
        text = data if isinstance(data, str) else json.dumps(data)
        (tmp_path / f"{name}.json").write_text(text, encoding="utf-8")
    monkeypatch.setenv(profiles.ENV_VAR, str(tmp_path))
    with pytest.raises(ValueError) as info:
        load_profile("bad")
    assert needle in str(info.value)
    assert not isinstance(info.value, UnknownProfile)


def test_merge_profile_dicts_merges_nested_and_replaces_fractions():
    base = {
        "id": "a",
        "rules": {
            "r": {
                "severity": "warning",
                "threshold": {"num": 1, "den": 2, "inclusive": False},
                "citation": {"zh": "甲", "en": "A"},
            }
        },
    }
    child = {
        "id": "b",
        "extends": "a",
        "rules": {
            "r": {"threshold": {"num": 2, "den": 3, "inclusive": True}, "citation": {"en": "B"}}
        },
    }
    merged = merge_profile_dicts(base, child)
    assert merged["id"] == "b" and merged["extends"] == "a"
    assert merged["rules"]["r"] == {
        "severity": "warning",
        "threshold": {"num": 2, "den": 3, "inclusive": True},
        "citation": {"zh": "甲", "en": "B"},
    }
    assert base["rules"]["r"]["citation"]["en"] == "A"  # inputs untouched


@pytest.mark.parametrize(
    ("frac", "total", "needed"),
    [
        (Fraction(2, 3, True), 45, 30),
        (Fraction(1, 2, False), 30, 16),
        (Fraction(1, 2, False), 66, 34),
        (Fraction(2, 3, True), 66, 44),
        (Fraction(4, 5, True), 45, 36),
        (Fraction(1, 3, True), 45, 15),
        (Fraction(1, 2, False), 31, 16),
        (Fraction(2, 3, True), 400, 267),
    ],
)
def test_fraction_needed(frac, total, needed):
    assert frac.needed(total) == needed
    assert frac.met(needed, total) and not frac.met(needed - 1, total)


def test_village_profile_default_is_national():
    assert VILLAGE.profile == "national"
