"""`thidua demo`: the Bến Tre 2022 demo year, loaded through the services (so it is audited
and validated like anything a user enters)."""

from datetime import date

from sqlmodel import Session, func, select

from app.demo import awards, campaigns, figures, later
from app.demo.people import add_users, external_people, internal_staff
from app.demo.units import CUC, DISTRICTS, HIERARCHY, external_units
from app.models.awards import Award, Decision
from app.models.campaigns import Campaign
from app.models.people import Person, PersonCreate
from app.models.periods import Period
from app.models.reports import Report
from app.models.restructurings import Restructuring
from app.models.units import Unit, UnitCreate
from app.models.users import Role, User
from app.services import levels, people, units
from app.services.awards import catalogue as award_catalogue
from app.services.reports import catalogue
from app.services.scope import Actor

DEMO_PASSWORD = "demo-2022"  # noqa: S105 - published demo credential, created only by this loader

# (username, full name, role, unit code)
DEMO_USERS: list[tuple[str, str, Role, str]] = [
    ("admin", "Quản trị hệ thống (demo)", Role.admin, CUC),
    ("cuc.tccb", "Phòng Tổ chức cán bộ, Cục THADS tỉnh Bến Tre (demo)", Role.reviewer, CUC),
    *[
        (
            {"TPBENTRE": "tpbentre"}.get(code, code.lower()),
            f"Văn thư {name.removeprefix('Chi cục Thi hành án dân sự ')} (demo)",
            Role.reporter,
            f"CC-{code}",
        )
        for code, name, _ in DISTRICTS
    ],
]


def is_empty(session: Session) -> bool:
    return session.exec(select(func.count()).select_from(Unit)).one() == 0


def load(session: Session, today: date | None = None) -> dict[str, int]:
    """The Bến Tre 2022 world with 2023-Q1 open; with `today` (from 1 October 2025 on), that
    world advanced to today's statistics year (`later.advance`)."""
    actor = Actor.system()
    levels.ensure_levels(session)
    ids: dict[str, int] = {}
    for code, name, kind, parent in [*HIERARCHY, *external_units()]:
        unit = units.create_unit(
            session,
            actor,
            UnitCreate(code=code, name=name, kind=kind, parent_id=ids[parent] if parent else None),
        )
        ids[code] = unit.id  # type: ignore[assignment]
    count = 0
    for person in [*internal_staff(), *external_people()]:
        people.create_person(
            session,
            actor,
            PersonCreate(
                full_name=person.full_name,
                unit_id=ids[person.unit_code],
                gender=person.gender,
                birth_year=person.birth_year,
                position=person.position,
                recruited_on=person.recruited_on,
                is_external=person.is_external,
            ),
            is_demo=True,
        )
        count += 1
    add_users(session, actor, DEMO_USERS, ids, DEMO_PASSWORD)
    catalogue.ensure_catalogue(session)
    award_catalogue.ensure_award_types(session)
    figures_loaded = figures.load(session)
    campaigns_loaded = campaigns.load(session)
    awards_loaded = awards.load(session)
    later_loaded = later.advance(session, today, DEMO_PASSWORD) if today else {}
    return {
        "units": len(ids),
        "people": count,
        "users": len(DEMO_USERS),
        **figures_loaded,
        **campaigns_loaded,
        **awards_loaded,
        **later_loaded,
    }


def counts(session: Session) -> dict[str, int]:
    """What the database holds after loading, for the command's one line of output."""
    tables = {
        "units": Unit,
        "people": Person,
        "users": User,
        "periods": Period,
        "reports": Report,
        "campaigns": Campaign,
        "decisions": Decision,
        "awards": Award,
        "restructurings": Restructuring,
    }
    return {
        name: session.exec(select(func.count()).select_from(model)).one()
        for name, model in tables.items()
    }
