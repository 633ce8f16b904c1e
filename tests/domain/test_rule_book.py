"""A rule in one place (issue 12): declared once, defaults for profiles that omit it, few files."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from domain_builders import PROFILES

from village_tui.domain import checks_disclosure, checks_meetings, checks_steps, roster_check
from village_tui.domain.messages import rules as catalogue
from village_tui.domain.messages.rule_text import RULE_WHAT
from village_tui.domain.rule_book import default_entries, rule_book
from village_tui.domain.rules import RULE_IDS
from village_tui.profiles import load_profile

PACKAGE = Path(__file__).resolve().parents[2] / "village_tui"
RULE_MODULES = (checks_steps, checks_meetings, roster_check, checks_disclosure)
# Where a rule's id may be written: the module that declares and checks it, the domain's
# message catalogue, and the profile files. Nothing else names a rule.
ALLOWED_KINDS = ("its module", "domain/messages/", "profiles/*.json")


def _files_naming(rule_id: str, root: Path = PACKAGE) -> set[str]:
    quoted = re.compile(rf"[\"']{re.escape(rule_id)}[\"':]")
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.suffix in (".py", ".json") and quoted.search(path.read_text(encoding="utf-8"))
    }


def _module_of(rule_id: str) -> str:
    (module,) = [m for m in RULE_MODULES if rule_id in {r.id for r in m.RULES}]
    return Path(module.__file__).relative_to(PACKAGE).as_posix()


def test_every_rule_is_declared_by_exactly_one_rule_module():
    declared = [r.id for m in RULE_MODULES for r in m.RULES]
    assert sorted(declared) == sorted(RULE_IDS) == sorted(set(declared))


def _stray(rule_id: str, found: set[str]) -> set[str]:
    return {
        f
        for f in found - {_module_of(rule_id)}
        if not f.startswith("domain/messages/")
        and not (f.startswith("profiles/") and f.endswith(".json"))
    }


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_a_rule_is_named_only_by_its_module_its_messages_and_the_profiles(rule_id):
    found = _files_naming(rule_id)
    stray = _stray(rule_id, found)
    assert not stray, f"{rule_id} is also written in {sorted(stray)}"
    # The code a new rule needs: its module and at most two message files (what it says,
    # what it checks in words). If this grows, adding a rule got harder: do not raise it.
    code = {f for f in found if not f.startswith("profiles/")}
    assert len(code) <= 3, sorted(code)
    assert len(ALLOWED_KINDS) == 3


def test_the_files_check_sees_a_stray_copy(tmp_path):
    # The test above must be able to fail: a copy of a rule id in a form (as posting_form.py
    # had one) is found and is stray; the declaring module and the catalogue are not.
    (tmp_path / "tui").mkdir()
    (tmp_path / "tui" / "form.py").write_text('RULE = {5: "posting.result_period"}\n')
    (tmp_path / "domain" / "messages").mkdir(parents=True)
    (tmp_path / "domain" / "checks_steps.py").write_text('Rule("posting.result_period", D)\n')
    (tmp_path / "domain" / "messages" / "rules.py").write_text('{"posting.result_period:x": 1}\n')
    found = _files_naming("posting.result_period", tmp_path)
    assert len(found) == 3
    assert _stray("posting.result_period", found) == {"tui/form.py"}


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_words_in_both_languages(rule_id):
    zh, en = RULE_WHAT[rule_id]
    assert zh.strip() and en.strip() and zh != en
    template = catalogue.template(rule_id)
    assert template["zh"].strip() and template["en"].strip()
    assert rule_book()[rule_id].citation  # a citation key that resolves (default_entries)
    assert default_entries()[rule_id]["citation"]["zh"]


def test_national_profile_states_the_declared_defaults():
    # national.json is the readable national floor; it may not drift from the declarations.
    shipped = json.loads((PACKAGE / "profiles" / "national.json").read_text(encoding="utf-8"))
    defaults = default_entries()
    for rule_id, entry in shipped["rules"].items():
        assert entry == defaults[rule_id], rule_id


@pytest.mark.parametrize("profile", PROFILES)
def test_every_rule_in_the_rules_output_has_a_class_a_citation_and_both_messages(profile):
    from io import StringIO

    from rich.console import Console

    from village_tui.cli.rules_table import print_profile

    shown: dict[str, set[str]] = {}
    for lang in ("zh", "en"):
        out = StringIO()
        print_profile(load_profile(profile), lang, Console(file=out, width=400))
        for line in out.getvalue().splitlines():
            cells = [c.strip() for c in line.split("│")]
            if len(cells) == 6 and cells[1] in RULE_IDS:
                shown.setdefault(cells[1], set()).add(lang)
                rule_id, what, severity, citation = cells[1:5]
                assert what and severity and citation, line
    assert set(shown) == set(RULE_IDS)
    assert all(langs == {"zh", "en"} for langs in shown.values())
    for rule_id in RULE_IDS:
        params = load_profile(profile).rule(rule_id)
        assert params.severity.value in ("invalid", "defect", "warning")
        assert params.citation_zh.strip() and params.citation_en.strip()


def test_the_domain_imports_nothing_outside_the_domain():
    for path in (PACKAGE / "domain").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        depth = len(path.relative_to(PACKAGE / "domain").parts)  # 1 for domain/x.py
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                assert node.level <= depth, f"{path.name}: from {'.' * node.level}{node.module}"
            elif isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("village_tui"), path.name
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("village_tui") for a in node.names), path.name


def test_help_words_the_active_profiles_thresholds():
    from village_tui.i18n.tui import help_text

    national, henan = load_profile("national"), load_profile("henan-4+2")
    assert "党员大会到会人数：应到人数的过半数" in help_text(national)
    assert "党员大会到会人数：应到人数的三分之二以上（含）" in help_text(henan)
    assert "至少公示7天" in help_text(henan) and "至少公示7天" not in help_text(national)
    assert "村民会议提前通知：提前10天" in help_text(henan)
    assert "within 30 days" in help_text(national, "en")
    assert "{rules:" not in help_text(national) + help_text(henan, "en")
