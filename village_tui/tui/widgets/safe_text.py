"""Rich text of ledger words with the control characters taken out before it reaches the screen."""

from __future__ import annotations

from rich.text import Text

from ...domain.text import CONTROL, printable


def safe_text(text: Text) -> Text:
    """`text` as is, or (when it carries escapes or control characters) their printable rest.

    Rich's Text keeps ESC, so an escape from another village's bundle would repaint the
    terminal; the styles of such a rare line are given up for its plain words.
    """
    if not CONTROL.search(text.plain):
        return text
    return Text(printable(text.plain), style=text.style, no_wrap=text.no_wrap)
