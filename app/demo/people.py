"""Invented staff for every office, and external partners' people. Every name here is made up
(marked is_demo), generated from a fixed seed so every load is identical."""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from app.demo.units import CUC, DISTRICTS
from app.models.people import Gender
from app.models.users import Role, UserCreate
from app.services.accounts import users
from app.services.scope import Actor

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Phan",
    "Trương",
    "Bùi",
    "Đặng",
    "Đỗ",
    "Ngô",
    "Hồ",
    "Dương",
    "Lý",
    "Châu",
    "Đoàn",
    "Lâm",
    "Mai",
    "Tô",
]
MIDDLE = {
    Gender.male: ["Văn", "Hữu", "Minh", "Thanh", "Quốc", "Công", "Hoàng", "Đức"],
    Gender.female: ["Thị", "Ngọc", "Thu", "Kim", "Mỹ", "Bích", "Thanh", "Hồng"],
}
GIVEN = {
    Gender.male: [
        "Hùng",
        "Dũng",
        "Tâm",
        "Phúc",
        "Khang",
        "Nghĩa",
        "Tài",
        "Lộc",
        "Thắng",
        "Hải",
        "Tuấn",
        "Trung",
        "Bình",
        "Sơn",
        "Long",
        "Khoa",
        "Nhân",
        "Toàn",
        "Vinh",
        "Hiếu",
        "Quang",
        "Đạt",
    ],
    Gender.female: [
        "Lan",
        "Hoa",
        "Huyền",
        "Trang",
        "Thảo",
        "Nhung",
        "Yến",
        "Hằng",
        "Tuyết",
        "Oanh",
        "Diễm",
        "Ngân",
        "Vy",
        "Mai",
        "Hạnh",
        "Phượng",
        "Loan",
        "Thủy",
        "Linh",
        "Trinh",
    ],
}

# Staff per office: (unit code, head count, positions in order of seniority)
CUC_STAFF = [
    (CUC, 3, ["Cục trưởng", "Phó Cục trưởng", "Phó Cục trưởng"]),
    ("BENTRE-VP", 12, ["Chánh Văn phòng", "Phó Chánh Văn phòng", "Kế toán trưởng", "Văn thư"]),
    ("BENTRE-TCCB", 6, ["Trưởng phòng", "Phó Trưởng phòng"]),
    (
        "BENTRE-NV",
        10,
        ["Trưởng phòng", "Phó Trưởng phòng", "Chấp hành viên cao cấp", "Thẩm tra viên chính"],
    ),
    ("BENTRE-KT", 6, ["Trưởng phòng", "Phó Trưởng phòng", "Thẩm tra viên"]),
    ("BENTRE-KHTC", 6, ["Trưởng phòng", "Phó Trưởng phòng", "Kế toán viên"]),
]
CHI_CUC_SIZES = {
    "TPBENTRE": 20,
    "BATRI": 18,
    "BINHDAI": 15,
    "CHAUTHANH": 17,
    "CHOLACH": 13,
    "GIONGTROM": 18,
    "MOCAYBAC": 14,
    "MOCAYNAM": 16,
    "THANHPHU": 15,
}
CHI_CUC_HEADS = ["Chi cục trưởng", "Phó Chi cục trưởng", "Phó Chi cục trưởng"]
STAFF_POSITIONS = [
    "Chấp hành viên",
    "Chấp hành viên",
    "Thẩm tra viên",
    "Thư ký thi hành án",
    "Thư ký thi hành án",
    "Kế toán",
    "Chuyên viên",
    "Văn thư",
]
EXTERNAL_POSITIONS = [
    "Phó Chủ tịch",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Chuyên viên",
    "Cán bộ",
    "Điều tra viên",
]
EXTERNAL_PER_UNIT = {"UBND": 2, "CA": 2, "TAND": 1, "VKSND": 1}


@dataclass(frozen=True)
class DemoPerson:
    full_name: str
    unit_code: str
    gender: Gender
    birth_year: int
    position: str
    recruited_on: date | None
    is_external: bool


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def next(self) -> tuple[str, Gender]:
        while True:
            gender = self.rng.choice([Gender.male, Gender.female])
            name = " ".join(
                (
                    self.rng.choice(FAMILY),
                    self.rng.choice(MIDDLE[gender]),
                    self.rng.choice(GIVEN[gender]),
                )
            )
            if name not in self.used:
                self.used.add(name)
                return name, gender


def internal_staff() -> Iterator[DemoPerson]:
    rng = random.Random(2022)
    names = _Names(rng)
    offices = list(CUC_STAFF) + [
        (f"CC-{code}", CHI_CUC_SIZES[code], CHI_CUC_HEADS) for code, _, _ in DISTRICTS
    ]
    for unit_code, count, heads in offices:
        for i in range(count):
            name, gender = names.next()
            position = heads[i] if i < len(heads) else rng.choice(STAFF_POSITIONS)
            born = rng.randint(1965, 1980) if i < len(heads) else rng.randint(1970, 1998)
            recruited = date(rng.randint(max(born + 22, 1990), 2021), rng.randint(1, 12), 1)
            yield DemoPerson(name, unit_code, gender, born, position, recruited, False)


def external_people() -> Iterator[DemoPerson]:
    rng = random.Random(1960)
    names = _Names(rng)
    names.used.update(p.full_name for p in internal_staff())
    partners = [
        "NN-UBND-BENTRE",
        "NN-CA-BENTRE",
        "NN-TAND-BENTRE",
        "NN-VKSND-BENTRE",
        "NN-STP-BENTRE",
    ]
    units = [(code, 1) for code in partners]
    for suffix, _, _ in DISTRICTS:
        units += [(f"NN-{prefix}-{suffix}", n) for prefix, n in EXTERNAL_PER_UNIT.items()]
    for unit_code, count in units:
        for _ in range(count):
            name, gender = names.next()
            yield DemoPerson(
                name,
                unit_code,
                gender,
                rng.randint(1965, 1995),
                rng.choice(EXTERNAL_POSITIONS),
                None,
                True,
            )


def add_users(
    session: Session,
    actor: Actor,
    rows: list[tuple[str, str, Role, str]],
    unit_ids: dict[str, int],
    password: str,
) -> int:
    """The demo's logins: (username, full name, role, unit code), all with `password`."""
    for username, full_name, role, code in rows:
        users.create_user(
            session,
            actor,
            UserCreate(
                username=username,
                full_name=full_name,
                role=role,
                unit_id=unit_ids[code],
                password=password,
            ),
        )
    return len(rows)
