"""Rule profiles shipped as JSON, plus any a county drops into a profiles folder.

Folders searched, later ones overriding earlier ones of the same name: the
shipped profiles, the user's config folder (`platformdirs`), then each folder
in the environment variable VILLAGE_TUI_PROFILES (os.pathsep-separated).
A profile file is `<id>.json`; adding one needs no code change.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.profile import Profile, merge_profile_dicts, parse_profile

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

ENV_VAR = "VILLAGE_TUI_PROFILES"


class UnknownProfile(ValueError):
    """No profile file has this name."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.message_zh = f"找不到规则配置“{name}”"
        self.message_en = f"No rule profile called {name!r}"
        super().__init__(self.message_en)

    def message(self, lang: str = "zh") -> str:
        """The message in `lang` ("zh" or "en")."""
        return self.message_en if lang == "en" else self.message_zh


def _folders() -> list[Traversable]:
    folders: list[Traversable] = [files("village_tui.profiles")]
    try:
        import platformdirs  # only needed here, and only when profiles are looked up

        folders.append(platformdirs.user_config_path("village-tui") / "profiles")
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        pass
    for entry in os.environ.get(ENV_VAR, "").split(os.pathsep):
        if entry.strip():
            folders.append(Path(entry.strip()))
    return folders


def _files() -> dict[str, Traversable]:
    found: dict[str, Traversable] = {}
    for folder in _folders():
        if not folder.is_dir():
            continue
        for item in folder.iterdir():
            if item.name.endswith(".json") and item.is_file():
                found[item.name[: -len(".json")]] = item
    return found


def available_profiles() -> list[str]:
    """The ids of every profile that can be loaded, sorted."""
    return sorted(_files())


def load_profile(name: str) -> Profile:
    """The profile `name` with its `extends` chain resolved; UnknownProfile if there is none."""
    return _load(name, _search_key())


def clear_cache() -> None:
    """Forget loaded profiles (after a profile file changed)."""
    _load.cache_clear()


def _search_key() -> str:
    # The cache is keyed on where we look, so changing VILLAGE_TUI_PROFILES takes effect.
    return os.environ.get(ENV_VAR, "")


@lru_cache(maxsize=64)
def _load(name: str, _key: str) -> Profile:
    from ..domain.rules import RULE_IDS

    available = _files()
    data = _resolve(name, available, ())
    if data.get("id") != name:
        raise ValueError(f"profile file {name}.json: 'id' is {data.get('id')!r}, expected {name!r}")
    return parse_profile(data, known_rules=RULE_IDS)


def _resolve(
    name: str, available: dict[str, Traversable], chain: tuple[str, ...]
) -> dict[str, Any]:
    if name in chain:
        raise ValueError(f"profile {name!r}: 'extends' loops ({' -> '.join((*chain, name))})")
    if name not in available:
        if chain:
            raise ValueError(f"profile {chain[-1]!r}: 'extends' names unknown profile {name!r}")
        raise UnknownProfile(name)
    item = available[name]
    try:
        data = json.loads(item.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"profile file {item.name}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError(f"profile file {item.name}: expected a JSON object")
    parent = data.get("extends")
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise ValueError(f"profile {name!r}: 'extends' must be a profile id")
    return merge_profile_dicts(_resolve(parent, available, (*chain, name)), data)
