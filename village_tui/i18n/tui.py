"""Every text the clerk's terminal app shows, in Simplified Chinese and English.

`tr(key, lang, **values)` looks a key up and fills in its values. Key binding
descriptions are catalogue keys too ("key.save"), translated when a screen is built.
"""

from __future__ import annotations

from typing import Any

from rich.markup import escape

from ..domain.steps import Step
from .common import CATEGORIES
from .roster import ROSTER_SHORT_LABELS
from .tui_clerk import PAIRS as CLERK_PAIRS

_PAIRS: dict[str, tuple[str, str]] = {
    "app.title": ("四议两公开台账", "4+2 ledger"),
    # keys in the footer and the command palette
    "key.help": ("帮助", "Help"),
    "key.quit": ("退出", "Quit"),
    "key.new": ("新建事项", "New matter"),
    "key.open": ("打开", "Open"),
    "key.search": ("搜索", "Search"),
    "key.needs": ("需办理", "To do"),
    "key.category": ("类别", "Category"),
    "key.step": ("步骤", "Step"),
    "key.roster": ("花名册", "Roster"),
    "key.refresh": ("刷新", "Refresh"),
    "key.back": ("返回", "Back"),
    "key.save": ("保存", "Save"),
    "key.cancel": ("取消", "Cancel"),
    "key.record": ("记录/更正", "Record/correct"),
    "key.next": ("记下一步", "Next step"),
    "key.progress": ("登记进度", "Progress"),
    "key.complete": ("登记完成", "Completion"),
    "key.objection": ("登记异议", "Objection"),
    "key.reply": ("答复异议", "Reply"),
    "key.history": ("历史", "History"),
    "key.correct_progress": ("更正进度", "Correct progress"),
    "key.again": ("重新召开/公示", "Hold/post again"),
    "key.notice": ("生成公示", "Notice"),
    "key.sign_in": ("签到表", "Sign-in sheet"),
    "key.confirm": ("确认保存", "Confirm"),
    "key.close": ("关闭", "Close"),
    "key.table": ("到列表", "To list"),
    "key.palette": ("命令", "Commands"),
    "key.exchange": ("导出/导入", "Exchange"),
    "key.answer": ("答复退回", "Answer return"),
    # steps, short
    "step.proposal": ("1提议", "1 Prop"),
    "step.joint_meeting": ("2商议", "2 Cons"),
    "step.party_assembly": ("3审议", "3 Revw"),
    "step.resolution": ("4决议", "4 Resol"),
    "step.resolution_disclosure": ("5公开", "5 Discl"),
    "step.implementation": ("实施", "Impl"),
    "step.result_disclosure": ("6结果", "6 Result"),
    "step.none": ("未开始", "New"),
    "step.done": ("已办结", "Finished"),
    # steps, full
    "stepname.proposal": ("第1步 党支部会提议", "Step 1 Party branch proposal"),
    "stepname.joint_meeting": ("第2步 村“两委”会商议", "Step 2 Joint consultation"),
    "stepname.party_assembly": ("第3步 党员大会审议", "Step 3 Party members' review"),
    "stepname.resolution": ("第4步 村民(代表)会议决议", "Step 4 Villagers' resolution"),
    "stepname.resolution_disclosure": ("第5步 决议公开", "Step 5 Resolution disclosed"),
    "stepname.implementation": ("实施", "Implementation"),
    "stepname.result_disclosure": ("第6步 实施结果公开", "Step 6 Results disclosed"),
    # categories
    **{f"cat.{key}": words for key, words in CATEGORIES.items()},
    # sources, forms, methods, bodies
    "src.members_and_masses": ("党员群众建议", "Members' and villagers' suggestion"),
    "src.cadres": ("村干部提议", "Village cadres' proposal"),
    "src.higher_level": ("上级党委政府安排", "Higher authorities' arrangement"),
    "form.in_person": ("现场会议", "In person"),
    "form.remote_voting": ("现场+远程表决", "With remote voting"),
    "vote.voice": ("口头表决", "Voice"),
    "vote.hands": ("举手表决", "Show of hands"),
    "vote.ballot": ("无记名投票", "Secret ballot"),
    "assembly.representatives": ("村民代表会议", "Representative assembly"),
    "assembly.villagers": ("村民会议", "Villagers' assembly"),
    "review.pending": ("待审", "Pending"),
    "review.approved": ("已通过", "Approved"),
    "review.returned": ("退回", "Returned"),
    "review.reopened": ("重审", "Reopened"),
    # next actions
    "next.record": ("记录{step}", "Record {step}"),
    "next.posting": ("决议公示中", "Posted"),
    "next.result_posting": ("结果公示中", "Results up"),
    "next.implement": ("开始实施", "Start work"),
    "next.progress": ("登记进度/完成", "Progress/done"),
    "next.done": ("已办结", "Finished"),
    # dashboard
    "dash.col.mark": ("", ""),
    "dash.col.title": ("事项", "Matter"),
    "dash.col.category": ("类别", "Category"),
    "dash.col.current": ("当前", "At"),
    "dash.col.next": ("下一步", "Next"),
    "dash.col.days": ("剩余", "Days"),
    "dash.col.review": ("审核", "Review"),
    "dash.search": ("搜索：名称或拼音首字母", "Search title/pinyin"),
    "dash.all_categories": ("全部类别", "All categories"),
    "dash.all_steps": ("全部步骤", "All steps"),
    "dash.needs": ("需办理", "To do"),
    "dash.loading": ("正在读取事项……", "Loading matters…"),
    "dash.evaluating": ("共{total}项，正在核查规则……", "{total} matters, checking rules…"),
    "dash.shown": ("显示{shown}/{total}项", "Showing {shown} of {total}"),
    "dash.empty": ("还没有事项。按 N 新建事项。", "No matters yet. Press N to add one."),
    "dash.nomatch": ("没有符合条件的事项", "No matter matches"),
    "dash.returned": ("乡镇退回：{comment}", "Returned by the township: {comment}"),
    "dash.ok": ("未发现问题", "No problems found"),
    "dash.counts_none": ("未开始", "New"),
    "dash.counts_done": ("完成", "Done"),
    "dash.village": ("{name}（{township}·{county}）", "{name} ({township}, {county})"),
    "dash.today": ("今天 {today}", "Today {today}"),
    "dash.backup": ("最近备份 {day}", "Backed up {day}"),
    # common form texts
    "form.save_hint": ("Ctrl+S 保存  Esc 取消", "Ctrl+S save  Esc cancel"),
    "form.invalid": ("请先改正：{message}", "Please fix: {message}"),
    "form.saving": ("正在保存……", "Saving…"),
    "form.saved": ("已保存", "Saved"),
    "form.reason": ("更正原因", "Reason"),
    "form.reason_needed": ("更正必须填写原因", "A correction needs a reason"),
    "form.correcting": ("更正 {step}", "Correcting {step}"),
    "form.correcting_attempt": ("更正 {step} 第{n}次", "Correcting {step}, attempt {n}"),
    "form.again": ("再次记录 {step}(补正或重新召开)", "{step} again (a cure, or held again)"),
    "form.recording": ("记录 {step}", "Recording {step}"),
    "form.matter": ("事项：{title}", "Matter: {title}"),
    "form.no_findings": ("✓ 按现有填写未发现问题", "✓ No problems with what is filled in"),
    "form.checking": ("正在核查……", "Checking…"),
    "form.blocked": ("✗ 不能保存：", "✗ Cannot save:"),
    "form.findings": ("保存前核查：", "Checked before saving:"),
    "form.required": ("必填", "required"),
    # field labels
    "f.held_on": ("会议日期", "Date"),
    "f.place": ("地点", "Place"),
    "f.form": ("会议形式", "Form"),
    "f.vote_method": ("表决方式", "Voting"),
    "f.expected_basis": ("应到依据", "Expected from"),
    "f.expected": ("应到", "Expected"),
    "f.expected_note": ("应到说明", "Why differs"),
    "f.expected_note_needed": (
        "应到与花名册({roster})不同，请填写原因",
        "Expected differs from the roster ({roster}): give the reason",
    ),
    "f.present": ("实到", "Present"),
    "f.votes_for": ("赞成", "For"),
    "f.votes_against": ("反对", "Against"),
    "f.votes_abstain": ("弃权", "Abstain"),
    "f.content": ("内容", "Content"),
    "f.content.proposal": ("提议内容", "Proposal"),
    "f.content.joint_meeting": ("商议意见", "Consultation"),
    "f.content.party_assembly": ("审议意见", "Review"),
    "f.content.resolution": ("决议内容", "Resolution"),
    "f.minutes": ("会议记录", "Minutes"),
    "f.officials": ("乡镇参会", "Township officials"),
    "f.officials_hint": ("姓名:职务，多人用；分隔", "name:post; name:post"),
    "f.merged": ("与第1步合并召开（一肩挑）", "Held with step 1 (one person, both posts)"),
    "f.plan_sent_on": ("方案送达", "Plan sent"),
    "f.assembly": ("决议机构", "Body"),
    "f.households_represented": ("到会户代表", "Households"),
    "f.notice_given_on": ("会议通知", "Notice given"),
    "f.reps": ("其中代表", "Representatives"),
    "f.women": ("其中妇女", "Women"),
    "f.posted_on": ("公示自", "Posted on"),
    "f.until": ("公示至", "Until"),
    "f.places": ("公示地点", "Posted at"),
    "f.places_hint": ("村务公开栏、广播、微信群", "notice board, loudspeaker"),
    "f.situation": ("公开情况", "How it went"),
    "f.opinion": ("监督意见", "Supervisors"),
    "f.supervisors": ("监督委员", "Signed by"),
    "f.results": ("实施结果", "Results"),
    "f.spent": ("支出(元)", "Spent (yuan)"),
    "f.started_on": ("开始日期", "Started on"),
    "f.contractor": ("承接单位", "Contractor"),
    "f.contract_ref": ("合同编号", "Contract no."),
    "f.note": ("备注", "Note"),
    "f.on": ("日期", "Date"),
    "f.description": ("说明", "Description"),
    "f.reverse": ("冲销本条(保留记录，不计支出)", "Reverse it (kept on record, not counted)"),
    "f.completed_on": ("完成日期", "Completed on"),
    "f.summary": ("完成情况", "Summary"),
    "f.title": ("事项名称", "Title"),
    "f.category": ("类别", "Category"),
    "f.source": ("动议事由", "Source"),
    "f.planned": ("计划(元)", "Plan (yuan)"),
    "f.personal_data": (
        "含个人信息（公示时遮盖证件号、电话）",
        "Holds personal data (masked in notices)",
    ),
    "f.opened_on": ("登记日期", "Opened on"),
    "f.objection_step": ("针对", "Against"),
    "f.received_on": ("收到日期", "Received on"),
    "f.objection": ("异议内容", "Objection"),
    "f.which_objection": ("哪项异议", "Which"),
    "f.reply": ("答复内容", "Reply"),
    "f.replied_on": ("答复日期", "Replied on"),
    "f.code": ("区划代码", "Division code"),
    "f.name": ("村名", "Village"),
    "f.township": ("乡镇", "Township"),
    "f.county": ("县(区)", "County"),
    "f.profile": ("规则配置", "Rule profile"),
    "f.effective_on": ("生效日期", "Effective on"),
    "f.reason": ("变更原因", "Reason"),
    "basis.manual": ("手填", "Typed in"),
    **{f"roster.{name}": label for name, label in ROSTER_SHORT_LABELS.items()},
    # screens
    "setup.title": ("初始设置：本村信息和花名册", "First run: the village and its roster"),
    "setup.intro": (
        "本数据库还没有村庄。请填写本村信息和花名册人数（核对到会和表决要用）。",
        "This database has no village yet. Enter the village and the roster figures quorum checks use.",
    ),
    "setup.done": ("已设置：{name}", "Set up: {name}"),
    "new.title": ("新建事项", "New matter"),
    "new.saved": ("已新建事项：{title}", "Matter added: {title}"),
    "matter.header": ("{category} · {source}", "{category} · {source}"),
    "matter.money": (
        "计划 {planned} 元 · 已支出 {spent} 元",
        "Planned {planned} · spent {spent} yuan",
    ),
    "matter.done": ("✓", "✓"),
    "matter.current": ("▶", "▶"),
    "matter.todo": ("·", "·"),
    "matter.attendance": (
        "应到{expected}({basis}) 实到{present}",
        "expected {expected} ({basis}) present {present}",
    ),
    "matter.votes": ("赞成{f} 反对{a} 弃权{b}", "for {f} against {a} abstain {b}"),
    "matter.merged": ("与第1步合并召开", "held with step 1"),
    "matter.period": ("{on} 至 {until}（{days}天）", "{on} to {until} ({days} days)"),
    "matter.days_left": ("剩{days}天", "{days} days left"),
    "matter.started": ("{on} 开始实施 {contractor}", "started {on} {contractor}"),
    "matter.progress_line": ("{on} {description} {spent}元", "{on} {description} {spent} yuan"),
    "matter.completed": ("{on} 完成：{summary}", "completed {on}: {summary}"),
    "matter.objection": ("异议 {on}：{content}", "Objection {on}: {content}"),
    "matter.reply": ("└ 答复 {on}：{reply}", "└ Reply {on}: {reply}"),
    "matter.unanswered": ("└ （尚未答复）", "└ (not answered)"),
    "matter.not_recorded": ("未记录", "not recorded"),
    "matter.review": ("审核：{state}", "Review: {state}"),
    "matter.ack": ("已确认提醒：{rules}", "Warnings confirmed: {rules}"),
    "finding.invalid": ("不生效", "Not valid"),
    "finding.defect": ("瑕疵", "Defect"),
    "confirm.invalid": (
        "保存后本次会议记为不生效：该步骤不计入，事项停留在原步骤，可再次召开。",
        "Saved, this meeting is recorded as not valid: the step does not count, the matter stays where it was, and it can be held again.",
    ),
    "confirm.defect": (
        "保存后记为有瑕疵：乡镇在补正前不能审核通过。",
        "Saved, this is recorded with a defect: the township cannot approve it until it is cured.",
    ),
    "attempt.failed": (
        "第{n}次 {on} 不生效（{why}），须重新召开",
        "Attempt {n} on {on} not valid ({why}): to be held again",
    ),
    "attempt.failed_then": (
        "第{n}次 {on} 不生效（{why}）",
        "Attempt {n} on {on} not valid ({why})",
    ),
    "attempt.cured": (
        "第{n}次 {on} 有瑕疵（{why}），已由第{m}次补正",
        "Attempt {n} on {on} had a defect ({why}), cured by attempt {m}",
    ),
    "attempt.superseded": (
        "第{n}次 {on}，已由第{m}次取代",
        "Attempt {n} on {on}, superseded by attempt {m}",
    ),
    "attempt.current": ("第{n}次（现行记录）", "Attempt {n} (the one that counts)"),
    "attempt.why.quorum": ("未达法定人数", "quorum not met"),
    "attempt.why.majority": ("未通过", "not passed"),
    "attempt.why.order": ("程序顺序不符", "out of order"),
    "attempt.why.threshold": ("程序顺序不符", "out of order"),
    "attempt.why.date": ("日期不符", "impossible date"),
    "attempt.why.notice": ("通知期不足", "notice too short"),
    "attempt.why.posting": ("公示期不足", "posting too short"),
    "attempt.why.results": ("早于完成公开", "posted before completion"),
    "attempt.why.other": ("不符合规则", "against the rules"),
    "matter.notice_saved": ("公示已保存：", "Notice saved:"),
    "folder.title": ("公示保存到哪个文件夹？", "Save the notice in which folder?"),
    "folder.hint": (
        "回车保存（文件夹不存在会新建，下次记住），Esc 取消。可填U盘或桌面，如 E:\\公示",
        "Enter saves (a missing folder is created and remembered), Esc cancels. E.g. E:\\notices",
    ),
    "folder.empty": ("请填写文件夹", "Type a folder"),
    "folder.not_a_folder": ("{path} 是文件，不是文件夹", "{path} is a file, not a folder"),
    "matter.sign_in_saved": (
        "签到表已保存（打印后供会上签名）：",
        "Sign-in sheet saved (print it for the meeting):",
    ),
    "matter.notice_none": (
        "只能为已记录决议（第4步）或已完成实施的事项生成公示",
        "A notice needs a recorded resolution (step 4) or a completed implementation",
    ),
    "matter.no_posting": (
        "请先记录公示（第5步或第6步）再登记异议",
        "Record a posting (step 5 or 6) first",
    ),
    "matter.no_objection": ("没有待答复的异议", "No objection awaits a reply"),
    "matter.not_started": ("请先记录开始实施", "Record the start of implementation first"),
    "matter.next_missing": (
        "全部步骤已记录；如需修改，选中步骤后按回车更正",
        "Every step is recorded; select one and press Enter to correct it",
    ),
    "matter.not_yet": ("请先记录前面的步骤：{step}", "Record the earlier step first: {step}"),
    "matter.loading": ("正在读取……", "Loading…"),
    "impl.title": ("开始实施", "Implementation start"),
    "progress.title": ("登记实施进度", "Progress entry"),
    "progress.correct_title": ("更正或冲销实施进度", "Correct or reverse a progress entry"),
    "progress.pick": ("选择要更正的进度", "Which progress entry?"),
    "progress.so_far": (
        "已支出 {spent} 元 / 计划 {planned} 元",
        "Spent {spent} of planned {planned} yuan",
    ),
    "completion.title": ("登记实施完成", "Completion"),
    "objection.title": ("登记异议", "Record an objection"),
    "reply.title": ("答复异议", "Reply to an objection"),
    "roster.title": ("花名册（到会核对所用人数）", "Roster (figures for quorum checks)"),
    "roster.saved": ("花名册已变更", "Roster changed"),
    "roster.intro": (
        "变更会记入台账；已记录的会议仍按当时的应到人数核对。",
        "The change is recorded; meetings already recorded keep the figures they used.",
    ),
    "confirm.title": ("以下提醒需要确认", "These warnings need confirming"),
    "confirm.text": (
        "确认后照常保存，并在台账中记下您已知晓这些提醒。",
        "Saving goes ahead and the ledger records that you saw these warnings.",
    ),
    "confirm.yes": ("确认并保存", "Confirm and save"),
    "confirm.no": ("返回修改", "Go back"),
    "history.title": ("修改历史：{title}", "History: {title}"),
    "history.col.seq": ("序号", "Seq"),
    "history.col.at": ("记录时间", "Recorded"),
    "history.col.actor": ("记录人", "By"),
    "history.col.what": ("内容", "What"),
    "history.col.reason": ("更正原因", "Reason"),
    "history.version": ("第{n}版", "version {n}"),
    "history.attempt": ("第{n}次", "attempt {n}"),
    "history.not_valid": ("不生效", "not valid"),
    "history.no_change": ("内容未变", "Nothing changed"),
    "history.corrects": ("更正第{seq}条", "corrects #{seq}"),
    "ev.village.set_up": ("设置村庄", "Village set up"),
    "ev.village.roster_changed": ("花名册变更", "Roster changed"),
    "ev.matter.opened": ("新建事项", "Matter opened"),
    "ev.step.recorded": ("记录", "Recorded"),
    "ev.progress.recorded": ("实施进度", "Progress"),
    "ev.implementation.completed": ("实施完成", "Completed"),
    "ev.objection.recorded": ("异议", "Objection"),
    "ev.objection.answered": ("答复异议", "Reply"),
    "ev.matter.answered": ("答复退回", "Answer to a return"),
    "ev.correction": ("更正", "Correction"),
    "ev.attachment.added": ("附件", "Attachment"),
    "key.attach": ("附加文件", "Attach"),
    "key.attachments": ("附件", "Files"),
    "ev.review.approved": ("乡镇审核通过", "Approved by township"),
    "ev.review.returned": ("乡镇退回", "Returned by township"),
    "help.title": ("帮助：四议两公开", "Help: the 4+2 procedure"),
    "help.keys_title": (
        "\n[b]密钥：电脑丢失、更换密钥、停用密钥[/b]",
        "\n[b]Keys: a lost PC, changing keys, retiring a key[/b]",
    ),
    "error.unexpected": ("意外错误：{message}", "Unexpected error: {message}"),
    "error.no_village": ("尚未设置村庄", "No village set up"),
    **CLERK_PAIRS,
}

MESSAGES: dict[str, dict[str, str]] = {k: {"zh": zh, "en": en} for k, (zh, en) in _PAIRS.items()}

HELP_ZH = """\
[b]四议两公开[/b]：村里的重大事项（修路、低保评议、土地承包、一事一议等）必须按下面六步办理，每一步都要记入台账。

[b]第1步·党支部会提议[/b]：村党支部委员会开会，提出办什么事、怎么办。
[b]第2步·村“两委”会商议[/b]：支部委员会和村委会一起开会商量。书记、主任是同一人（一肩挑）的，可以和第1步合开，但两步都要记录。
[b]第3步·党员大会审议[/b]：全体党员开会审议。乡镇有人参会要写上姓名、职务。
{rules:party_assembly}[b]第4步·村民代表会议或村民会议决议[/b]：召开村民代表会议或村民会议表决。
{rules:resolution}[b]第5步·决议公开[/b]：在村务公开栏、广播、微信群等处公示决议，写明起止日期；收到异议要答复；村务监督委员会签署意见。公示期满后才能开始实施。
{rules:resolution_disclosure}[b]实施[/b]：登记开工、进度和每笔支出，完成后登记完成。
[b]第6步·实施结果公开[/b]：完成后公示办了什么、花了多少钱。
{rules:result_disclosure}
[b]核查[/b]：保存前程序会按本村规则核查。[red]✗[/red]是严重问题：会议不算数（例如到会人数不够，要重开）或有缺陷（乡镇通过前要补正）；[yellow]![/yellow]是提醒。如实记录，确认后保存，确认会记入台账。
[b]更正[/b]：已记录的内容不能删除，只能更正，而且必须写明原因；“历史”里能看到每一个版本和记录人。

[b]按键[/b]
  列表：回车 打开事项 · N 新建 · / 搜索（可输入汉字或拼音首字母，如 cct） · A 只看需办理 · C 类别 · S 步骤 · R 花名册 · F5 刷新
  事项：回车 记录或更正选中的步骤 · X 记录下一步 · P 进度 · D 完成 · O 异议 · Y 答复 · H 历史 · G 生成公示 · Esc 返回
  表单：Tab 下一项 · Ctrl+S 保存 · Esc 取消
  任何时候：F1 帮助 · Ctrl+P 命令面板 · Ctrl+Q 退出
日期可写 2024-03-01、20240301 或 3-1（今年）；金额按元填写，如 12.50 或 1,234。
"""

HELP_EN = """\
[b]The 4+2 procedure[/b]: every major village matter (roads, the dibao allowance, land contracting, public works ...) goes through six steps, each recorded in the ledger.

[b]Step 1 Party branch proposal[/b]: the branch committee proposes what to do and how.
[b]Step 2 Joint consultation[/b]: the branch and the villagers' committee consult together. Where one person holds both posts the two may meet as one, but both steps are recorded.
[b]Step 3 Party members' review[/b]: the Party members review the plan. Township officials present are listed.
{rules:party_assembly}[b]Step 4 Villagers' resolution[/b]: the representative assembly or the villagers' assembly votes.
{rules:resolution}[b]Step 5 Resolution disclosed[/b]: posted with start and end dates; objections are answered; the supervisory committee signs. Work starts only after the posting period.
{rules:resolution_disclosure}[b]Implementation[/b]: start, progress, money spent, completion.
[b]Step 6 Results disclosed[/b]: what was done and what it cost.
{rules:result_disclosure}
[b]Checks[/b]: before saving, the village's rules are checked. [red]✗[/red] is serious: the meeting does not count (hold it again) or has a defect the township must see cured; [yellow]![/yellow] is a warning. Record what happened, confirm, save: the confirmation is recorded.
[b]Corrections[/b]: nothing is deleted; a correction needs a reason, and History shows every version and who recorded it.

[b]Keys[/b]
  List: Enter open · N new · / search (Chinese or pinyin initials) · A needs action · C category · S step · R roster · F5 refresh
  Matter: Enter record/correct the selected step · X next step · P progress · D completion · O objection · Y reply · H history · G notice · Esc back
  Forms: Tab next field · Ctrl+S save · Esc cancel
  Anywhere: F1 help · Ctrl+P command palette · Ctrl+Q quit
Dates: 2024-03-01, 20240301 or 3-1 (this year). Money in yuan: 12.50 or 1,234.
"""


def help_text(profile: Any, lang: str = "zh") -> str:
    """The help text, each step's thresholds worded from the village's active profile."""
    from ..domain.messages.rule_text import HELP_RULES, describe
    from ..domain.rule_book import rule_book

    text = HELP_EN if lang == "en" else HELP_ZH
    book = rule_book()
    for step, rules in HELP_RULES.items():
        lines = []
        for rule_id, category in rules:
            params = profile.rule(rule_id, category)
            if params.enabled:
                words = describe(params, book[rule_id], profile.money_threshold_fen, lang)
                lines.append(f"  · {escape(words)}\n")
        text = text.replace("{rules:" + step.value + "}", "".join(lines))
    return text


def tr(key: str, lang: str = "zh", **values: Any) -> str:
    """The text for `key` in `lang`, values filled in; the key itself if it is missing."""
    pair = _PAIRS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**values) if values else text


def key_texts(lang: str = "zh") -> frozenset[str]:
    """Every key description of the catalogue in `lang` (to tell ours from Textual's English)."""
    return frozenset(tr(k, lang) for k in _PAIRS if k.startswith("key."))


def step_short(step: Step | None, lang: str = "zh") -> str:
    """A step's short label for table cells ("4决议")."""
    return tr(f"step.{step.value}", lang) if step else tr("step.none", lang)


def step_name(step: Step, lang: str = "zh") -> str:
    """A step's full name ("第4步 村民(代表)会议决议")."""
    return tr(f"stepname.{step.value}", lang)


def category_name(category: str, lang: str = "zh", profile: Any = None) -> str:
    """A category's name: built-in ones from here, county-added ones from the profile."""
    key = f"cat.{category}"
    if key in _PAIRS:
        return tr(key, lang)
    return profile.category_name(category, lang) if profile is not None else category


def choice(prefix: str, value: str, lang: str = "zh") -> str:
    """The name of an enum value ("form", "in_person" -> "现场会议")."""
    return tr(f"{prefix}.{value}", lang)
