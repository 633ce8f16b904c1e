"""Printing for the CLI: one language at a time, one line per error, tracebacks to the log file."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
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


def reason_of(exc: OSError) -> str:
    """Why a write failed, in our words (磁盘已满), never the system's English or GBK text."""
    from ..i18n.os_errors import os_reason

    return os_reason(exc, _lang)


def cannot_write(path: object, exc: OSError) -> None:
    """Stop with one line saying `path` could not be written, and why."""
    reason = reason_of(exc)
    if isinstance(exc, PermissionError):  # on Windows, above all: the file is open in Excel or WPS
        fail(
            f"无法写入 {path}：{reason}（文件可能正在 Excel 或 WPS 中打开，请关闭后重试）",
            f"cannot write {path}: {reason} (it may be open in Excel or WPS; close it and retry)",
        )
    fail(f"无法写入 {path}：{reason}", f"cannot write {path}: {reason}")


def stdout_failed(exc: OSError) -> None:
    """Stop with one line: standard output is full or closed (a pipe whose reader went away)."""
    silence_stdout()
    reason = reason_of(exc)
    fail(f"无法写入标准输出：{reason}", f"cannot write to standard output: {reason}")


def silence_stdout() -> None:
    """Point standard output at the null device, so that Python's flush at exit stays quiet."""
    # The Python docs (signal, "Note on SIGPIPE") do the same.
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):
        return  # not a real file (a test's capture): nothing will be flushed at exit
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)


def stdout_is_broken() -> bool:
    """Whether standard output can no longer be written (asked after an OSError)."""
    try:
        sys.stdout.flush()
    except OSError:
        return True
    except ValueError:  # closed
        return True
    return False


def fail_with(exc: Exception, code: int = 1) -> None:
    """Print an exception that carries its own zh/en message (ServiceError, InvalidRecord)."""
    zh = getattr(exc, "message_zh", None) or str(exc)
    en = getattr(exc, "message_en", None) or str(exc)
    fail(zh, en, code)


def log_path() -> Path:
    import platformdirs

    return platformdirs.user_log_path("village-tui", appauthor=False) / "village-tui.log"


class _LogFile(logging.FileHandler):
    """The log file, made (folder and all) only when there is something to write."""

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def emit(self, record: logging.LogRecord) -> None:
        # Opening (and making the folder) happens outside the handler's own guard.
        with suppress(OSError):
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        pass  # a log that cannot be written must not put a traceback on the person's screen


@contextmanager
def logging_to_file() -> Iterator[None]:
    """While a command runs, its warnings and errors go to the log file, never to the terminal."""
    handler = _LogFile(log_path(), encoding="utf-8", delay=True)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    try:
        yield
    finally:
        log.removeHandler(handler)
        handler.close()


def unexpected(exc: BaseException) -> int:
    """Log the traceback to the log file; tell the person one line and where the details are."""
    path = log_path()
    if any(isinstance(h, _LogFile) for h in log.handlers):
        log.error("unexpected error", exc_info=exc)
    else:
        with logging_to_file():
            log.error("unexpected error", exc_info=exc)
    msg = f"{type(exc).__name__}: {exc}"
    print(
        f"error: unexpected failure ({msg}); details in {path}"
        if _lang == "en"
        else f"错误：意外故障（{msg}），详情见 {path}",
        file=sys.stderr,
    )
    return 1
