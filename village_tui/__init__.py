"""四议两公开 ledger: the village clerk's terminal app, the township review and the county reports."""

__version__ = "0.1.0"

import logging as _logging

# A library's logger stays quiet unless the program using it says where logs go
# (the CLI sends them to the log file); without this, warnings reach the terminal.
_logging.getLogger("village_tui").addHandler(_logging.NullHandler())
