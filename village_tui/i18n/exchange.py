"""Words of the clerk's exchange with the township: export, feedback import, answering a return."""

from __future__ import annotations

from typing import Any

T: dict[str, tuple[str, str]] = {
    "key.answer": ("答复退回", "Answer return"),
    "key.exchange": ("导出/导入", "Exchange"),
    "key.export": ("导出", "Export"),
    "key.import": ("导入反馈", "Import feedback"),
    "key.save": ("保存", "Save"),
    "key.cancel": ("取消", "Cancel"),
    "key.back": ("返回", "Back"),
    "key.help": ("帮助", "Help"),
    "answer.title": ("答复乡镇退回：{title}", "Answer the township's return: {title}"),
    "answer.comment": ("乡镇意见：{comment}", "Township's comment: {comment}"),
    "answer.fixed": ("已整改", "Fixed"),
    "answer.explained": ("说明", "Explained"),
    "answer.text": ("答复内容（必填）：", "Answer (required):"),
    "answer.done": (
        "已答复，随下次导出交给乡镇",
        "Answered; it goes to the township with the next export",
    ),
    "answer.not_returned": ("该事项没有被退回", "This matter was not returned"),
    "exchange.title": ("与乡镇交换数据", "Exchange with the township"),
    "exchange.folder": (
        "文件夹（U 盘或共享文件夹，记住）：",
        "Folder (USB stick or shared folder, remembered):",
    ),
    "exchange.exported": ("已导出 {n} 个数据包：{files}", "{n} bundle(s) written: {files}"),
    "exchange.nothing": ("没有新记录，未写文件", "Nothing new to export; no file written"),
    "exchange.no_feedback": (
        "文件夹里没有给本村的反馈包",
        "No feedback bundle for this village in the folder",
    ),
    "exchange.working": ("正在处理 {done}/{total}", "Working {done}/{total}"),
    "exchange.no_folder": ("请先填写文件夹", "Type the folder first"),
}


def tr(key: str, lang: str = "zh", **values: Any) -> str:
    """The text of `key` in `lang`; keys not in this catalogue pass through unchanged."""
    if key not in T:
        return key
    zh, en = T[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text
