"""Printing for the CLI: one language at a time, one line per error, tracebacks to the log file."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

_lang = "zh"
log = logging.getLogger("village_tui")


class CommandFailed(Exception):
    """Raised after the error line has been printed; carries the exit code."""

    def __init__(self, code: int = 1) -> None:
        super().__init__(code)
        self.code = code


def set_lang(lang: str) -> None:
    global _lang
    _lang = lang


def lang() -> str:
    return _lang


def say(zh: str, en: str) -> None:
    """Print a line in the chosen language."""
    print(en if _lang == "en" else zh)


def fail(zh: str, en: str, code: int = 1) -> None:
    """Print one error line and stop the command with `code`."""
    print(("error: " + en) if _lang == "en" else ("错误：" + zh), file=sys.stderr)
    raise CommandFailed(code)


def fail_with(exc: Exception, code: int = 1) -> None:
    """Print an exception that carries its own zh/en message (ServiceError, InvalidRecord)."""
    zh = getattr(exc, "message_zh", None) or str(exc)
    en = getattr(exc, "message_en", None) or str(exc)
    fail(zh, en, code)


def log_path() -> Path:
    import platformdirs

    return platformdirs.user_log_path("village-tui", appauthor=False) / "village-tui.log"


def unexpected(exc: BaseException) -> int:
    """Log the traceback to the log file; tell the person one line and where the details are."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
        log.addHandler(handler)
        log.error("unexpected error", exc_info=exc)
        handler.close()
        log.removeHandler(handler)
    except OSError:
        pass
    msg = f"{type(exc).__name__}: {exc}"
    print(
        f"error: unexpected failure ({msg}); details in {path}"
        if _lang == "en"
        else f"错误：意外故障（{msg}），详情见 {path}",
        file=sys.stderr,
    )
    return 1
