"""Vietnamese texts of the messages about succession: which unit reports a period, and whose
records stand for a unit before it existed."""

SUCCESSION_VI: dict[str, str] = {
    "The unit ended on {ended}, before the period's end ({end}): its successor reports "
    "this period": (
        "Đơn vị đã kết thúc hoạt động ngày {ended}, trước ngày kết thúc kỳ ({end}): đơn vị "
        "kế thừa báo cáo kỳ này"
    ),
    "The unit began on {begun}, after the period's end ({end}): its predecessors report "
    "this period": (
        "Đơn vị bắt đầu hoạt động ngày {begun}, sau ngày kết thúc kỳ ({end}): các đơn vị "
        "tiền thân báo cáo kỳ này"
    ),
    "Summed from the predecessor units: {units}": "Tổng hợp từ các đơn vị tiền thân: {units}",
    "Ranked from the predecessor units' offices: {units}": (
        "Xếp hạng các đơn vị trực thuộc của các đơn vị tiền thân: {units}"
    ),
    "Not counted, split between several successors in unknown shares: {units}": (
        "Không tính, vì đã chia tách cho nhiều đơn vị kế thừa mà không rõ phần của mỗi đơn vị: "
        "{units}"
    ),
}
