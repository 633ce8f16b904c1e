"""Rule profiles: the thresholds, periods, severities and citations a province or county sets.

A profile is plain data (JSON shipped in `village_tui.profiles` or dropped in
a folder by a county). This module only parses and merges dicts; finding and
reading the files is the loader's job.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .findings import Severity
from .rule_book import default_entries, resolve_severity
from .steps import Category

BASES = frozenset({"expected", "present", "members"})
_FRACTION_KEYS = frozenset({"threshold", "households_threshold"})
_RULE_KEYS = frozenset(
    {"enabled", "severity", "citation", "basis", "days", "working_days", "percent"}
)
_TOP_KEYS = frozenset(
    {
        "id",
        "extends",
        "name",
        "description",
        "money_threshold_fen",
        "rules",
        "category_overrides",
        "extra_categories",
    }
)


@dataclass(frozen=True)
class Fraction:
    """A share such as "at least 2/3" (inclusive) or "more than half" (strict)."""

    num: int
    den: int
    inclusive: bool

    def needed(self, total: int) -> int:
        """The smallest count that satisfies the share of `total`."""
        if self.inclusive:
            return -(-total * self.num // self.den)
        return total * self.num // self.den + 1

    def met(self, count: int, total: int) -> bool:
        """Whether `count` out of `total` satisfies the share."""
        return count >= self.needed(total)


@dataclass(frozen=True)
class RuleParams:
    """One rule as a profile sets it, category override already applied."""

    rule_id: str
    enabled: bool
    severity: Severity
    citation_zh: str
    citation_en: str
    threshold: Fraction | None = None
    households_threshold: Fraction | None = None
    basis: str = "expected"
    days: int = 0
    working_days: bool = False
    percent: int = 0


@dataclass(frozen=True)
class Profile:
    """A parsed rule profile."""

    id: str
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str
    money_threshold_fen: int | None
    rules: Mapping[str, Mapping[str, Any]]
    category_overrides: Mapping[str, Mapping[str, Mapping[str, Any]]] = field(default_factory=dict)
    extra_categories: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def rule(self, rule_id: str, category: str | None = None) -> RuleParams:
        """The rule's parameters for a matter of `category` (KeyError if the profile lacks it)."""
        if rule_id not in self.rules:
            raise KeyError(f"profile {self.id!r} has no rule {rule_id!r}")
        raw = dict(self.rules[rule_id])
        override = self.category_overrides.get(category or "", {}).get(rule_id)
        if override:
            raw = _merge(raw, override)
        return _rule_params(rule_id, raw, f"rules.{rule_id}")

    def posting_days(self, rule_id: str, category: str | None = None) -> int:
        """The posting period in days a posting rule asks for (0 when the rule is off)."""
        params = self.rule(rule_id, category)
        return params.days if params.enabled else 0

    @property
    def known_categories(self) -> frozenset[str]:
        """Every category id a matter may have under this profile."""
        return frozenset(c.value for c in Category) | frozenset(self.extra_categories)

    def category_name(self, category: str, lang: str = "zh") -> str:
        """A county-added category's name, or the id itself (the UI names the built-in ones)."""
        names = self.extra_categories.get(category)
        return names.get(lang, category) if names else category


def merge_profile_dicts(base: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """`child` laid over `base`: nested objects merge key by key, anything else is replaced."""
    merged = _merge(base, child)
    merged["extends"] = child.get("extends")
    return merged


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(dict(base))
    for key, value in over.items():
        if (
            isinstance(value, Mapping)
            and isinstance(out.get(key), Mapping)
            and key not in _FRACTION_KEYS
        ):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def parse_profile(data: Mapping[str, Any], known_rules: Iterable[str] | None = None) -> Profile:
    """Check and parse a resolved profile dict; ValueError names the bad key.

    With `known_rules`, every rule must be known; a rule it omits gets its declared default.
    """
    if not isinstance(data, Mapping):
        raise ValueError("profile: expected a JSON object")
    for key in data:
        if key not in _TOP_KEYS:
            raise ValueError(f"profile: unknown key {key!r}")
    pid = data.get("id")
    if not isinstance(pid, str) or not pid:
        raise ValueError("profile: 'id' must be a non-empty string")
    where = f"profile {pid!r}"
    name = _zh_en(data.get("name"), f"{where}: 'name'")
    desc = _zh_en(data.get("description", {"zh": "", "en": ""}), f"{where}: 'description'")
    threshold = data.get("money_threshold_fen")
    if threshold is not None and (not _is_int(threshold) or threshold < 0):
        raise ValueError(
            f"{where}: 'money_threshold_fen' must be a whole number of fen >= 0 or null"
        )
    rules = data.get("rules")
    if not isinstance(rules, Mapping) or not rules:
        raise ValueError(f"{where}: 'rules' must be a non-empty object")
    # A rule the profile omits (a county profile written before the rule existed) gets
    # the rule's declared default.
    rules = {**rules, **{k: v for k, v in default_entries().items() if k not in rules}}
    for rule_id, raw in rules.items():
        _rule_params(rule_id, raw, f"{where}: rules.{rule_id}")
    if known_rules is not None:
        known = set(known_rules)
        for rule_id in rules:
            if rule_id not in known:
                raise ValueError(f"{where}: rules.{rule_id}: unknown rule")
    extra = data.get("extra_categories", {})
    if not isinstance(extra, Mapping):
        raise ValueError(f"{where}: 'extra_categories' must be an object")
    for cat, names in extra.items():
        _zh_en(names, f"{where}: extra_categories.{cat}")
    overrides = data.get("category_overrides", {})
    if not isinstance(overrides, Mapping):
        raise ValueError(f"{where}: 'category_overrides' must be an object")
    categories = {c.value for c in Category} | set(extra)
    for cat, per_rule in overrides.items():
        if cat not in categories:
            raise ValueError(f"{where}: category_overrides.{cat}: unknown category")
        if not isinstance(per_rule, Mapping):
            raise ValueError(f"{where}: category_overrides.{cat} must be an object")
        for rule_id, over in per_rule.items():
            if rule_id not in rules:
                raise ValueError(f"{where}: category_overrides.{cat}.{rule_id}: unknown rule")
            if not isinstance(over, Mapping):
                raise ValueError(f"{where}: category_overrides.{cat}.{rule_id} must be an object")
            _rule_params(
                rule_id,
                _merge(rules[rule_id], over),
                f"{where}: category_overrides.{cat}.{rule_id}",
            )
    return Profile(
        id=pid,
        name_zh=name[0],
        name_en=name[1],
        description_zh=desc[0],
        description_en=desc[1],
        money_threshold_fen=threshold,
        rules=copy.deepcopy(dict(rules)),
        category_overrides=copy.deepcopy(dict(overrides)),
        extra_categories=copy.deepcopy(dict(extra)),
    )


def _rule_params(rule_id: str, raw: Any, where: str) -> RuleParams:
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: expected an object")
    for key in raw:
        if key not in _RULE_KEYS and key not in _FRACTION_KEYS:
            raise ValueError(f"{where}: unknown key {key!r}")
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ValueError(f"{where}.enabled: expected true or false")
    try:
        severity = resolve_severity(rule_id, raw.get("severity"))
    except ValueError:
        raise ValueError(f"{where}.severity: expected 'invalid', 'defect' or 'warning'") from None
    citation = _zh_en(raw.get("citation"), f"{where}.citation")
    basis = raw.get("basis", "expected")
    if basis not in BASES:
        raise ValueError(f"{where}.basis: expected one of {', '.join(sorted(BASES))}")
    days = raw.get("days", 0)
    if not _is_int(days) or days < 0:
        raise ValueError(f"{where}.days: expected a whole number >= 0")
    working = raw.get("working_days", False)
    if not isinstance(working, bool):
        raise ValueError(f"{where}.working_days: expected true or false")
    percent = raw.get("percent", 0)
    if not _is_int(percent) or percent < 0:
        raise ValueError(f"{where}.percent: expected a whole number >= 0")
    return RuleParams(
        rule_id=rule_id,
        enabled=enabled,
        severity=severity,
        citation_zh=citation[0],
        citation_en=citation[1],
        threshold=_fraction(raw.get("threshold"), f"{where}.threshold"),
        households_threshold=_fraction(
            raw.get("households_threshold"), f"{where}.households_threshold"
        ),
        basis=basis,
        days=days,
        working_days=working,
        percent=percent,
    )


def _fraction(raw: Any, where: str) -> Fraction | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping) or set(raw) != {"num", "den", "inclusive"}:
        raise ValueError(f"{where}: expected {{'num', 'den', 'inclusive'}}")
    num, den, inclusive = raw["num"], raw["den"], raw["inclusive"]
    if not (_is_int(num) and _is_int(den) and 0 < num <= den) or not isinstance(inclusive, bool):
        raise ValueError(
            f"{where}: expected 0 < num <= den (whole numbers) and inclusive true/false"
        )
    return Fraction(num, den, inclusive)


def _zh_en(raw: Any, where: str) -> tuple[str, str]:
    if not isinstance(raw, Mapping) or not all(isinstance(raw.get(k), str) for k in ("zh", "en")):
        raise ValueError(f"{where}: expected {{'zh': text, 'en': text}}")
    return raw["zh"], raw["en"]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
