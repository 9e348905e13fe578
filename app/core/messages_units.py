"""Vietnamese for the messages of unit levels, unit history, restructurings and people's
assignments."""

UNITS_VI: dict[str, str] = {
    "No such unit level": "Không có cấp đơn vị này",
    "This level is not in use on {date}": "Cấp đơn vị này không được dùng vào ngày {date}",
    "unit level": "cấp đơn vị",
    "No such {entity} on {date}": "Không có {entity} vào ngày {date}",
    "The unit's first version ends on {date}: it cannot start later": (
        "Phiên bản đầu tiên của đơn vị kết thúc ngày {date}: không thể bắt đầu muộn hơn"
    ),
    "The unit's latest version starts on {date}: it cannot end earlier": (
        "Phiên bản mới nhất của đơn vị bắt đầu ngày {date}: không thể kết thúc sớm hơn"
    ),
    # restructuring plans
    "This event names from {least} to {most} existing units": (
        "Sự kiện này nêu từ {least} đến {most} đơn vị hiện có"
    ),
    "This event has from {least} to {most} successors (new_units and successors)": (
        "Sự kiện này có từ {least} đến {most} đơn vị kế thừa (new_units và successors)"
    ),
    "A create names its unit in new_units": "Sự kiện thành lập nêu đơn vị mới trong new_units",
    "Give a new name, code or level": "Hãy nhập tên, mã hoặc cấp đơn vị mới",
    "Not used by this kind of event": "Không dùng cho loại sự kiện này",
    "A unit is named twice": "Một đơn vị được nêu hai lần",
    "No unit {code} in your scope": "Không có đơn vị {code} trong phạm vi của bạn",
    "{code} does not exist on {date}": "Đơn vị {code} không tồn tại vào ngày {date}",
    "{code} changed on {changed}: a change must come after its latest one": (
        "Đơn vị {code} đã thay đổi ngày {changed}: thay đổi mới phải sau lần thay đổi gần nhất"
    ),
    "A unit cannot succeed itself": "Đơn vị không thể kế thừa chính nó",
    "The subunits of {code} must be moved, merged or dissolved in the plan: {codes}": (
        "Các đơn vị trực thuộc {code} phải được chuyển, hợp nhất hoặc giải thể trong phương án: "
        "{codes}"
    ),
    "Only an applied restructuring can be reverted": "Chỉ hoàn tác được phương án đã áp dụng",
    "Units changed since the restructuring: {codes}": (
        "Các đơn vị đã thay đổi sau khi sắp xếp: {codes}"
    ),
    "Users it moved have moved since: {count}": (
        "Người dùng được chuyển khi sắp xếp đã lại được chuyển đi: {count}"
    ),
    "Records now belong to units it created: {tables}": (
        "Đã có dữ liệu thuộc các đơn vị do phương án thành lập: {tables}"
    ),
    "restructuring": "phương án sắp xếp",
    "The workbook needs a plan sheet and an events sheet": (
        "Tệp cần có một trang phương án và một trang sự kiện"
    ),
    "The events sheet is empty": "Trang sự kiện không có dòng nào",
    "Sheet {sheet}, row {row}: {problem}": "Trang {sheet}, dòng {row}: {problem}",
    "Unsupported file type; send JSON or .xlsx": (
        "Loại tệp không được hỗ trợ; hãy gửi tệp JSON hoặc .xlsx"
    ),
    # people's assignments (transfers, and people moved by a restructuring)
    "The current assignment starts on {date}: a transfer cannot take effect earlier": (
        "Quá trình công tác hiện tại bắt đầu từ ngày {date}: ngày điều động không thể sớm hơn"
    ),
    "A transfer cannot take effect after today ({date})": (
        "Ngày điều động không thể sau ngày hôm nay ({date})"
    ),
    "People it moved have moved since: {count}": (
        "Người được chuyển khi sắp xếp đã lại được điều động đi: {count}"
    ),
}
