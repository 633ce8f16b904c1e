"""Message catalogues: every text a person reads, in Simplified Chinese and English."""
