"""What the county screen calls: the same figures as `village-tui county report`, from one place."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the screen's module loads no SQL until the worker counts
    from sqlalchemy import Engine


class CountyService:
    """A county database's report figures, for the county screen."""

    def __init__(self, engine: Engine, *, today: date) -> None:
        self.engine = engine
        self.today = today

    def report(self, year: int) -> dict[str, Any]:
        """The county report for `year` as JSON-ready data (`county.figures.build_report`)."""
        from .figures import build_report

        return build_report(self.engine, year=year, today=self.today)
