"""Where each rule comes from: the citations rules point at by key, in Chinese and English."""

from __future__ import annotations

CITATIONS: dict[str, tuple[str, str]] = {
    "cpc_rural_19": (
        "《中国共产党农村基层组织工作条例》(2019)第十九条",
        "Regulations on the Work of Rural Primary-Level Organisations of the CPC (2019), art. 19",
    ),
    "county_money_threshold": (
        "县级规定的重大事项金额标准(地方实践)",
        "County money threshold for major matters (local practice)",
    ),
    "local_merged_meeting": (
        "“一肩挑”村党支部会与“两委”会合并召开(地方实践)",
        "Proposal and consultation held as one meeting where one person holds both posts (local practice)",
    ),
    "record_truth": (
        "记录须如实反映已发生的事项",
        "A record must describe what has already happened",
    ),
    "cpc_branch_12": (
        "《中国共产党支部工作条例(试行)》第十二条",
        "Regulations on the Work of CPC Branches (Trial) (2018), art. 12",
    ),
    "local_4plus2": (
        "四议两公开工作法实践做法(地方实践)",
        "Four-deliberations-two-disclosures practice guides (local practice)",
    ),
    "cpc_branch_11": (
        "《中国共产党支部工作条例(试行)》第十一条",
        "Regulations on the Work of CPC Branches (Trial) (2018), art. 11",
    ),
    "organic_26": (
        "《中华人民共和国村民委员会组织法》(2018年修正)第二十六条",
        "Organic Law of the Villagers' Committees of the PRC (2018 amendment), art. 26",
    ),
    "organic_22": (
        "《中华人民共和国村民委员会组织法》(2018年修正)第二十二条",
        "Organic Law of the Villagers' Committees of the PRC (2018 amendment), art. 22",
    ),
    "land_laws": (
        "《中华人民共和国农村土地承包法》第十九条、第二十八条、第五十二条；《中华人民共和国土地管理法》第六十三条",
        "Rural Land Contracting Law of the PRC, arts. 19, 28, 52; Land Administration Law of the PRC, art. 63",
    ),
    "organic_25": (
        "《中华人民共和国村民委员会组织法》(2018年修正)第二十五条",
        "Organic Law of the Villagers' Committees of the PRC (2018 amendment), art. 25",
    ),
    "organic_21": (
        "《中华人民共和国村民委员会组织法》(2018年修正)第二十一条",
        "Organic Law of the Villagers' Committees of the PRC (2018 amendment), art. 21",
    ),
    "organic_30_no_period": (
        "《中华人民共和国村民委员会组织法》(2018年修正)第三十条(未规定最短公示期)",
        "Organic Law of the Villagers' Committees of the PRC (2018 amendment), art. 30 (no minimum period)",
    ),
    "cpc_rural_19_after_disclosure": (
        "《中国共产党农村基层组织工作条例》(2019)第十九条(决议公开后组织实施)",
        "Regulations on the Work of Rural Primary-Level Organisations of the CPC (2019), art. 19 (implemented after the resolution is disclosed)",
    ),
    "organic_31": (
        "《中华人民共和国村民委员会组织法》(2018年修正)第三十一条",
        "Organic Law of the Villagers' Committees of the PRC (2018 amendment), art. 31",
    ),
    "organic_24_amount": (
        "《中华人民共和国村民委员会组织法》(2018年修正)第二十四条(决议确定的金额)",
        "Organic Law of the Villagers' Committees of the PRC (2018 amendment), art. 24 (the amount resolved)",
    ),
    "county_overspending": (
        "县级规定的超支比例(地方实践，未统一规定，默认关闭)",
        "County limit on overspending (local practice, no common rule; off by default)",
    ),
}

CITATIONS["organic_30_promptly"] = (
    "《中华人民共和国村民委员会组织法》(2018年修正)第三十条(及时公布；天数为乡镇督促期限)",
    "Organic Law of the Villagers' Committees of the PRC (2018 amendment), art. 30 (disclosed promptly; the days are the township's reminder period)",
)
CITATIONS["roster"] = (
    "花名册（应到人数以花名册为准）",
    "Roster (the expected figure comes from the roster)",
)
