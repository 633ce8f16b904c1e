"""Why the operating system refused, in our words: its own text is English (or GBK) and technical."""

from __future__ import annotations

import errno

_BY_ERRNO: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘已满", "the disk is full"),
    errno.EACCES: ("没有权限", "permission denied"),
    errno.EPERM: ("系统不允许此操作", "the system does not allow this"),
    errno.ENOENT: ("找不到该文件或文件夹", "no such file or folder"),
    errno.EEXIST: ("同名文件已存在", "a file of that name already exists"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "this is a folder, not a file"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    errno.EROFS: (
        "磁盘只读（U盘可能有写保护开关）",
        "the disk is read-only (a USB stick's lock switch?)",
    ),
    errno.ENAMETOOLONG: ("文件名太长", "the file name is too long"),
    errno.EIO: (
        "读写磁盘出错（U盘可能已拔出或损坏）",
        "a disk read/write error (USB stick removed or damaged?)",
    ),
    errno.EPIPE: ("接收输出的程序已关闭", "the program reading the output has closed"),
    errno.EBADF: ("输出已关闭", "the output is closed"),
    errno.EBUSY: ("文件或设备正被占用", "the file or device is busy"),
    errno.EINVAL: ("文件名或参数无效", "an invalid file name or argument"),
    errno.ENODEV: ("设备不存在（U盘可能已拔出）", "no such device (USB stick removed?)"),
}


def os_reason(exc: BaseException, lang: str) -> str:
    """The reason for an OSError in `lang`, never the system's own text; its number for the technician."""
    code = getattr(exc, "errno", None)
    words = _BY_ERRNO.get(code) if isinstance(code, int) else None
    if words is None and isinstance(exc, PermissionError):
        words = _BY_ERRNO[errno.EACCES]
    if words is None and isinstance(exc, FileNotFoundError):
        words = _BY_ERRNO[errno.ENOENT]
    if words is None:
        number = f"（错误号 {code}）" if isinstance(code, int) else ""
        number_en = f" (error {code})" if isinstance(code, int) else ""
        return f"系统拒绝了此操作{number}" if lang != "en" else f"the system refused{number_en}"
    return words[1] if lang == "en" else words[0]
