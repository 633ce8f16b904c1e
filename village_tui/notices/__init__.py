"""Public notices (公示) for a resolution or a result: plain text and printable HTML, personal data masked."""
