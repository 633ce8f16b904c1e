"""The app's service, built on first use so the first paint does not wait for the store's modules.

Importing `store.services` brings in the SQLModel tables, the ledger, the
evaluator and the validators: tens of milliseconds the dashboard's first page
does not need (it reads through `store.summaries`). The CLI hands the app this
stand-in; the first call beyond the engine and the clock builds the real
`VillageService`, by then usually in the dashboard's worker after the paint.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any


class LazyService:
    """Stands in for a `VillageService`: the same methods, imported when first called."""

    def __init__(self, engine, *, actor: str = "村文书") -> None:
        self.engine = engine
        self.actor = actor
        self.today: Callable[[], date] = date.today
        self._real: Any = None
        self._lock = threading.Lock()

    def village_code(self) -> str | None:
        """The village's code, read without the ORM (the CLI asks before the app starts)."""
        if self._real is not None:
            return self._real.village_code()
        from ..store.summaries import village_code

        return village_code(self.engine)

    def village_header(self):
        """The village's name and profile, read without the ORM (the dashboard's first page)."""
        from ..store.summaries import village_header

        return village_header(self.engine)

    def summaries(self, village_code: str | None, limit: int | None = None):
        """The village's matters, read without the ORM (the dashboard's first page)."""
        from ..store.summaries import matter_summaries

        return matter_summaries(self.engine, village_code, limit=limit)

    def profile(self, name: str | None = None):
        """A rule profile; before the real service exists, loaded without building it."""
        if self._real is None and name is not None:
            from ..profiles import load_profile

            return load_profile(name)
        return self.real().profile(name)

    def real(self):
        """The `VillageService` itself (built once, from any thread)."""
        with self._lock:
            if self._real is None:
                from ..store.services import VillageService

                # Through our attributes, so the app's fixed clock or actor still applies.
                self._real = VillageService(self.engine, actor=self.actor, today=self._today)
        return self._real

    def _today(self) -> date:
        return self.today()

    def __getattr__(self, name: str) -> Any:
        # Only for names not set above: every other service method.
        if name.startswith("__") or name in ("_real", "_lock"):
            raise AttributeError(name)
        return getattr(self.real(), name)
