"""From 2024: Luật Thi đua, khen thưởng 06/2022/QH15, Nghị định 98/2023/NĐ-CP (then
152/2025), Thông tư 01/2024/TT-BNV and 11/2023/TT-BTP."""

from app.services.eligibility.common import (
    Rule,
    Verdict,
    assessment_at_least,
    consecutive_titles,
    figures_meet_targets,
    holds_title_this_year,
    initiative_at_least,
    members_all_complete,
    members_at_least_one,
    members_share_with,
    recruited_at_least,
    unconfirmed,
)
from app.services.eligibility.facts import Facts

CODES = ("LAW2022_ND98_TT11_2023", "LAW2022_ND152_TT11_2023")


def excellent_or_initiative(f: Facts, pid: int) -> Verdict:
    """Luật 2022 Đ.23: hoàn thành xuất sắc nhiệm vụ, OR an initiative recognised at cơ sở."""
    a = f.assessments.get((pid, f.year))
    if a is not None and a.result == "HTXSNV":
        return True, f"Xếp loại năm {f.year}: HTXSNV"
    met, evidence = initiative_at_least("co_so", "cấp cơ sở")(f, pid)
    if met:
        return True, evidence
    if a is None:
        return None, f"Chưa có kết quả xếp loại năm {f.year}; {evidence}"
    return False, f"Xếp loại {a.result}, {evidence.lower()}"


def bang_khen_bo(f: Facts, pid: int) -> Verdict:
    """Luật 2022 Đ.74.1.d: 2 consecutive CSTĐCS, or ≥ 2 consecutive HTXSNV years with 2 initiatives."""
    met, evidence = consecutive_titles("CSTDCS", 2, "CSTĐ cơ sở")(f, pid)
    if met:
        return True, evidence
    years = [f.year - 1, f.year]
    excellent = all(
        (pid, y) in f.assessments and f.assessments[(pid, y)].result == "HTXSNV" for y in years
    )
    initiatives = [i for i in f.initiatives.get(pid, []) if i.year in years]
    if excellent and len(initiatives) >= 2:
        return True, f"HTXSNV {years[0]}–{years[1]} và {len(initiatives)} sáng kiến cấp cơ sở"
    return False, f"{evidence}; hoặc 2 năm HTXSNV kèm 2 sáng kiến: chưa đạt"


RULES: dict[str, list[Rule]] = {
    "LDTT": [
        Rule("R-LDTT-1b tuyển dụng ≥ 6 tháng (TT 01/2024/TT-BNV)", recruited_at_least(6)),
        Rule(
            "R-LDTT-3 hoàn thành tốt nhiệm vụ trở lên",
            assessment_at_least("HTTNV", "hoàn thành tốt nhiệm vụ trở lên"),
        ),
    ],
    "CSTDCS": [
        Rule(
            "R-CSTD-1 đạt Lao động tiên tiến", holds_title_this_year("LDTT", "Lao động tiên tiến")
        ),
        Rule("R-CSTD-2b HTXSNV hoặc sáng kiến cấp cơ sở", excellent_or_initiative),
        Rule(
            "R-CSTD-Q tỷ lệ so với số LĐTT",
            unconfirmed("tỷ lệ tối đa theo Luật 2022 chưa được xác nhận"),
        ),
    ],
    "CSTD_NGANH": [
        Rule("R-CSTDB-1 3 năm liên tục CSTĐ cơ sở", consecutive_titles("CSTDCS", 3, "CSTĐ cơ sở")),
        Rule("R-CSTDB-1 sáng kiến phạm vi Bộ", initiative_at_least("bo_tinh", "phạm vi Bộ, ngành")),
        Rule(
            "R-CSTDB-V ngưỡng bỏ phiếu", unconfirmed("ngưỡng bỏ phiếu của Hội đồng theo Luật 2022")
        ),
    ],
    "TTLDXS": [
        Rule("R-TTLDXS-1 100 % thành viên hoàn thành nhiệm vụ", members_all_complete),
        Rule(
            "R-TTLDXS-1 ≥ 70 % thành viên đạt LĐTT",
            members_share_with("LDTT", 0.7, "Lao động tiên tiến"),
        ),
        Rule("R-TTLDXS-1 ≥ 1 Chiến sĩ thi đua cơ sở", members_at_least_one("CSTDCS", "CSTĐ cơ sở")),
        Rule("R-TGT-1 số liệu năm đạt chỉ tiêu", figures_meet_targets),
    ],
    "CO_THI_DUA_BO": [
        Rule(
            "R-CO-BO-1 được cụm, khối thi đua suy tôn (TT 11/2023)",
            unconfirmed("việc suy tôn trong cụm, khối thi đua chưa được ghi trong thidua"),
        ),
        Rule("R-TGT-1 số liệu năm đạt chỉ tiêu", figures_meet_targets),
    ],
    "BANG_KHEN_BO": [Rule("R-BK-BO-1 Luật 2022 Đ.74.1.d", bang_khen_bo)],
    "BANG_KHEN_BO:collective": [
        Rule(
            "R-BK-BO tập thể",
            unconfirmed("tiêu chuẩn Bằng khen cấp Bộ cho tập thể theo Luật 2022 chưa đối chiếu"),
        ),
        Rule("R-TGT-1 số liệu năm đạt chỉ tiêu", figures_meet_targets),
    ],
    "GIAY_KHEN": [
        Rule(
            "R-GK tiêu chuẩn Giấy khen",
            unconfirmed("tiêu chuẩn chi tiết theo TT 11/2023/TT-BTP chưa đối chiếu"),
        ),
    ],
}
