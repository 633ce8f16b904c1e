"""Sync's tables, which live in `store.sync_tables` (below every sibling that needs a key).

Re-exported so that sync's modules keep their imports; code outside sync imports the store's.
"""

from ..store.sync_tables import (  # noqa: F401
    SYNC_TABLES,
    ExportMark,
    HeldBundle,
    ImportLog,
    OwnKey,
    TrustedKey,
)
