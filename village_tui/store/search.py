"""The text the dashboard search matches: the title, its pinyin initials and its full pinyin."""

from __future__ import annotations

import os


def search_key(title: str) -> str:
    """`title` plus pinyin, lower case, so "cct" and "cuncun" both find 村村通."""
    # The phrase dictionary costs ~45 MB and 150 ms to load; single-character
    # readings are all a search box needs.
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    from pypinyin import lazy_pinyin

    syllables = [s for s in lazy_pinyin(title, errors="ignore") if s.strip()]
    initials = "".join(s[0] for s in syllables)
    return f"{title.lower()} {initials} {''.join(syllables)}"
