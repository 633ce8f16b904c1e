"""The layers of CONTRIBUTING.md, as import-linter contracts in pyproject.toml: kept, and able to fail."""

from __future__ import annotations

import copy
import logging
from pathlib import Path

import grimp
import pytest
from importlinter.api import read_configuration
from importlinter.cli import lint_imports
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract

ROOT = Path(__file__).resolve().parents[1]
CONFIG = str(ROOT / "pyproject.toml")
TYPES = {"layers": LayersContract, "forbidden": ForbiddenContract}


@pytest.fixture(scope="module")
def config() -> dict:
    return read_configuration(CONFIG)


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("village_tui", include_external_packages=True, cache_dir=None)


def _contract(config: dict, contract_id: str):
    options = next(c for c in config["contracts_options"] if c["id"] == contract_id)
    return TYPES[options["type"]](
        name=options["name"],
        session_options=config["session_options"],
        contract_options=options,
    )


def _check(config: dict, graph: grimp.ImportGraph, contract_id: str, importer: str, imported: str):
    """The contract checked on the real graph plus one import that should not be there."""
    broken = copy.deepcopy(graph)
    broken.add_import(importer=importer, imported=imported)
    return _contract(config, contract_id).check(broken, verbose=False)


def test_lint_imports_keeps_every_contract(capsys):
    # lint_imports configures logging with dictConfig, which disables every logger that
    # exists: the app's own would then write no log for the tests that run after this one.
    ours = logging.getLogger("village_tui")
    try:
        code = lint_imports(config_filename=CONFIG, no_cache=True, no_logo=True)
    finally:
        ours.disabled = False
    assert code == 0, capsys.readouterr().out


def test_a_module_without_a_layer_breaks_the_layers(config, graph):
    unplaced = copy.deepcopy(graph)
    unplaced.add_module("village_tui.newcomer")
    assert not _contract(config, "layers").check(unplaced, verbose=False).kept


# Each import that broke the layers before (or would break them now), added to the real graph.
BREAKS = [
    ("layers", "village_tui.store.migrations.env", "village_tui.sync.export"),
    ("layers", "village_tui.county.matter_figures", "village_tui.sync.review"),
    ("layers", "village_tui.county.privacy", "village_tui.notices.build"),
    ("layers", "village_tui.reports.tables", "village_tui.county.figures"),
    ("layers", "village_tui.sync.review_report", "village_tui.reports.xlsx"),
    ("layers", "village_tui.notices.check", "village_tui.sync.export"),
    ("layers", "village_tui.domain.model", "village_tui.store.db"),
    ("layers", "village_tui.domain.steps", "village_tui.i18n.tui"),
    ("layers", "village_tui.i18n.tui", "village_tui.store.db"),
    ("layers", "village_tui.profiles", "village_tui.store.services"),
    ("layers", "village_tui.store.db", "village_tui.sample"),
    ("layers", "village_tui.sample", "village_tui.sync.export"),
    ("layers", "village_tui.sync.export", "village_tui.tui.app"),
    ("layers", "village_tui.tui.app", "village_tui.gen_synthetic"),
    ("layers", "village_tui.tui.app", "village_tui.cli.main"),
    ("pure-domain", "village_tui.domain.model", "sqlalchemy"),
    ("pure-domain", "village_tui.domain.text", "rich"),
    ("no-textual-below-faces", "village_tui.store.db", "textual"),
    ("no-textual-below-faces", "village_tui.reports.terminal", "textual"),
    ("screens-use-services", "village_tui.tui.screens.dashboard", "village_tui.domain.rules"),
    ("screens-use-services", "village_tui.tui.screens.dashboard", "village_tui.store.summaries"),
    ("screens-use-services", "village_tui.tui.screens.dashboard", "village_tui.profiles"),
    ("screens-use-services", "village_tui.tui.screens.county", "village_tui.county.figures"),
    ("screens-use-services", "village_tui.tui.screens.form", "sqlmodel"),
    ("screens-use-services", "village_tui.tui.widgets.timeline", "village_tui.store.db"),
    ("screens-use-services", "village_tui.tui.rows", "village_tui.store.db"),
]


@pytest.mark.parametrize(("contract_id", "importer", "imported"), BREAKS)
def test_a_crossing_import_breaks_its_contract(config, graph, contract_id, importer, imported):
    assert not _check(config, graph, contract_id, importer, imported).kept


@pytest.mark.parametrize(
    ("contract_id", "importer", "imported"),
    [
        ("layers", "village_tui.cli.main", "village_tui.tui.app"),
        ("layers", "village_tui.sync.review", "village_tui.domain.disclosure"),
        ("screens-use-services", "village_tui.tui.screens.dashboard", "village_tui.store.services"),
        ("screens-use-services", "village_tui.tui.screens.county", "village_tui.county.service"),
    ],
)
def test_a_downward_import_keeps_its_contract(config, graph, contract_id, importer, imported):
    assert _check(config, graph, contract_id, importer, imported).kept
