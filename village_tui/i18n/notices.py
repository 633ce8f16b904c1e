"""What `verify-notice` says about a notice, in Chinese and English."""

from __future__ import annotations

# The first line of each answer; {village} is "示例新华村（410621102901）" or the bare code.
HEADLINES: dict[str, tuple[str, str]] = {
    "matches": (
        "与台账一致：{village}“{title}”的{kind}，台账第 {seq} 条",
        "Matches the ledger: {kind} of “{title}”, {village}, ledger entry {seq}",
    ),
    "bad_signature": (
        "与台账不符：二维码不是{village}的密钥签发的（公示可能是伪造的）",
        "Does not match: the QR code was not signed by the key of {village} (the notice may be forged)",
    ),
    "not_this_matter": (
        "与台账不符：{village}台账第 {seq} 条记的不是这份公示所说的事项",
        "Does not match: entry {seq} of the ledger of {village} is not about the matter of this notice",
    ),
    "content_differs": (
        "与台账不符：公示内容与{village}台账第 {seq} 条时“{title}”的记录不同，请对照下列台账记载",
        "Does not match: the notice differs from what the ledger of {village} records for “{title}”"
        " at entry {seq}; compare it with the record below",
    ),
    "village_not_held": (
        "无法核验：本数据库没有村 {village} 的台账",
        "Unknown: this database does not hold the ledger of village {village}",
    ),
    "beyond_ledger": (
        "无法核验：本数据库中{village}的台账只到第 {held} 条，公示指第 {seq} 条（请先导入该村最新的数据包）",
        "Unknown: this database holds the ledger of {village} up to entry {held}, the notice names"
        " entry {seq} (import the village's latest bundle first)",
    ),
    "no_key": (
        "无法核验：本数据库没有{village}的公钥，无法核对签名",
        "Unknown: this database has no key of {village} to check the signature with",
    ),
    "ledger_damaged": (
        "无法核验：本数据库中{village}的台账在第 {detail} 条处已损坏（请运行 verify-db）",
        "Unknown: the ledger of {village} held here is damaged at entry {detail} (run verify-db)",
    ),
}

LINES: dict[str, tuple[str, str]] = {
    "witnessed": ("乡镇已于 {date} 见证台账至此位置", "Witnessed by the township on {date}"),
    "not_witnessed": (
        "本数据库没有乡镇见证此位置的记录",
        "No township witness of this position is recorded here",
    ),
    "changed_later": (
        "注意：该事项在台账第 {seq} 条又有记录，张贴的公示可能已经过时",
        "Note: the matter has a later entry ({seq}); the posted notice may be out of date",
    ),
    "record": (
        "台账记载（请与张贴的公示逐项对照）：",
        "The ledger records (compare the posted notice line by line):",
    ),
    "differs": ("不符之处：{lines}", "What differs: {lines}"),
    "kind_resolution_disclosure": ("决议公示", "resolution notice"),
    "kind_result_disclosure": ("结果公示", "result notice"),
}

# What a 公示 says (notices/build.py): its title, the particulars' labels, the closing.
NOTICE: dict[str, tuple[str, str]] = {
    "title_resolution": (
        "{village}关于“{matter}”决议的公示",
        "{village}: notice of the resolution on “{matter}”",
    ),
    "title_result": (
        "{village}关于“{matter}”实施结果的公示",
        "{village}: notice of the results of “{matter}”",
    ),
    "intro": (
        "根据“四议两公开”工作法，现将有关情况公示如下：",
        "Under the 4+2 procedure the following is made public:",
    ),
    "matter": ("事项名称", "Matter"),
    "village": ("村", "Village"),
    "description": ("事项说明", "Description"),
    "planned": ("计划金额", "Planned amount"),
    "meeting": ("决议会议", "Resolved by"),
    "held_on": ("会议日期", "Meeting date"),
    "attendance": ("应到／实到", "Expected / present"),
    "votes": ("表决结果", "Votes"),
    "votes_value": ("赞成{f}人，反对{a}人，弃权{b}人", "{f} for, {a} against, {b} abstaining"),
    "resolution": ("决议内容", "Resolution"),
    "results": ("实施结果", "Results"),
    "spent": ("实际支出", "Money spent"),
    "completed": ("完成日期", "Completed on"),
    "spent_against": ("（决议计划金额{planned}）", " (resolved: {planned})"),
    "spending": ("支出明细", "Spending"),
    "spending_on": ("日期", "Date"),
    "spending_what": ("支出事项", "What for"),
    "spending_amount": ("金额", "Amount"),
    "spending_none": ("（无支出记录）", "(no spending recorded)"),
    "period": ("公示期", "Posting period"),
    "period_value": ("{start}至{end}（{days}天）", "{start} to {end} ({days} days)"),
    "period_blank": ("____年__月__日至____年__月__日", "from ________ to ________"),
    "places": ("公示地点", "Posted at"),
    "objections": (
        "对公示内容如有异议，请于公示期内向村民委员会或村务监督委员会书面或口头反映；"
        "村内不能解决的，可向{township}人民政府反映。",
        "Objections may be raised with the villagers' committee or the village affairs "
        "supervisory committee during the posting period; if unresolved, with the {township} government.",
    ),
    "signed": ("{village}村民委员会", "Villagers' committee of {village}"),
    "supervision": ("村务监督委员会意见", "Supervisory committee's opinion"),
    "supervision_blank": (
        "（请村务监督委员会手写意见）",
        "(the committee writes its opinion here)",
    ),
    "supervision_sign": ("监督委员会主任（签名）：", "Committee chair (signature): "),
    "seal_here": ("（盖章）", "(seal)"),
    "yuan": ("{amount}元", "{amount} yuan"),
    "representatives": ("村民代表会议", "Villagers' representative assembly"),
    "villagers": ("村民会议", "Villagers' assembly"),
}

# Printed under every sealed notice.
PRINTED: dict[str, tuple[str, str]] = {
    "code": ("核验码：", "Verification code: "),
    "how": (
        "核验方法：在存有本村台账的电脑上（本村、乡镇或县）运行 village-tui verify-notice 核验码，"
        "或用二维码的照片核验，即知本公示与台账记录是否一致。",
        "To check it: where the village's ledger is kept (the village, the township, the county)"
        " run `village-tui verify-notice CODE`, or give it a photo of the QR code.",
    ),
}

ERRORS: dict[str, tuple[str, str]] = {
    "no_photo": ("无法读取图片 {path}：{reason}", "cannot read the image {path}: {reason}"),
    "no_qr": (
        "图片 {path} 中找不到二维码（请拍清楚、拍全二维码再试）",
        "no QR code found in {path} (take a sharper photo of the whole QR code)",
    ),
    "not_ours": (
        "图片 {path} 中的二维码不是本程序的公示二维码",
        "the QR code in {path} is not a notice's QR code from this program",
    ),
    "decoder_missing": (
        "读取照片需要 zxing-cpp 和 Pillow（pip install zxing-cpp Pillow）",
        "reading a photo needs zxing-cpp and Pillow (pip install zxing-cpp Pillow)",
    ),
    # what a typed QR payload or short code can be wrong about (notices/seal.py)
    "payload_not_ours": (
        "不是本程序公示的二维码内容（应以 VTN1: 开头）",
        "not the QR code of a notice made by this program (it should start with VTN1:)",
    ),
    "payload_damaged": ("公示二维码内容已损坏", "the notice's QR code content is damaged"),
    "code_not_digits": ("核验码只含数字：{text}", "a verification code has digits only: {text}"),
    "code_length": ("核验码位数不对：{text}", "a verification code of the wrong length: {text}"),
    "code_check_digit": (
        "核验码有误（校验位不符，可能抄错了一位）：{text}",
        "wrong verification code (check digit does not match; a digit may be misread): {text}",
    ),
    "code_wrong": ("核验码有误：{text}", "wrong verification code: {text}"),
}


def both(table: dict[str, tuple[str, str]], key: str, **values: object) -> tuple[str, str]:
    """One message of `table` in Chinese and in English, filled in."""
    zh, en = table[key]
    return zh.format(**values), en.format(**values)


def say(table: dict[str, tuple[str, str]], key: str, lang: str, **values: object) -> str:
    """One message of `table` in `lang`, filled in."""
    zh, en = table[key]
    return (en if lang == "en" else zh).format(**values)
