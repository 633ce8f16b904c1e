"""The system's refusal is said in our words, never in its own English or GBK text."""

from __future__ import annotations

import errno

import pytest

from village_tui.i18n.os_errors import os_reason
from village_tui.tui.screens.base import error_text


@pytest.mark.parametrize(
    ("exc", "zh", "en"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘已满", "the disk is full"),
        (PermissionError(13, "拒绝访问。"), "没有权限", "permission denied"),
        (PermissionError(errno.EPERM, "x"), "系统不允许此操作", "the system does not allow this"),
        (FileNotFoundError(2, "x"), "找不到该文件或文件夹", "no such file or folder"),
        (
            OSError(errno.EROFS, "x"),
            "磁盘只读（U盘可能有写保护开关）",
            "the disk is read-only (a USB stick's lock switch?)",
        ),
        (
            OSError(9999, "Strange thing"),
            "系统拒绝了此操作（错误号 9999）",
            "the system refused (error 9999)",
        ),
        (OSError("no number"), "系统拒绝了此操作", "the system refused"),
    ],
)
def test_each_reason_in_both_languages(exc, zh, en):
    assert os_reason(exc, "zh") == zh
    assert os_reason(exc, "en") == en


def test_the_app_names_the_file_and_the_reason_not_the_system_text():
    exc = PermissionError(13, "Permission denied", "D:\\公示\\结果.html")
    assert error_text(exc, "zh") == "无法读写文件：D:\\公示\\结果.html：没有权限"
    assert (
        error_text(exc, "en")
        == "cannot read or write a file: D:\\公示\\结果.html: permission denied"
    )
    assert error_text(OSError(errno.ENOSPC, "No space"), "zh") == "无法读写文件：磁盘已满"
