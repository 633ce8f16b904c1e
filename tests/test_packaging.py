"""Every package directory under village_tui/ is listed in pyproject.toml, so `pip install .` ships it."""

from __future__ import annotations

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib", reason="tomllib needs Python 3.11+")

REPO = Path(__file__).resolve().parents[1]


def listed_packages() -> set[str]:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return set(data["tool"]["setuptools"]["packages"])


def test_every_package_directory_is_listed():
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "village_tui").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert "village_tui.store.migrations.versions" in found
    assert sorted(found - listed_packages()) == []


def test_data_folders_are_mapped_into_the_package():
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = data["tool"]["setuptools"]["package-dir"]
    assert mapping["village_tui.sample_data"] == "sample_data"
    assert mapping["village_tui.schemas"] == "schemas"
    assert {"village_tui.sample_data", "village_tui.schemas"} <= listed_packages()
    assert (REPO / "sample_data" / "__init__.py").exists()
    assert "*.json" in data["tool"]["setuptools"]["package-data"]["village_tui.sample_data"]
