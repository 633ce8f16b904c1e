"""Public notices (公示) for a resolution or a result: plain text and printable HTML, personal data masked."""

from .build import NOTICE_STEPS, Notice, build_notice
from .mask import mask_id, mask_personal, mask_phone
from .render import notice_html, notice_text

__all__ = [
    "NOTICE_STEPS",
    "Notice",
    "build_notice",
    "mask_id",
    "mask_personal",
    "mask_phone",
    "notice_html",
    "notice_text",
]
