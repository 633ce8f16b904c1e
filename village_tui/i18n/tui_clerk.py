"""Texts of the clerk's app added for issue 14 (Textual's own texts, placeholders, markers)."""

from __future__ import annotations

PAIRS: dict[str, tuple[str, str]] = {
    # Textual's command palette and its system commands
    "palette.search": ("搜索命令…", "Search for commands…"),
    "palette.none": ("没有相符的命令", "No matches found"),
    "palette.shot": ("截图", "Screenshot"),
    "palette.shot_more": (
        "把当前屏幕保存为 SVG 图片（存在公示文件夹）",
        "Save the screen as an SVG picture (in the notice folder)",
    ),
    "palette.shot_saved": ("截图已保存：{path}", "Screenshot saved: {path}"),
    "palette.quit": ("退出", "Quit"),
    "palette.quit_more": (
        "关闭本程序（已保存的内容都在台账中）",
        "Close the app (all saved work is in the ledger)",
    ),
    # Textual's dropdown
    "key.dismiss_menu": ("关闭列表", "Close list"),
    "select.prompt": ("请选择", "Choose"),
    "error.os": ("无法读写文件：{where}{why}", "cannot read or write a file: {where}{why}"),
    # categories in a list column of 8 (zh) or 10 (en) cells
    "catshort.road": ("道路", "Roads"),
    "catshort.grain_subsidy": ("种粮直补", "Grain aid"),
    "catshort.dibao": ("低保评议", "Dibao"),
    "catshort.public_works": ("一事一议", "Works"),
    "catshort.land": ("土地承包", "Land"),
    "catshort.collective_assets": ("集体资产", "Collective"),
    "catshort.homestead": ("宅基地", "Homestead"),
    "catshort.land_compensation": ("征地补偿", "Land comp."),
    "catshort.relief": ("救灾救济", "Relief"),
    "catshort.other": ("其他", "Other"),
    # the dashboard's explanations
    "dash.counts_title": ("各步骤事项数：", "Matters per step: "),
    "dash.legend": (
        "标记：✗ 有须改正的问题  ! 有提醒  … 核查中",
        "Marks: ✗ must be put right  ! warning  … checking",
    ),
    # Esc on a changed form
    "key.discard": ("放弃修改", "Discard"),
    "key.keep_editing": ("继续填写", "Keep editing"),
    "discard.title": (
        "[b]表单已修改，尚未保存[/b]",
        "[b]The form has changes that are not saved[/b]",
    ),
    "discard.text": (
        "按 Y 放弃这些修改并关闭表单（台账不变）；按 N 或 Esc 回到表单继续填写。",
        "Y discards them and closes the form (the ledger is unchanged); N or Esc goes back to it.",
    ),
    # the check panel while the form cannot be read or is being checked
    "form.check_waits": (
        "（先改正上面的错误，再核查）",
        "(put the error above right first, then it is checked)",
    ),
    "form.checking": ("核查中…", "Checking…"),
    # the user's keymap file
    "keymap.bad_line": (
        '第 {n} 行不是“编号 = "按键"”的格式，已忽略',
        'line {n} is not in the form id = "keys"; ignored',
    ),
    "keymap.unreadable": (
        "无法读取键位文件 {path}，按默认按键",
        "cannot read the keymap file {path}; default keys",
    ),
    "keymap.in_file": ("键位文件 {path}：{problem}", "keymap file {path}: {problem}"),
    # fields
    "date.placeholder": ("年-月-日", "yyyy-mm-dd"),
}
