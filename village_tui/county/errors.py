"""The one error a county report stops with."""

from __future__ import annotations

from ..store.errors import ServiceError


class CountyError(ServiceError):
    """A report that cannot be made as asked (bad township, unknown profile, a year not begun)."""
