"""The printed 签到表 of a meeting step: who should come, a line for each to sign (A4 HTML).

Names are not in the roster (it holds figures only), so the rows are numbered and
blank; the sheet is filled in and signed at the meeting, then scanned and attached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from ..atomic import write_text
from ..domain.model import MatterState, Meeting, Official, Village
from ..domain.steps import Assembly, Step
from ..i18n.sign_in import BASES, MEETINGS, SHEET, say
from .mask import public_text
from .sign_in_errors import SignInError

# Which roster figure 应到 comes from (step 1 has none: the branch committee is not on it).
ROSTER_BASIS = {
    (Step.JOINT_MEETING, None): "committee_members",
    (Step.PARTY_ASSEMBLY, None): "party_members_voting",
    (Step.RESOLUTION, Assembly.REPRESENTATIVES.value): "rep_assembly_members",
    (Step.RESOLUTION, Assembly.VILLAGERS.value): "adult_villagers",
}
BLANK_ROWS = 12  # when nobody knows 应到 beforehand (the branch committee)
OFFICIAL_ROWS = 3
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')  # not allowed in Windows file names


@dataclass(frozen=True)
class SignInSheet:
    """What a sign-in sheet says, before it is printed."""

    village: str
    matter: str
    meeting: str
    held_on: date | None
    place: str
    expected: int  # 0: not known beforehand
    basis: str  # a key of BASES, or ""
    officials: tuple[Official, ...] = ()

    @property
    def rows(self) -> int:
        return self.expected if self.expected > 0 else BLANK_ROWS


def build_sign_in(village: Village, state: MatterState, step: Step, assembly: str | None = None):
    """The sheet for `step` of the matter: from its record if held, else from the roster."""
    if not step.is_meeting:
        raise SignInError("not_meeting", step=step.value)
    record = state.steps.get(step)
    held = record if isinstance(record, Meeting) else None
    if assembly is None:
        assembly = held.assembly if held else Assembly.REPRESENTATIVES.value
    body = assembly if step is Step.RESOLUTION else step.value
    if held is not None and held.expected > 0:
        expected, basis = held.expected, "recorded"
    else:
        basis = ROSTER_BASIS.get((step, assembly if step is Step.RESOLUTION else None), "")
        expected = getattr(village.roster, basis) if basis else 0
        basis = basis if expected > 0 else ""
    return SignInSheet(
        village=public_text(village.name, one_line=True),
        matter=public_text(state.matter.title, one_line=True),
        meeting=body,
        held_on=held.held_on if held else None,
        place=public_text(held.place, one_line=True) if held else "",
        expected=expected,
        basis=basis,
        officials=held.officials if held else (),
    )


def next_meeting(state: MatterState) -> Step:
    """The first meeting step the matter has not reached yet (the one to print a sheet for)."""
    for step in (Step.PROPOSAL, Step.JOINT_MEETING, Step.PARTY_ASSEMBLY, Step.RESOLUTION):
        if step not in state.steps:
            return step
    raise SignInError("none_left")


_CSS = """
@page { size: A4; margin: 15mm 15mm; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC",
       "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", serif;
       font-size: 12pt; line-height: 1.5; color: #000; margin: 0 auto; max-width: 180mm; }
h1 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
     font-size: 18pt; text-align: center; margin: 0 0 10pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
th, td { border: 1px solid #000; padding: 3pt 5pt; text-align: left; vertical-align: middle; }
.facts th { width: 14%; font-weight: normal; background: #f2f2f2; }
.people th { font-weight: normal; background: #f2f2f2; text-align: center; }
.people td { height: 9mm; }
.people td.no { width: 10%; text-align: center; }
.people td.name { width: 24%; }
.people td.note { width: 20%; }
.people tr { break-inside: avoid; }
h2 { font-size: 12pt; margin: 12pt 0 2pt; }
.sign { display: flex; justify-content: space-between; margin-top: 18pt; }
.sign span { width: 48%; border-bottom: 1px solid #000; padding-bottom: 12pt; }
.basis, .footer { font-size: 10pt; margin-top: 6pt; }
@media print { th { background: none !important; } }
"""


def sign_in_html(sheet: SignInSheet, lang: str = "zh") -> str:
    """The sheet as one HTML page that prints on A4 without fetching anything (text is escaped)."""
    t = lambda key, **v: escape(say(SHEET, key, lang, **v))  # noqa: E731
    meeting = say(MEETINGS, sheet.meeting, lang)
    title = escape(say(SHEET, "title", lang, village=sheet.village, meeting=meeting))
    held = sheet.held_on.isoformat() if sheet.held_on else say(SHEET, "blank_date", lang)
    expected = t("persons", n=sheet.expected) if sheet.expected > 0 else ""
    facts = (
        f"<tr><th>{t('village')}</th><td>{escape(sheet.village)}</td>"
        f"<th>{t('meeting')}</th><td>{escape(meeting)}</td></tr>\n"
        f'<tr><th>{t("matter")}</th><td colspan="3">{escape(sheet.matter)}</td></tr>\n'
        f"<tr><th>{t('date')}</th><td>{escape(held)}</td>"
        f"<th>{t('place')}</th><td>{escape(sheet.place)}</td></tr>\n"
        f"<tr><th>{t('expected')}</th><td>{expected}</td>"
        f"<th>{t('present')}</th><td></td></tr>"
    )
    people = "\n".join(
        f'<tr><td class="no">{i}</td><td class="name"></td><td></td><td class="note"></td></tr>'
        for i in range(1, sheet.rows + 1)
    )
    named = list(sheet.officials) + [Official(name="", post="")] * max(
        0, OFFICIAL_ROWS - len(sheet.officials)
    )
    officials = "\n".join(
        f'<tr><td class="name">{escape(o.name)}</td><td>{escape(o.post)}</td><td></td></tr>'
        for o in named
    )
    basis = t("basis", basis=say(BASES, sheet.basis, lang)) if sheet.basis else t("basis_none")
    html_lang = "en" if lang == "en" else "zh-CN"
    return f"""<!DOCTYPE html>
<html lang="{html_lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{title}</h1>
<table class="facts">
{facts}
</table>
<p class="basis">{basis}</p>
<table class="people">
<thead><tr><th>{t("no")}</th><th>{t("name")}</th><th>{t("signature")}</th><th>{t("note")}</th></tr></thead>
<tbody>
{people}
</tbody>
</table>
<h2>{t("officials")}</h2>
<table class="people">
<thead><tr><th>{t("name")}</th><th>{t("post")}</th><th>{t("signature")}</th></tr></thead>
<tbody>
{officials}
</tbody>
</table>
<div class="sign"><span>{t("chair")}</span><span>{t("recorder")}</span></div>
<p class="footer">{t("footer")}</p>
</body>
</html>
"""


def sign_in_stem(state: MatterState, step: Step, today: date) -> str:
    """A file name (no suffix) that says which matter, which meeting and when it was printed."""
    shown = public_text(state.matter.title, one_line=True)
    title = _UNSAFE.sub("_", shown).strip("._")[:30].strip("._") or state.matter.id[:8]
    return f"{today.isoformat()}-{title}-签到表-第{step.label}步"


def write_sign_in(path: Path, sheet: SignInSheet, lang: str = "zh") -> Path:
    """Write the sheet's HTML to `path`, whole or not at all."""
    write_text(path, sign_in_html(sheet, lang))
    return path
