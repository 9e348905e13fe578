"""2022 and earlier: Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Nghị định 91/2017/NĐ-CP,
Thông tư 05/2018/TT-BTP. Rule codes follow the domain brief §7.3."""

from app.services.eligibility.common import (
    Rule,
    assessment_at_least,
    consecutive_titles,
    discipline_below,
    figures_meet_targets,
    holds_title_this_year,
    initiative_at_least,
    members_all_complete,
    members_at_least_one,
    members_no_discipline_from,
    members_share_with,
    quota,
    recruited_at_least,
    unconfirmed,
)

CODE = "LAW2003_ND91_TT05_2018"

RULES: dict[str, list[Rule]] = {
    "LDTT": [
        Rule("R-LDTT-1 tuyển dụng ≥ 10 tháng", recruited_at_least(10)),
        Rule(
            "R-LDTT-2 không bị kỷ luật từ khiển trách",
            discipline_below("KHIEN_TRACH", "khiển trách"),
        ),
        Rule(
            "R-LDTT-3 hoàn thành tốt nhiệm vụ",
            assessment_at_least("HTTNV", "hoàn thành tốt nhiệm vụ trở lên"),
        ),
    ],
    "CSTDCS": [
        Rule(
            "R-CSTD-1 đạt Lao động tiên tiến", holds_title_this_year("LDTT", "Lao động tiên tiến")
        ),
        Rule("R-CSTD-2 có sáng kiến cấp cơ sở", initiative_at_least("co_so", "cấp cơ sở")),
        Rule(
            "R-CSTD-Q tỷ lệ ≤ 15 % số LĐTT (NĐ 91/2017 Đ.9.3)",
            quota("CSTDCS", "LDTT", 0.15, "làm tròn xuống — cách làm tròn CHƯA XÁC NHẬN"),
        ),
    ],
    "CSTD_NGANH": [
        Rule("R-CSTDB-1 3 năm liên tục CSTĐ cơ sở", consecutive_titles("CSTDCS", 3, "CSTĐ cơ sở")),
        Rule("R-CSTDB-1 sáng kiến phạm vi Bộ", initiative_at_least("bo_tinh", "phạm vi Bộ, ngành")),
        Rule(
            "R-CSTDB-V Hội đồng bỏ phiếu kín ≥ 90 % tổng số thành viên",
            unconfirmed("kết quả bỏ phiếu được ghi khi Hội đồng xét đề nghị (NĐ 91/2017 Đ.45.8)"),
        ),
    ],
    "TTLDTT": [
        Rule(
            "R-TTLDTT-1 trên 50 % thành viên đạt LĐTT",
            members_share_with("LDTT", 0.5, "Lao động tiên tiến"),
        ),
        Rule(
            "R-TTLDTT-1 không ai bị kỷ luật từ cảnh cáo",
            members_no_discipline_from("CANH_CAO", "cảnh cáo"),
        ),
    ],
    "TTLDXS": [
        Rule("R-TTLDXS-1 100 % thành viên hoàn thành nhiệm vụ", members_all_complete),
        Rule(
            "R-TTLDXS-1 ≥ 70 % thành viên đạt LĐTT",
            members_share_with("LDTT", 0.7, "Lao động tiên tiến"),
        ),
        Rule("R-TTLDXS-1 ≥ 1 Chiến sĩ thi đua cơ sở", members_at_least_one("CSTDCS", "CSTĐ cơ sở")),
        Rule(
            "R-TTLDXS-1 không ai bị kỷ luật từ cảnh cáo",
            members_no_discipline_from("CANH_CAO", "cảnh cáo"),
        ),
        Rule("R-TGT-1 số liệu năm đạt chỉ tiêu", figures_meet_targets),
    ],
    "CO_THI_DUA_BO": [
        Rule("R-TGT-1 số liệu năm đạt chỉ tiêu", figures_meet_targets),
        Rule(
            "R-CO-BO-1 dẫn đầu cụm, khối thi đua",
            unconfirmed(
                "việc suy tôn trong cụm, khối thi đua chưa được ghi trong thidua (NĐ 91/2017 Đ.12)"
            ),
        ),
    ],
    "BANG_KHEN_BO": [
        Rule(
            "R-BK-BO tiêu chuẩn Bằng khen cấp Bộ",
            unconfirmed("nội dung NĐ 91/2017 Đ.39 chưa đối chiếu"),
        ),
        Rule(
            "R-LDTT-3 hoàn thành tốt nhiệm vụ",
            assessment_at_least("HTTNV", "hoàn thành tốt nhiệm vụ trở lên"),
        ),
    ],
    "BANG_KHEN_BO:collective": [
        Rule(
            "R-BK-BO tiêu chuẩn Bằng khen cấp Bộ",
            unconfirmed("nội dung NĐ 91/2017 Đ.39 chưa đối chiếu"),
        ),
        Rule("R-TGT-1 số liệu năm đạt chỉ tiêu", figures_meet_targets),
    ],
    "GIAY_KHEN": [
        Rule(
            "R-GK tiêu chuẩn Giấy khen",
            unconfirmed("tiêu chuẩn Giấy khen ngành Tư pháp theo TT 05/2018 chưa đối chiếu"),
        ),
    ],
}
