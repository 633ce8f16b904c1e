"""The clerk's side of the exchange: export to a folder, import the township's feedback from it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from ..i18n.sync import both
from ..store.db import read_session, write_session
from ..store.errors import ServiceError
from ..store.tables import SettingRow

FOLDER_KEY = "village.exchange_folder"


class ClerkExchange:
    """Export and feedback import for a village database, and the folder it remembers."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def folder(self) -> Path | None:
        """The folder chosen last time, if any."""
        with read_session(self.engine) as s:
            row = s.get(SettingRow, FOLDER_KEY)
            return Path(row.value) if row and row.value else None

    def _remember(self, folder: Path) -> None:
        with write_session(self.engine) as s:
            row = s.get(SettingRow, FOLDER_KEY) or SettingRow(key=FOLDER_KEY, value="")
            row.value = str(folder)
            s.add(row)

    def export(self, folder: Path | str, progress=None):
        """Write the village's new events into `folder` (made if missing); remembers it."""
        from .export import export_bundles

        path = _folder(folder)
        done = export_bundles(self.engine, path, progress=progress)
        self._remember(path)
        return done

    def import_feedback(self, folder: Path | str, progress=None):
        """Import the township's review bundles for this village from `folder`; remembers it."""
        from .importer import bundle_files, import_bundles

        path = _folder(folder)
        if not path.is_dir():
            raise ServiceError(*both("no_such_folder", folder=folder))
        with read_session(self.engine) as s:
            own = s.get(SettingRow, "village_code")
        # Only this village's feedback: a shared folder holds every village's.
        prefix = f"review-{own.value if own else ''}-"
        files = [f for f in bundle_files([path]) if f.name.startswith(prefix)]
        self._remember(path)
        if not files:
            return []
        # The township's key is trusted the first time its feedback comes; a different
        # key for the same township later is refused (the importer's rule).
        return import_bundles(self.engine, files, trust_new=True, progress=progress).results


def _folder(folder: Path | str) -> Path:
    text = str(folder).strip()
    if not text:
        raise ServiceError(*both("type_the_folder"))
    return Path(text).expanduser()
