"""The roster's figures (花名册) by name: the one place their labels live, in both languages.

Each figure has three written forms, for where it is read: its plain name (the
history, field by field), the name of a count (validation messages and the CLI's
options, where Chinese says 人数), and a short one for the narrow setup form.
"""

from __future__ import annotations

# field: (plain name zh, name as a count zh, short zh, English)
_ROSTER: dict[str, tuple[str, str, str, str]] = {
    "party_members_voting": (
        "有表决权党员",
        "有表决权党员人数",
        "有表决权党员",
        "Voting Party members",
    ),
    "committee_members": ("两委成员", "两委成员人数", "两委成员", "Committee members"),
    "rep_assembly_members": (
        "村民代表会议组成人员",
        "村民代表会议组成人员",
        "代表会议组成",
        "Representative assembly members",
    ),
    "representatives": ("村民代表", "村民代表人数", "其中村民代表", "Representatives"),
    "women_members": ("妇女村民代表", "妇女村民代表人数", "其中妇女", "Women representatives"),
    "adult_villagers": (
        "年满十八周岁村民",
        "年满十八周岁村民人数",
        "18岁以上村民",
        "Adult villagers",
    ),
    "households": ("户数", "户数", "户数", "Households"),
}
# The setup form's English says how the figures nest, where the others name them alone.
_SHORT_EN = {
    "rep_assembly_members": "Rep. assembly members",
    "representatives": "of whom representatives",
    "women_members": "of whom women",
}
# The CLI's option help names each count as a clerk reads it off the roll.
_OPTION_ZH = {
    "rep_assembly_members": "村民代表会议组成人员人数",
    "representatives": "其中村民代表人数",
    "women_members": "其中妇女人数",
}

ROSTER_LABELS: dict[str, tuple[str, str]] = {k: (v[0], v[3]) for k, v in _ROSTER.items()}
ROSTER_COUNT_LABELS: dict[str, tuple[str, str]] = {k: (v[1], v[3]) for k, v in _ROSTER.items()}
ROSTER_SHORT_LABELS: dict[str, tuple[str, str]] = {
    k: (v[2], _SHORT_EN.get(k, v[3])) for k, v in _ROSTER.items()
}
ROSTER_OPTION_HELP: dict[str, str] = {k: _OPTION_ZH.get(k, v[1]) for k, v in _ROSTER.items()}
