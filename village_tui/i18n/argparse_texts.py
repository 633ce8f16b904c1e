"""argparse's own texts (usage, errors, --help headings) in Chinese; English is argparse's own."""

from __future__ import annotations

# Keyed by argparse's English message id (Python 3.10 to 3.13), the placeholders kept.
ZH: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "命令与参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的值",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "须给出以下参数之一：%s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "ignored explicit argument %r": "多余的值 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知命令 %(parser_name)r（可选：%(choices)s）",
}


def gettext_zh(message: str) -> str:
    """argparse's message in Chinese (its English where none is written yet)."""
    return ZH.get(message, message)


def ngettext_zh(singular: str, plural: str, n: int) -> str:
    """argparse's plural message in Chinese."""
    return gettext_zh(singular if n == 1 else plural)
