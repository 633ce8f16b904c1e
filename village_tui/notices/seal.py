"""What a printed notice carries so anyone can check it: a QR payload and a short code.

Pure: no database, no key files. Both name the village, the notice's ledger
position and the step; the QR also names the matter and carries the full
content hash and the village key's signature. Formats: docs/decisions.md,
"Notices anyone can check".
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass

from ..domain.chain import canonical_json
from ..domain.steps import Step
from ..i18n.notices import ERRORS, both
from .build import Fact

PAYLOAD_PREFIX = "VTN1"  # village-tui notice, format 1
HASH_BYTES = 16  # 128 bits: a forger must find a second content with the same hash
CODE_HASH_DIGITS = 10
_HASH_DOMAIN = b"village-tui notice content 1\n"

STEP_DIGIT = {Step.RESOLUTION_DISCLOSURE: "5", Step.RESULT_DISCLOSURE: "6"}
_DIGIT_STEP = {v: k for k, v in STEP_DIGIT.items()}

_B32 = "[A-Z2-7]+"
_PAYLOAD = re.compile(
    rf"{PAYLOAD_PREFIX}:(?P<village>[0-9]{{12}}):(?P<seq>[1-9][0-9]{{0,11}}):(?P<step>[56])"
    rf":(?P<matter>{_B32}):(?P<hash>{_B32}):(?P<lines>{_B32}):(?P<sig>{_B32})"
)

# Every fact a notice can state, in a fixed order: the QR holds one byte of hash per key,
# so a verifier can name the line that differs (a changed figure), not only that one does.
FACT_KEYS = (
    "matter",
    "description",
    "planned",
    "meeting",
    "held_on",
    "attendance",
    "votes",
    "resolution",
    "results",
    "spent",
    "completed",
    "period",
    "places",
    "supervision",
)
_LINE_DOMAIN = b"village-tui notice line 1\n"


class NoticeCodeError(ValueError):
    """Text that is not a notice's QR payload or short code; carries zh/en messages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.message_zh, self.message_en = zh, en


def content_hash(
    village_code: str, matter_id: str, step: Step, facts: list[Fact], anchor: str
) -> bytes:
    """The hash of what a notice states, as the ledger holds it (not as it is worded).

    `anchor` is the hash of the ledger entry at the notice's position. The facts are
    unmasked; without the anchor, which only holders of the ledger know, anyone could
    try every ID number that fits the masked one on the notice until the hash matched.
    """
    content = canonical_json(
        {
            "village": village_code,
            "matter": matter_id,
            "step": step.value,
            "anchor": anchor,
            "facts": [[k, v] for k, v in facts],
        }
    )
    return hashlib.sha256(_HASH_DOMAIN + content.encode("utf-8")).digest()[:HASH_BYTES]


def line_digests(facts: list[Fact], anchor: str) -> bytes:
    """One byte of hash per key of FACT_KEYS, over its value (or its absence) in `facts`."""
    values = dict(facts)
    out = bytearray()
    for key in FACT_KEYS:
        item = [anchor, key, values[key]] if key in values else [anchor, key]
        out.append(hashlib.sha256(_LINE_DOMAIN + canonical_json(item).encode("utf-8")).digest()[0])
    return bytes(out)


def differing_lines(ours: bytes, theirs: bytes) -> list[str]:
    """The keys whose line digests differ (a changed line is missed 1 time in 256)."""
    return [k for k, a, b in zip(FACT_KEYS, ours, theirs, strict=True) if a != b]


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _unb32(text: str) -> bytes:
    return base64.b32decode(text + "=" * (-len(text) % 8))


@dataclass(frozen=True)
class Seal:
    """Everything a notice's QR code holds."""

    village_code: str
    seq: int  # the matter's last event in the village ledger when the notice was made
    step: Step
    matter_id: str
    content_hash: bytes
    lines: bytes = b""  # line_digests of the facts, one byte per FACT_KEYS entry
    signature: bytes = b""

    def signed_text(self) -> str:
        """The part of the payload the signature covers: all of it but the signature."""
        return ":".join(
            (
                PAYLOAD_PREFIX,
                self.village_code,
                str(self.seq),
                STEP_DIGIT[self.step],
                _b32(self.matter_id.encode("utf-8")),
                _b32(self.content_hash),
                _b32(self.lines),
            )
        )

    def payload(self) -> str:
        """The QR payload: upper-case letters, digits and colons only (QR alphanumeric mode)."""
        return f"{self.signed_text()}:{_b32(self.signature)}"

    def short_code(self) -> str:
        """The code printed under the QR, for reading out over the phone."""
        return short_code(self.village_code, self.seq, self.step, self.content_hash)


def code_hash_digits(digest: bytes) -> str:
    """The content hash as the short code's ten decimal digits."""
    return f"{int.from_bytes(digest[:8], 'big') % 10**CODE_HASH_DIGITS:0{CODE_HASH_DIGITS}d}"


def short_code(village_code: str, seq: int, step: Step, digest: bytes) -> str:
    """Village, position, step, 10 digits of the content hash and a Damm check digit."""
    h = code_hash_digits(digest)
    body = f"{village_code}{seq}{STEP_DIGIT[step]}{h}"
    return f"{village_code}-{seq}-{STEP_DIGIT[step]}-{h[:5]}-{h[5:]}-{damm(body)}"


def parse_payload(text: str) -> Seal:
    """The seal a QR code holds, or NoticeCodeError."""
    m = _PAYLOAD.fullmatch(text.strip())
    if m is None:
        raise NoticeCodeError(*both(ERRORS, "payload_not_ours"))
    try:
        matter_id = _unb32(m["matter"]).decode("utf-8")
        digest, lines, signature = _unb32(m["hash"]), _unb32(m["lines"]), _unb32(m["sig"])
    except (ValueError, UnicodeDecodeError):
        digest, lines, signature, matter_id = b"", b"", b"", ""
    if (
        len(digest) != HASH_BYTES
        or len(lines) != len(FACT_KEYS)
        or len(signature) != 64
        or not matter_id
    ):
        raise NoticeCodeError(*both(ERRORS, "payload_damaged"))
    step = _DIGIT_STEP[m["step"]]
    return Seal(m["village"], int(m["seq"]), step, matter_id, digest, lines, signature)


@dataclass(frozen=True)
class ShortCode:
    """What a short code names: no matter and no signature, only a part of the hash."""

    village_code: str
    seq: int
    step: Step
    hash_digits: str


# Full-width digits and dashes, as typed with a Chinese input method.
_FOLD = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})
_MIN_DIGITS = 12 + 1 + 1 + CODE_HASH_DIGITS + 1


def parse_short_code(text: str) -> ShortCode:
    """The short code in `text` (any separators, or none), or NoticeCodeError."""
    folded = text.translate(_FOLD)
    if not re.fullmatch(r"[0-9\s\-－—.·]+", folded):
        raise NoticeCodeError(*both(ERRORS, "code_not_digits", text=text))
    digits = re.sub(r"[^0-9]", "", folded)
    if len(digits) < _MIN_DIGITS or len(digits) > _MIN_DIGITS + 11:
        raise NoticeCodeError(*both(ERRORS, "code_length", text=text))
    if damm(digits) != "0":
        raise NoticeCodeError(*both(ERRORS, "code_check_digit", text=text))
    village, seq, step = digits[:12], digits[12:-12], digits[-12]
    h = digits[-11:-1]
    if seq.startswith("0") or step not in _DIGIT_STEP:
        raise NoticeCodeError(*both(ERRORS, "code_wrong", text=text))
    return ShortCode(village, int(seq), _DIGIT_STEP[step], h)


# Damm's quasigroup of order 10: one check digit that catches every single wrong digit
# and every swap of two neighbouring digits, the two mistakes made reading codes aloud.
_DAMM = (
    "0317598642",
    "7092154863",
    "4206871359",
    "1750983426",
    "6123045978",
    "3674209581",
    "5869720134",
    "8945362017",
    "9438617205",
    "2581436790",
)


def damm(digits: str) -> str:
    """The Damm check digit of `digits` ("0" when `digits` already ends in its check digit)."""
    interim = 0
    for d in digits:
        interim = int(_DAMM[interim][int(d)])
    return str(interim)
