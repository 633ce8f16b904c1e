"""What the screens and the CLI call to read and record a village's matters.

Screens never hold a session: every method opens its own, and every write is
one transaction that appends one event and applies it, or changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Engine

from ..domain.findings import InvalidRecord  # noqa: F401  (re-exported: callers import it from here)
from .errors import (  # noqa: F401  (re-exported: callers import them from here)
    REOPEN_RULE,
    Blocked,
    NeedsConfirmation,
    ServiceError,
    reopen_finding,
)
from .ledger import utc_now
from .reading import HistoryEntry, VillageReading  # noqa: F401  (HistoryEntry re-exported)
from .recording import ROLE_VILLAGE, VillageRecording  # noqa: F401  (ROLE_VILLAGE re-exported)
from .recording_checks import RecordingChecks


class VillageService(VillageReading, VillageRecording, RecordingChecks):
    """A village's ledger, for the clerk's app and the village CLI."""

    def __init__(
        self,
        engine: Engine,
        *,
        actor: str = "村文书",
        today: Callable[[], date] = date.today,
        now: Callable[[], str] = utc_now,
    ) -> None:
        self.engine = engine
        self.actor = actor
        self.today = today
        self.now = now
        self._profiles: dict[str, Any] = {}
