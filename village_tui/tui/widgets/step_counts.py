"""The one-line count of matters per step at the top of the dashboard."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...domain.steps import ORDER
from ...i18n.tui import step_short, tr

_EN_SHORT = {"实施": "Impl"}


class StepCounts(Static):
    """ "未开始 2 · 1提议 3 · ... · 6结果 1": how far the village's matters have got."""

    DEFAULT_CSS = """
    StepCounts { height: 1; width: 1fr; padding: 0 1; }
    """

    def show(self, counts: dict[str | None, int], lang: str) -> None:
        text = Text(tr("dash.counts_title", lang), style="dim")
        parts = [
            (tr("dash.counts_none", lang) + ("" if lang != "en" else ":"), counts.get(None, 0))
        ]
        # English step names are long: the numbers alone keep the line inside 80 columns.
        parts += [
            (
                step_short(s, lang) if lang != "en" else _EN_SHORT.get(s.label, s.label) + ":",
                counts.get(s.value, 0),
            )
            for s in ORDER
        ]
        for i, (label, n) in enumerate(parts):
            if i:
                text.append(" ", style="dim")
            text.append(label, style="dim" if not n else "")
            text.append(str(n), style="bold" if n else "dim")
        self.update(text)
