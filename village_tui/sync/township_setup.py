"""A new township database: its role, its name and code, and its key pair, made in one go."""

from __future__ import annotations

from sqlalchemy import Engine

from ..domain.codes import check_township_code
from ..domain.findings import InvalidRecord
from ..i18n.sync import both, text
from ..store.db import write_session
from ..store.errors import ServiceError
from ..store.tables import SettingRow
from .keys import ensure_own_key_in


def check_township_input(code: str, name: str, county_code: str = "") -> str:
    """Refuse a malformed code or an empty name before any file is made; the county code."""
    check_township_code(code)
    if not name.strip():
        raise InvalidRecord("name", *both("township_name_empty"))
    county_code = county_code or code[:6]
    if county_code != code[:6]:
        raise InvalidRecord(
            "county_code", *both("county_code_mismatch", county=county_code, code=code)
        )
    return county_code


def init_township(
    engine: Engine, *, code: str, name: str, county_code: str = "", county_name: str = ""
) -> str:
    """Make an empty database a township's; returns its key's fingerprint.

    Refused when the database already belongs to a village, township or county:
    a role is never changed, and a second init must not swap the key pair.
    """
    county_code = check_township_input(code, name, county_code)
    with write_session(engine) as s:
        role = s.get(SettingRow, "role")
        if role is not None or s.get(SettingRow, "village_code") is not None:
            held = role.value if role else "village"
            zh, en = both("role_" + (held if held in ("township", "county") else "village"))
            raise ServiceError(
                text("already_a_database", "zh", what=zh), text("already_a_database", "en", what=en)
            )
        for key, value in (
            ("role", "township"),
            ("township_code", code),
            ("township_name", name.strip()),
            ("county_code", county_code),
            ("county_name", county_name.strip()),
        ):
            s.add(SettingRow(key=key, value=value))
        return ensure_own_key_in(s).fingerprint
