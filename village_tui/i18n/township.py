"""Words of the township's app, in Chinese and English (one catalogue for every township screen)."""

from __future__ import annotations

from typing import Any

T: dict[str, tuple[str, str]] = {
    "app.title": ("乡镇审核", "Township review"),
    "key.open": ("打开", "Open"),
    "key.back": ("返回", "Back"),
    "key.help": ("帮助", "Help"),
    "key.quit": ("退出", "Quit"),
    "key.close": ("关闭", "Close"),
    "key.approve": ("通过", "Approve"),
    "key.return": ("退回", "Return"),
    "key.attachments": ("附件", "Files"),
    "key.batch": ("批量通过", "Approve all clean"),
    "key.inbox": ("收件", "Inbox"),
    "key.weekly": ("本周", "This week"),
    "key.export": ("导出反馈", "Export feedback"),
    "key.refresh": ("刷新", "Refresh"),
    "key.import": ("导入", "Import"),
    "key.folder": ("换文件夹", "Folder"),
    "key.days": ("天数", "Days"),
    "key.confirm": ("确定", "Confirm"),
    "key.cancel": ("取消", "Cancel"),
    "key.palette": ("命令", "Commands"),
    "villages.title": ("{township} · 各村台账", "{township} · villages"),
    "villages.none": (
        "还没有村的数据：按 i 从收件文件夹导入各村数据包",
        "No village yet: press i to import the villages' bundles from the inbox folder",
    ),
    "villages.never": ("从未", "never"),
    "ledger.ok": ("完整", "whole"),
    "ledger.checking": ("核对中…", "checking…"),
    "ledger.broken": ("断裂", "BROKEN"),
    "ledger.held": ("暂存{n}", "{n} held"),
    "matters.title": ("{village} · 事项", "{village} · matters"),
    "matters.none": ("该村还没有事项", "This village has no matters yet"),
    "matter.blocked": (
        "不能通过：有 {n} 项阻断性问题（无效步骤或未补正的瑕疵），只能退回",
        "Cannot be approved: {n} blocking finding(s) (an invalid step or an uncured defect); return it",
    ),
    "matter.clean": ("没有阻断性问题，可以通过", "No blocking finding: may be approved"),
    "matter.thread": ("审核往来", "Review thread"),
    "matter.no_thread": ("（尚无审核记录）", "(no review yet)"),
    "matter.info": (
        "{village} · {category} · 审核：{state}",
        "{village} · {category} · review: {state}",
    ),
    "thread.review.approved": ("乡镇通过", "Township approved"),
    "thread.review.returned": ("乡镇退回", "Township returned"),
    "thread.matter.answered": ("村里答复", "Village answered"),
    "answer.fixed": ("已整改", "Fixed"),
    "answer.explained": ("说明", "Explained"),
    "return.title": ("退回事项：{title}", "Return matter: {title}"),
    "return.findings": ("涉及的问题：", "Findings concerned:"),
    "return.no_findings": (
        "（没有规则问题；请写明退回原因）",
        "(no rule finding; say why it is returned)",
    ),
    "return.prompt": ("退回意见（必填）：", "Comment (required):"),
    "return.empty": (
        "请填写退回意见：村里要知道改什么",
        "Write a comment: the village must know what to fix",
    ),
    "approve.title": ("通过事项：{title}", "Approve matter: {title}"),
    "approve.prompt": ("意见（可空）：", "Comment (optional):"),
    "batch.title": (
        "批量通过以下 {n} 个没有阻断性问题的事项？",
        "Approve these {n} matters with no blocking finding?",
    ),
    "batch.none": ("没有可以批量通过的事项", "No matter here can be approved as it stands"),
    "batch.done": ("已通过 {n} 个事项", "{n} matter(s) approved"),
    "done.approved": ("已通过并签名：{title}", "Approved and signed: {title}"),
    "done.returned": ("已退回并签名：{title}", "Returned and signed: {title}"),
    "inbox.title": ("收件文件夹", "Inbox folder"),
    "inbox.folder": ("文件夹：", "Folder: "),
    "inbox.no_folder": (
        "还没有选文件夹：按 f 输入 U 盘或共享文件夹的路径",
        "No folder yet: press f and type the path of the USB stick or shared folder",
    ),
    "inbox.none": ("文件夹里没有数据包", "No bundle in the folder"),
    "inbox.new": ("新", "new"),
    "inbox.already": ("已导入", "imported"),
    "inbox.feedback": ("反馈包", "feedback"),
    "inbox.unreadable": ("无法读取", "unreadable"),
    "inbox.nothing_new": ("没有新的数据包", "No new bundle"),
    "inbox.importing": ("正在导入 {done}/{total}", "Importing {done}/{total}"),
    "inbox.summary": (
        "导入完毕：新导入 {imported}，早已导入 {already}，暂存 {held}，拒收 {refused}",
        "Import done: imported {imported}, already imported {already}, held {held}, refused {refused}",
    ),
    "folder.prompt": ("收件文件夹路径（记住，下次直接用）：", "Inbox folder path (remembered):"),
    "days.prompt": (
        "多少天没有来数就列出（1-3650）：",
        "List villages not heard from for more than N days (1-3650):",
    ),
    "export.prompt": ("反馈包写入哪个文件夹：", "Write the feedback bundles into folder:"),
    "export.done": ("已导出 {n} 个反馈包到 {folder}", "{n} feedback bundle(s) written to {folder}"),
    "export.none": ("没有新的审核意见要导出", "No new review to export"),
    "weekly.title": ("本周要办", "This week"),
    "weekly.late": ("逾期未公开（{n}）", "Overdue disclosures ({n})"),
    "weekly.unanswered": ("退回未答复（{n}）", "Returns not yet answered ({n})"),
    "weekly.silent": (
        "超过 {days} 天没有来数的村（{n}）",
        "Villages not heard from for more than {days} days ({n})",
    ),
    "weekly.none": ("（无）", "(none)"),
    "weekly.days_ago": ("{days} 天", "{days} days"),
    "status.imported": ("新导入", "imported"),
    "status.released": ("补齐后导入", "imported after the gap closed"),
    "status.already": ("早已导入", "already imported"),
    "status.nothing_new": ("早已导入", "already imported"),
    "status.held": ("暂存，等前面的数据包", "held, waiting for an earlier bundle"),
    "status.refused": ("拒收", "refused"),
    "ok": ("确定", "OK"),
    "cancel": ("取消", "Cancel"),
    "help.title": ("帮助：乡镇审核", "Help: township review"),
    "help.body": (
        "乡镇审核员每周的工作：\n\n"
        "1. 收件（i）：选 U 盘或共享文件夹（记住），看到新的数据包，按 Enter 导入；"
        "结束时列出每个村：新导入、早已导入、暂存（等前面的包）、拒收（附原因）。\n"
        "2. 各村台账：最近来数的日期、待审事项、不能通过的事项。Enter 打开一个村。\n"
        "3. 事项：Enter 打开详情（与村文书看到的时间线、问题、公示相同，只读）。"
        "a 通过；r 退回（必须写意见，写明涉及的问题）；b 批量通过没有阻断性问题的事项，先列出再确认。"
        "有无效步骤或未补正瑕疵的事项不能通过，屏幕会说明原因。\n"
        "4. 本周（w）：逾期未公开、退回未答复、多少天没有来数的村（按 n 改天数）。\n"
        "5. 导出反馈（e）：把审核意见写入文件夹，交给各村导入。\n\n"
        "Esc 返回，F1 帮助，q 退出。",
        "The township officer's week:\n\n"
        "1. Inbox (i): choose the USB stick or shared folder (remembered), see the new bundles, "
        "press Enter to import; at the end each village is listed: imported, already imported, "
        "held (waiting for an earlier bundle), refused (with the reason).\n"
        "2. Villages: the day each was last heard from, matters pending, matters that cannot be "
        "approved. Enter opens a village.\n"
        "3. Matters: Enter opens the detail (the clerk's timeline, findings and postings, "
        "read-only). a approves; r returns (a comment naming the findings is required); b approves "
        "every clean matter after one confirmation that lists them. A matter with an invalid step "
        "or an uncured defect cannot be approved, and the screen says why.\n"
        "4. This week (w): overdue disclosures, returns not yet answered, villages not heard from "
        "(n changes the days).\n"
        "5. Export feedback (e): write the reviews into a folder for the villages to import.\n\n"
        "Esc goes back, F1 help, q quits.",
    ),
}


# Column heads, (Chinese, English).
COLS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "villages": (
        ("村", "最近来数", "待审", "退回", "不能通过", "台账"),
        ("Village", "Last heard", "Pending", "Returned", "Blocked", "Ledger"),
    ),
    "matters": (("事项", "已到", "问题", "审核"), ("Matter", "Reached", "Issues", "Review")),
    "inbox": (("村", "记录", "状态", "文件"), ("Village", "Events", "Status", "File")),
}


def cols(table: str, lang: str = "zh") -> tuple[str, ...]:
    """The column heads of one of the township's tables."""
    zh, en = COLS[table]
    return en if lang == "en" else zh


def tr(key: str, lang: str = "zh", **values: Any) -> Any:
    """The text of `key` in `lang`, with `values` filled in; keys not in the catalogue pass through."""
    if key not in T:
        return key
    zh, en = T[key]
    text = en if lang == "en" else zh
    if isinstance(text, str) and values:
        return text.format(**values)
    return text
