"""Texts of the printed 签到表 (sign-in sheet), in Chinese and English."""

from __future__ import annotations

SHEET: dict[str, tuple[str, str]] = {
    "title": ("{village}{meeting}签到表", "{village}: sign-in sheet, {meeting}"),
    "village": ("村", "Village"),
    "matter": ("事项", "Matter"),
    "meeting": ("会议", "Meeting"),
    "date": ("会议日期", "Date"),
    "place": ("会议地点", "Place"),
    "expected": ("应到", "Expected"),
    "present": ("实到", "Present"),
    "persons": ("{n}人", "{n}"),
    "blank_date": ("____年____月____日", "____________"),
    "blank": ("", ""),
    "no": ("序号", "No."),
    "name": ("姓名", "Name"),
    "signature": ("签名", "Signature"),
    "note": ("备注", "Note"),
    "officials": ("乡镇参会人员", "Township officials present"),
    "post": ("职务", "Post"),
    "chair": ("主持人（签名）：", "Chair (signature):"),
    "recorder": ("记录人（签名）：", "Recorder (signature):"),
    "footer": (
        "会后请将签字后的签到表扫描或拍照，附在本步骤的记录中。",
        "After the meeting, scan or photograph the signed sheet and attach it to this step's record.",
    ),
    "basis": ("应到人数依据：{basis}", "Expected from: {basis}"),
    "basis_none": (
        "花名册中没有本会议的应到人数，请在会上填写",
        "The roster has no figure for this meeting: fill it in at the meeting",
    ),
}

# Which body meets at each step (for step 4 by assembly), as printed in the title.
MEETINGS: dict[str, tuple[str, str]] = {
    "proposal": ("党支部委员会会议（第1步 提议）", "Party branch committee (step 1, proposal)"),
    "joint_meeting": (
        "村“两委”联席会议（第2步 商议）",
        "Joint meeting of the two committees (step 2, consultation)",
    ),
    "party_assembly": ("党员大会（第3步 审议）", "Party members' assembly (step 3, review)"),
    "representatives": (
        "村民代表会议（第4步 决议）",
        "Villagers' representative assembly (step 4, resolution)",
    ),
    "villagers": ("村民会议（第4步 决议）", "Villagers' assembly (step 4, resolution)"),
}

BASES: dict[str, tuple[str, str]] = {
    "committee_members": ("花名册两委成员人数", "two-committee members on the roster"),
    "party_members_voting": ("花名册有表决权党员人数", "Party members with a vote on the roster"),
    "rep_assembly_members": (
        "花名册村民代表会议组成人员人数",
        "representative assembly members on the roster",
    ),
    "adult_villagers": ("花名册年满十八周岁村民人数", "adult villagers on the roster"),
    "households": ("花名册户数", "households on the roster"),
    "recorded": ("本步骤已记录的应到人数", "the expected figure recorded for this step"),
}

ERRORS: dict[str, tuple[str, str]] = {
    "not_meeting": (
        "签到表只用于会议步骤（第1至4步），{step} 不是会议",
        "Sign-in sheets are for meeting steps (1 to 4); {step} is not a meeting",
    ),
    "unknown_step": (
        "未知的步骤：{step}（可用 1、2、3、4 或 proposal、joint_meeting、party_assembly、resolution）",
        "Unknown step: {step} (use 1, 2, 3, 4 or proposal, joint_meeting, party_assembly, resolution)",
    ),
    "no_matter": ("找不到事项 {ref}", "No matter {ref}"),
    "ambiguous": (
        "事项编号 {ref} 不唯一，请多写几位",
        "Matter id {ref} is ambiguous: give more of it",
    ),
    "none_left": (
        "该事项的会议步骤都已举行，请指定步骤",
        "Every meeting of this matter has been held: choose a step",
    ),
    "saved": ("签到表已保存：{path}", "Sign-in sheet saved: {path}"),
}


def say(table: dict[str, tuple[str, str]], key: str, lang: str, **values: object) -> str:
    """One text of `table` in `lang`, its values filled in."""
    zh, en = table[key]
    return (en if lang == "en" else zh).format(**values)
