"""`village-tui`: argument parsing, the database to open, and one-line errors instead of tracebacks."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from . import output

log = logging.getLogger("village_tui")

# Each module adds its own subcommands with `register(subparsers)`.
COMMAND_MODULES = ("village_tui.cli.core", "village_tui.cli.app", "village_tui.cli.sync", "village_tui.cli.county")


class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        output.fail(f"用法错误：{message}", f"usage error: {message}", code=2)


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = Parser(
        prog="village-tui",
        description="四议两公开登记台账：村文书记录、乡镇审核、县级汇总。不带子命令时打开终端界面。",
    )
    parser.add_argument("--db", metavar="PATH", help="SQLite 数据库文件（默认在用户数据目录，或环境变量 VILLAGE_TUI_DB）")
    parser.add_argument("--db-url", metavar="URL", help="数据库连接串，例如 postgresql+psycopg://user@127.0.0.1/county")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="界面语言 / language (默认 zh)")
    parser.add_argument("--actor", metavar="NAME", help="记录人姓名（写入台账）")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a command family not built yet
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    output.set_lang(args.lang)
    func = getattr(args, "func", None)
    if func is None:
        if args.command is None and hasattr(args, "default_func"):
            func = args.default_func
        else:
            from .app import run_app

            func = run_app
    try:
        return int(func(args) or 0)
    except output.CommandFailed as exc:
        return exc.code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001
        if hasattr(exc, "message_zh"):  # ServiceError, InvalidRecord, UnknownProfile ...: the person's to fix
            try:
                output.fail_with(exc)
            except output.CommandFailed as failed:
                return failed.code
        return output.unexpected(exc)
