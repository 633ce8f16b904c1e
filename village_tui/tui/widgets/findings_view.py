"""Findings as the clerk reads them: a mark, the message, and the rule and its source."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from ...domain.findings import Finding, Severity
from ...i18n.tui import tr

_MARKS = {
    Severity.INVALID: ("✗", "bold red"),
    Severity.DEFECT: ("△", "bold magenta"),
    Severity.WARNING: ("!", "bold yellow"),
}


def finding_text(f: Finding, lang: str, *, indent: str = "", ids: bool | None = None) -> Text:
    """One finding: ✗ not valid, △ a defect, ! a warning; the citation dimmed after the message.

    The rule's id is shown in English (the technical view) or where `ids` asks for it.
    """
    mark, style = _MARKS[f.severity]
    text = Text(indent)
    text.append(f"{mark} ", style=style)
    if f.severity is not Severity.WARNING:
        text.append(tr(f"finding.{f.severity.value}", lang) + "：", style=style)
    text.append(f.message(lang))
    if ids if ids is not None else lang == "en":
        source = (
            f"  [{f.rule_id}; {f.citation(lang)}]"
            if lang == "en"
            else f"  〔{f.rule_id}；{f.citation(lang)}〕"
        )
    else:  # the clerk reads the law it cites, not an English id
        source = f"  〔{f.citation(lang)}〕"
    text.append(source, style="dim")
    return text


class FindingsView(Static):
    """A short list of findings with a heading; empty text when there is nothing to say."""

    DEFAULT_CSS = """
    FindingsView { height: auto; max-height: 6; padding: 0 1; overflow-y: auto; }
    """

    def show(self, heading: str, findings: Sequence[Finding], lang: str, ok: str = "") -> None:
        if not findings:
            self.update(Text(ok, style="green") if ok else "")
            return
        body = Text(heading + "\n", style="bold")
        for i, f in enumerate(findings):
            if i:
                body.append("\n")
            body.append_text(finding_text(f, lang))
        self.update(body)

    def say(self, message: str, style: str = "") -> None:
        self.update(Text(message, style=style))
