"""The domain's own message catalogue: what rules and refusals say, in Chinese and English.

The domain imports nothing outside itself, so its texts live here; `village_tui.i18n`
re-exports them for the faces that used to import them from there.
"""
