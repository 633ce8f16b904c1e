"""Where the shipped data files (schemas, sample data, rule profiles) are found."""

from __future__ import annotations

import importlib.resources
from importlib.resources.abc import Traversable
from pathlib import Path


def data_dir(name: str) -> Traversable:
    """The folder of shipped data called `name` ("schemas", "sample_data", "profiles")."""
    try:
        return importlib.resources.files(f"village_tui.{name}")
    except ModuleNotFoundError:
        # schemas/ and sample_data/ sit at the top of a source checkout and are
        # mapped into the package only when installed (see pyproject.toml).
        return Path(__file__).resolve().parent.parent / name
