"""Words every face shares: the matter categories. One table, so the app, the CLI and the reports agree."""

from __future__ import annotations

CATEGORIES: dict[str, tuple[str, str]] = {
    "road": ("村村通道路", "Roads"),
    "grain_subsidy": ("种粮直补", "Grain subsidies"),
    "dibao": ("低保评议", "Minimum living allowance"),
    "public_works": ("一事一议", "Public works"),
    "land": ("土地承包与流转", "Land contracting"),
    "collective_assets": ("集体资产", "Collective assets"),
    "homestead": ("宅基地", "Homesteads"),
    "land_compensation": ("征地补偿", "Land compensation"),
    "relief": ("救灾救济", "Relief"),
    "other": ("其他", "Other"),
}
