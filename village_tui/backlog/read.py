"""A filled-in backlog file (the workbook, or JSON of the same content) as rows of raw cells.

Nothing here is trusted: the file's size, its sheets, its header row and each row's
count are checked before anything is read into memory.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n.backlog import FILE
from .columns import SHEETS_IN_ORDER, Sheet

FILE_BYTES = 64 * 1024 * 1024  # a workbook of years of matters is a few MB
UNZIPPED_BYTES = 512 * 1024 * 1024  # a zip bomb is refused before openpyxl opens it
MAX_ROWS = 100_000  # per sheet
SCHEMA_FILE = "backlog.schema.json"


class FileRefused(ValueError):
    """The whole file cannot be read: nothing is recorded from it."""

    def __init__(self, key: str, **values: object) -> None:
        zh, en = FILE[key]
        self.message_zh = zh.format(**values)
        self.message_en = en.format(**values)
        super().__init__(self.message_en)

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh


@dataclass
class RawRow:
    """One row of one sheet: each column's raw value and the name of its cell."""

    sheet: Sheet
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)


def read_backlog(path: Path) -> dict[str, list[RawRow]]:
    """The rows of each sheet (by sheet key) of an .xlsx or .json backlog file."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".json"):
        raise FileRefused("suffix", path=path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FileRefused("missing", path=path) from None
    except OSError as exc:
        raise FileRefused("unreadable", path=path, reason=exc.strerror or exc) from None
    if size > FILE_BYTES:
        raise FileRefused("too_big", path=path, size=size, limit=FILE_BYTES)
    return _read_json(path) if suffix == ".json" else _read_workbook(path)


def _read_workbook(path: Path) -> dict[str, list[RawRow]]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        with zipfile.ZipFile(path) as z:
            unzipped = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError):
        raise FileRefused("not_workbook", path=path) from None
    if unzipped > UNZIPPED_BYTES:
        raise FileRefused("too_big", path=path, size=unzipped, limit=UNZIPPED_BYTES)
    try:
        # Formulas are read as their text (data_only=False): refused by the cell check.
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - openpyxl raises anything on a damaged file
        raise FileRefused("not_workbook", path=path) from None
    try:
        out = {}
        for sheet in SHEETS_IN_ORDER:
            if sheet.title not in book.sheetnames:
                raise FileRefused("missing_sheet", path=path, sheet=sheet.title)
            rows = book[sheet.title].iter_rows(values_only=True)
            header = [str(v).strip() if v is not None else "" for v in next(rows, ())]
            where = {}
            for col in sheet.columns:
                if col.header not in header:
                    raise FileRefused("missing_header", sheet=sheet.title, column=col.header)
                where[col.key] = header.index(col.header)
            found = []
            for number, values in enumerate(rows, start=2):
                if number > MAX_ROWS + 1:
                    raise FileRefused("too_many_rows", sheet=sheet.title, limit=MAX_ROWS)
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                row = RawRow(sheet)
                for key, i in where.items():
                    row.values[key] = values[i] if i < len(values) else None
                    row.cells[key] = f"{sheet.title}!{get_column_letter(i + 1)}{number}"
                found.append(row)
            out[sheet.key] = found
        return out
    finally:
        book.close()


def _read_json(path: Path) -> dict[str, list[RawRow]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise FileRefused("not_json", path=path, reason=exc.reason) from None
    except json.JSONDecodeError as exc:
        reason = f"{exc.msg} ({exc.lineno}:{exc.colno})"
        raise FileRefused("not_json", path=path, reason=reason) from None
    except (OSError, RecursionError) as exc:
        raise FileRefused("unreadable", path=path, reason=exc) from None
    _check_schema(path, data)
    out = {}
    for sheet in SHEETS_IN_ORDER:
        rows = data.get(sheet.key, [])
        if len(rows) > MAX_ROWS:
            raise FileRefused("too_many_rows", sheet=sheet.key, limit=MAX_ROWS)
        out[sheet.key] = [
            RawRow(
                sheet,
                {c.key: item.get(c.key) for c in sheet.columns},
                {c.key: f"{sheet.key}[{i}].{c.key}" for c in sheet.columns},
            )
            for i, item in enumerate(rows)
        ]
    return out


def _check_schema(path: Path, data: Any) -> None:
    import jsonschema

    from ..resources import data_dir

    schema = json.loads(data_dir("schemas").joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(schema).iter_errors(data)
    )
    if error is not None:
        where = "/" + "/".join(str(p) for p in error.absolute_path)
        raise FileRefused("schema", path=path, where=where, reason=error.message[:200])
