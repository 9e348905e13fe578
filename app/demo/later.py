"""`load(session, today=…)`: the 2022 demo world advanced to today. The units before the
change, the figures of every statistics year since (illustrative), the 1 July 2025
restructuring applied as two plans, the awards of 2023–2025 under their regimes, and the
logins of the new units. Everything goes through the services, so it is validated and
audited like anything a user enters."""

from datetime import date

from sqlmodel import Session

from app.demo import later_awards, later_figures, later_units
from app.services.scope import Actor


def advance(session: Session, today: date, password: str) -> dict[str, int]:
    if today < date(2025, 10, 1):
        raise ValueError("the demo runs to a date from 1 October 2025 on")
    actor = Actor.system()
    later_units.create_units_before_change(session, actor)
    counts: dict[str, int] = {}

    def restructure() -> None:
        counts["restructurings"] = len(later_units.restructure(session, actor))
        later_units.create_units_after_change(session, actor)
        counts["later_people"] = later_units.create_people(session, actor)
        counts["later_users"] = later_units.create_users(session, actor, password)

    counts.update(later_figures.load(session, actor, today, restructure))
    counts.update(later_awards.load(session, actor))
    return counts
