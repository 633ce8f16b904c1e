"""The pure domain: steps, matters, rule profiles and findings. No I/O, no SQL, no Textual."""
