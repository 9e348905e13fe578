"""Place and person names for the generated data set. Invented combinations, not real staff."""


def words(text: str) -> list[str]:
    return text.split()


# The 63 provinces and centrally run cities before the 2025 merger (city = True).
PROVINCES: list[tuple[str, bool]] = [
    ("An Giang", False),
    ("Bà Rịa - Vũng Tàu", False),
    ("Bạc Liêu", False),
    ("Bắc Giang", False),
    ("Bắc Kạn", False),
    ("Bắc Ninh", False),
    ("Bến Tre", False),
    ("Bình Dương", False),
    ("Bình Định", False),
    ("Bình Phước", False),
    ("Bình Thuận", False),
    ("Cà Mau", False),
    ("Cao Bằng", False),
    ("Cần Thơ", True),
    ("Đà Nẵng", True),
    ("Đắk Lắk", False),
    ("Đắk Nông", False),
    ("Điện Biên", False),
    ("Đồng Nai", False),
    ("Đồng Tháp", False),
    ("Gia Lai", False),
    ("Hà Giang", False),
    ("Hà Nam", False),
    ("Hà Nội", True),
    ("Hà Tĩnh", False),
    ("Hải Dương", False),
    ("Hải Phòng", True),
    ("Hậu Giang", False),
    ("Hòa Bình", False),
    ("Hưng Yên", False),
    ("Khánh Hòa", False),
    ("Kiên Giang", False),
    ("Kon Tum", False),
    ("Lai Châu", False),
    ("Lạng Sơn", False),
    ("Lào Cai", False),
    ("Lâm Đồng", False),
    ("Long An", False),
    ("Nam Định", False),
    ("Nghệ An", False),
    ("Ninh Bình", False),
    ("Ninh Thuận", False),
    ("Phú Thọ", False),
    ("Phú Yên", False),
    ("Quảng Bình", False),
    ("Quảng Nam", False),
    ("Quảng Ngãi", False),
    ("Quảng Ninh", False),
    ("Quảng Trị", False),
    ("Sóc Trăng", False),
    ("Sơn La", False),
    ("Tây Ninh", False),
    ("Thái Bình", False),
    ("Thái Nguyên", False),
    ("Thanh Hóa", False),
    ("Thừa Thiên Huế", False),
    ("Tiền Giang", False),
    ("Hồ Chí Minh", True),
    ("Trà Vinh", False),
    ("Tuyên Quang", False),
    ("Vĩnh Long", False),
    ("Vĩnh Phúc", False),
    ("Yên Bái", False),
]

# The internal offices (phòng) of every Cục, as in the Bến Tre demo.
CUC_OFFICES: list[tuple[str, str]] = [
    ("VP", "Văn phòng Cục"),
    ("TCCB", "Phòng Tổ chức cán bộ"),
    ("NV", "Phòng Nghiệp vụ và Tổ chức thi hành án"),
    ("KT", "Phòng Kiểm tra, giải quyết khiếu nại, tố cáo"),
    ("KHTC", "Phòng Kế hoạch - Tài chính"),
]

# District names are made of two of these syllables ("Phú Tân", "Long Hòa" …).
SYLLABLES = words(
    "An Bình Châu Đông Đức Gia Giang Hà Hải Hòa Hưng Khánh Lạc Lâm Long Lộc Minh Mỹ Nam "
    "Ninh Phong Phú Phước Quang Sơn Tân Thanh Thạnh Thuận Tiên Trà Trung Vĩnh Xuân Yên"
)
FAMILY = words("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý")
MIDDLE = {
    "male": words("Văn Hữu Minh Đức Quốc Thanh Công Xuân"),
    "female": words("Thị Ngọc Thu Thanh Minh Kim Bích Mỹ"),
}
GIVEN = {
    "male": words(
        "An Bình Cường Dũng Hải Hùng Khoa Long Nam Phong Phúc Quang Sơn Tâm Trung Tuấn Vinh"
    ),
    "female": words(
        "Anh Hà Hạnh Hằng Hương Lan Linh Mai Nga Ngân Nhung Thảo Trang Vân Yến Hoa Loan"
    ),
}
POSITIONS = [
    ("Chấp hành viên", 0.38),
    ("Thư ký thi hành án", 0.30),
    ("Thẩm tra viên", 0.08),
    ("Kế toán", 0.07),
    ("Chuyên viên", 0.12),
    ("Văn thư", 0.05),
]
