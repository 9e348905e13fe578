"""Bến Tre's THADS units in statistics year 2022, their offices and their outside partners."""

from app.models.levels import LevelCode

DISTRICTS: list[tuple[str, str, str]] = [
    # (code suffix, Chi cục name, district as the People's Committee names it)
    ("TPBENTRE", "Chi cục Thi hành án dân sự thành phố Bến Tre", "thành phố Bến Tre"),
    ("BATRI", "Chi cục Thi hành án dân sự huyện Ba Tri", "huyện Ba Tri"),
    ("BINHDAI", "Chi cục Thi hành án dân sự huyện Bình Đại", "huyện Bình Đại"),
    ("CHAUTHANH", "Chi cục Thi hành án dân sự huyện Châu Thành", "huyện Châu Thành"),
    ("CHOLACH", "Chi cục Thi hành án dân sự huyện Chợ Lách", "huyện Chợ Lách"),
    ("GIONGTROM", "Chi cục Thi hành án dân sự huyện Giồng Trôm", "huyện Giồng Trôm"),
    ("MOCAYBAC", "Chi cục Thi hành án dân sự huyện Mỏ Cày Bắc", "huyện Mỏ Cày Bắc"),
    ("MOCAYNAM", "Chi cục Thi hành án dân sự huyện Mỏ Cày Nam", "huyện Mỏ Cày Nam"),
    ("THANHPHU", "Chi cục Thi hành án dân sự huyện Thạnh Phú", "huyện Thạnh Phú"),
]

CUC = "CTHADS-BENTRE"

# (code, name, kind, parent code)
HIERARCHY: list[tuple[str, str, LevelCode, str | None]] = [
    ("BTP", "Bộ Tư pháp", LevelCode.ministry, None),
    ("TCTHADS", "Tổng cục Thi hành án dân sự", LevelCode.general_department, "BTP"),
    (CUC, "Cục Thi hành án dân sự tỉnh Bến Tre", LevelCode.provincial_department, "TCTHADS"),
    ("BENTRE-VP", "Văn phòng Cục", LevelCode.internal_office, CUC),
    ("BENTRE-TCCB", "Phòng Tổ chức cán bộ", LevelCode.internal_office, CUC),
    ("BENTRE-NV", "Phòng Nghiệp vụ và Tổ chức thi hành án", LevelCode.internal_office, CUC),
    ("BENTRE-KT", "Phòng Kiểm tra, giải quyết khiếu nại, tố cáo", LevelCode.internal_office, CUC),
    ("BENTRE-KHTC", "Phòng Kế hoạch - Tài chính", LevelCode.internal_office, CUC),
    *[(f"CC-{code}", name, LevelCode.district_office, CUC) for code, name, _ in DISTRICTS],
    # A neighbouring province, so that scope is visible in the demo: Bến Tre users never see it.
    (
        "CTHADS-TRAVINH",
        "Cục Thi hành án dân sự tỉnh Trà Vinh",
        LevelCode.provincial_department,
        "TCTHADS",
    ),
    (
        "CC-CANGLONG",
        "Chi cục Thi hành án dân sự huyện Càng Long",
        LevelCode.district_office,
        "CTHADS-TRAVINH",
    ),
]

PROVINCIAL_PARTNERS: list[tuple[str, str]] = [
    ("NN-UBND-BENTRE", "Ủy ban nhân dân tỉnh Bến Tre"),
    ("NN-CA-BENTRE", "Công an tỉnh Bến Tre"),
    ("NN-TAND-BENTRE", "Tòa án nhân dân tỉnh Bến Tre"),
    ("NN-VKSND-BENTRE", "Viện kiểm sát nhân dân tỉnh Bến Tre"),
    ("NN-STP-BENTRE", "Sở Tư pháp tỉnh Bến Tre"),
    ("NN-KBNN-BENTRE", "Kho bạc Nhà nước tỉnh Bến Tre"),
    ("NN-AGRIBANK-BENTRE", "Ngân hàng Nông nghiệp và Phát triển nông thôn Chi nhánh tỉnh Bến Tre"),
]

DISTRICT_PARTNERS: list[tuple[str, str]] = [
    ("UBND", "Ủy ban nhân dân {district}"),
    ("CA", "Công an {district}"),
    ("TAND", "Tòa án nhân dân {district}"),
    ("VKSND", "Viện kiểm sát nhân dân {district}"),
]


def external_units() -> list[tuple[str, str, LevelCode, str]]:
    """Provincial partners sit under the Cục, district partners under their Chi cục."""
    rows = [(code, name, LevelCode.external, CUC) for code, name in PROVINCIAL_PARTNERS]
    for suffix, _, district in DISTRICTS:
        for prefix, template in DISTRICT_PARTNERS:
            rows.append(
                (
                    f"NN-{prefix}-{suffix}",
                    template.format(district=district),
                    LevelCode.external,
                    f"CC-{suffix}",
                )
            )
    return rows
