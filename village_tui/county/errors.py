"""The one error a county report stops with."""

from __future__ import annotations


class CountyError(Exception):
    """A report that cannot be made as asked (bad township, unknown profile)."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh, self.message_en = message_zh, message_en

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh
