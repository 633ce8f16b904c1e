"""Which kind of database this is (village, township, county), read without the ORM.

The app's start-up asks this before anything else is loaded: the answer picks
the app, and must not cost the village app its fast first paint.
"""

from __future__ import annotations

from sqlalchemy import text

VILLAGE, TOWNSHIP, COUNTY = "village", "township", "county"


def database_role(engine) -> str | None:
    """'village', 'township' or 'county'; None for a database nobody has set up yet."""
    with engine.connect() as conn:
        rows = dict(
            conn.execute(
                text("SELECT key, value FROM setting WHERE key IN ('role', 'village_code')")
            ).all()
        )
    if rows.get("role") in (TOWNSHIP, COUNTY):
        return rows["role"]
    if rows.get("role") == VILLAGE or rows.get("village_code"):
        return VILLAGE
    return None
