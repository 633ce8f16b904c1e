"""`village-tui rules`: a rule profile as Rich tables, every rule with its threshold and citation."""

from __future__ import annotations

from ..domain.messages.rule_text import describe
from ..domain.profile import Profile, RuleParams
from ..domain.rule_book import rule_book
from ..i18n import cli as t


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def requirement(params: RuleParams, profile: Profile, lang: str) -> str:
    """What the rule asks for, in words, with the profile's figures."""
    rule = rule_book().get(params.rule_id)
    return describe(params, rule, profile.money_threshold_fen, lang)


def _severity(params: RuleParams, lang: str) -> str:
    if not params.enabled:
        return _pick(t.ON_OFF[False], lang)
    return _pick(t.SEVERITY[params.severity.value], lang)


def _category(profile: Profile, category: str, lang: str) -> str:
    if category in t.CATEGORIES:
        return _pick(t.CATEGORIES[category], lang)
    return profile.category_name(category, lang)


def print_profile(profile: Profile, lang: str = "zh", console=None) -> None:
    """Print the profile: one row per rule, then the per-category overrides and the money threshold."""
    from rich.console import Console
    from rich.table import Table

    if console is None:
        console = Console()
        if not console.is_terminal:
            # Piped or captured: do not wrap citations at 80 columns.
            console = Console(width=200)
    h = {k: _pick(v, lang) for k, v in t.HEADERS.items()}
    name = profile.name_en if lang == "en" else profile.name_zh
    desc = profile.description_en if lang == "en" else profile.description_zh
    title = f"{'Rule profile' if lang == 'en' else '规则配置'} {profile.id}: {name}"
    table = Table(title=title, caption=desc or None, show_lines=False)
    table.add_column(h["rule"], no_wrap=True)
    table.add_column(h["what"], overflow="fold")
    table.add_column(h["severity"], no_wrap=True)
    table.add_column(h["citation"], overflow="fold")
    for rule_id in profile.rules:
        params = profile.rule(rule_id)
        style = (
            "dim" if not params.enabled else ("bold" if params.severity.value != "warning" else "")
        )
        table.add_row(
            rule_id,
            requirement(params, profile, lang),
            _severity(params, lang),
            params.citation_en if lang == "en" else params.citation_zh,
            style=style or None,
        )
    console.print(table)

    if profile.category_overrides:
        title = "Per-category rules" if lang == "en" else "按事项类别的特别规定"
        over = Table(title=title)
        over.add_column(h["category"], no_wrap=True)
        over.add_column(h["rule"], no_wrap=True)
        over.add_column(h["what"], overflow="fold")
        over.add_column(h["severity"], no_wrap=True)
        over.add_column(h["citation"], overflow="fold")
        for category, rules in profile.category_overrides.items():
            for rule_id in rules:
                params = profile.rule(rule_id, category)
                over.add_row(
                    _category(profile, category, lang),
                    rule_id,
                    requirement(params, profile, lang),
                    _severity(params, lang),
                    params.citation_en if lang == "en" else params.citation_zh,
                )
        console.print(over)

    limit = profile.money_threshold_fen
    if lang == "en":
        line = (
            "Money threshold: none set"
            if limit is None
            else f"Money threshold: {t.yuan(limit)} yuan (matters from this amount may skip no step)"
        )
    else:
        line = (
            "金额标准：未设置"
            if limit is None
            else f"金额标准：{t.yuan(limit)} 元（达到此金额的事项不得跳过任何步骤）"
        )
    console.print(line, highlight=False)
