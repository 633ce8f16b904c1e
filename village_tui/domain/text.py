"""Text people type and other villages send: what may be recorded, and how it is shown.

Control characters (C0 but tab and line breaks, DEL, C1) have no place in a ledger: on a
terminal an ANSI escape repaints the screen, in a spreadsheet or a file name they break the
writer. They are refused when recorded or imported, and stripped at every render anyway.

The limits are those the importer enforces (`schemas/event.json`, `sync.bundle.Limits`):
what a village records must be deliverable, or its sync is blocked for good.
"""

from __future__ import annotations

import re
from typing import Any

from .findings import InvalidRecord
from .messages.text import FIELD_LABELS, MESSAGES

ACTOR_CHARS = 128  # schemas/event.json: actor maxLength
ID_CHARS = 64  # schemas/common.json: id maxLength
# One event's payload, as canonical JSON text. Generous (a 低保 list of a thousand households
# fits many times over), yet small enough that any one event fits in a bundle.
PAYLOAD_CHARS = 256 * 1024

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# ESC/CSI sequences, OSC strings (hyperlinks, window titles) and two-character escapes.
_ANSI = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[@-_]"
)
_LINE_BREAKS = re.compile(r"[\t\r\n\u2028\u2029]+")


def printable(text: str, *, one_line: bool = False) -> str:
    """`text` without escape sequences and control characters (line breaks become spaces
    with `one_line`): what any render may show of text from outside."""
    if not isinstance(text, str):
        text = str(text)
    text = CONTROL.sub("", _ANSI.sub("", text))
    return _LINE_BREAKS.sub(" ", text) if one_line else text


def _label(field: str, lang: str) -> str:
    zh, en = FIELD_LABELS.get(field, (field, field))
    return en if lang == "en" else zh


def _refuse(key: str, field: str, **params: object) -> InvalidRecord:
    zh, en = MESSAGES[key]
    return InvalidRecord(
        field,
        zh.format(field=_label(field, "zh"), **params),
        en.format(field=_label(field, "en"), **params),
    )


def control_in(data: Any, field: str = "") -> tuple[str, str] | None:
    """(field, character) of the first control character in any text of `data`, or None."""
    if isinstance(data, str):
        m = CONTROL.search(data)
        return (field, m[0]) if m else None
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = ((field, x) for x in data)
    else:
        return None
    for key, value in items:
        found = control_in(value, str(key))
        if found:
            return found
    return None


def check_recordable(payload: Any, payload_text: str, actor: str) -> None:
    """Raise InvalidRecord for an event the importer would refuse: control characters,
    an actor name or a payload longer than the import limits."""
    found = control_in({"actor": actor}) or control_in(payload)
    if found:
        field, ch = found
        raise _refuse("control", field or "text", code=f"U+{ord(ch):04X}")
    if len(actor) > ACTOR_CHARS:
        raise _refuse("too_long", "actor", limit=ACTOR_CHARS, length=len(actor))
    if len(payload_text) > PAYLOAD_CHARS:
        raise _refuse("too_big", "payload", limit=PAYLOAD_CHARS, length=len(payload_text))
