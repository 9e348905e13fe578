"""A unit registers itself once per campaign: the database says so (a partial unique index),
not only a check in the code that two simultaneous requests can both pass."""

from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from app.models.campaigns import Registration
from bench.live import live_server
from tests.api.conftest import shared_api
from tests.api.test_concurrency import _campaign, at_once
from tests.factories import World


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with live_server(shared_api()) as url:
        yield url


def _count(session: Session, campaign_id: int) -> int:
    session.expire_all()
    return session.exec(
        select(func.count())
        .select_from(Registration)
        .where(Registration.campaign_id == campaign_id, Registration.person_id.is_(None))  # type: ignore[union-attr]
    ).one()


def test_simultaneous_registrations_of_one_unit_store_one(
    base_url: str, figures_world: World, session: Session
):
    w = figures_world
    cid = _campaign(base_url, w, launch=True)["id"]
    url = f"{base_url}/api/v1/campaigns/{cid}/registrations"
    body = {"unit_id": w.unit_id("CC_A1"), "titles": ["TTLDXS"]}
    statuses = at_once(8, lambda c, _i: c.post(url, headers=w.headers("reporter_a1"), json=body))
    assert Counter(statuses) == {201: 1, 409: 7}
    assert _count(session, cid) == 1
    # the unit's people still register, each once
    person = {**body, "person_id": w.person_id("staff_a1")}
    assert httpx.post(url, headers=w.headers("reporter_a1"), json=person).status_code == 201
    assert httpx.post(url, headers=w.headers("reporter_a1"), json=person).status_code == 409


def test_the_database_refuses_a_second_unit_registration(figures_world: World, session: Session):
    """Whatever writes the rows (a script, an import), the index holds."""
    w = figures_world
    from app.models.campaigns import Campaign, CampaignKind, CampaignStatus

    campaign = Campaign(
        title="Thi đua đặc biệt",
        kind=CampaignKind.regular,
        status=CampaignStatus.launched,
        launched_by_id=w.unit_id("CUC_A"),
        owner_unit_id=w.unit_id("CUC_A"),
    )
    session.add(campaign)
    session.commit()
    for _ in range(2):
        session.add(
            Registration(campaign_id=campaign.id, unit_id=w.unit_id("CC_A1"), titles=["TTLDXS"])  # type: ignore[arg-type]
        )
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            break
    else:
        pytest.fail("two registrations of the unit were stored")
    assert _count(session, campaign.id) == 1  # type: ignore[arg-type]
