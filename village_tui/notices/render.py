"""A notice as plain text and as a self-contained printable A4 HTML page (no network, system fonts)."""

from __future__ import annotations

from html import escape

from ..i18n.notices import NOTICE, PRINTED
from .build import Notice

_CSS = """
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC",
       "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", serif;
       font-size: 14pt; line-height: 1.7; color: #000; margin: 0 auto; max-width: 174mm; }
h1 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
     font-size: 20pt; text-align: center; margin: 0 0 12pt; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0; }
th, td { border: 1px solid #000; padding: 4pt 6pt; vertical-align: top; text-align: left; }
th { width: 28%; font-weight: normal; background: #f2f2f2; }
td { white-space: pre-wrap; overflow-wrap: anywhere; }
tr, .opinion, .signatures, .check { break-inside: avoid; page-break-inside: avoid; }
img, svg, table { max-width: 100%; }
.opinion { border: 1px solid #000; padding: 4pt 6pt; margin: 8pt 0; min-height: 24mm; }
.opinion .hint { color: #666; font-size: 10.5pt; }
.signatures { display: flex; justify-content: space-between; gap: 8mm; margin-top: 12pt; }
.signatures > div { flex: 1 1 0; position: relative; min-height: 32mm; }
.signline .line { display: inline-block; min-width: 30mm; border-bottom: 1px solid #000;
                  min-height: 1.4em; }
.sign { text-align: right; }
.sealbox { position: absolute; right: 0; bottom: 0; width: 32mm; height: 32mm;
           border: 1px dashed #888; color: #888; font-size: 10.5pt; z-index: -1;
           display: flex; align-items: flex-end; justify-content: center; }
.check { display: flex; align-items: center; gap: 10pt; margin-top: 18pt; font-size: 10.5pt;
         line-height: 1.5; break-inside: avoid; }
.check svg { width: 36mm; height: 36mm; flex: none; }
.check .code { font-family: "Consolas", "DejaVu Sans Mono", monospace; font-size: 12pt;
               white-space: nowrap; }
.check .cmd { white-space: nowrap; }
.spending th { width: auto; }
.spending caption { text-align: left; font-weight: bold; }
.spending .num { text-align: right; white-space: nowrap; }
@media print { th { background: none; } body { max-width: none; } }
"""


def _display_width(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def notice_text(notice: Notice) -> str:
    """The notice as plain text, one particular a line, for the loudspeaker or a WeChat group."""
    width = max((_display_width(k) for k, _ in notice.rows), default=0)
    lines = [notice.title, "", notice.intro, ""]
    for key, value in notice.rows:
        pad = " " * (width - _display_width(key))
        first, *rest = value.splitlines() or [""]
        lines.append(f"{key}{pad}：{first}")
        lines += [" " * (width + 2) + more for more in rest]
    lines += _spending_text(notice)
    lines += _supervision_text(notice)
    lines += ["", notice.closing, "", notice.signed.rjust(30), notice.dated.rjust(30), ""]
    if notice.code:
        how = _check_label("how", notice.lang)
        lines += [_check_label("code", notice.lang) + notice.code, how, ""]
    return "\n".join(lines)


def _check_label(key: str, lang: str) -> str:
    zh, en = PRINTED[key]
    return en if lang == "en" else zh


def _label(key: str, lang: str) -> str:
    zh, en = NOTICE[key]
    return en if lang == "en" else zh


def _spending_text(notice: Notice) -> list[str]:
    if not notice.spending:
        return []
    lines = ["", _label("spending", notice.lang) + "："]
    lines += [f"  {on}  {what}  {amount}" for on, what, amount in notice.spending]
    return lines


def _has_opinion(notice: Notice) -> bool:
    return any(k == _label("supervision", notice.lang) for k, _ in notice.rows)


def _supervision_text(notice: Notice) -> list[str]:
    lang = notice.lang
    lines = ["", _label("supervision", lang) + "："]
    if not _has_opinion(notice):
        lines += [_label("supervision_blank", lang), "", ""]
    sign = notice.supervisors or "________________"
    return lines + [_label("supervision_sign", lang) + sign + "  " + _label("seal_here", lang)]


def _opinion_html(notice: Notice) -> str:
    # Room for the 村务监督委员会 to write its opinion by hand when none was recorded.
    if _has_opinion(notice):
        return ""
    lang = notice.lang
    return (
        f'<div class="opinion"><div>{escape(_label("supervision", lang))}</div>'
        f'<div class="hint">{escape(_label("supervision_blank", lang))}</div></div>\n'
    )


def _signatures_html(notice: Notice) -> str:
    # Side by side, so both signatures, both seals and the QR code fit on one A4 page.
    lang = notice.lang
    seal = f'<span class="sealbox">{escape(_label("seal_here", lang))}</span>'
    return (
        '<div class="signatures">'
        f'<div class="signline">{escape(_label("supervision_sign", lang))}'
        f'<span class="line">{escape(notice.supervisors)}</span>{seal}</div>'
        f'<div class="sign">{escape(notice.signed)}<br>{escape(notice.dated)}{seal}</div>'
        "</div>\n"
    )


def _spending_html(notice: Notice) -> str:
    if not notice.spending:
        return ""
    lang = notice.lang
    head = "".join(
        f"<th>{escape(_label(k, lang))}</th>"
        for k in ("spending_on", "spending_what", "spending_amount")
    )
    body = "\n".join(
        f'<tr><td>{escape(on)}</td><td>{escape(what)}</td><td class="num">{escape(amount)}</td></tr>'
        for on, what, amount in notice.spending
    )
    return (
        f'<table class="spending"><caption>{escape(_label("spending", lang))}</caption>\n'
        f"<tr>{head}</tr>\n{body}\n</table>\n"
    )


def _qr_svg(payload: str) -> str:
    import segno  # only when a notice is printed: it is not needed to start the app

    return segno.make(payload, error="m").svg_inline(omitsize=True, border=4)


def _with_command(text: str) -> str:
    # The command is typed as printed: never broken at its hyphens.
    cmd = "village-tui verify-notice"
    return text.replace(cmd, f'<span class="cmd">{cmd}</span>')


def _check_html(notice: Notice) -> str:
    if not notice.code:
        return ""
    qr = _qr_svg(notice.qr_payload) if notice.qr_payload else ""
    return (
        f'<div class="check">{qr}<div>{escape(_check_label("code", notice.lang))}'
        f'<span class="code">{escape(notice.code)}</span><br>'
        f"{_with_command(escape(_check_label('how', notice.lang)))}</div></div>\n"
    )


def notice_html(notice: Notice, lang: str = "zh") -> str:
    """The notice as one HTML page that prints on A4 without fetching anything."""
    rows = "\n".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in notice.rows)
    html_lang = "en" if lang == "en" else "zh-CN"
    return f"""<!DOCTYPE html>
<html lang="{html_lang}">
<head>
<meta charset="utf-8">
<title>{escape(notice.title)}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{escape(notice.title)}</h1>
<p>{escape(notice.intro)}</p>
<table>
{rows}
</table>
{_spending_html(notice)}{_opinion_html(notice)}<p>{escape(notice.closing)}</p>
{_signatures_html(notice)}
{_check_html(notice)}</body>
</html>
"""
