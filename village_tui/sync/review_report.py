"""The township review as data: JSON for other tools, a spreadsheet for people."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..i18n.sync import REVIEW_STATES, WORDS, label, table
from ..i18n.tui import category_name
from .review import ReviewRow, VillageStatus

HEADERS = {lang: table("review_sheet", lang)[1] for lang in ("zh", "en")}


def step_label(step, lang: str = "zh") -> str:
    if step is None:
        return label(WORDS, "not_started", lang)
    return step.label


def row_data(r: ReviewRow, lang: str = "zh") -> dict[str, Any]:
    """One matter as plain JSON-ready data."""
    return {
        "village_code": r.village_code,
        "village_name": r.village_name,
        "matter_id": r.matter_id,
        "title": r.title,
        "category": r.category,
        "reached": r.reached.value if r.reached else None,
        "reached_label": step_label(r.reached, lang),
        "review_state": r.review_state,
        "review_state_label": label(REVIEW_STATES, r.review_state, lang),
        "review_comment": r.review_comment,
        "missing_steps": [s.value for s in r.missing],
        "late": [
            {"step": x.step.value, "days": x.days, "message": x.message(lang)} for x in r.late
        ],
        "findings": [
            {
                "rule_id": f.rule_id,
                "severity": f.severity.value,
                "step": f.step.value if f.step else None,
                "message": f.message(lang),
                "citation": f.citation(lang),
            }
            for f in r.findings
        ],
    }


def village_data(v: VillageStatus) -> dict[str, Any]:
    return {
        "code": v.code,
        "name": v.name,
        "events": v.events,
        "last_seq": v.last_seq,
        "ledger_ok": v.broken is None,
        "broken": v.broken,
        "held_bundles": v.held,
        "last_import": v.last_import,
        "matters": v.matters,
        "pending": v.pending,
        "returned": v.returned,
        "approved": v.approved,
    }


def as_json(rows: list[ReviewRow], villages: list[VillageStatus], lang: str = "zh") -> dict:
    return {
        "villages": [village_data(v) for v in villages],
        "matters": [row_data(r, lang) for r in rows],
    }


def flat(r: ReviewRow, lang: str) -> list[Any]:
    return [
        r.village_code,
        r.village_name,
        r.matter_id,
        r.title,
        category_name(r.category, lang),  # a person reads 道路, not the code "road"
        step_label(r.reached, lang),
        label(REVIEW_STATES, r.review_state, lang),
        r.review_comment,
        r.blocking,
        r.warnings,
        " ".join(s.label for s in r.missing),
        "；".join(x.message(lang) for x in r.late),
        "\n".join(f.message(lang) for f in r.findings),
    ]


def write_xlsx(rows: list[ReviewRow], path: Path, lang: str = "zh") -> None:
    """A spreadsheet with one line per matter, bold header, frozen first row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from ..atomic import write_workbook
    from ..domain import cells

    wb = Workbook()
    ws = wb.active
    ws.title = table("review_sheet", lang)[0]
    ws.append(HEADERS["en" if lang == "en" else "zh"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        cells.append(ws, flat(r, lang))
    for row in ws.iter_rows(min_row=2):
        row[-1].alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip(
        "ABCDEFGHIJKLM", (14, 14, 12, 30, 14, 8, 10, 30, 8, 8, 10, 24, 60), strict=True
    ):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    write_workbook(path, wb)
