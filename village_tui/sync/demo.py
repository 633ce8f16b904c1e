"""The sample township: every sample village exports a bundle, a township database imports them."""

from __future__ import annotations

from datetime import date
from pathlib import Path


def default_demo_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path("village-tui", appauthor=False) / "demo-township"


MARK = ".village-tui-demo"


def is_demo_folder(folder: Path) -> bool:
    """A folder the demo may empty and rebuild: missing, empty, or made by the demo."""
    return not folder.is_dir() or (folder / MARK).exists() or not any(folder.iterdir())


def build_demo_township(folder: Path, today: date | None = None) -> Path:
    """Rebuild the demo in `folder`: village databases, their bundles, township.db; returns its path."""
    from ..sample import load_sample, sample_villages
    from ..store.db import open_engine, read_session, write_session
    from .export import export_bundles
    from .importer import import_bundles, init_receiving
    from .keys import own_identity, trust

    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARK).touch()
    bundles = folder / "bundles"
    bundles.mkdir(exist_ok=True)
    for old in [*bundles.glob("*.zip"), *folder.glob("*.db*")]:
        old.unlink()  # the demo is rebuilt from scratch each time
    identities = []
    for v in sample_villages():
        engine = open_engine(folder / f"village-{v.code}.db")
        load_sample(engine, v.code, today=today)
        export_bundles(engine, bundles)
        with read_session(engine) as s:
            identities.append(own_identity(s))
        engine.dispose()
    township = folder / "township.db"
    engine = open_engine(township)
    init_receiving(engine, "township")
    # The sample villages lie in three townships, and --trust-new takes only this
    # township's villages: the demo registers the keys it made, as `keys trust` would.
    with write_session(engine) as s:
        for ident in identities:
            trust(s, ident, "keys-trust")
    import_bundles(engine, [bundles])
    engine.dispose()
    return township
