"""`village-tui rules`: a rule profile as Rich tables, every rule with its threshold and citation."""

from __future__ import annotations

from ..domain.profile import Profile, RuleParams
from ..i18n import cli as t


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def requirement(params: RuleParams, profile: Profile, lang: str) -> str:
    """What the rule asks for, in words, with the profile's figures."""
    what = _pick(t.RULE_WHAT.get(params.rule_id, (params.rule_id, params.rule_id)), lang)
    parts: list[str] = []
    if params.threshold is not None:
        f = params.threshold
        share = _pick(t.fraction(f.num, f.den, f.inclusive), lang)
        basis = _pick(t.BASIS.get(params.basis, (params.basis, params.basis)), lang)
        parts.append(f"{share} of {basis}" if lang == "en" else f"{basis}的{share}")
    if params.households_threshold is not None:
        f = params.households_threshold
        share = _pick(t.fraction(f.num, f.den, f.inclusive), lang)
        parts.append(
            f"or households represented: {share} of all"
            if lang == "en"
            else f"或到会户代表达到总户数的{share}"
        )
    if params.rule_id.startswith("posting."):
        if params.days:
            unit = ("working days", "个工作日") if params.working_days else ("days", "天")
            parts.append(
                f"posted at least {params.days} {unit[0]}"
                if lang == "en"
                else f"至少公示{params.days}{unit[1]}"
            )
        else:
            parts.append("no minimum period" if lang == "en" else "不设最短天数")
    elif params.days:
        parts.append(f"{params.days} days ahead" if lang == "en" else f"提前{params.days}天")
    if params.percent:
        parts.append(f"more than {params.percent}%" if lang == "en" else f"超过{params.percent}%")
    if params.rule_id == "threshold.skipped_step":
        limit = profile.money_threshold_fen
        if limit is None:
            parts.append("no money threshold set" if lang == "en" else "未设金额标准")
        else:
            parts.append(
                f"from {t.yuan(limit)} yuan" if lang == "en" else f"{t.yuan(limit)}元及以上"
            )
    if not parts:
        return what
    return f"{what}: {'; '.join(parts)}" if lang == "en" else f"{what}：{'；'.join(parts)}"


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
