"""The standalone build's entry point: the same `village-tui` command, frozen."""

import sys

from village_tui.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
