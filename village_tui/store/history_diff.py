"""What a correction changed, field by field: the history screen shows old → new, never JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Envelope fields that say which matter or step, not what was recorded.
_SKIP = frozenset({"matter_id", "step", "id", "objection_id"})


@dataclass(frozen=True)
class Change:
    """One field of one correction: its key (dotted when nested), the old and the new value."""

    key: str
    old: Any
    new: Any


def flatten(payload: Any, prefix: str = "") -> dict[str, Any]:
    """A payload as {dotted key: value}; the record of a step, an entry or a matter unwrapped."""
    if not isinstance(payload, dict):
        return {}
    out: dict[str, Any] = {}
    for key, value in payload.items():
        if key in _SKIP:
            continue
        inner = key in ("record", "entry", "matter", "completion", "objection", "roster")
        if isinstance(value, dict) and (inner or key == "verdict"):
            out.update(flatten(value, "" if inner else f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


def changes(old: Any, new: Any) -> list[Change]:
    """The fields whose value differs between two versions of a payload, in the new one's order."""
    a, b = flatten(old), flatten(new)
    if "verdict.valid" in a and "verdict.valid" not in b:
        b = {**b, "verdict.valid": True, "verdict.invalid": [], "verdict.defects": []}
    if "verdict.valid" in b and "verdict.valid" not in a:
        a = {**a, "verdict.valid": True, "verdict.invalid": [], "verdict.defects": []}
    keys = list(b) + [k for k in a if k not in b]
    out = []
    for k in keys:
        old_v, new_v = a.get(k), b.get(k)
        # A flag left out of a payload is false (`reversed` is written only once it is).
        if isinstance(new_v, bool) and old_v is None:
            old_v = False
        if isinstance(old_v, bool) and new_v is None:
            new_v = False
        if old_v != new_v:
            out.append(Change(k, old_v, new_v))
    return out
