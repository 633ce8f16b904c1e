"""The county report as Rich tables in the terminal.

A figure is never cut, hidden or split over lines, at any width from 40 columns: every figure
column is at least as wide as its widest cell, and a table the console cannot hold is split into
more parts (each repeating its label columns) rather than squeezed. Only names, titles and
column heads wrap, and this module wraps them itself so that a number, a date or a Latin word
inside them is never split either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .tables import TEXT, Table, cell_text, notes, report_table_title, report_tables

# Codes are in every file format; on screen the names say enough and leave room for figures.
_OFF_SCREEN = {"township_code", "village_code"}

# Text cells read as one figure: the summary's formatted values, dates, and category names (a
# wrapped "Land contracting" shows "Land" on its first line, like "Land compensation").
_WHOLE_TEXT = {"value", "due_on", "category"}

# The columns every part repeats, where not all the text columns: the overdue list is nearly all
# text, and repeating its titles would leave no room for the rest.
_KEYS = {"overdue": ("township", "village")}

# Below this width the outer borders go: two cells more for figures means far fewer parts.
_EDGES_FROM = 60


@dataclass(frozen=True)
class _Level:
    """How narrow a column may get."""

    cjk_piece: int  # cells of Chinese head text kept on one line (Chinese folds anywhere)
    word: int  # letters of an English head word before it is folded
    head_lines: int  # lines a head may take
    text: int  # cells of a name or title column


# A console with room gets more parts with heads of a few whole words rather than heads folded a
# word or two characters a line; the tight level serves only a part of one figure that would not
# fit otherwise.
_LEVELS = (
    _Level(cjk_piece=10, word=99, head_lines=3, text=8),
    _Level(cjk_piece=4, word=8, head_lines=99, text=4),
)


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


# A line breaks at spaces and between Chinese characters, never inside a run of Latin letters or
# digits (a date, "30"), a short bracket ("(中位数)", "(元)"), before closing punctuation or after
# opening punctuation.
_TOKEN = re.compile(r"\s+|[（《“‘]*(?:\([^()\s]{1,4}\)|[!-~]+|.)[，。；：、）》”’！？)]*")


def _wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells; a run longer than a line is folded."""
    lines, line, gap = [], "", ""
    for tok in _TOKEN.findall(text):
        if tok.isspace():
            gap = " " if line else ""
            continue
        if line and _cells(line + gap + tok) > width:
            lines.append(line)
            line, gap = "", ""
        line += gap
        gap = ""
        for ch in tok:
            if line and _cells(line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
    return [*lines, line] if line else lines


@dataclass(frozen=True)
class _Col:
    index: int
    key: str
    head: str
    cells: tuple[str, ...]
    whole: bool  # never wrapped: a figure, a date, a category
    justify: str
    floors: tuple[int, ...]  # the narrowest width at each level

    @property
    def widest(self) -> int:
        return max((_cells(c) for c in self.cells), default=1)

    @property
    def has_wide(self) -> bool:
        return any(_cells(c) > len(c) for c in (self.head, *self.cells))

    @property
    def natural(self) -> int:
        return max(self.widest, _cells(self.head), 1)


def _floor(head: str, cells: tuple[str, ...], whole: bool, level: _Level) -> int:
    def piece(word: str) -> int:
        n = _cells(word)
        return min(n, level.cjk_piece) if n > len(word) else min(n, level.word)

    widest = max((_cells(c) for c in cells), default=1)
    natural = max(widest, _cells(head), 1)
    floor = max((piece(w) for w in head.split()), default=1)
    floor = max(floor, widest if whole else min(widest, level.text))
    while floor < natural and len(_wrap(head, floor)) > level.head_lines:
        floor += 1
    return min(floor, natural)


def _columns(t: Table) -> list[_Col]:
    rows = [*t.rows, *([t.total] if t.total else [])]
    out = []
    for i, c in enumerate(t.columns):
        if c.key in _OFF_SCREEN:
            continue
        whole = c.kind != TEXT or c.key in _WHOLE_TEXT
        justify = "left" if c.kind == TEXT and c.key != "value" else "right"
        cells = tuple(cell_text(r[i], c.kind) for r in rows)
        floors = tuple(_floor(c.head, cells, whole, level) for level in _LEVELS)
        out.append(_Col(i, c.key, c.head, cells, whole, justify, floors))
    return out


def _frame(columns: int) -> int:
    # One border per column and one more, and a space of padding either side of each cell.
    return 3 * columns + 1


def _widths(cols: list[_Col], width: int, level: int) -> list[int] | None:
    """Widths that fit `width` at a level, or None: the natural widths, narrowed as needed."""
    budget = width - _frame(len(cols))
    floor = [c.floors[level] for c in cols]
    if sum(floor) > budget:
        return None
    widths = [c.natural for c in cols]
    # Heads wrap before any cell does; then the widest names and titles give way first.
    for target in ([max(f, c.widest) for f, c in zip(floor, cols, strict=True)], floor):
        while sum(widths) > budget:
            can = [i for i in range(len(cols)) if widths[i] > target[i]]
            if not can:
                break
            i = max(can, key=lambda i: widths[i])
            # Chinese takes two cells a character: an odd width would leave a cell unused.
            even = cols[i].has_wide and widths[i] % 2 == 0 and widths[i] - 2 >= target[i]
            widths[i] -= 2 if even else 1
    return widths


def _laid(cols: list[_Col], width: int, figures: int) -> list[int] | None:
    # Several figures share a part only at the comfortable level; a lone figure may go tight.
    for level in range(len(_LEVELS) if figures <= 1 else 1):
        widths = _widths(cols, width, level)
        if widths is not None:
            return widths
    return None


def _balanced(items: list[_Col], parts: int) -> list[list[_Col]]:
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for n in range(parts):
        end = start + size + (1 if n < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def _parts(t: Table, width: int) -> list[tuple[str, list[_Col], list[int] | None]]:
    """The table as parts that fit `width`: the fewest, as even as the widths allow."""
    cols = _columns(t)
    wanted = _KEYS.get(t.name)
    keys = [c for c in cols if (c.key in wanted if wanted else t.columns[c.index].kind == TEXT)]
    figures = [c for c in cols if c not in keys]
    # A list like the overdue one stays one table while all of it fits with readable heads.
    if not figures or (wanted and _laid(cols, width, 2) is not None):
        keys, figures = cols, []
    # As many figures a part as fit (so N follows the console and the widths), then evened out.
    chunks: list[list[_Col]] = []
    for f in figures:
        if chunks and _laid(keys + chunks[-1] + [f], width, len(chunks[-1]) + 1) is not None:
            chunks[-1].append(f)
        else:
            chunks.append([f])
    even = _balanced(figures, len(chunks)) if chunks else []
    if all(_laid(keys + c, width, len(c)) is not None for c in even):
        chunks = even
    # Narrower than any layout that keeps figures whole, Rich squeezes: not from 40 columns up.
    laid = [(keys + c, _laid(keys + c, width, len(c))) for c in chunks or [[]]]
    if len(laid) == 1:
        return [(t.title, *laid[0])]
    return [(f"{t.title} ({n}/{len(laid)})", c, w) for n, (c, w) in enumerate(laid, start=1)]


def render_terminal(report: dict[str, Any], lang: str = "zh", console=None) -> None:
    """Print every table of the report; `console` defaults to a Rich console on stdout."""
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = console or Console()
    width = console.width
    edge = width >= _EDGES_FROM
    for line in _wrap(report_table_title(report, lang), width):
        console.print(Text(line, style="bold"))
    for note in notes(report, lang):
        for line in _wrap(note, width):
            console.print(Text(line, style="dim"))
    for t in report_tables(report, lang, short=True):
        rows = [(r, None) for r in t.rows] + ([(t.total, "bold")] if t.total else [])
        none = "None" if lang == "en" else "无"
        parts = _parts(t, width if edge else width + 2)
        if not t.rows and not t.total and (len(parts) > 1 or parts[0][2] is None):
            # Nothing to list, and heads too wide to say so in a table: the title says it.
            for line in _wrap(t.title + (": " if lang == "en" else "：") + none, width):
                console.print(Text(line, style="table.title"))
            continue
        for title, cols, widths in parts:
            # Above the table, not as its title: Rich folds a title to the table's width, and a
            # narrow part would break a long one anywhere, "(1/3)" included.
            for line in _wrap(title, width):
                console.print(Text(line, style="table.title"))
            table = RichTable(expand=False, show_edge=edge)
            for n, c in enumerate(cols):
                w = widths[n] if widths else None
                table.add_column(
                    Text("\n".join(_wrap(c.head, w)) if w else c.head),
                    justify=c.justify,
                    no_wrap=c.whole,
                    overflow="fold",
                    min_width=w or (c.widest if c.whole else None),
                    max_width=w,
                )
            for row, style in rows:
                cells = []
                for n, c in enumerate(cols):
                    text = cell_text(row[c.index], t.columns[c.index].kind)
                    if widths and not c.whole:
                        text = "\n".join(_wrap(text, widths[n]))
                    cells.append(Text(text))
                table.add_row(*cells, style=style)
            if not t.rows:
                table.caption = none
            console.print(table)
