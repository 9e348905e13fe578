"""Human names for the API's codes (roles, gender, periods), translated when shown. Unit levels
are named by the API (its table of levels), not here."""

from app.web.i18n import N_, gettext

ROLE_LABELS = {
    "admin": N_("Administrator"),
    "reviewer": N_("Reviewer"),
    "reporter": N_("Reporter"),
    "viewer": N_("Viewer"),
}
ROLES = tuple(ROLE_LABELS)

GENDER_LABELS = {"male": N_("Male"), "female": N_("Female")}
GENDERS = tuple(GENDER_LABELS)


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_label(year: int, quarter: int) -> str:
    """A reporting period as people write it: "Quý IV/2022", "Q4 2022"."""
    return gettext(
        "Q%(quarter)s %(year)s", quarter=quarter, roman=ROMAN.get(quarter, quarter), year=year
    )


def role_label(code: str | None) -> str:
    return gettext(ROLE_LABELS[code]) if code in ROLE_LABELS else (code or "")


def gender_label(code: str | None) -> str:
    return gettext(GENDER_LABELS[code]) if code in GENDER_LABELS else ""


def role_options() -> list[tuple[str, str]]:
    return [(code, role_label(code)) for code in ROLES]


def gender_options() -> list[tuple[str, str]]:
    return [(code, gender_label(code)) for code in GENDERS]
