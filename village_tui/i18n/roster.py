"""The roster's labels, for the faces: they live in the domain's catalogue (`domain.messages.roster`)."""

from __future__ import annotations

from ..domain.messages.roster import (  # noqa: F401  (re-exported)
    ROSTER_COUNT_LABELS,
    ROSTER_LABELS,
    ROSTER_OPTION_HELP,
    ROSTER_SHORT_LABELS,
)
