"""What people read comes from `village_tui/i18n/`: no Chinese text in the code of the layers below.

Recorded data is not a message (the default actor names written into the ledger,
a replaced key's recorded reason) and is listed here by name; so are the modules
made of synthetic data.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import village_tui

PACKAGE = Path(village_tui.__file__).parent
LAYERS = ("store", "sync", "notices", "county")
CJK = re.compile(r"[\u4e00-\u9fff]")
# Modules made of synthetic data.
NOT_SCANNED = {
    "county/synthetic.py",
    "county/synthetic_matters.py",
    "county/ledgers.py",
    "county/generate.py",
}
# Data written into ledgers and tables, not shown as a message.
RECORDED = {
    ("store/services.py", "村文书"),
    ("sync/review.py", "乡镇审核员"),
    ("sync/desk.py", "乡镇审核员"),
    ("sync/key_changes.py", "乡镇管理员"),
    ("sync/key_changes.py", "电脑丢失或损坏，电话核对新指纹后换用新密钥"),
    ("sync/key_changes.py", "已由新密钥 "),
    ("sync/key_changes.py", " 替换"),
    ("sync/witness.py", "乡镇台账见证"),
    ("notices/files.py", "决议公示"),  # part of a file name, not a message
    ("notices/files.py", "结果公示"),
    ("notices/sign_in.py", "-签到表-第"),  # the printed sheet's file name
    ("notices/sign_in.py", "步"),
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def chinese_literals(root: Path = PACKAGE) -> list[tuple[str, int, str]]:
    """(module, line, text) of each Chinese string literal outside the catalogues and docstrings."""
    out = []
    for layer in LAYERS:
        for path in sorted((root / layer).rglob("*.py")):
            name = path.relative_to(root).as_posix()
            if name in NOT_SCANNED or "/migrations/" in name:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            skip = _docstrings(tree)
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and id(node) not in skip
                    and CJK.search(node.value)
                    and (name, node.value) not in RECORDED
                ):
                    out.append((name, node.lineno, node.value))
    return out


def test_no_message_text_outside_the_catalogues():
    assert chinese_literals() == []


def test_the_scan_finds_what_it_looks_for(tmp_path):
    for layer in LAYERS:
        (tmp_path / layer).mkdir()
    (tmp_path / "store" / "x.py").write_text(
        '"""模块说明。"""\nMESSAGE = "不能保存"  # 注释\n', encoding="utf-8"
    )
    assert chinese_literals(tmp_path) == [("store/x.py", 2, "不能保存")]
