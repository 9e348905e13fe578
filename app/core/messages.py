"""API messages in Vietnamese (default) and English, chosen by Accept-Language.

Keys are the English messages; parameters use str.format names.
"""

from typing import Any

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
    "unit": "đơn vị",
    "person": "người",
    "user": "người dùng",
    "token": "mã truy cập",
    "session": "phiên đăng nhập",
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


def pick_language(accept_language: str | None) -> str:
    """Vietnamese unless the client prefers English."""
    if not accept_language:
        return "vi"
    first = accept_language.split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "vi"


def translate(message: str, lang: str, params: dict[str, Any] | None = None) -> str:
    text = VI.get(message, message) if lang == "vi" else message
    if params:
        safe = {k: translate(str(v), lang) if k == "entity" else v for k, v in params.items()}
        try:
            return text.format(**safe)
        except (KeyError, IndexError, ValueError):
            return text
    return text
