"""Vietnamese for the messages of unit levels, unit history and restructurings."""

UNITS_VI: dict[str, str] = {
    "No such unit level": "Không có cấp đơn vị này",
    "This level is not in use on {date}": "Cấp đơn vị này không được dùng vào ngày {date}",
    "unit level": "cấp đơn vị",
}
