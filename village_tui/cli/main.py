"""`village-tui`: argument parsing, the database to open, and one-line errors instead of tracebacks."""

from __future__ import annotations

import argparse
import errno
import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from . import output
from .common import not_empty

log = logging.getLogger("village_tui")

# Each module adds its own subcommands with `register(subparsers)`.
COMMAND_MODULES = (
    "village_tui.cli.core",
    "village_tui.cli.app",
    "village_tui.cli.sync",
    "village_tui.cli.county",
    "village_tui.cli.notices",
    "village_tui.cli.township",
    "village_tui.cli.backup",
    "village_tui.cli.backlog",
    "village_tui.cli.attachments",
)

EPILOG = (
    "数据库位置：默认在用户数据目录（village-tui/village.db）；环境变量 VILLAGE_TUI_DB 或 --db 可另行指定。"
    "退出码：0 成功，1 输入有误或核对失败，2 用法错误。详见 docs/cli.md。"
)


class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line with exit code 2 (its texts: `argparse_in`)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        output.fail(f"用法错误：{message}", f"usage error: {message}", code=2)


@contextmanager
def argparse_in(lang: str) -> Iterator[None]:
    """argparse's own texts (usage, its errors, --help headings) in `lang` while parsing."""
    if lang == "en":
        yield
        return
    from ..i18n.argparse_texts import gettext_zh, ngettext_zh

    # argparse looks its texts up through these module globals each time it builds one.
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = gettext_zh, ngettext_zh  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


# Arguments naming files the operating system opens as given: a path in a legacy
# encoding (a GBK name on a USB stick) is fine there. Every other text argument
# is written to the database or into a bundle, which hold UTF-8 only.
_OS_PATHS = frozenset({"paths", "file", "out", "dir"})


def _not_utf8(args: argparse.Namespace) -> str | None:
    """The first option whose text is not valid UTF-8 (undecodable bytes from the command line)."""
    for name, value in vars(args).items():
        if name in _OS_PATHS:
            continue
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str):
                try:
                    v.encode("utf-8")
                except UnicodeEncodeError:
                    return "--" + name.replace("_", "-")
    return None


def build_parser() -> argparse.ArgumentParser:
    """The parser with every command family that is installed."""
    import importlib

    parser = Parser(
        prog="village-tui",
        description="四议两公开登记台账：村文书记录、乡镇审核、县级汇总。不带命令时打开终端界面。",
        epilog=EPILOG,
    )
    parser.add_argument(
        "--db",
        type=not_empty,
        metavar="PATH",
        help="SQLite 数据库文件（默认在用户数据目录，或环境变量 VILLAGE_TUI_DB）",
    )
    parser.add_argument(
        "--db-url",
        type=not_empty,
        metavar="URL",
        help="数据库连接串，例如 postgresql+psycopg://user@127.0.0.1/county",
    )
    parser.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="界面语言 / language（默认 zh）"
    )
    parser.add_argument("--actor", metavar="NAME", help="记录人姓名（写入台账）")
    sub = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        help="下列命令之一（village-tui COMMAND -h 查看其参数）",
        parser_class=Parser,
    )
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a command family not built yet
        module.register(sub)
    return parser


def in_english(parser: argparse.ArgumentParser) -> None:
    """Every Chinese --help text of `parser` and its subcommands replaced by its English."""
    from ..i18n.cli_help import EN

    parser.description = EN.get(parser.description or "", parser.description)
    parser.epilog = EN.get(parser.epilog or "", parser.epilog)
    for action in parser._actions:
        if isinstance(action.help, str):
            action.help = EN.get(action.help, action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = EN.get(choice.help or "", choice.help)
            for sub in dict.fromkeys(action.choices.values()):
                in_english(sub)


def _lang_from(argv: Sequence[str]) -> str:
    # Known before parsing, so that a usage error is already in the right language.
    args = list(argv)
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return "zh"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    output.set_lang("en" if _lang_from(argv) == "en" else "zh")
    try:
        with argparse_in(output.lang()):
            parser = build_parser()
            if output.lang() == "en":
                in_english(parser)
            args = parser.parse_args(argv)
    except output.CommandFailed as exc:
        return exc.code
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
    output.set_lang(args.lang)
    bad = _not_utf8(args)
    if bad is not None:
        return _usage_failure(
            f"{bad} 的值不是有效的 UTF-8 文本（请检查终端或文件名的编码）",
            f"the value of {bad} is not valid UTF-8 text (check the terminal's encoding)",
        )
    func = getattr(args, "func", None)
    if func is None:
        if args.command is None and hasattr(args, "default_func"):
            func = args.default_func
        else:
            try:
                from .app import run_app
            except ModuleNotFoundError as exc:
                if exc.name != "village_tui.cli.app":
                    raise
                with argparse_in(output.lang()):
                    parser.print_help()
                return 0
            func = run_app
    with output.logging_to_file():
        try:
            code = int(func(args) or 0)
            try:
                sys.stdout.flush()  # here, where a full or closed output can be said in one line
            except OSError as exc:
                output.stdout_failed(exc)
            return code
        except output.CommandFailed as exc:
            return exc.code
        except KeyboardInterrupt:
            return 130
        except SystemExit as exc:
            # Rich meets a closed pipe by pointing stdout at the null device and exiting 1,
            # silently: say it in the same one line as every other failed write to stdout.
            if not isinstance(exc.__context__, OSError):
                raise
            try:
                output.stdout_failed(exc.__context__)
            except output.CommandFailed as failed:
                return failed.code
            return 1
        except Exception as exc:  # noqa: BLE001
            return _report(exc)
        finally:
            from .common import close_all

            close_all()


def _usage_failure(zh: str, en: str) -> int:
    try:
        output.fail(f"用法错误：{zh}", f"usage error: {en}", code=2)
    except output.CommandFailed as exc:
        return exc.code
    return 2


_STDOUT_ERRNOS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EBADF})


def _report(exc: Exception) -> int:
    """One line for the person: their own mistake, a database problem, or where the traceback went."""
    try:
        if hasattr(exc, "message_zh"):  # ServiceError, InvalidRecord, UnknownProfile ...
            output.fail_with(exc)
        if isinstance(exc, OSError):
            # Writes to files are caught where they happen and name their file; an error
            # with no file name here came from standard output (`> full disk`, `| head`).
            if exc.filename is None and exc.errno in _STDOUT_ERRNOS or output.stdout_is_broken():
                output.stdout_failed(exc)
            if exc.errno == errno.ENOSPC:
                log.warning("disk full", exc_info=exc)
                reason = output.reason_of(exc)
                output.fail(reason, reason)
        from ..store.errors import database_problem

        problem = database_problem(exc)
        if problem is not None:
            log.warning("database problem", exc_info=exc)  # the technician's details
            output.fail(*problem)
        if isinstance(exc, UnicodeError):  # text that cannot be written in this encoding
            output.fail(
                f"文本编码有误：{exc.reason}（请检查终端或文件的编码）",
                f"text encoding problem: {exc.reason} (check the terminal's or file's encoding)",
            )
    except output.CommandFailed as failed:
        return failed.code
    return output.unexpected(exc)
