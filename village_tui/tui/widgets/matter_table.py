"""A table that draws only the rows on screen, so filtering 5,000 matters costs one list, not 5,000 widgets' worth.

Textual's DataTable re-measures every row when it is refilled (about half a
second for 2,000 rows here); the dashboard refills on every keystroke of the
search box, so this widget keeps the items in a plain list and renders each
visible line on demand through the line API.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .safe_text import safe_text

Cells = Sequence[Text]


def layout_row(cells: Cells, widths: Sequence[int]) -> Text:
    """Cells cut or padded to their column widths, one space either side."""
    out = Text(no_wrap=True)
    for cell, width in zip(cells, widths, strict=False):
        cell = safe_text(cell).copy()
        cell.truncate(width, overflow="ellipsis", pad=True)
        out.append(" ")
        out.append_text(cell)
        out.append(" ")
    return out


class MatterTable(ScrollView, can_focus=True):
    """Rows of cells from `items` via `render_item`; a row cursor moved by keys."""

    DEFAULT_CSS = """
    MatterTable { height: 1fr; }
    MatterTable > .matter-table--cursor { background: $accent; color: $text; text-style: bold; }
    MatterTable:blur > .matter-table--cursor { background: $accent 40%; }
    MatterTable > .matter-table--odd { background: $boost; }
    """
    COMPONENT_CLASSES = {"matter-table--cursor", "matter-table--odd"}
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("enter", "select", show=False),
    ]

    cursor = reactive(0, always_update=True)

    class Highlighted(Message):
        """The cursor moved to another row."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Selected(Message):
        """Enter was pressed on a row."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(
        self, widths: Sequence[int], render_item: Callable[[Any], Cells], **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.widths = list(widths)
        self.render_item = render_item
        self.items: list[Any] = []
        # Keyed by the item object, so rows survive a refilter that only moves them.
        self._cache: dict[tuple[int, int, int], Strip] = {}

    def set_items(self, items: list[Any], cursor: int = 0) -> None:
        """Show `items`; rows are drawn only when they come into view."""
        self.items = items
        self.virtual_size = Size(sum(self.widths) + 2 * len(self.widths), len(items))
        self.cursor = max(0, min(cursor, len(items) - 1))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.size.width
        if index >= len(self.items):
            return Strip.blank(width, self.rich_style)
        kind = 2 if index == self.cursor else index % 2
        key = (id(self.items[index]), width, kind)
        strip = self._cache.get(key)
        if strip is None:
            text = layout_row(self.render_item(self.items[index]), self.widths)
            base = self.rich_style
            if kind == 2:
                base = base + self.get_component_rich_style("matter-table--cursor")
            elif kind == 1:
                base = base + self.get_component_rich_style("matter-table--odd")
            segments = list(text.render(self.app.console))
            segments = [
                Segment(s.text, base + s.style if s.style else base)
                for s in segments
                if s.text != "\n"
            ]
            strip = Strip(segments).extend_cell_length(width, base).crop(0, width)
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[key] = strip
        return strip

    def clear_cache(self) -> None:
        """Forget drawn rows (after the items themselves changed)."""
        self._cache.clear()

    def watch_cursor(self, old: int, new: int) -> None:
        height = self.scrollable_content_region.height or self.size.height
        top = self.scroll_offset.y
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif height and new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False)
        self.refresh()
        if self.items:
            self.post_message(self.Highlighted(new))

    def action_move(self, delta: int) -> None:
        if self.items:
            self.cursor = max(0, min(len(self.items) - 1, self.cursor + delta))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.size.height - 1))

    def action_jump(self, index: int) -> None:
        if self.items:
            self.cursor = index % len(self.items)

    def action_select(self) -> None:
        if self.items:
            self.post_message(self.Selected(self.cursor))

    def on_click(self, event) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.items):
            if index == self.cursor and event.chain == 2:
                self.action_select()
            self.cursor = index

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return sum(self.widths) + 2 * len(self.widths)
