"""What every screen shares: the language, the service, localized key bindings, and a save worker."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from textual import work
from textual._context import active_app
from textual.message import Message

from ...i18n.tui import tr

log = logging.getLogger("village_tui")


# Descriptions Textual itself gives its bindings.
_KEY_ALIASES = {"palette": "key.palette", "Dismiss menu": "key.dismiss_menu"}


def localize_bindings(node: Any, lang: str, translate: Any = None) -> None:
    """Replace catalogue keys in binding descriptions with text in `lang`."""
    translate = translate or tr
    mapping = node._bindings.key_to_bindings
    for key, bindings in list(mapping.items()):
        mapping[key] = [
            dataclasses.replace(
                b,
                description=translate(_KEY_ALIASES.get(b.description, b.description), lang)
                if b.description.startswith("key.") or b.description in _KEY_ALIASES
                else b.description,
            )
            for b in bindings
        ]


def error_text(exc: BaseException, lang: str) -> str:
    """The person-facing message of an error the services raise (or a generic one)."""
    if hasattr(exc, "message_zh"):
        return exc.message_en if lang == "en" else exc.message_zh  # type: ignore[attr-defined]
    from ...store.errors import database_problem

    problem = database_problem(exc)
    if problem is not None:
        log.warning("database problem in the app", exc_info=exc)
        return problem[1] if lang == "en" else problem[0]
    if isinstance(exc, OSError):  # a file or folder the system refused: said in our words
        from ...i18n.os_errors import os_reason

        log.warning("file refused in the app", exc_info=exc)
        where = f"{exc.filename}{': ' if lang == 'en' else '：'}" if exc.filename else ""
        return tr("error.os", lang, where=where, why=os_reason(exc, lang))
    log.error("unexpected error in the app", exc_info=exc)
    return tr("error.unexpected", lang, message=f"{type(exc).__name__}: {exc}")


class Localized:
    """Mixin for screens: `self.t(...)`, `self.lang`, `self.service`, translated footer keys."""

    def _localize(self) -> None:
        try:
            lang = active_app.get().lang  # type: ignore[attr-defined]
        except (LookupError, AttributeError):
            lang = "zh"
        localize_bindings(self, lang)

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "zh")  # type: ignore[attr-defined]

    @property
    def service(self):
        return self.app.service  # type: ignore[attr-defined]

    def t(self, key: str, **values: Any) -> str:
        return tr(key, self.lang, **values)


class Saved(Message):
    """A service call made by a form's worker has succeeded."""

    def __init__(self, result: Any) -> None:
        super().__init__()
        self.result = result


class Refused(Message):
    """A service call made by a form's worker was refused; nothing was saved."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class ServiceWorker:
    """Mixin: run one service call off the UI thread and report `Saved` or `Refused`."""

    @work(thread=True, exclusive=True, group="save")
    def call_service(self, fn: Callable[[], Any]) -> None:
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001 - every refusal is shown, never a traceback
            self.post_message(Refused(exc))  # type: ignore[attr-defined]
        else:
            self.post_message(Saved(result))  # type: ignore[attr-defined]
