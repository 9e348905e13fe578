"""The Vietnamese of the eligibility rules' texts (app/services/awards/eligibility), merged into
`app.core.messages.VI`. Keys are the English texts; parameters use str.format names. The terms
follow docs/glossary.md."""

ELIGIBILITY_VI: dict[str, str] = {
    # what a rule asks
    "Recruited at least {months} months before the year ends": (
        "Được tuyển dụng từ {months} tháng trở lên tính đến cuối năm"
    ),
    "Recruited at least {months} months before the year ends (Circular 01/2024/TT-BNV)": (
        "Được tuyển dụng từ {months} tháng trở lên tính đến cuối năm (Thông tư 01/2024/TT-BNV)"
    ),
    "Not given a {level} or a heavier discipline": "Không bị kỷ luật từ hình thức {level} trở lên",
    "Completed tasks well or better": "Hoàn thành tốt nhiệm vụ trở lên",
    "Holds the title {award} this year": "Đạt danh hiệu {award} trong năm",
    "An initiative recognised {level} or above": "Có sáng kiến được công nhận {level} trở lên",
    "At most {share} of the unit's holders of {base} (Decree 91/2017, article 9.3)": (
        "Không quá {share} số {base} của đơn vị (Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3)"
    ),
    "{award} for {years} consecutive years": "{years} năm liên tục đạt {award}",
    "The council's secret ballot: at least {share} of all its members": (
        "Hội đồng bỏ phiếu kín, đạt từ {share} tổng số thành viên trở lên"
    ),
    "More than {share} of the members hold {award}": "Trên {share} thành viên đạt {award}",
    "At least {share} of the members hold {award}": "Từ {share} thành viên trở lên đạt {award}",
    "At least one member holds {award}": "Có ít nhất một thành viên đạt {award}",
    "Every member completed their tasks": "Toàn bộ thành viên hoàn thành nhiệm vụ",
    "No member given a {level} or a heavier discipline": (
        "Không có thành viên bị kỷ luật từ hình thức {level} trở lên"
    ),
    "The year's figures meet the assigned targets": "Số liệu năm đạt chỉ tiêu được giao",
    "Leads its emulation cluster or bloc (Decree 91/2017, article 12)": (
        "Dẫn đầu cụm, khối thi đua (Nghị định 91/2017/NĐ-CP, Điều 12)"
    ),
    "Chosen by its emulation cluster or bloc (Circular 11/2023/TT-BTP)": (
        "Được cụm, khối thi đua suy tôn (Thông tư 11/2023/TT-BTP)"
    ),
    "The criteria of the {award}": "Tiêu chuẩn {award}",
    "The criteria of the {award} for collectives": "Tiêu chuẩn {award} đối với tập thể",
    "Completed tasks excellently, or an initiative recognised at grassroots level": (
        "Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận cấp cơ sở"
    ),
    "How many holders of {base} may receive {award}": "Tỷ lệ {award} so với số {base}",
    "The council's voting threshold": "Ngưỡng biểu quyết của Hội đồng",
    "{award} two years running, or two years completing tasks excellently with two initiatives"
    " (2022 Law, article 74.1.d)": (
        "02 năm liên tục đạt {award}, hoặc 02 năm liên tục hoàn thành xuất sắc nhiệm vụ và có"
        " 02 sáng kiến (Luật Thi đua, khen thưởng 2022, Điều 74 khoản 1 điểm d)"
    ),
    # why: the evidence
    "The recruitment date is not recorded": "Chưa ghi ngày tuyển dụng",
    "Recruited on {day}: {served} months to 31/12/{year} (at least {months} needed)": (
        "Tuyển dụng ngày {day}: {served} tháng đến 31/12/{year} (cần từ {months} tháng trở lên)"
    ),
    "No assessment recorded for {year}": "Chưa có kết quả đánh giá, xếp loại năm {year}",
    "No assessment recorded for {year}; {more}": (
        "Chưa có kết quả đánh giá, xếp loại năm {year}; {more}"
    ),
    "Assessment for {year}: {result} ({needed} or better needed)": (
        "Xếp loại chất lượng năm {year}: {result} (cần {needed} trở lên)"
    ),
    "Assessment for {year}: {result}": "Xếp loại chất lượng năm {year}: {result}",
    "Assessment for {year}: {result}; {more}": "Xếp loại chất lượng năm {year}: {result}; {more}",
    "No discipline record for {year}": "Chưa có thông tin kỷ luật năm {year}",
    "Not disciplined": "Không bị kỷ luật",
    "Discipline in {year}: {discipline} (must be lighter than a {limit})": (
        "Kỷ luật năm {year}: {discipline} (không được từ hình thức {limit} trở lên)"
    ),
    "Recognised as {award} in {year}": "Đã được công nhận {award} năm {year}",
    "Not recognised as {award} in {year}": "Chưa được công nhận {award} năm {year}",
    "Initiative “{title}” recognised {level} in {year} ({by})": (
        "Sáng kiến “{title}” được công nhận {level} năm {year} ({by})"
    ),
    "No initiative recognised {level} or above in {year}": (
        "Chưa có sáng kiến được công nhận {level} trở lên năm {year}"
    ),
    "{award}: {marks} ({years} consecutive years needed)": (
        "{award}: {marks} (cần {years} năm liên tục)"
    ),
    "{unit}: {base} held by {count} in {year} → at most {limit} may be {award} ({share},"
    " rounded down: the rounding is not confirmed yet — the officer must check it);"
    " {given} recognised": (
        "{unit}: {count} {base} năm {year} → tối đa {limit} {award} ({share}, làm tròn xuống:"
        " cách làm tròn chưa được xác nhận — cán bộ cần kiểm tra); đã công nhận {given}"
    ),
    "The unit has no staff recorded yet": "Đơn vị chưa có cán bộ trong hệ thống",
    "{missing}/{total} people have no assessment for {year}": (
        "{missing}/{total} người chưa có kết quả xếp loại năm {year}"
    ),
    "{done}/{total} people completed their tasks ({need} needed)": (
        "{done}/{total} người hoàn thành nhiệm vụ (cần {need})"
    ),
    "{holders}/{total} people hold {award} ({share}; at least {need} needed)": (
        "{holders}/{total} người đạt {award} ({share}; cần từ {need} trở lên)"
    ),
    "{holders} members hold {award} for {year} (at least 1 needed)": (
        "{holders} cá nhân đạt {award} năm {year} (cần ít nhất 1)"
    ),
    "No member is disciplined": "Không có cá nhân bị kỷ luật",
    "{count} members given a {level} or a heavier discipline": (
        "{count} cá nhân bị kỷ luật từ hình thức {level} trở lên"
    ),
    "Not applicable: the unit does not report enforcement figures": (
        "Không áp dụng: đơn vị không báo cáo số liệu thi hành án"
    ),
    "No approved 12-month figures for {year} yet": (
        "Chưa có số liệu 12 tháng năm {year} được phê duyệt"
    ),
    "{indicator} {value} / target {target}": "{indicator} {value} / chỉ tiêu được giao {target}",
    "Completed tasks excellently in {first}–{last} and {count} initiatives recognised at"
    " grassroots level": (
        "Hoàn thành xuất sắc nhiệm vụ {first}–{last} và {count} sáng kiến được công nhận cấp cơ sở"
    ),
    "{titles}; or two years completing tasks excellently with two initiatives: not met": (
        "{titles}; hoặc 02 năm hoàn thành xuất sắc nhiệm vụ và 02 sáng kiến: chưa đạt"
    ),
    "Not assessed: a person or unit outside the sector": (
        "Không xét: người hoặc đơn vị ngoài ngành"
    ),
    # rules whose law is not confirmed: an instruction to the officer
    "This rule is not confirmed yet — the officer must check it: {detail}": (
        "Quy định này chưa được xác nhận — cán bộ cần kiểm tra: {detail}"
    ),
    "compare with Decree 91/2017, article 39": "đối chiếu Nghị định 91/2017/NĐ-CP, Điều 39",
    "compare with the justice sector's criteria in Circular 05/2018/TT-BTP": (
        "đối chiếu tiêu chuẩn của ngành Tư pháp tại Thông tư 05/2018/TT-BTP"
    ),
    "compare with the detailed criteria in Circular 11/2023/TT-BTP": (
        "đối chiếu tiêu chuẩn chi tiết tại Thông tư 11/2023/TT-BTP"
    ),
    "compare with the criteria for collectives under the 2022 Law": (
        "đối chiếu tiêu chuẩn đối với tập thể theo Luật Thi đua, khen thưởng 2022"
    ),
    "the vote is recorded when the council considers the nomination (Decree 91/2017, article"
    " 45.8)": (
        "kết quả bỏ phiếu được ghi khi Hội đồng xét đề nghị"
        " (Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8)"
    ),
    "the cluster's or bloc's choice is not recorded in the system": (
        "việc suy tôn trong cụm, khối thi đua chưa được ghi trong hệ thống"
    ),
    "the largest share under the 2022 Law": "tỷ lệ tối đa theo Luật Thi đua, khen thưởng 2022",
    "the council's voting threshold under the 2022 Law": (
        "ngưỡng biểu quyết của Hội đồng theo Luật Thi đua, khen thưởng 2022"
    ),
    # the facts' codes inside a sentence
    "completed tasks excellently": "hoàn thành xuất sắc nhiệm vụ",
    "completed tasks well": "hoàn thành tốt nhiệm vụ",
    "completed tasks": "hoàn thành nhiệm vụ",
    "did not complete tasks": "không hoàn thành nhiệm vụ",
    "no discipline": "không bị kỷ luật",
    "reprimand": "khiển trách",
    "warning": "cảnh cáo",
    "salary reduction or heavier": "hạ bậc lương trở lên",
    "at grassroots level": "cấp cơ sở",
    "at ministry, sector or province level": "cấp Bộ, ngành, tỉnh",
    "at national level": "cấp toàn quốc",
}
