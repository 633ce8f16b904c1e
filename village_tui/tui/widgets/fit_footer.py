"""A footer that never shows half a key: keys that do not fit are left out (F1 and Ctrl+P list all)."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class FitFooter(Footer):
    """Textual's compact footer, less the keys that would be cut at the right edge."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)

    def on_mount(self) -> None:
        self.call_after_refresh(self.trim)

    def on_resize(self) -> None:
        for key in self.query(FooterKey):
            key.display = True
        self.call_after_refresh(self.trim)

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self.trim)

    def trim(self, tries: int = 5) -> None:
        """Hide every key from the first that reaches the palette key or the right edge."""
        keys = list(self.query(FooterKey))
        if any(k.display and k.region.width == 0 for k in keys) and tries:
            self.call_after_refresh(self.trim, tries - 1)  # not laid out yet
            return
        palette = [k for k in keys if k.has_class("-command-palette")]
        right = palette[0].region.x if palette and palette[0].display else self.region.right
        cut = False
        for key in keys:
            if key in palette:
                continue
            cut = cut or key.region.right > right
            if cut and key.display:
                key.display = False
