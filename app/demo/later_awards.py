"""The demo after 2022, part 3: a handful of award decisions for 2023, 2024 and 2025, each
judged under its year's regime (the 2003 law through 2023, NĐ 98/2023 for 2024, NĐ 152/2025
for 2025), with the yearly facts (assessments, initiatives) that make their holders eligible.
Decisions of 2025 after 1 July are issued by the new units. Numbers and dates are illustrative
(awards.ILLUSTRATIVE)."""

from datetime import date

from sqlmodel import Session, col, select

from app.demo.awards import ILLUSTRATIVE, person_line, unit_line
from app.demo.later_units import AREAS, GOVERNMENT, NEW_STAFF, PROVINCE, UBND_VINHLONG
from app.models.assignments import PersonAssignment
from app.models.awards import DecisionCreate, DecisionKind
from app.models.facts import Assessment, Initiative, InitiativeAuthor
from app.models.people import Person
from app.models.units import Unit
from app.services.awards import awards
from app.services.scope import Actor

# Bến Tre's offices whose staff are recognised in 2023 and 2024 (five people each).
HONOURED = ["CC-GIONGTROM", "CC-THANHPHU", "CC-BATRI"]


def _facts(session: Session, people: list[Person], year: int, fighters: list[Person]) -> None:
    """Each holder completed the year's tasks excellently; each fighter has an initiative."""
    for person in people:
        session.add(
            Assessment(person_id=person.id, year=year, result="HTXSNV", discipline="NONE")  # type: ignore[arg-type]
        )
    for n, person in enumerate(fighters):
        initiative = Initiative(
            title=f"Sáng kiến nâng cao hiệu quả tổ chức thi hành án năm {year} số {n + 1} (minh họa)",
            year=year,
            scope="co_so",  # type: ignore[arg-type]
            recognised_by="Hội đồng Sáng kiến cơ sở (minh họa)",
            decision_number=f"{700 + n}/QĐ-HĐSK-{year}",
        )
        session.add(initiative)
        session.flush()
        session.add(InitiativeAuthor(initiative_id=initiative.id, person_id=person.id))  # type: ignore[arg-type]
    session.commit()


def _decide(
    session: Session,
    actor: Actor,
    number: str,
    signed: date,
    issuer: Unit,
    year: int,
    title: str,
    lines: list,  # type: ignore[type-arg]
    kind: DecisionKind = DecisionKind.merit,
) -> None:
    awards.create_decision(
        session,
        actor,
        DecisionCreate(
            number=number,
            signed_on=signed,
            issuer_id=issuer.id,  # type: ignore[arg-type]
            kind=kind,
            year=year,
            title=title + ILLUSTRATIVE,
            awards=lines,
        ),
    )


def _staff(session: Session, codes: list[str], each: int, day: date) -> list[Person]:
    """Staff of these offices on `day` (by their dated assignment: they have moved since)."""
    found: list[Person] = []
    for code in codes:
        found += session.exec(
            select(Person)
            .join(PersonAssignment, PersonAssignment.person_id == Person.id)
            .join(Unit, Unit.id == PersonAssignment.unit_id)
            .where(
                Unit.code == code,
                col(Person.is_external).is_(False),
                col(PersonAssignment.valid_from).is_(None) | (PersonAssignment.valid_from <= day),
                col(PersonAssignment.valid_to).is_(None) | (PersonAssignment.valid_to >= day),
            )
            .order_by(Person.id)
            .offset(3)  # staff, not the office's heads
            .limit(each)
        ).all()
    return found


def load(session: Session, actor: Actor) -> dict[str, int]:
    units = {u.code: u for u in session.exec(select(Unit)).all()}
    cuc = units["CTHADS-BENTRE"]
    made = 0
    for year, signed, number in ((2023, date(2023, 12, 20), 520), (2024, date(2024, 12, 19), 610)):
        holders = _staff(session, HONOURED, 5, signed)  # 15: two fighters within 15 %
        holders = holders[year - 2023 :] + holders[: year - 2023]  # a different fighter pair
        fighters = holders[:2]
        _facts(session, holders, year, fighters)
        _decide(
            session,
            actor,
            f"{number}/QĐ-CTHADS",
            signed,
            cuc,
            year,
            f"Công nhận danh hiệu thi đua năm {year}",
            person_line("LDTT", holders)
            + person_line("CSTDCS", fighters)
            + unit_line("TTLDTT", [units[c].id for c in HONOURED[:2]]),  # type: ignore[misc]
        )
        _decide(
            session,
            actor,
            f"{number + 1}/QĐ-CTHADS",
            signed,
            cuc,
            year,
            f"Tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc năm {year}",
            unit_line("GIAY_KHEN", [units["CC-BATRI"].id])  # type: ignore[list-item]
            + person_line("GIAY_KHEN", holders[2:4]),
        )
        made += 2
    # Above the ministry: the Prime Minister's Bằng khen for Giồng Trôm's years of work.
    _decide(
        session,
        actor,
        "95/QĐ-TTg",
        date(2025, 2, 14),
        units[GOVERNMENT],
        2024,
        "Tặng Bằng khen của Thủ tướng Chính phủ cho tập thể có thành tích xuất sắc",
        unit_line("BANG_KHEN_TTG", [units["CC-GIONGTROM"].id]),  # type: ignore[list-item]
    )
    # 2025: decisions after 1 July by the new units, for the new units' staff.
    new_staff = {
        p.full_name: p
        for p in session.exec(
            select(Person).where(col(Person.full_name).in_([name for _, name, *_ in NEW_STAFF]))
        ).all()
    }
    holders = [new_staff[name] for code, name, *_ in NEW_STAFF if code in AREAS]
    fighters = holders[::2][:2]  # two heads of Phòng khu vực: within 15 % of 14
    _facts(session, holders, 2025, fighters)
    province = units[PROVINCE]
    _decide(
        session,
        actor,
        "45/QĐ-THADS",
        date(2025, 12, 18),
        province,
        2025,
        "Công nhận danh hiệu thi đua năm 2025",
        person_line("LDTT", holders)
        + person_line("CSTDCS", fighters)
        + unit_line("TTLDTT", [units[AREAS[1]].id, units[AREAS[4]].id]),  # type: ignore[misc]
    )
    _decide(
        session,
        actor,
        "46/QĐ-THADS",
        date(2025, 12, 18),
        province,
        2025,
        "Tặng Giấy khen cho tập thể có thành tích xuất sắc năm 2025",
        unit_line("GIAY_KHEN", [units[AREAS[0]].id]),  # type: ignore[list-item]
    )
    _decide(
        session,
        actor,
        "1210/QĐ-CQLTHADS",
        date(2025, 12, 10),
        units["TCTHADS"],
        2025,
        "Tặng Giấy khen của Cục trưởng Cục Quản lý Thi hành án dân sự năm 2025",
        unit_line("GIAY_KHEN", [units[AREAS[1]].id]),  # type: ignore[list-item]
    )
    _decide(
        session,
        actor,
        "2150/QĐ-UBND",
        date(2025, 12, 22),
        units[UBND_VINHLONG],
        2025,
        "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2025",
        unit_line("BANG_KHEN_UBND_TINH", [province.id])  # type: ignore[list-item]
        + person_line("BANG_KHEN_UBND_TINH", fighters[:1]),
    )
    return {"later_decisions": made + 5}
