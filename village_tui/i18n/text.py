"""Refusals of text that cannot be recorded: they live in the domain; re-exported."""

from __future__ import annotations

from ..domain.messages.text import FIELD_LABELS, MESSAGES  # noqa: F401
