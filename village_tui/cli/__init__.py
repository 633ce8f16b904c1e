"""The command line. Nothing here imports Textual except the command that opens the app."""
