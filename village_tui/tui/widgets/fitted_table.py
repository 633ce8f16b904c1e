"""Fill a DataTable with columns sized to their content, and one column that takes the rest.

A DataTable measures auto-width columns from the rows it has when it first
lays out; filled from a worker, its first frame squeezed every column to a
character or two. Sizes given up front, from the terminal's width, never are.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

MIN_FLEX = 12
SCROLLBAR = 2


def _plain(cell) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def column_widths(
    heads: Sequence[str], rows: Sequence[Sequence], flex: int, width: int
) -> list[int]:
    """Each column as wide as its widest cell; the `flex` column gets what is left of `width`."""
    widths = [cell_len(h) for h in heads]
    for cells in rows:
        for i, c in enumerate(cells):
            widths[i] = max(widths[i], max((cell_len(x) for x in _plain(c).split("\n")), default=0))
    padding = 2 * len(heads) + SCROLLBAR  # a cell's padding either side, and the scrollbar
    rest = width - padding - sum(w for i, w in enumerate(widths) if i != flex)
    widths[flex] = max(MIN_FLEX, min(widths[flex], rest))
    return widths


def fill(
    table: DataTable,
    heads: Sequence[str],
    rows: Sequence[tuple[str, Sequence]],
    flex: int,
    width: int,
) -> None:
    """Replace the table's columns and rows; a `flex` cell too long for its column wraps."""
    keep = table.cursor_row
    table.clear(columns=True)
    widths = column_widths(heads, [cells for _, cells in rows], flex, width)
    for i, (head, w) in enumerate(zip(heads, widths, strict=True)):
        table.add_column(head, width=w, key=f"c{i}")
    for key, cells in rows:
        flex_text = _plain(cells[flex])
        lines = max(1, -(-cell_len(flex_text) // max(1, widths[flex])))
        table.add_row(*cells, key=key, height=min(lines, 3))
    if rows and keep is not None:
        table.move_cursor(row=min(keep, len(rows) - 1))
