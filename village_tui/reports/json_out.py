"""The county report as JSON for other tools, and the schema that describes it."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_FILE = "county-report.schema.json"


def render_json(report: dict[str, Any]) -> str:
    """The report as indented UTF-8 JSON (money in fen, dates as YYYY-MM-DD)."""
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def schema() -> dict[str, Any]:
    """The JSON Schema of the report, as shipped in `schemas/`."""
    from ..resources import data_dir

    return json.loads((data_dir("schemas") / SCHEMA_FILE).read_text(encoding="utf-8"))


def schema_errors(report: dict[str, Any]) -> list[str]:
    """Every way `report` breaks the schema (empty when it fits)."""
    from jsonschema import Draft202012Validator

    v = Draft202012Validator(schema())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(report)]
