"""Saving a notice's .txt and .html beside the database."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..atomic import write_text
from ..domain.model import MatterState, Village
from ..domain.steps import Step
from .build import build_notice, notice_date
from .mask import public_text
from .render import notice_html, notice_text
from .seal import Seal

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')  # not allowed in Windows file names


def notice_stem(state: MatterState, step: Step, today: date, lang: str = "zh") -> str:
    """A file name (no suffix) that says which matter, which notice and when, in `lang`."""
    resolution = step is Step.RESOLUTION_DISCLOSURE
    if lang == "en":
        kind = "resolution-notice" if resolution else "result-notice"
    else:
        kind = "决议公示" if resolution else "结果公示"
    # Masked before it is cut, so no part of an ID or phone number survives in the name.
    shown = public_text(state.matter.title, one_line=True)
    title = _UNSAFE.sub("_", shown).strip("._")[:30].strip("._") or state.matter.id[:8]
    return f"{notice_date(state, step, today).isoformat()}-{title}-{kind}"


def write_notices(
    folder: Path,
    village: Village,
    state: MatterState,
    step: Step,
    today: date,
    lang: str = "zh",
    seal: Seal | None = None,
) -> tuple[Path, Path]:
    """Write the notice as .txt and .html into `folder`; return both paths.

    With a `seal` (`check.seal_notice`) both carry its verification code, the HTML its QR code.
    """
    notice = build_notice(village, state, step, today, lang)
    if seal is not None:
        notice = replace(notice, code=seal.short_code(), qr_payload=seal.payload())
    folder.mkdir(parents=True, exist_ok=True)
    stem = notice_stem(state, step, today, lang)
    txt = folder / f"{stem}.txt"
    html = folder / f"{stem}.html"
    # utf-8 with BOM so Windows Notepad of older versions shows the Chinese correctly.
    write_text(txt, notice_text(notice), encoding="utf-8-sig")
    write_text(html, notice_html(notice, lang))
    return txt, html
