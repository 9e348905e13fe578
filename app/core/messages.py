"""API messages in Vietnamese (default) and English, chosen by Accept-Language.

Keys are the English messages; parameters use str.format names.
"""

from typing import Any

from app.core.messages_eligibility import ELIGIBILITY_VI
from app.core.messages_succession import SUCCESSION_VI
from app.core.messages_units import UNITS_VI

VI: dict[str, str] = {
    # problem titles
    "Bad request": "Yêu cầu không hợp lệ",
    "Authentication required": "Cần đăng nhập",
    "Not allowed": "Không có quyền",
    "Not found": "Không tìm thấy",
    "Conflict": "Xung đột trạng thái",
    "Precondition failed": "Dữ liệu đã bị thay đổi bởi người khác",
    "Invalid input": "Dữ liệu không hợp lệ",
    "Too many requests": "Quá nhiều yêu cầu",
    "Internal error": "Lỗi hệ thống",
    "Service unavailable": "Dịch vụ tạm thời không sẵn sàng",
    "Request body too large": "Nội dung yêu cầu quá lớn",
    "Request body too large (at most {limit})": "Nội dung yêu cầu quá lớn (tối đa {limit})",
    # details
    "Some fields are invalid": "Một số trường không hợp lệ",
    "Missing or invalid access token": "Thiếu hoặc sai mã truy cập",
    "Incorrect username or password": "Sai tên đăng nhập hoặc mật khẩu",
    "Too many failed logins; try again in {minutes} minutes": (
        "Đăng nhập sai quá nhiều lần; hãy thử lại sau {minutes} phút"
    ),
    "Your role does not allow this": "Vai trò của bạn không được phép thực hiện thao tác này",
    "This token is read-only": "Mã truy cập này chỉ có quyền đọc",
    "No such {entity}": "Không tìm thấy {entity}",
    "The record changed since you read it (version {current})": (
        "Bản ghi đã thay đổi kể từ khi bạn đọc (phiên bản {current})"
    ),
    "The Idempotency-Key was used for a different request": (
        "Idempotency-Key đã được dùng cho một yêu cầu khác"
    ),
    "A request with this Idempotency-Key is still being processed": (
        "Một yêu cầu với Idempotency-Key này đang được xử lý"
    ),
    "The database is not reachable": "Không kết nối được cơ sở dữ liệu",
    "The record changed since you read it": "Bản ghi đã thay đổi kể từ khi bạn đọc",
    "Another request changed this record at the same time": (
        "Một yêu cầu khác vừa thay đổi bản ghi này cùng lúc; hãy tải lại rồi thử lại"
    ),
    "The database is busy; try again": "Cơ sở dữ liệu đang bận; hãy thử lại",
    # field messages
    "This field is required": "Trường này bắt buộc",
    "Must not be empty": "Không được để trống",
    "At least {min_length} characters": "Tối thiểu {min_length} ký tự",
    "At most {max_length} characters": "Tối đa {max_length} ký tự",
    "Must be a whole number": "Phải là số nguyên",
    "Must be a number": "Phải là số",
    "Must be at least {ge}": "Phải lớn hơn hoặc bằng {ge}",
    "Must be greater than {gt}": "Phải lớn hơn {gt}",
    "Must be at most {le}": "Phải nhỏ hơn hoặc bằng {le}",
    "Must be less than {lt}": "Phải nhỏ hơn {lt}",
    "Must be true or false": "Phải là đúng hoặc sai",
    "Must be a date (yyyy-mm-dd)": "Phải là ngày hợp lệ (yyyy-mm-dd)",
    "Must be one of: {expected}": "Phải là một trong: {expected}",
    "Invalid format": "Sai định dạng",
    "Must be text": "Phải là chuỗi ký tự",
    "Must be an object": "Phải là một đối tượng",
    "Unknown field": "Trường không được phép",
    "Invalid value": "Giá trị không hợp lệ",
    "Must not contain NUL characters": "Không được chứa ký tự NUL",
    "Must not contain control characters": "Không được chứa ký tự điều khiển",
    "Must not contain text direction control characters": (
        "Không được chứa ký tự điều khiển hướng văn bản"
    ),
    "Must contain visible characters": "Phải có ký tự nhìn thấy được",
    "Valid to must not be before valid from": "Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực",
    "This code is already used": "Mã này đã được dùng",
    "This username is already taken": "Tên đăng nhập này đã có người dùng",
    "No such unit in your scope": "Không có đơn vị này trong phạm vi của bạn",
    "A unit cannot be moved under itself or its own subunits": (
        "Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó"
    ),
    "An internal unit cannot be placed under an external organisation": (
        "Đơn vị trong ngành không thể thuộc một tổ chức ngoài ngành"
    ),
    "A unit must have a parent within your scope": "Đơn vị phải có đơn vị cấp trên trong phạm vi của bạn",
    "You cannot move the unit you belong to": "Bạn không thể chuyển đơn vị của chính mình",
    "Internal staff must belong to an internal unit": "Cán bộ trong ngành phải thuộc một đơn vị trong ngành",
    "An external person needs an external unit or an organisation name": (
        "Người ngoài ngành cần thuộc một tổ chức ngoài ngành hoặc ghi tên cơ quan, tổ chức"
    ),
    "A person of an external unit is external": "Người thuộc tổ chức ngoài ngành là người ngoài ngành",
    "Users belong to an internal unit": "Người dùng phải thuộc một đơn vị trong ngành",
    "The current password is wrong": "Mật khẩu hiện tại không đúng",
    "You cannot deactivate yourself": "Bạn không thể tự vô hiệu hóa tài khoản của mình",
    "You cannot change your own role or unit": "Bạn không thể tự đổi vai trò hoặc đơn vị của mình",
    "Only an administrator can create administrators": "Chỉ quản trị viên mới tạo được quản trị viên",
    "Unknown indicator": "Tỷ lệ không tồn tại",
    "Unknown metric": "Chỉ tiêu thống kê không tồn tại",
    "Must be a list of rows": "Phải là danh sách các dòng",
    "Duplicate of row {row}": "Trùng với dòng {row}",
    "The first row must name the columns unit and period": "Dòng đầu phải có tên cột unit và period",
    "This value is computed, not entered": "Giá trị này được tính tự động, không nhập",
    "Only a user at the top of the hierarchy may set the default target": (
        "Chỉ người dùng ở cấp cao nhất mới đặt được chỉ tiêu được giao mặc định"
    ),
    "Period {code} exists already": "Kỳ báo cáo {code} đã có",
    "This unit already has an exception for the period": "Đơn vị này đã được mở khóa cho kỳ báo cáo",
    "This day is already a holiday": "Ngày này đã là ngày nghỉ lễ",
    "The due date cannot be before the period ends": "Hạn nộp không được trước ngày kết thúc kỳ",
    "No such period": "Không có kỳ báo cáo này",
    "The period is closed for this unit": "Kỳ báo cáo đã khóa đối với đơn vị này",
    "A report for this unit and period exists already (id {id})": (
        "Đơn vị đã có báo cáo cho kỳ này (mã {id})"
    ),
    "Reports are made by offices of the enforcement system": (
        "Chỉ đơn vị thi hành án dân sự mới lập báo cáo"
    ),
    "A {status} report cannot be changed": "Báo cáo ở trạng thái {status} không thể sửa",
    "Only a submitted report can be approved or returned": (
        "Chỉ báo cáo đã nộp mới được phê duyệt hoặc trả lại"
    ),
    "Only an approved report can be reopened": "Chỉ báo cáo đã phê duyệt mới được mở lại",
    "The report cannot be submitted until these are fixed": "Chưa thể nộp báo cáo khi còn các lỗi sau",
    "Unsupported file type; send JSON, CSV or .xlsx": "Định dạng không hỗ trợ; hãy gửi JSON, CSV hoặc .xlsx",
    "The file could not be read": "Không đọc được tệp",
    "Nothing was imported: some rows are invalid": "Chưa nhập dữ liệu nào: có dòng không hợp lệ",
    "The file is too large (at most {limit} MB)": "Tệp quá lớn (tối đa {limit} MB)",
    "The file is too large once unpacked (at most {limit} MB)": (
        "Tệp quá lớn khi giải nén (tối đa {limit} MB)"
    ),
    "The file has too many rows (at most {limit})": "Tệp có quá nhiều dòng (tối đa {limit})",
    "The file has too many columns (at most {limit})": "Tệp có quá nhiều cột (tối đa {limit})",
    "A line of the file is too long (at most {limit} characters)": (
        "Tệp có dòng quá dài (tối đa {limit} ký tự)"
    ),
    "The file holds too many different texts (at most {limit})": (
        "Tệp chứa quá nhiều chuỗi ký tự khác nhau (tối đa {limit})"
    ),
    "The file must be between 1 byte and {limit} MB": "Tệp phải có dung lượng từ 1 byte đến {limit} MB",
    "Unknown unit code": "Mã đơn vị không tồn tại trong phạm vi của bạn",
    "Unknown period code": "Mã kỳ báo cáo không tồn tại",
    "Must be a non-negative whole number": "Phải là số nguyên không âm",
    "The report is {status} and locked": "Báo cáo đang ở trạng thái {status} và đã khóa",
    "draft": "nháp",
    "submitted": "đã nộp",
    "approved": "đã phê duyệt",
    "returned": "bị trả lại",
    "period": "kỳ báo cáo",
    "report": "báo cáo",
    "lock exception": "ngoại lệ mở khóa",
    "holiday": "ngày nghỉ",
    "Only the managing unit may change this campaign": "Chỉ đơn vị quản lý mới được sửa phong trào này",
    "No such campaign": "Không có phong trào này",
    "No such decision": "Không có quyết định này",
    # the nomination dossier (hồ sơ đề nghị khen thưởng)
    "Submission proposing the award": "Tờ trình đề nghị khen thưởng",
    "Minutes of the Emulation and Commendation Council meeting": (
        "Biên bản họp Hội đồng Thi đua – Khen thưởng"
    ),
    "Report of achievements": "Báo cáo thành tích",
    "Certificate of the recognised initiative or research": (
        "Giấy chứng nhận sáng kiến, đề tài được công nhận"
    ),
    "Result of the council's secret ballot": "Kết quả bỏ phiếu kín của Hội đồng",
    "A campaign cannot be inside itself": "Phong trào không thể nằm trong chính nó",
    "A {status} campaign cannot move to {to}": "Phong trào ở trạng thái {status} không thể chuyển sang {to}",
    "Name at least one participating unit": "Cần ít nhất một đơn vị tham gia",
    "campaign": "phong trào",
    "decision": "quyết định",
    "award": "khen thưởng",
    "nomination": "đề nghị khen thưởng",
    "This unit cannot issue award decisions": "Đơn vị này không có thẩm quyền ra quyết định khen thưởng",
    "Unknown award type": "Loại khen thưởng không tồn tại",
    "{issuer} cannot confer {award}: it is conferred at a higher level": (
        "{issuer} không có thẩm quyền tặng {award}: hình thức này do cấp cao hơn quyết định"
    ),
    "{issuer} does not confer {award}": "{issuer} không có thẩm quyền tặng {award}",
    "{award} is for collectives only": "{award} chỉ dành cho tập thể",
    "{award} is for individuals only": "{award} chỉ dành cho cá nhân",
    "{award} is only for the sector's own staff and units": "{award} chỉ dành cho tập thể, cá nhân trong ngành",
    "The same award to the same recipient twice in one decision": (
        "Một quyết định không được khen cùng một hình thức hai lần cho cùng một đối tượng"
    ),
    "Already awarded {award} for {year}: one achievement, one award": (
        "Đối tượng đã được {award} năm {year}: một thành tích chỉ khen thưởng một lần"
    ),
    "This decision number is already used by the issuer": "Số quyết định này đã được cơ quan ban hành sử dụng",
    "This award was already revoked": "Khen thưởng này đã bị hủy",
    "More present than members": "Số có mặt lớn hơn số thành viên",
    "More votes for than members present": "Số phiếu đồng ý lớn hơn số thành viên có mặt",
    "Only a draft nomination can be changed": "Chỉ sửa được đề nghị ở trạng thái nháp",
    "Only a draft nomination can be submitted": "Chỉ gửi được đề nghị ở trạng thái nháp",
    "This document is missing from the dossier": "Hồ sơ còn thiếu tài liệu này",
    "The dossier is not complete": "Hồ sơ đề nghị chưa đầy đủ",
    "Only a submitted nomination can be voted on": "Chỉ biểu quyết được đề nghị đã gửi",
    "Only a submitted or approved nomination can be rejected": "Chỉ từ chối được đề nghị đã gửi hoặc đã được Hội đồng thông qua",
    "Only a nomination the council approved can be decided": "Chỉ ra quyết định cho đề nghị đã được Hội đồng thông qua",
    "Assessments are for the sector's own staff": "Chỉ đánh giá, xếp loại cán bộ trong ngành",
    "registration": "đăng ký thi đua",
    "document": "văn bản",
    "criterion": "tiêu chí",
    "file": "tệp",
    "Registrations open when the campaign is launched and close with it": (
        "Chỉ đăng ký được khi phong trào đã phát động và chưa kết thúc"
    ),
    "This unit does not take part in the campaign": "Đơn vị này không tham gia phong trào",
    "This person does not belong to the unit": "Người này không thuộc đơn vị",
    "This unit or person is already registered in the campaign": "Đơn vị hoặc cá nhân này đã đăng ký trong phong trào",
    "Only a draft or returned registration can be submitted": "Chỉ gửi được bản đăng ký nháp hoặc bị trả lại",
    "Only a submitted registration can be accepted or returned": "Chỉ bản đăng ký đã gửi mới được chấp nhận hoặc trả lại",
    "No such person in your scope": "Không có người này trong phạm vi của bạn",
    "Caseload bands must not overlap": "Các khoảng số việc không được chồng lấn nhau",
    "Attach a PDF, Word document or image": "Hãy đính kèm tệp PDF, Word hoặc ảnh",
    "The file must be between 1 byte and 10 MB": "Tệp phải có dung lượng từ 1 byte đến 10 MB",
    "Give either a threshold or caseload tiers": "Nhập một ngưỡng hoặc các bậc theo số việc",
    "Name either a unit or a person": "Chọn một đơn vị hoặc một cá nhân",
    "The end date must not be before the start date": "Ngày kết thúc không được trước ngày bắt đầu",
    "launched": "đã phát động",
    "closed": "đã kết thúc",
    "accepted": "đã chấp nhận",
    "unit": "đơn vị",
    "person": "người",
    "user": "người dùng",
    "token": "mã truy cập",
    "session": "phiên đăng nhập",
    # the council's vote (services/awards/nominations.py), rendered when read
    "The council did not pass it: {explanation}": "Hội đồng không thông qua: {explanation}",
    "This title requires a secret ballot (Decree 91/2017/NĐ-CP, Article 45(8))": (
        "Danh hiệu này phải bỏ phiếu kín (NĐ 91/2017/NĐ-CP Điều 45 khoản 8)"
    ),
    "{yes}/{members} members in favour ({share}); at least 90 % of all members are needed, "
    "that is ≥ {need} votes (Decree 91/2017/NĐ-CP, Article 45(8))": (
        "{yes}/{members} thành viên đồng ý ({share}); cần ≥ 90 % tổng số thành viên, "
        "tức ≥ {need} phiếu (NĐ 91/2017/NĐ-CP Điều 45 khoản 8)"
    ),
    "{yes}/{members} members in favour ({share}); more than half of all members are needed, "
    "that is ≥ {need} votes (a default rule: not confirmed yet — the officer must check the sector council's regulation)": (
        "{yes}/{members} thành viên đồng ý ({share}); cần quá nửa tổng số thành viên, "
        "tức ≥ {need} phiếu (quy tắc mặc định, chưa được xác nhận — cán bộ cần kiểm tra quy chế Hội đồng ngành Tư pháp)"
    ),
    "Secret ballot; at least 90 % of all council members must vote for it "
    "(Decree 91/2017/NĐ-CP, Article 45(8))": (
        "Bỏ phiếu kín; cần ít nhất 90 % tổng số thành viên Hội đồng đồng ý "
        "(NĐ 91/2017/NĐ-CP Điều 45 khoản 8)"
    ),
    "More than half of all council members must vote for it": (
        "Cần quá nửa tổng số thành viên Hội đồng đồng ý"
    ),
}

# pydantic error type -> (English message, the ctx keys it reads)
PYDANTIC_MESSAGES: dict[str, str] = {
    "missing": "This field is required",
    "string_too_short": "At least {min_length} characters",
    "string_too_long": "At most {max_length} characters",
    "too_short": "At least {min_length} characters",
    "too_long": "At most {max_length} characters",
    "int_parsing": "Must be a whole number",
    "int_type": "Must be a whole number",
    "int_from_float": "Must be a whole number",
    "float_parsing": "Must be a number",
    "float_type": "Must be a number",
    "greater_than_equal": "Must be at least {ge}",
    "greater_than": "Must be greater than {gt}",
    "less_than_equal": "Must be at most {le}",
    "less_than": "Must be less than {lt}",
    "bool_parsing": "Must be true or false",
    "bool_type": "Must be true or false",
    "date_parsing": "Must be a date (yyyy-mm-dd)",
    "date_from_datetime_parsing": "Must be a date (yyyy-mm-dd)",
    "date_type": "Must be a date (yyyy-mm-dd)",
    "enum": "Must be one of: {expected}",
    "literal_error": "Must be one of: {expected}",
    "string_pattern_mismatch": "Invalid format",
    "string_type": "Must be text",
    "model_type": "Must be an object",
    "dict_type": "Must be an object",
    "model_attributes_type": "Must be an object",
    "extra_forbidden": "Unknown field",
    "json_invalid": "Invalid value",
}


VI.update(ELIGIBILITY_VI)  # the eligibility rules' texts live in their own module
VI.update(UNITS_VI)  # and those of levels, unit history and restructurings in theirs
VI.update(SUCCESSION_VI)  # which unit reports a period, whose records stand for a unit


def pick_language(accept_language: str | None) -> str:
    """Vietnamese unless the client prefers English."""
    if not accept_language:
        return "vi"
    first = accept_language.split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "vi"


def translate(message: str, lang: str, params: dict[str, Any] | None = None) -> str:
    text = VI.get(message, message) if lang == "vi" else message
    if params:
        safe = {
            k: translate(str(v), lang) if k in ("entity", "status", "to") else v
            for k, v in params.items()
        }
        if lang == "vi" and "expected" in safe:  # pydantic's "'a', 'b' or 'c'"
            safe["expected"] = str(safe["expected"]).replace(" or ", " hoặc ")
        try:
            return text.format(**safe)
        except (KeyError, IndexError, ValueError):
            return text
    return text
