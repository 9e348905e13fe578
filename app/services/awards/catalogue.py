"""The award types and legal regimes (domain brief §0–§2), seeded as data."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from app.models.awards import AuthorityLevel, AwardCategory, AwardType, RecipientKind


@dataclass(frozen=True)
class Regime:
    code: str
    name: str
    valid_from: date
    valid_to: date | None
    documents: tuple[str, ...]
    name_en: str = ""
    documents_en: tuple[str, ...] = ()

    def name_in(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name

    def documents_in(self, lang: str) -> list[str]:
        return list(self.documents_en if lang == "en" and self.documents_en else self.documents)


OLD = "LAW2003_ND91_TT05_2018"
NEW = "LAW2022_ND98_TT11_2023"
NEWEST = "LAW2022_ND152_TT11_2023"
REGIMES = {
    OLD: Regime(
        OLD,
        "Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2009, 2013)",
        date(2004, 7, 1),
        date(2023, 12, 31),
        (
            "Luật Thi đua, khen thưởng 15/2003/QH11, sửa đổi 2005, 2009, 39/2013/QH13",
            "Nghị định 91/2017/NĐ-CP",
            "Thông tư 12/2019/TT-BNV",
            "Thông tư 05/2018/TT-BTP",
        ),
        "Law on Emulation and Commendation 2003 (amended 2005, 2009, 2013)",
        (
            "Law on Emulation and Commendation 15/2003/QH11, amended 2005, 2009, 39/2013/QH13",
            "Decree 91/2017/NĐ-CP",
            "Circular 12/2019/TT-BNV",
            "Circular 05/2018/TT-BTP",
        ),
    ),
    NEW: Regime(
        NEW,
        "Luật Thi đua, khen thưởng 2022",
        date(2024, 1, 1),
        date(2025, 6, 30),
        (
            "Luật Thi đua, khen thưởng 06/2022/QH15",
            "Nghị định 98/2023/NĐ-CP",
            "Thông tư 01/2024/TT-BNV",
            "Thông tư 11/2023/TT-BTP",
        ),
        "Law on Emulation and Commendation 2022",
        (
            "Law on Emulation and Commendation 06/2022/QH15",
            "Decree 98/2023/NĐ-CP",
            "Circular 01/2024/TT-BNV",
            "Circular 11/2023/TT-BTP",
        ),
    ),
    NEWEST: Regime(
        NEWEST,
        "Luật Thi đua, khen thưởng 2022 (Nghị định 152/2025)",
        date(2025, 7, 1),
        None,
        (
            "Luật Thi đua, khen thưởng 06/2022/QH15",
            "Nghị định 152/2025/NĐ-CP",
            "Thông tư 11/2023/TT-BTP",
        ),
        "Law on Emulation and Commendation 2022 (Decree 152/2025)",
        (
            "Law on Emulation and Commendation 06/2022/QH15",
            "Decree 152/2025/NĐ-CP",
            "Circular 11/2023/TT-BTP",
        ),
    ),
}


def regime_for_year(year: int) -> str:
    """The achievements of a year are judged under the regime in force at that year's end."""
    if year <= 2023:
        return OLD
    return NEW if year == 2024 else NEWEST


COLL, INDIV = RecipientKind.collective.value, RecipientKind.individual.value
CUC, TC, BO, CP = (
    AuthorityLevel.provincial_department.value,
    AuthorityLevel.general_department.value,
    AuthorityLevel.ministry.value,
    AuthorityLevel.government.value,
)
UBND, NUOC = AuthorityLevel.provincial_committee.value, AuthorityLevel.state.value
ALL = [OLD, NEW, NEWEST]

# (code, Vietnamese, English, category, recipients, levels, external allowed, in summary)
TYPES: list[tuple[str, str, str, AwardCategory, list[str], list[str], bool, bool]] = [
    (
        "LDTT",
        "Lao động tiên tiến",
        "Advanced Worker",
        AwardCategory.title,
        [INDIV],
        [CUC, TC],
        False,
        False,
    ),
    (
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        "Grassroots Emulation Fighter",
        AwardCategory.title,
        [INDIV],
        [CUC, TC],
        False,
        True,
    ),
    (
        "CSTD_NGANH",
        "Chiến sĩ thi đua ngành Tư pháp",
        "Justice Sector Emulation Fighter",
        AwardCategory.title,
        [INDIV],
        [BO],
        False,
        True,
    ),
    (
        "CSTD_TOAN_QUOC",
        "Chiến sĩ thi đua toàn quốc",
        "National Emulation Fighter",
        AwardCategory.title,
        [INDIV],
        [CP],
        False,
        True,
    ),
    (
        "TTLDTT",
        "Tập thể lao động tiên tiến",
        "Advanced Labour Collective",
        AwardCategory.title,
        [COLL],
        [CUC, TC],
        False,
        False,
    ),
    (
        "TTLDXS",
        "Tập thể lao động xuất sắc",
        "Excellent Labour Collective",
        AwardCategory.title,
        [COLL],
        [BO],
        False,
        True,
    ),
    (
        "CO_THI_DUA_BO",
        "Cờ thi đua ngành Tư pháp",
        "Justice Sector Emulation Flag",
        AwardCategory.title,
        [COLL],
        [BO],
        False,
        True,
    ),
    (
        "CO_THI_DUA_CP",
        "Cờ thi đua của Chính phủ",
        "Government Emulation Flag",
        AwardCategory.title,
        [COLL],
        [CP],
        False,
        True,
    ),
    (
        "GIAY_KHEN",
        "Giấy khen",
        "Certificate of Merit",
        AwardCategory.form,
        [COLL, INDIV],
        [CUC, TC],
        True,
        True,
    ),
    (
        "BANG_KHEN_BO",
        "Bằng khen của Bộ trưởng Bộ Tư pháp",
        "Minister's Certificate of Merit",
        AwardCategory.form,
        [COLL, INDIV],
        [BO],
        True,
        True,
    ),
    (
        "BANG_KHEN_TTG",
        "Bằng khen của Thủ tướng Chính phủ",
        "Prime Minister's Certificate of Merit",
        AwardCategory.form,
        [COLL, INDIV],
        [CP],
        True,
        True,
    ),
    (
        "KY_NIEM_CHUONG",
        "Kỷ niệm chương “Vì sự nghiệp Tư pháp”",
        "Justice Medal",
        AwardCategory.form,
        [INDIV],
        [BO],
        True,
        True,
    ),
    (
        "HANG_XUAT_SAC",
        "Xếp hạng xuất sắc",
        "Ranked excellent (grade A)",
        AwardCategory.grade,
        [COLL],
        [BO, CUC],
        False,
        True,
    ),
    (
        "HANG_KHA",
        "Xếp hạng khá",
        "Ranked good (grade B)",
        AwardCategory.grade,
        [COLL],
        [BO, CUC],
        False,
        True,
    ),
    (
        "HANG_TRUNG_BINH",
        "Xếp hạng trung bình",
        "Ranked average (grade C)",
        AwardCategory.grade,
        [COLL],
        [BO, CUC],
        False,
        True,
    ),
    (
        "HANG_YEU",
        "Xếp hạng yếu",
        "Ranked weak (grade D)",
        AwardCategory.grade,
        [COLL],
        [BO, CUC],
        False,
        True,
    ),
    # Conferred above the ministry or by the province: new types go last (positions stay).
    (
        "BANG_KHEN_UBND_TINH",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "Certificate of Merit of the Provincial People's Committee",
        AwardCategory.form,
        [COLL, INDIV],
        [UBND],
        True,
        True,
    ),
    (
        "CO_THI_DUA_UBND_TINH",
        "Cờ thi đua của Ủy ban nhân dân tỉnh",
        "Emulation Flag of the Provincial People's Committee",
        AwardCategory.title,
        [COLL],
        [UBND],
        True,
        True,
    ),
    *[
        (
            f"HUAN_CHUONG_LD_{grade}",
            f"Huân chương Lao động hạng {vi}",
            f"Labour Order, {en} class",
            AwardCategory.form,
            [COLL, INDIV],
            [NUOC],
            False,
            True,
        )
        for grade, vi, en in (("3", "Ba", "Third"), ("2", "Nhì", "Second"), ("1", "Nhất", "First"))
    ],
]


def ensure_award_types(session: Session) -> int:
    existing = set(session.exec(select(AwardType.code)).all())
    added = 0
    for position, (code, vi, en, category, recipients, levels, external, summary) in enumerate(
        TYPES
    ):
        if code in existing:
            continue
        session.add(
            AwardType(
                code=code,
                name_vi=vi,
                name_en=en,
                category=category,
                recipients=recipients,
                levels=levels,
                regimes=ALL,
                external_allowed=external,
                in_summary=summary,
                position=position,
            )
        )
        added += 1
    session.commit()
    return added
