"""The sections of a campaign's page. Each section builds its own context, API calls
included, so a section rendered alone after its form (htmx) makes only its own calls; the
forms' state (values typed, errors beside the fields) travels in SectionForms."""

import asyncio
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from app.web.api_models import Me, Person, UnitRef
from app.web.campaigns import client as campaigns_client
from app.web.campaigns.chart import build_chart
from app.web.campaigns.models import (
    DOCUMENT_KIND_LABELS,
    REVIEW_KIND_LABELS,
    AwardType,
    Campaign,
    RegistrationSummary,
    options,
)
from app.web.client import Api
from app.web.forms import FormResult, digits
from app.web.i18n import gettext

MAX_PEOPLE = 500
DEFAULT_CASELOAD = "viec_phai_thi_hanh"


@dataclass
class TierRow:
    key: str = field(default_factory=lambda: secrets.token_hex(4))  # unique ids per row
    min: str = ""
    max: str = ""
    threshold: str = ""
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class SectionForms:
    """The section forms as the user left them (values typed, errors beside fields)."""

    document: FormResult = field(default_factory=FormResult)
    criterion: FormResult = field(
        default_factory=lambda: FormResult(
            values={"crit_mode": "flat", "crit_caseload_metric": DEFAULT_CASELOAD}
        )
    )
    tiers: list[TierRow] = field(default_factory=lambda: [TierRow()])
    registration: FormResult = field(default_factory=FormResult)
    titles: set[str] = field(default_factory=set)
    exemplar: FormResult = field(default_factory=FormResult)
    review: FormResult = field(default_factory=lambda: FormResult(values={"rv_kind": "so_ket"}))
    return_errors: dict[int, str] = field(default_factory=dict)
    return_reasons: dict[int, str] = field(default_factory=dict)
    row_errors: dict[int, str] = field(default_factory=dict)  # a refused action on a row


def _in_scope_units(summary: RegistrationSummary) -> list[UnitRef]:
    """The participating units the user's scope holds (the API lists only those)."""
    seen: dict[int, UnitRef] = {}
    for unit in [*summary.not_registered, *(r.unit for r in summary.items)]:
        seen.setdefault(unit.id, unit)
    return sorted(seen.values(), key=lambda u: u.name)


def _registrable(campaign: Campaign, summary: RegistrationSummary, me: Me) -> list[UnitRef]:
    """Whom the form offers to register, when the API allows registering at all: the units of
    the user's scope taking part (not the managing unit; its own managers, only their unit)."""
    if "register" not in campaign.allowed_actions:
        return []
    units = [u for u in _in_scope_units(summary) if u.id != campaign.owner_unit.id]
    if "update" in campaign.allowed_actions:
        units = [u for u in units if u.id == me.unit.id]
    return units


async def people_of(api: Api, unit_id: int | None) -> list[Person]:
    if unit_id is None:
        return []
    page = await api.people(unit_id=unit_id, limit=MAX_PEOPLE)
    return [p for p in page.items if p.unit.id == unit_id and p.is_active]


def _formula(text: str, metrics: dict[str, str]) -> str:
    """ "viec_thi_hanh_xong + viec_dinh_chi" with the metrics' names."""
    parts = []
    for token in text.split():
        parts.append(metrics.get(token, token))
    return " ".join(parts)


def _title_groups(types: list[AwardType]) -> list[tuple[str, list[AwardType]]]:
    titles = [t for t in types if t.category == "title"]
    collective = [t for t in titles if "collective" in t.recipients]
    individual = [t for t in titles if "individual" in t.recipients and t not in collective]
    return [
        (gettext("Titles for a collective"), collective),
        (gettext("Titles for an individual"), individual),
    ]


Section = Callable[[Request, Api, Me, Campaign, SectionForms], Awaitable[dict[str, Any]]]


async def documents(
    _request: Request, api: Api, _me: Me, campaign: Campaign, _forms: SectionForms
) -> dict[str, Any]:
    return {
        "documents": await campaigns_client.documents(api, campaign.id),
        "document_kind_options": options(DOCUMENT_KIND_LABELS),
    }


async def progress(
    request: Request, api: Api, _me: Me, campaign: Campaign, _forms: SectionForms
) -> dict[str, Any]:
    """The criteria with each office's progress; "preview" counts unapproved figures too."""
    asked = request.query_params.get("preview") in ("1", "on", "true")
    preview = asked and "preview_progress" in campaign.allowed_actions
    rows, indicators, metrics, periods = await asyncio.gather(
        campaigns_client.progress(api, campaign.id, preview=preview),
        campaigns_client.indicators(api),
        campaigns_client.metrics(api),
        campaigns_client.periods(api),
    )
    metric_names = {m.code: m.name for m in metrics}
    return {
        "progress": rows,
        "preview": preview,
        "charts": {row.criterion.id: build_chart(row) for row in rows.criteria},
        "indicator_names": {i.code: i.name for i in indicators},
        "formulas": {
            i.code: (_formula(i.numerator, metric_names), _formula(i.denominator, metric_names))
            for i in indicators
        },
        "metric_names": metric_names,
        "periods": {p.code: p for p in periods},
        "indicator_options": [(i.code, i.name) for i in indicators],
        "period_options": [
            (
                p.code,
                gettext("%(code)s (to %(end)s)", code=p.code, end=p.ends_on.strftime("%d/%m/%Y")),
            )
            for p in sorted(periods, key=lambda p: p.ends_on)
        ],
        "caseload_options": [(m.code, m.name) for m in metrics if m.dimension == "viec"],
    }


async def registrations(
    _request: Request, api: Api, me: Me, campaign: Campaign, forms: SectionForms
) -> dict[str, Any]:
    summary, types = await asyncio.gather(
        campaigns_client.registrations(api, campaign.id), campaigns_client.award_types(api)
    )
    registrable = _registrable(campaign, summary, me)
    reg_values = forms.registration.values
    chosen = digits(reg_values.get("reg_unit_id"))
    if chosen is None and registrable:
        waiting = {u.id for u in summary.not_registered}
        first = next((u for u in registrable if u.id in waiting), registrable[0])
        chosen = first.id
        reg_values.setdefault("reg_unit_id", str(chosen))
    return {
        "registrations": summary.items,
        "not_registered": [u for u in summary.not_registered if u.id != campaign.owner_unit.id],
        "registrable": registrable,
        "registrant_people": await people_of(api, chosen) if registrable else [],
        "title_groups": _title_groups(types),
        "title_names": {t.code: t.name for t in types},
    }


async def exemplars(
    _request: Request, api: Api, _me: Me, campaign: Campaign, forms: SectionForms
) -> dict[str, Any]:
    ex_unit = digits(forms.exemplar.values.get("ex_unit_id"))
    wanted = "add_exemplar" in campaign.allowed_actions and ex_unit
    found, people = await asyncio.gather(
        campaigns_client.exemplars(api, campaign.id),
        people_of(api, ex_unit) if wanted else _nobody(),
    )
    return {"exemplars": found, "exemplar_people": people}


async def reviews(
    _request: Request, api: Api, _me: Me, campaign: Campaign, _forms: SectionForms
) -> dict[str, Any]:
    return {
        "reviews": await campaigns_client.reviews(api, campaign.id),
        "review_kind_options": options(REVIEW_KIND_LABELS),
    }


async def _nobody() -> list[Person]:
    return []


# In the page's order; each name is also the template block that renders the section.
SECTIONS: dict[str, Section] = {
    "documents": documents,
    "progress": progress,
    "registrations": registrations,
    "exemplars": exemplars,
    "reviews": reviews,
}
