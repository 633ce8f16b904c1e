"""`python -m village_tui` is the same as the `village-tui` command."""

from village_tui.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
