"""The shipped JSON Schemas (draft 2020-12), loaded once into validators."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from ..resources import data_dir


def _schema_files() -> dict[str, dict[str, Any]]:
    root = data_dir("schemas")
    found: dict[str, dict[str, Any]] = {}
    for entry in root.iterdir():
        if entry.name.endswith(".json"):
            found[entry.name] = json.loads(entry.read_text(encoding="utf-8"))
    for entry in root.joinpath("events").iterdir():
        if entry.name.endswith(".json"):
            found["events/" + entry.name] = json.loads(entry.read_text(encoding="utf-8"))
    return found


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every shipped schema by its path under schemas/ ("manifest.json", "events/<type>.json")."""
    return _schema_files()


@lru_cache(maxsize=1)
def _validators() -> dict[str, Any]:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = _schema_files()
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values()
    )
    return {
        path: Draft202012Validator(schema, registry=registry) for path, schema in schemas.items()
    }


def validator(path: str):
    """The validator for one schema, e.g. "manifest.json" or "events/step.recorded.json"."""
    return _validators().get(path)


def first_error(path: str, instance: Any) -> str | None:
    """A short description of why `instance` breaks the schema, or None when it fits."""
    v = validator(path)
    if v is None:
        return f"no schema {path}"
    if v.is_valid(instance):
        return None
    from jsonschema.exceptions import best_match

    err = best_match(v.iter_errors(instance))
    where = "/".join(str(p) for p in err.absolute_path) or "(top)"
    return f"{where}: {err.message[:160]}"
