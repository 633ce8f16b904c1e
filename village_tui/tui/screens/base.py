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
    """Replace catalogue keys in binding descriptions with text in `lang`; ids, both cases, F1.

    Every binding gets an id for the user's keymap file ("dashboard.new_matter"), a letter
    key works in both cases (CapsLock is common), and a modal screen, which hides the app's
    keys, gets F1 for help.
    """
    from textual.binding import Binding
    from textual.screen import ModalScreen

    translate = translate or tr
    mapping = node._bindings.key_to_bindings
    for key, bindings in list(mapping.items()):
        mapping[key] = [
            dataclasses.replace(
                b,
                description=translate(_KEY_ALIASES.get(b.description, b.description), lang)
                if b.description.startswith("key.") or b.description in _KEY_ALIASES
                else b.description,
                id=b.id or binding_id(node, b),  # None for Textual's own keys
            )
            for b in bindings
        ]
    for key, bindings in list(mapping.items()):
        if len(key) == 1 and key.islower() and key.upper() not in mapping:
            mapping[key.upper()] = [
                dataclasses.replace(b, key=key.upper(), show=False) for b in bindings
            ]
    if isinstance(node, ModalScreen) and "f1" not in mapping:
        mapping["f1"] = [Binding("f1", "app.help", translate("key.help", lang), id="app.help")]


def binding_id(node: Any, binding: Any) -> str | None:
    """The id a keymap file names one of our bindings by: its screen and its action."""
    from textual.app import App

    owner = None
    for cls in type(node).__mro__:
        declared = cls.__dict__.get("BINDINGS", ())
        if cls.__module__.startswith("village_tui") and any(
            getattr(b, "action", None) == binding.action for b in declared
        ):
            owner = cls
    if owner is None:
        return None
    if issubclass(owner, App):
        return f"app.{binding.action}"
    name = owner.__name__.removesuffix("Screen") or owner.__name__
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
    return f"{snake}.{binding.action.removeprefix('app.')}"


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
