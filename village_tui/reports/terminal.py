"""The county report as Rich tables in the terminal."""

from __future__ import annotations

from typing import Any

from .tables import TEXT, Table, cell_text, notes, report_table_title, report_tables

# A terminal is narrow: wide tables are split into parts that repeat their label columns.
_FIGURES_PER_PART = 4


# Codes are in every file format; on screen the names say enough and leave room for figures.
_OFF_SCREEN = {"township_code", "village_code"}


def _parts(t: Table) -> list[tuple[str, list[int]]]:
    shown = [i for i, c in enumerate(t.columns) if c.key not in _OFF_SCREEN]
    labels = [i for i in shown if t.columns[i].kind == TEXT]
    figures = [i for i in shown if t.columns[i].kind != TEXT]
    if len(figures) <= _FIGURES_PER_PART + 1:
        return [(t.title, shown)]
    chunks = [figures[i : i + _FIGURES_PER_PART] for i in range(0, len(figures), _FIGURES_PER_PART)]
    return [(f"{t.title} ({n}/{len(chunks)})", labels + c) for n, c in enumerate(chunks, start=1)]


def render_terminal(report: dict[str, Any], lang: str = "zh", console=None) -> None:
    """Print every table of the report; `console` defaults to a Rich console on stdout."""
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table as RichTable

    console = console or Console()
    console.print(f"[bold]{report_table_title(report, lang)}[/bold]")
    for line in notes(report, lang):
        console.print(line, style="dim")
    for t in report_tables(report, lang):
        for title, cols in _parts(t):
            table = RichTable(title=title, title_justify="left", expand=False)
            rows = [(r, None) for r in t.rows] + ([(t.total, "bold")] if t.total else [])
            for i in cols:
                c = t.columns[i]
                # Cells never wrap (a number split over lines misleads); long heads may.
                widest = max([cell_len(cell_text(r[i], c.kind)) for r, _ in rows] + [2])
                if c.kind == TEXT:
                    widest = min(widest, 12)
                justify = "left" if c.kind == TEXT and c.key != "value" else "right"
                table.add_column(c.head, justify=justify, min_width=widest, overflow="fold")
            for row, style in rows:
                table.add_row(*(cell_text(row[i], t.columns[i].kind) for i in cols), style=style)
            if not t.rows:
                table.caption = "None" if lang == "en" else "无"
            console.print(table)
