"""What every page of the awards area shares: the names of the API's codes (translated when
shown), the recipient picker's field names, issuers, years and small parsers."""

import asyncio
import re
from typing import Any

from app.web.api_models import Me
from app.web.awards import client as awards_client
from app.web.awards.models import AwardType, AwardTypeRef
from app.web.client import Api
from app.web.formatting import local_today
from app.web.forms import digits
from app.web.i18n import N_, current_language, gettext
from app.web.units import client as units_client

FIRST_YEAR = 2000
LAST_YEAR = 2100

DECISION_KINDS = {
    "cong_trang": N_("Merit (year-end achievements)"),
    "dot_xuat": N_("Ad hoc"),
    "chuyen_de": N_("Thematic (a campaign)"),
    "nien_han": N_("Length of service"),
    "cong_hien": N_("Dedication"),
    "doi_ngoai": N_("Foreign relations"),
}
CATEGORIES = {
    "title": N_("Emulation titles"),
    "form": N_("Forms of commendation"),
    "grade": N_("Unit grades"),
}
RECIPIENT_KINDS = {"collective": N_("Collective"), "individual": N_("Individual")}
NOMINATION_STATUSES = {
    "draft": N_("Draft, not submitted"),
    "submitted": N_("Submitted to the council"),
    "approved": N_("Approved by the council"),
    "decided": N_("Awarded"),
    "rejected": N_("Not accepted"),
}
ASSESSMENTS = {
    "HTXSNV": N_("Completed tasks excellently"),
    "HTTNV": N_("Completed tasks well"),
    "HTNV": N_("Completed tasks"),
    "KHTNV": N_("Did not complete tasks"),
}
DISCIPLINES = {
    "NONE": N_("No discipline"),
    "KHIEN_TRACH": N_("Reprimand"),
    "CANH_CAO": N_("Warning (discipline)"),
    "HIGHER": N_("Salary reduction or heavier"),
}
INITIATIVE_SCOPES = {
    "co_so": N_("Grassroots level"),
    "bo_tinh": N_("Ministry or province level"),
    "toan_quoc": N_("National level"),
}
REGIMES = {
    "LAW2003_ND91_TT05_2018": N_(
        "Law on Emulation and Commendation 2003 (amended 2013), Decree 91/2017, Circular 05/2018"
    ),
    "LAW2022_ND98_TT11_2023": N_(
        "Law on Emulation and Commendation 2022, Decree 98/2023, Circular 11/2023"
    ),
    "LAW2022_ND152_TT11_2023": N_(
        "Law on Emulation and Commendation 2022, Decree 152/2025, Circular 11/2023"
    ),
}
_english_names: dict[str, str] = {}


def label(table: dict[str, str], code: str | None) -> str:
    return gettext(table[code]) if code in table else (code or "")


def remember_types(types: list[AwardType]) -> list[AwardType]:
    """The catalogue is seeded data: keep the English names to show award references."""
    _english_names.update({t.code: t.name_en for t in types if t.name_en})
    return types


class Labels:
    """The names of codes, for templates (passed as `L`)."""

    def kind(self, code: str | None) -> str:
        return label(DECISION_KINDS, code)

    def category(self, code: str | None) -> str:
        return label(CATEGORIES, code)

    def recipient(self, code: str | None) -> str:
        return label(RECIPIENT_KINDS, code)

    def status(self, code: str | None) -> str:
        return label(NOMINATION_STATUSES, code)

    def assessment(self, code: str | None) -> str:
        return label(ASSESSMENTS, code)

    def discipline(self, code: str | None) -> str:
        return label(DISCIPLINES, code)

    def scope(self, code: str | None) -> str:
        return label(INITIATIVE_SCOPES, code)

    def regime(self, code: str | None) -> str:
        return label(REGIMES, code)

    def type_name(self, ref: AwardTypeRef | AwardType) -> str:
        if current_language() == "en":
            return _english_names.get(ref.code) or ref.name_vi
        return ref.name_vi

    def kinds(self) -> list[tuple[str, str]]:
        return [(code, self.kind(code)) for code in DECISION_KINDS]

    def statuses(self) -> list[tuple[str, str]]:
        return [(code, self.status(code)) for code in NOMINATION_STATUSES]


LABELS = Labels()


def year_param(value: str | None) -> int | None:
    year = digits(value, size=5)
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else None


RECIPIENT = re.compile(r"^(person|unit):(\d{1,11})$")


def parse_recipient(value: str | None) -> tuple[str, int] | None:
    """ "person:12" or "unit:5" → ("person", 12)."""
    found = RECIPIENT.match((value or "").strip())
    return (found.group(1), int(found.group(2))) if found else None


def type_options(types: list[AwardType]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Award types grouped by category, for <optgroup>s."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for award_type in types:
        groups.setdefault(award_type.category, []).append(
            (award_type.code, LABELS.type_name(award_type))
        )
    order = [c for c in CATEGORIES if c in groups] + [c for c in groups if c not in CATEGORIES]
    return [(LABELS.category(c), groups[c]) for c in order]


async def default_year(api: Api) -> int:
    """The year of the latest decision the user can see (else last year)."""
    latest = await awards_client.decisions(api, limit=1)
    return latest.items[0].year if latest.items else local_today().year - 1


async def issuer_options(api: Api, me: Me) -> list[tuple[int, str]]:
    """Authorities a decision can come from: the units whose level confers awards (the API's
    table of levels says which), in the user's scope and above it (named in /me), the highest
    level first."""
    levels = {
        level.code: level.rank
        for level in await units_client.levels(api)
        if level.confers_as is not None
    }
    found: dict[int, tuple[int, str]] = {}
    results = await asyncio.gather(*[awards_client.units_of_kind(api, code) for code in levels])
    for units in results:
        for unit in units:
            if not unit.is_external:
                found[unit.id] = (levels[unit.kind], unit.name)
    for unit in [*me.ancestors, me.unit]:
        if unit.kind in levels:
            found[unit.id] = (levels[unit.kind], unit.name)
    ordered = sorted(found.items(), key=lambda item: item[1])
    return [(unit_id, name) for unit_id, (_rank, name) in ordered]


async def recipient_label(api: Api, value: str | None) -> str:
    """How a chosen person or unit is shown: "name — unit", marked when outside the sector."""
    parsed = parse_recipient(value)
    if parsed is None:
        return ""
    kind, ident = parsed
    outside = gettext("outside the sector")
    if kind == "person":
        person = await api.person(ident)
        text = f"{person.full_name} — {person.organisation or person.unit.name}"
        return f"{text} ({outside})" if person.is_external else text
    unit = await api.unit(ident)
    return f"{unit.name} ({outside})" if unit.is_external else unit.name


def context(me: Me, **values: Any) -> dict[str, Any]:
    """What every awards page template reads; the page-level buttons follow the API's
    permissions (an object's own buttons follow its allowed_actions)."""
    return {
        "L": LABELS,
        "can_decide": "decisions.write" in me.permissions,
        "can_nominate": "nominations.write" in me.permissions,
        **values,
    }
