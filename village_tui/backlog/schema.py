"""The JSON Schema of a backlog file, made from the column table (schemas/backlog.schema.json)."""

from __future__ import annotations

from typing import Any

from .columns import BOOL, CHOICE, DATE, INT, SHEETS_IN_ORDER, YUAN

SCHEMA_ID = "https://village-tui.example/schemas/1.0/backlog.schema.json"
_TYPES = {
    INT: ["integer", "string", "null"],
    DATE: ["string", "null"],
    YUAN: ["number", "string", "null"],
    BOOL: ["boolean", "string", "null"],
    CHOICE: ["string", "integer", "null"],
}


def backlog_schema() -> dict[str, Any]:
    """The schema: the four sheets as arrays of rows, each value a string, number or null.

    What a value means (a real date, a count, two decimals of yuan, a required cell) is
    checked per cell by `cells.convert`, as for the workbook: one bad row refuses its
    matter, not the whole file, and both formats say the same thing about it.
    """
    sheets = {}
    for sheet in SHEETS_IN_ORDER:
        props = {
            c.key: {
                "type": _TYPES.get(c.kind, ["string", "number", "null"]),
                "description": c.header,
            }
            for c in sheet.columns
        }
        sheets[sheet.key] = {
            "type": "array",
            "description": sheet.title,
            "items": {
                "type": "object",
                "properties": props,
                "additionalProperties": False,
            },
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "village-tui backlog (四议两公开台账补录)",
        "type": "object",
        "properties": {"$schema": {"type": "string"}, **sheets},
        "required": ["matters"],
        "additionalProperties": False,
    }
