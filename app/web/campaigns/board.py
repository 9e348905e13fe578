"""The campaigns section of the home board: launched campaigns in which the user's unit (or,
for a department's users, its offices) takes part, and what each one asks now — register, send
or fix a registration, decide on registrations, and the criteria judged at the next open period
with where the unit stands so far (figures not yet approved count, marked as such)."""

import asyncio
from dataclasses import dataclass, field

from app.web.api_models import AREA_OFFICE_RANK, Me, UnitRef
from app.web.campaigns import client as campaigns_client
from app.web.campaigns.models import (
    Campaign,
    Criterion,
    CriterionProgress,
    Period,
    Progress,
    ProgressItem,
    Registration,
    RegistrationSummary,
    short_unit_name,
)
from app.web.client import Api
from app.web.units import client as units_client

URGENT = ("register", "submit", "returned", "review")


@dataclass
class Ask:
    """One thing a campaign asks: `kind` is register, submit, returned, awaiting (the unit's
    registration waits for the managing unit), review (registrations wait for the user) or
    criterion (judged at `period`)."""

    kind: str
    units: list[UnitRef] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    criterion: Criterion | None = None
    period: Period | None = None
    item: ProgressItem | None = None
    met: int = 0
    not_met: int = 0
    not_reported: int = 0

    @property
    def urgent(self) -> bool:
        return self.kind in URGENT

    @property
    def unit_names(self) -> list[str]:
        """Short names ("huyện Ba Tri") of the units concerned, for a line on the board."""
        units = self.units or [r.unit for r in self.registrations]
        return [short_unit_name(u.name) for u in units]


@dataclass
class CampaignTask:
    campaign: Campaign
    asks: list[Ask] = field(default_factory=list)
    own_unit: bool = True  # the asks are about the user's own unit (else: its offices)

    @property
    def urgent(self) -> bool:
        return any(a.urgent for a in self.asks)


def _own_registration(summary: RegistrationSummary, unit_id: int) -> Registration | None:
    mine = [r for r in summary.items if r.unit.id == unit_id and r.person_id is None]
    return mine[-1] if mine else None


def _registration_asks(
    campaign: Campaign, summary: RegistrationSummary, me: Me, *, own: bool, offices: bool
) -> list[Ask]:
    asks: list[Ask] = []
    if own:
        mine = _own_registration(summary, me.unit.id)
        if mine is None:
            asks.append(Ask("register", units=[me.unit]))
        elif mine.status == "draft":
            asks.append(Ask("submit", registrations=[mine]))
        elif mine.status == "returned":
            asks.append(Ask("returned", registrations=[mine]))
        elif mine.status == "submitted":
            asks.append(Ask("awaiting", registrations=[mine]))
    if not offices:
        return asks
    skip = {me.unit.id, campaign.owner_unit.id}
    missing = [u for u in summary.not_registered if u.id not in skip]
    if missing:
        asks.append(Ask("register", units=missing))
    returned = [r for r in summary.items if r.status == "returned" and r.unit.id not in skip]
    if returned:
        asks.append(Ask("returned", registrations=returned))
    # Registrations the API lets this user accept: theirs to decide.
    waiting = [r for r in summary.items if "accept" in r.allowed_actions and r.unit.id not in skip]
    if waiting:
        asks.append(Ask("review", registrations=waiting))
    return asks


def _next_period(criteria: list[CriterionProgress], periods: dict[str, Period]) -> Period | None:
    """The earliest period a criterion is judged at that is not closed yet."""
    due = [periods[c.criterion.period] for c in criteria if c.criterion.period in periods]
    due = [p for p in due if p.status != "closed"]
    return min(due, key=lambda p: (p.ends_on, p.code)) if due else None


def _criterion_asks(
    progress: Progress, periods: dict[str, Period], me: Me, *, offices: bool
) -> list[Ask]:
    period = _next_period(progress.criteria, periods)
    if period is None:
        return []
    asks = []
    for row in progress.criteria:
        if row.criterion.period != period.code:
            continue
        ask = Ask("criterion", criterion=row.criterion, period=period)
        ask.item = next((i for i in row.items if i.unit.id == me.unit.id), None)
        if offices:
            ask.met, ask.not_met, ask.not_reported = row.met, row.not_met, row.not_reported
        elif ask.item is None:
            continue  # the criterion judges reporting offices only
        asks.append(ask)
    return asks


async def _task(
    api: Api, me: Me, campaign: Campaign, periods: dict[str, Period], offices: bool
) -> CampaignTask | None:
    """`offices`: the user's unit stands above the Chi cục / Phòng khu vực and follows them."""
    participant = any(u.id == me.unit.id for u in campaign.participants)
    own = participant and me.unit.id != campaign.owner_unit.id
    if not own and not offices:
        return None
    summary_call = campaigns_client.registrations(api, campaign.id)
    progress: Progress | None = None
    if campaign.criteria:
        summary, progress = await asyncio.gather(
            summary_call, campaigns_client.progress(api, campaign.id, preview=True)
        )
    else:
        summary = await summary_call
    asks = _registration_asks(campaign, summary, me, own=own, offices=offices)
    if progress is not None:
        asks += _criterion_asks(progress, periods, me, offices=offices)
    if not asks:
        return None
    return CampaignTask(campaign=campaign, asks=asks, own_unit=not offices)


async def build_tasks(api: Api, me: Me) -> list[CampaignTask]:
    launched, periods, levels = await asyncio.gather(
        campaigns_client.all_campaigns(api, status="launched"),
        campaigns_client.periods(api),
        units_client.levels(api),
    )
    by_code = {p.code: p for p in periods}
    above = {level.code for level in levels if level.rank < AREA_OFFICE_RANK}
    offices = me.unit.kind in above
    found = await asyncio.gather(
        *(_task(api, me, c, by_code, offices) for c in launched if c.participants)
    )
    tasks = [t for t in found if t is not None]
    # What needs doing first, then the campaigns ending soonest.
    tasks.sort(
        key=lambda t: (
            not t.urgent,
            t.campaign.ends_on is None,
            t.campaign.ends_on,
            t.campaign.id,
        )
    )
    return tasks
