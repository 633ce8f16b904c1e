"""`verify-notice`: is a posted notice what the village's ledger records?"""

from __future__ import annotations

import argparse
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
