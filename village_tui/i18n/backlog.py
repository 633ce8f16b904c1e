"""Texts of the backlog workbook (`template`, `record`): headers, choices, findings, refusals."""

from __future__ import annotations

# A refusal of one cell; {cell} is "会议!C7" (workbook) or "meetings[6].held_on" (JSON).
CELL: dict[str, tuple[str, str]] = {
    "formula": (
        "{cell}：不接受公式或外部链接（{text}），请直接填写数值或文字",
        "{cell}: formulas and external links are not accepted ({text}); type the value itself",
    ),
    "too_long": (
        "{cell}：内容过长（{length}字，上限{limit}字）",
        "{cell}: too long ({length} characters, at most {limit})",
    ),
    "not_date": (
        "{cell}：不是日期（{text}），请写作 2024-03-01",
        "{cell}: not a date ({text}); write it as 2024-03-01",
    ),
    "bad_date": ("{cell}：日期不存在（{text}）", "{cell}: no such date ({text})"),
    "not_int": ("{cell}：应为整数（{text}）", "{cell}: must be a whole number ({text})"),
    "not_money": (
        "{cell}：金额应以元填写，最多两位小数（{text}）",
        "{cell}: an amount in yuan with at most two decimals ({text})",
    ),
    "bad_choice": (
        "{cell}：不是可选的值（{text}），可选：{choices}",
        "{cell}: not one of the choices ({text}); choose from: {choices}",
    ),
    "bad_bool": ("{cell}：应填“是”或“否”（{text}）", "{cell}: must be 是 or 否 ({text})"),
    "required": ("{cell}：必填", "{cell}: required"),
    "wrong_type": ("{cell}：不是文字或数值", "{cell}: neither text nor a number"),
    "no_matter": (
        "{cell}：事项编号 {number} 不在“事项”表中，本行未登记",
        "{cell}: matter number {number} is not on the 事项 sheet; this row was not recorded",
    ),
    "duplicate": (
        "{cell}：事项编号 {number} 重复（已在 {first}），本行未登记",
        "{cell}: matter number {number} appears twice (first at {first}); this row was not recorded",
    ),
}

# What `record` says about each matter, one line each (findings indented below).
OUTCOME: dict[str, tuple[str, str]] = {
    "recorded": (
        "{cell} 事项 {number}“{title}”：已登记（{events}条记录）",
        "{cell} matter {number} “{title}”: recorded ({events} entries)",
    ),
    "findings": (
        "{cell} 事项 {number}“{title}”：已登记（{events}条记录），有{count}项问题：",
        "{cell} matter {number} “{title}”: recorded ({events} entries) with {count} finding(s):",
    ),
    "finding": (
        "  {cell} {step}：{message}（{citation}）",
        "  {cell} {step}: {message} ({citation})",
    ),
    "refused": (
        "{cell} 事项 {number}：拒绝登记，整个事项未登记：{reason}",
        "{cell} matter {number}: refused, nothing of it recorded: {reason}",
    ),
    "at": ("{cell}：{reason}", "{cell}: {reason}"),
    "unchanged": (
        "{cell} 事项 {number}“{title}”：已登记过，未重复登记",
        "{cell} matter {number} “{title}”: already recorded, not recorded again",
    ),
    "summary": (
        "共{total}个事项：新登记{recorded}个（其中有问题的{with_findings}个），拒绝{refused}个，已登记过{unchanged}个",
        "{total} matter(s): {recorded} recorded ({with_findings} with findings), {refused} refused, "
        "{unchanged} already recorded",
    ),
    "nothing_new": (
        "没有登记任何新内容（已登记过的事项不会重复登记）",
        "Nothing new recorded (matters already recorded are never recorded twice)",
    ),
    "progress": ("登记中", "Recording"),
    "template_saved": (
        "模板已保存：{path}（填好后用 village-tui record {path} 登记）",
        "Template saved: {path} (fill it in, then run village-tui record {path})",
    ),
}

# Why a whole file is refused (nothing recorded from it).
FILE: dict[str, tuple[str, str]] = {
    "suffix": (
        "只能读取 .xlsx 或 .json 文件：{path}",
        "Only .xlsx or .json files can be read: {path}",
    ),
    "missing": ("找不到文件：{path}", "No such file: {path}"),
    "unreadable": ("无法读取 {path}：{reason}", "Cannot read {path}: {reason}"),
    "too_big": (
        "{path} 过大（{size} 字节，上限 {limit} 字节）",
        "{path} is too big ({size} bytes, at most {limit})",
    ),
    "not_workbook": (
        "无法读取 {path}：不是 Excel 工作簿（.xlsx）",
        "Cannot read {path}: not an Excel workbook (.xlsx)",
    ),
    "missing_sheet": (
        "{path} 缺少工作表“{sheet}”（请用 village-tui template 生成的模板填写）",
        "{path} has no sheet “{sheet}” (fill in the template village-tui template writes)",
    ),
    "missing_header": (
        "工作表“{sheet}”第1行缺少列“{column}”（第1行是表头，请勿改动）",
        "Sheet “{sheet}” has no column “{column}” in row 1 (the header row must stay as it is)",
    ),
    "too_many_rows": (
        "工作表“{sheet}”行数过多（超过 {limit} 行），请分成几个文件",
        "Sheet “{sheet}” has too many rows (over {limit}); split it into several files",
    ),
    "not_json": ("{path} 不是有效的 JSON：{reason}", "{path} is not valid JSON: {reason}"),
    "schema": (
        "{path} 不符合格式（schemas/backlog.schema.json）：{where}：{reason}",
        "{path} does not follow schemas/backlog.schema.json: {where}: {reason}",
    ),
    "no_village": (
        "尚未设置村庄信息，请先完成初始设置（village-tui init）",
        "The village has not been set up yet (village-tui init)",
    ),
}

SHEETS: dict[str, str] = {
    "matters": "事项",
    "meetings": "会议",
    "postings": "公示",
    "implementation": "实施",
    "notes": "说明",
}

# The 说明 sheet: how the workbook is filled in.
NOTES: tuple[str, ...] = (
    "四议两公开台账补录模板：把纸质台账上的事项一次录入，填好后运行 village-tui record 文件名.xlsx。",
    "每个事项在“事项”表占一行，“编号”是它的编号（如纸质台账上的编号，在本村唯一）；"
    "会议、公示、实施各表每行用“事项编号”指明属于哪个事项。",
    "会议表填第1至4步（一个步骤重新召开过的，每次一行）；公示表填第5、6步；实施表填开始实施、进度和完成。",
    "日期写作 2024-03-01；金额以元填写（最多两位小数）；人数填整数；带下拉框的列请从下拉框选择。",
    "每个事项要么全部登记，要么一条也不登记：有一格不能登记时，整个事项都不登记，并指出是哪一格。",
    "违反规则的会议（人数不足、公示期不够等）照实登记，记为不生效或有瑕疵，并列出问题，与在界面中登记一样。",
    "同一文件可以再次运行：已登记过的事项（按编号）不会重复登记；改好被拒绝的事项后再运行即可补登。",
    "单元格只当作数据：不接受公式、外部链接（如 =cmd|...）和过长的文字。",
)
NOTES_HEADER: tuple[str, str, str, str] = ("工作表", "列", "必填", "说明")
YES_NO: tuple[str, str] = ("是", "否")

# The drop-down lists: (label in the workbook, value recorded). Labels never hold a comma.
CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "source": (
        ("党员群众建议", "members_and_masses"),
        ("村干部提议", "cadres"),
        ("上级党委政府安排", "higher_level"),
    ),
    "meeting_step": (
        ("1 党支部会提议", "proposal"),
        ("2 村两委会商议", "joint_meeting"),
        ("3 党员大会审议", "party_assembly"),
        ("4 村民（代表）会议决议", "resolution"),
    ),
    "posting_step": (
        ("5 决议公开", "resolution_disclosure"),
        ("6 实施结果公开", "result_disclosure"),
    ),
    "assembly": (("村民代表会议", "representatives"), ("村民会议", "villagers")),
    "form": (("现场会议", "in_person"), ("现场+远程表决", "remote_voting")),
    "vote_method": (("口头表决", "voice"), ("举手表决", "hands"), ("无记名投票", "ballot")),
    "implementation_kind": (("开始实施", "start"), ("进度", "progress"), ("完成", "completion")),
}

# Column headers (row 1 of each sheet) and what the 说明 sheet says about each column.
COLUMNS: dict[str, tuple[str, str]] = {
    "number": ("编号", "本村内唯一，再次运行时据此识别已登记的事项"),
    "title": ("事项名称", ""),
    "category": ("类别", "从下拉框选择"),
    "source": ("动议事由", "从下拉框选择"),
    "opened_on": ("立项日期", "不填则为登记当天"),
    "planned_yuan": ("计划金额（元）", ""),
    "personal_data": ("涉及个人信息", "是/否：如低保名单，公示时遮盖身份证号和手机号"),
    "description": ("说明", ""),
    "matter": ("事项编号", "“事项”表中的编号"),
    "step": ("步骤", "从下拉框选择"),
    "held_on": ("会议日期", ""),
    "place": ("地点", ""),
    "assembly": ("决议会议", "第4步：村民代表会议（默认）或村民会议"),
    "form": ("会议形式", "默认现场会议"),
    "vote_method": ("表决方式", "默认举手表决"),
    "expected": ("应到", "人数"),
    "present": ("实到", "人数"),
    "votes_for": ("赞成", "人数"),
    "votes_against": ("反对", "人数"),
    "votes_abstain": ("弃权", "人数"),
    "content": ("内容", "提议、商议、审议意见或决议内容；公示内容"),
    "minutes": ("会议记录", ""),
    "officials": ("乡镇参会人员", "姓名:职务，多人用；分隔，如 张三:副镇长；李四:组织委员"),
    "plan_sent_on": ("方案送达日期", "第3步：审议方案送达党员的日期"),
    "notice_given_on": ("会议通知日期", "第4步村民会议：提前通知的日期"),
    "merged_with_proposal": ("与第1步合并召开", "第2步：一肩挑时与第1步合开，填“是”"),
    "posted_on": ("张贴日期", ""),
    "until": ("截止日期", ""),
    "places": ("公开地点", "多处用、分隔，如 村务公开栏、微信群"),
    "situation": ("公开情况", ""),
    "supervisory_opinion": ("监督意见", "村务监督委员会意见"),
    "supervisors": ("监督委员会签字人", ""),
    "results": ("实施结果", "第6步"),
    "spent_yuan": ("金额（元）", "第6步：实际支出；实施表：本次支出"),
    "kind": ("类型", "开始实施、进度或完成"),
    "on": ("日期", ""),
    "contractor": ("施工单位", "开始实施"),
    "contract_ref": ("合同编号", "开始实施"),
}
