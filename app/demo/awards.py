"""Demo year, part 4: the people's 2022 facts and the 2022 decisions whose summary for Cục THADS
tỉnh Bến Tre reproduces the article's table exactly; earlier years' titles so that consecutive
years show on the eligibility page. Decision numbers and dates are illustrative."""

from datetime import date

from sqlmodel import Session, col, select

from app.demo.units import CUC
from app.models.awards import AwardLine, DecisionCreate, DecisionKind, NominationCreate
from app.models.facts import Assessment, Initiative, InitiativeAuthor
from app.models.people import Person
from app.models.units import Unit
from app.services.awards import awards, nominations
from app.services.scope import Actor

TTLDXS_UNITS = ["CC-GIONGTROM", "CC-THANHPHU", "CC-CHAUTHANH", "CC-BATRI", "CC-MOCAYNAM"]
FLAG_UNIT = "CC-GIONGTROM"
BANG_KHEN_UNITS = ["CC-THANHPHU", "CC-CHAUTHANH", "BENTRE-NV"]
ILLUSTRATIVE = " (số, ngày quyết định minh họa)"


def _facts(session: Session, staff: list[tuple[Person, Unit]]) -> None:
    """Assessments for 2020–2022 and a few exceptions the rules must catch."""
    for i, (person, unit) in enumerate(staff):
        result = "HTXSNV" if i % 4 == 0 else "HTTNV"
        discipline = "NONE"
        if unit.code == "CC-BINHDAI" and i % 5 == 1:
            result = "HTNV"  # completes the tasks, but not "well": no LĐTT
        if unit.code == "CC-CHOLACH" and i % 7 == 2:
            discipline = "KHIEN_TRACH"
        if unit.code == "BENTRE-VP" and i % 6 == 3:
            person.recruited_on = date(2022, 6, 1)  # under 10 months by 31/12/2022
            session.add(person)
        for year in (2020, 2021, 2022):
            session.add(
                Assessment(
                    person_id=person.id,
                    year=year,
                    result=result
                    if year == 2022
                    else "HTXSNV"  # type: ignore[arg-type]
                    if i % 4 == 0
                    else "HTTNV",
                    discipline=discipline if year == 2022 else "NONE",
                )
            )  # type: ignore[arg-type]
    session.commit()


def _initiative(session: Session, person: Person, year: int, scope: str, n: int) -> None:
    initiative = Initiative(
        title=f"Giải pháp nâng cao hiệu quả vận động, thuyết phục người phải thi hành án số {n} (minh họa)",
        year=year,
        scope=scope,  # type: ignore[arg-type]
        recognised_by="Hội đồng Sáng kiến Cục Thi hành án dân sự tỉnh Bến Tre"
        if scope == "co_so"
        else "Hội đồng Sáng kiến Bộ Tư pháp",
        decision_number=f"{100 + n}/QĐ-{'CTHADS' if scope == 'co_so' else 'BTP'}",
    )
    session.add(initiative)
    session.flush()
    session.add(InitiativeAuthor(initiative_id=initiative.id, person_id=person.id))  # type: ignore[arg-type]


def _decision(
    session: Session,
    number: str,
    signed: date,
    issuer: int,
    kind: DecisionKind,
    year: int,
    title: str,
    lines: list[AwardLine],
) -> None:
    awards.create_decision(
        session,
        Actor.system(),
        DecisionCreate(
            number=number,
            signed_on=signed,
            issuer_id=issuer,
            kind=kind,
            year=year,
            title=title + ILLUSTRATIVE,
            awards=lines,
        ),
    )


def person_line(code: str, people: list[Person]) -> list[AwardLine]:
    return [AwardLine(award_type=code, recipient_person_id=p.id) for p in people]


def unit_line(code: str, unit_ids: list[int]) -> list[AwardLine]:
    return [AwardLine(award_type=code, recipient_unit_id=u) for u in unit_ids]


def load(session: Session) -> dict[str, int]:
    units = {u.code: u for u in session.exec(select(Unit)).all()}
    cuc = units[CUC]
    staff = list(
        session.exec(
            select(Person, Unit)
            .join(Unit, Unit.id == Person.unit_id)
            .where(col(Unit.path).startswith(cuc.path), col(Person.is_external).is_(False))
            .order_by(Unit.path, Person.id)
        ).all()
    )
    _facts(session, staff)
    assessed = {
        a.person_id: a
        for a in session.exec(select(Assessment).where(Assessment.year == 2022)).all()
    }

    def advanced(person: Person) -> bool:  # the 2022 LĐTT rules (NĐ 91/2017)
        a = assessed[person.id]  # type: ignore[index]
        return (
            a.result in ("HTXSNV", "HTTNV")
            and a.discipline == "NONE"
            and person.recruited_on is not None
            and person.recruited_on <= date(2022, 2, 28)
        )

    ldtt = [p for p, _ in staff if advanced(p)]
    # 20 Grassroots Emulation Fighters: each TTLĐXS unit has at least one; all rated excellent.
    excellent = [(p, u) for p, u in staff if p in ldtt and assessed[p.id].result == "HTXSNV"]  # type: ignore[index]
    cstdcs: list[Person] = []
    for code in TTLDXS_UNITS:
        cstdcs.append(next(p for p, u in excellent if u.code == code))
    cstdcs += [p for p, _ in excellent if p not in cstdcs][: 20 - len(cstdcs)]
    for n, person in enumerate(cstdcs):
        _initiative(session, person, 2022, "co_so", n)
    # Consecutive years: 8 were CSTĐ cơ sở in 2021 too, 5 of them also in 2020; 2 of those 5
    # have an initiative recognised by the Ministry — candidates for CSTĐ ngành Tư pháp.
    veterans_2021, veterans_2020 = cstdcs[:8], cstdcs[:5]
    for n, person in enumerate(veterans_2021):
        _initiative(session, person, 2021, "co_so", 40 + n)
    for n, person in enumerate(veterans_2020):
        _initiative(session, person, 2020, "co_so", 60 + n)
    for n, person in enumerate(cstdcs[:2]):
        _initiative(session, person, 2022, "bo_tinh", 80 + n)
    session.commit()
    c = cuc.id
    for year, holders, signed in (
        (2020, veterans_2020, date(2020, 12, 18)),
        (2021, veterans_2021, date(2021, 12, 17)),
    ):
        _decision(
            session,
            f"{300 + year - 2020}/QĐ-CTHADS",
            signed,
            c,
            DecisionKind.merit,
            year,  # type: ignore[arg-type]
            f"Công nhận danh hiệu thi đua năm {year}",
            person_line("LDTT", holders) + person_line("CSTDCS", holders),
        )
    end = date(2022, 12, 20)
    _decision(
        session,
        "415/QĐ-CTHADS",
        end,
        c,
        DecisionKind.merit,
        2022,
        "Công nhận danh hiệu Lao động tiên tiến năm 2022",  # type: ignore[arg-type]
        person_line("LDTT", ldtt),
    )
    _decision(
        session,
        "416/QĐ-CTHADS",
        end,
        c,
        DecisionKind.merit,
        2022,  # type: ignore[arg-type]
        "Công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2022",
        person_line("CSTDCS", cstdcs),
    )
    internal_units = [
        units[code].id
        for code in units
        if code.startswith(("BENTRE-", "CC-")) and code != "CC-CANGLONG"
    ]
    _decision(
        session,
        "417/QĐ-CTHADS",
        end,
        c,
        DecisionKind.merit,
        2022,  # type: ignore[arg-type]
        "Tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc năm 2022",
        unit_line("GIAY_KHEN", internal_units) + person_line("GIAY_KHEN", ldtt[:141]),
    )  # type: ignore[arg-type]
    partners = [
        u.id
        for u in sorted(units.values(), key=lambda u: u.path)
        if u.is_external and u.path.startswith(cuc.path)
    ][:19]
    outsiders = list(
        session.exec(
            select(Person)
            .join(Unit, Unit.id == Person.unit_id)
            .where(col(Unit.path).startswith(cuc.path), col(Person.is_external).is_(True))
            .order_by(Person.id)
        ).all()
    )[:39]
    _decision(
        session,
        "238/QĐ-CTHADS",
        date(2022, 6, 15),
        c,
        DecisionKind.ad_hoc,
        2022,  # type: ignore[arg-type]
        "Tặng Giấy khen đột xuất cho tập thể, cá nhân ngoài ngành có thành tích phối hợp tổ chức thi hành án",
        unit_line("GIAY_KHEN", partners[:6]) + person_line("GIAY_KHEN", outsiders[:12]),
    )  # type: ignore[arg-type]
    _decision(
        session,
        "418/QĐ-CTHADS",
        end,
        c,
        DecisionKind.merit,
        2022,  # type: ignore[arg-type]
        "Tặng Giấy khen cho tập thể, cá nhân ngoài ngành có thành tích phối hợp năm 2022",
        unit_line("GIAY_KHEN", partners[6:]) + person_line("GIAY_KHEN", outsiders[12:]),
    )  # type: ignore[arg-type]
    nv_staff = [p for p, u in staff if u.code == "BENTRE-NV"]
    # The General Department's Giấy khen rewards the 2022 peak drive (KH 895/KH-TCTHADS), a
    # different achievement from the year's work the Cục rewarded.
    _decision(
        session,
        "1520/QĐ-TCTHADS",
        date(2022, 7, 20),
        units["TCTHADS"].id,
        DecisionKind.campaign,
        2022,  # type: ignore[arg-type]
        "Tặng Giấy khen trong đợt thi đua cao điểm chào mừng 76 năm Ngày truyền thống Thi hành án dân sự",
        unit_line("GIAY_KHEN", [units["BENTRE-NV"].id]) + person_line("GIAY_KHEN", nv_staff[:2]),
    )  # type: ignore[arg-type]
    bo = units["BTP"].id
    bang_khen_people = [p for p, _ in excellent if p not in nv_staff[:2]][5:18]
    _decision(
        session,
        "215/QĐ-BTP",
        date(2023, 1, 30),
        bo,
        DecisionKind.merit,
        2022,  # type: ignore[arg-type]
        "Xếp hạng các Cục Thi hành án dân sự năm 2022",
        unit_line("HANG_XUAT_SAC", [c]),
    )  # type: ignore[list-item]
    _decision(
        session,
        "216/QĐ-BTP",
        date(2023, 1, 30),
        bo,
        DecisionKind.merit,
        2022,  # type: ignore[arg-type]
        "Công nhận danh hiệu thi đua và tặng Bằng khen năm 2022",
        unit_line("TTLDXS", [units[code].id for code in TTLDXS_UNITS])  # type: ignore[misc]
        + unit_line("CO_THI_DUA_BO", [units[FLAG_UNIT].id])  # type: ignore[list-item]
        + unit_line("BANG_KHEN_BO", [units[code].id for code in BANG_KHEN_UNITS])  # type: ignore[misc]
        + person_line("BANG_KHEN_BO", bang_khen_people),
    )
    # One nomination waiting for the council: CSTĐ ngành Tư pháp for a three-year fighter.
    created = nominations.create_nomination(
        session,
        Actor.system(),
        NominationCreate(
            proposer_id=c,
            year=2022,
            award_type="CSTD_NGANH",
            candidate_person_id=cstdcs[0].id,  # type: ignore[arg-type]
            achievements="Ba năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (2020–2022); "
            "sáng kiến được Bộ Tư pháp công nhận (minh họa).",
            dossier={k: True for k in nominations.dossier_items("CSTD_NGANH")},
        ),
    )
    nominations.submit(session, Actor.system(), created.id, expected_version=None)
    return {"decisions": 10, "ldtt": len(ldtt)}
