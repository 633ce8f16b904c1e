"""`verify-notice`: is a posted notice what the village's ledger records?"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import output
from .common import open_db

_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "verify-notice",
        help="核验张贴的公示：核验码或二维码照片是否与台账一致",
        description=(
            "核验一份公示是否与台账记录一致：给出公示上的核验码（如 410621102901-7-5-12345-67890-3），"
            "或二维码的照片/扫描件（PNG、JPG）。在存有该村台账的数据库上运行（本村、乡镇或县）。"
            "一致时退出码为0；不符或无法核验时为1。"
        ),
    )
    p.add_argument("file", metavar="CODE|PHOTO", help="核验码，或二维码照片的文件路径")
    p.set_defaults(func=cmd_verify_notice)
    register_sign_in(sub)


def _looks_like_photo(text: str) -> bool:
    return text.lower().endswith(_IMAGE_SUFFIXES) or Path(text).is_file()


def cmd_verify_notice(args: argparse.Namespace) -> int:
    from ..i18n.notices import ERRORS
    from ..notices.seal import PAYLOAD_PREFIX, NoticeCodeError, parse_payload, parse_short_code

    lang = output.lang()
    text = args.file
    try:
        if text.startswith(PAYLOAD_PREFIX + ":"):  # what a phone's scanner app shows
            seal, code = parse_payload(text), None
        elif _looks_like_photo(text):
            from ..notices.photo import PhotoError, read_notice_qr

            try:
                seal, code = parse_payload(read_notice_qr(Path(text))), None
            except PhotoError as exc:
                zh, en = ERRORS[exc.key]
                values = {"path": text, "reason": exc.reason}
                output.fail(zh.format(**values), en.format(**values))
        else:
            seal, code = None, parse_short_code(text)
    except NoticeCodeError as exc:
        output.fail_with(exc)
    from ..notices.check import MATCH, verify_seal, verify_short_code

    engine = open_db(args, create=False)
    verdict = verify_seal(engine, seal) if seal is not None else verify_short_code(engine, code)
    for line in verdict_lines(verdict, lang):
        print(line)
    return 0 if verdict.answer == MATCH else 1


def verdict_lines(verdict, lang: str) -> list[str]:
    """What the inspector reads: the answer, then what the ledger records to compare by eye."""
    from ..domain.mask import mask_personal
    from ..i18n.notices import HEADLINES, LINES, say
    from ..notices.build import fact_label, fact_text
    from ..notices.check import MATCH

    village = verdict.village_code
    if verdict.village_name:
        name = mask_personal(verdict.village_name)
        village = f"{name} ({village})" if lang == "en" else f"{name}（{village}）"
    kind = say(LINES, f"kind_{verdict.step.value}", lang)
    lines = [
        say(
            HEADLINES,
            verdict.reason,
            lang,
            village=village,
            title=mask_personal(verdict.matter_title),
            kind=kind,
            seq=verdict.seq,
            held=verdict.held,
            detail=verdict.detail,
        )
    ]
    if verdict.answer == MATCH:
        if verdict.witnessed:
            lines.append(say(LINES, "witnessed", lang, date=verdict.witnessed))
        else:
            lines.append(say(LINES, "not_witnessed", lang))
        if verdict.changed_at is not None:
            lines.append(say(LINES, "changed_later", lang, seq=verdict.changed_at))
    if verdict.differs:
        names = ("、" if lang != "en" else ", ").join(fact_label(k, lang) for k in verdict.differs)
        lines.append(say(LINES, "differs", lang, lines=names))
    if verdict.facts:
        lines.append(say(LINES, "record", lang))
        for key, value in verdict.facts:
            sep = ": " if lang == "en" else "："
            lines.append(
                f"  {fact_label(key, lang)}{sep}{mask_personal(fact_text(key, value, lang))}"
            )
    return lines


_STEP_NUMBERS = {
    "1": "proposal",
    "2": "joint_meeting",
    "3": "party_assembly",
    "4": "resolution",
    "5": "resolution_disclosure",
    "6": "result_disclosure",
}


def register_sign_in(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sign-in-sheet",
        help="打印会议签到表（A4 HTML）：按花名册应到人数列出签名行",
        description=(
            "为事项的一个会议步骤（第1至4步）生成签到表（A4 HTML，任何浏览器可打印）：村、事项、会议、"
            "日期、地点、应到人数，每位应到人员一行（序号、姓名、签名），乡镇参会人员和主持人、记录人签名栏。"
            "已召开的会议按记录填写日期和地点，未召开的留空。会后把签字后的签到表附在该步骤的记录中。"
        ),
    )
    p.add_argument("matter", metavar="MATTER_ID", help="事项编号（可用前几位）")
    p.add_argument(
        "step", metavar="STEP", nargs="?", help="第几步：1、2、3、4（默认：下一个未召开的会议）"
    )
    p.add_argument(
        "--assembly",
        choices=("representatives", "villagers"),
        help="第4步由哪个会议决议：representatives 村民代表会议（默认）、villagers 村民会议",
    )
    p.add_argument("--out", required=True, metavar="FILE", help="输出文件（.html，- 为标准输出）")
    p.set_defaults(func=cmd_sign_in_sheet)


def _step_of(text: str):
    from ..domain.steps import Step
    from ..notices.sign_in_errors import SignInError

    value = _STEP_NUMBERS.get(text.strip(), text.strip())
    try:
        return Step(value)
    except ValueError:
        raise SignInError("unknown_step", step=text) from None


def _matter_state(svc, ref: str):
    from ..notices.sign_in_errors import SignInError

    found = [s for s in svc.states() if s.matter.id.startswith(ref.strip().lower())] if ref else []
    if not found:
        raise SignInError("no_matter", ref=ref)
    if len(found) > 1:
        raise SignInError("ambiguous", ref=ref)
    return found[0]


def cmd_sign_in_sheet(args: argparse.Namespace) -> int:
    from ..notices.sign_in import build_sign_in, next_meeting, sign_in_html, write_sign_in
    from ..notices.sign_in_errors import SignInError
    from ..store.services import ServiceError
    from .common import service_for
    from .out_path import out_file

    lang = output.lang()
    out = out_file(
        args, args.out, (".html", ".htm"), ("签到表的输出文件名", "the sign-in sheet file")
    )
    svc = service_for(args, create=False, read_only=True)
    try:
        village = svc.village()
        if village is None:
            raise ServiceError(
                "尚未设置村庄信息，请先完成初始设置", "The village has not been set up yet"
            )
        state = _matter_state(svc, args.matter)
        step = _step_of(args.step) if args.step else next_meeting(state)
        sheet = build_sign_in(village, state, step, args.assembly)
    except (SignInError, ServiceError) as exc:
        output.fail_with(exc)
    if out is None:
        sys.stdout.write(sign_in_html(sheet, lang))
        return 0
    try:
        write_sign_in(out, sheet, lang)
    except OSError as exc:
        output.cannot_write(out, exc)
    from ..i18n.sign_in import ERRORS

    output.say(ERRORS["saved"][0].format(path=out), ERRORS["saved"][1].format(path=out))
    return 0
