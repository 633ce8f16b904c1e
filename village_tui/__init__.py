"""四议两公开 ledger: the village clerk's terminal app, the township review and the county reports."""

__version__ = "0.1.0"
