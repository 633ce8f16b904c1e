"""The folder notices were last saved to, remembered in the user's config folder (platformdirs).

Kept per computer user, not in the ledger: a USB stick's drive letter or a desktop path
means nothing on the township's computer the database is sent to.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger("village_tui")


def _memory_file() -> Path | None:
    try:
        import platformdirs
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return None
    return platformdirs.user_config_path("village-tui") / "notice-folder.txt"


def last_folder(default: Path) -> Path:
    """The folder notices were last saved to, else `default`; an unreadable memory is `default`."""
    memory = _memory_file()
    try:
        text = memory.read_text(encoding="utf-8").strip() if memory else ""
    except (OSError, UnicodeError):
        return default
    return Path(text) if text else default


def remember_folder(folder: Path) -> None:
    """Remember `folder` for next time; a config folder that cannot be written is logged, not raised."""
    memory = _memory_file()
    if memory is None:
        return
    try:
        memory.parent.mkdir(parents=True, exist_ok=True)
        memory.write_text(str(folder) + "\n", encoding="utf-8")
    except OSError:
        log.warning("cannot remember the notice folder in %s", memory, exc_info=True)
