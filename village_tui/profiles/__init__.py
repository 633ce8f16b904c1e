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


class ProfileError(ValueError):
    """A profile file that cannot be used: unreadable, not JSON, or not a valid profile."""

    def __init__(self, path: object, zh: str, en: str) -> None:
        self.path = str(path)
        self.message_zh = f"规则配置文件 {path} 有误：{zh}"
        self.message_en = f"rule profile file {path}: {en}"
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
        try:
            if not folder.is_dir():
                continue
            items = list(folder.iterdir())
        except OSError:  # a folder named in VILLAGE_TUI_PROFILES we may not read
            continue
        for item in items:
            if item.name.endswith(".json") and item.is_file():
                found[item.name[: -len(".json")]] = item
    return found


def available_profiles() -> list[str]:
    """The ids of every profile that loads, sorted (broken files left out: see scan_profiles)."""
    return scan_profiles()[0]


def scan_profiles() -> tuple[list[str], list[ProfileError]]:
    """(ids of the profiles that load, the error of each profile file that does not)."""
    good: list[str] = []
    broken: list[ProfileError] = []
    for name in sorted(_files()):
        try:
            load_profile(name)
        except ProfileError as exc:
            broken.append(exc)
        else:
            good.append(name)
    return good, broken


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
    where = available[name]
    if data.get("id") != name:
        found = data.get("id")
        raise ProfileError(
            where, f"“id”为 {found!r}，应为 {name!r}", f"'id' is {found!r}, expected {name!r}"
        )
    try:
        return parse_profile(data, known_rules=RULE_IDS)
    except ValueError as exc:  # the parser words its reasons in English only
        raise ProfileError(where, f"内容不符合规则配置格式（{exc}）", str(exc)) from None


def _resolve(
    name: str, available: dict[str, Traversable], chain: tuple[str, ...]
) -> dict[str, Any]:
    if name in chain:
        loop = " -> ".join((*chain, name))
        raise ProfileError(
            available[chain[0]], f"“extends”循环引用（{loop}）", f"'extends' loops ({loop})"
        )
    if name not in available:
        if chain:
            raise ProfileError(
                available[chain[-1]],
                f"“extends”指向不存在的规则配置“{name}”",
                f"'extends' names unknown profile {name!r}",
            )
        raise UnknownProfile(name)
    item = available[name]
    try:
        data = json.loads(item.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(item, f"无法读取（{exc}）", f"cannot be read ({exc})") from None
    except ValueError as exc:  # bad JSON, or bytes that are not UTF-8
        raise ProfileError(item, f"不是有效的 JSON（{exc}）", f"not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ProfileError(item, "应为一个 JSON 对象", "expected a JSON object")
    parent = data.get("extends")
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise ProfileError(item, "“extends”应为规则配置名称", "'extends' must be a profile id")
    return merge_profile_dicts(_resolve(parent, available, (*chain, name)), data)
