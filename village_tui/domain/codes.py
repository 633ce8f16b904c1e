"""12-digit administrative division codes (统计用区划代码) of villages and townships.

Layout: 2 province, 2 city, 2 county, 3 township, 3 village. Township digits
001-099 are 街道 (subdistricts), 100-199 镇 (towns), 200-399 乡 (townships).
"""

from __future__ import annotations

from enum import Enum

from .findings import InvalidRecord


class TownshipKind(str, Enum):
    """What kind of township-level unit the township digits say."""

    SUBDISTRICT = "subdistrict"  # 街道
    TOWN = "town"  # 镇
    TOWNSHIP = "township"  # 乡

    @property
    def zh(self) -> str:
        """The Chinese name of the kind."""
        return {"subdistrict": "街道", "town": "镇", "township": "乡"}[self.value]


def check_village_code(code: str) -> None:
    """Raise `InvalidRecord` (field "code") unless `code` is a well-formed 12-digit village code."""
    if not isinstance(code, str) or len(code) != 12:
        shown = len(code) if isinstance(code, str) else 0
        raise InvalidRecord(
            "code",
            f"区划代码应为12位数字，实为{shown}位",
            f"The division code must have 12 digits, not {shown}",
        )
    if not (code.isascii() and code.isdigit()):
        raise InvalidRecord(
            "code",
            "区划代码只能包含数字0-9",
            "The division code may contain only the digits 0-9",
        )
    if code[6:9] == "000":
        raise InvalidRecord(
            "code",
            "区划代码第7-9位(乡镇)不能为000",
            "Digits 7-9 of the division code (township) cannot be 000",
        )
    if code[9:] == "000":
        raise InvalidRecord(
            "code",
            "区划代码第10-12位(村)不能为000",
            "Digits 10-12 of the division code (village) cannot be 000",
        )


def check_township_code(code: str) -> None:
    """Raise `InvalidRecord` (field "township_code") unless `code` is a 9-digit township code."""
    if not (isinstance(code, str) and len(code) == 9 and code.isascii() and code.isdigit()):
        raise InvalidRecord(
            "township_code",
            "乡镇区划代码应为9位数字",
            "The township division code must be 9 digits",
        )
    if code[6:] == "000":
        raise InvalidRecord(
            "township_code",
            "乡镇区划代码第7-9位不能为000",
            "Digits 7-9 of the township division code cannot be 000",
        )


def check_county_code(code: str) -> None:
    """Raise `InvalidRecord` (field "county_code") unless `code` is a 6-digit county code."""
    if not (isinstance(code, str) and len(code) == 6 and code.isascii() and code.isdigit()):
        raise InvalidRecord(
            "county_code", "县级区划代码应为6位数字", "The county division code must be 6 digits"
        )
    if code[4:] == "00":
        raise InvalidRecord(
            "county_code",
            "县级区划代码第5-6位不能为00",
            "Digits 5-6 of the county division code cannot be 00",
        )


# Who a key may belong to: the roles of the trust registry, each with its code check.
KEY_ROLES = {
    "village": check_village_code,
    "township": check_township_code,
    "county": check_county_code,
}


def check_owner_code(role: str, code: str) -> None:
    """Raise `InvalidRecord` unless `role` is a key role and `code` a valid code for it."""
    check = KEY_ROLES.get(role)
    if check is None:
        raise InvalidRecord(
            "role",
            f"密钥角色只能是村、乡镇或县（village/township/county），不能是 {str(role)[:20]!r}",
            f"a key's role must be village, township or county, not {str(role)[:20]!r}",
        )
    check(code)


def township_code(code: str) -> str:
    """The 9-digit township code a village code belongs to."""
    return code[:9]


def county_code(code: str) -> str:
    """The 6-digit county code a village or township code belongs to."""
    return code[:6]


def township_kind(code: str) -> TownshipKind | None:
    """街道, 镇 or 乡 from the township digits of a 9- or 12-digit code; None outside 001-399."""
    digits = code[6:9]
    if len(digits) != 3 or not digits.isdigit():
        return None
    n = int(digits)
    if 1 <= n <= 99:
        return TownshipKind.SUBDISTRICT
    if 100 <= n <= 199:
        return TownshipKind.TOWN
    if 200 <= n <= 399:
        return TownshipKind.TOWNSHIP
    return None
