"""The user's keymap file: `id = "keys"` lines that rebind the app's keys (as `posting` does).

    # keymap.toml in the user's config folder (or the file VILLAGE_TUI_KEYMAP names)
    dashboard.new_matter = "n,insert"
    matter.history = "h,f4"

Every binding's id is its screen and its action; `village-tui` lists none of them on purpose:
the help (F1) and the palette (Ctrl+P) show what each key does.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from ..i18n.tui import tr

log = logging.getLogger("village_tui")

_LINE = re.compile(r'^\s*([a-z_][a-z0-9_]*\.[a-z0-9_]+)\s*=\s*"?([^"#]*?)"?\s*(#.*)?$')


def keymap_path() -> Path | None:
    """Where the keymap file is looked for (None when no config folder can be found)."""
    named = os.environ.get("VILLAGE_TUI_KEYMAP")
    if named:
        return Path(named)
    try:
        import platformdirs
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return None
    return platformdirs.user_config_path("village-tui") / "keymap.toml"


def parse_keymap(text: str, lang: str = "zh") -> tuple[dict[str, str], list[str]]:
    """The rebindings a keymap file holds, and one message per line that is not one."""
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith(("#", "[")):
            continue
        m = _LINE.match(line)
        keys = m.group(2).replace(" ", "") if m else ""
        if not m or not keys or any(not k for k in keys.split(",")):
            problems.append(tr("keymap.bad_line", lang, n=n))
            continue
        keymap[m.group(1)] = keys
    return keymap, problems


def load_keymap(lang: str = "zh", path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """The user's keymap (empty when there is no file); an unreadable file is said, never raised."""
    path = path or keymap_path()
    if path is None or not path.is_file():
        return {}, []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeError) as exc:
        log.warning("keymap file unreadable", exc_info=exc)
        return {}, [tr("keymap.unreadable", lang, path=path)]
    keymap, problems = parse_keymap(text, lang)
    return keymap, [tr("keymap.in_file", lang, path=path, problem=p) for p in problems]
