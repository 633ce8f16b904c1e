"""Years of paper ledgers entered at once: the Excel template, and recording a filled-in file."""
