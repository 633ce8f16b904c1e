"""Why a sign-in sheet cannot be printed, with its texts in the catalogue."""

from __future__ import annotations

from ..i18n.sign_in import ERRORS


class SignInError(ValueError):
    """A sign-in sheet asked for something that is not a meeting, or a matter that is not there."""

    def __init__(self, key: str, **values: object) -> None:
        zh, en = ERRORS[key]
        self.message_zh = zh.format(**values)
        self.message_en = en.format(**values)
        super().__init__(self.message_en)

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh
