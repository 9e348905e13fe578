"""Campaigns, their documents, criteria, registrations, exemplars and reviews.

A campaign is seen in the subtree of its managing unit and of every participating unit. The
rows that add or change documents, criteria, registrations, exemplars and reviews declare only
the no-token cell so far (owner: give them a `target` and a request body).
"""

from app.models.campaigns import Campaign, CampaignKind, CampaignParticipant, CampaignStatus
from app.services.text import fold
from tests.api.matrix.core import ADMIN_REVIEWER, ALL, STAFF, Ctx, Op, Target, unit_id

FIGURES = ("figures_world",)


def campaign_in(status: CampaignStatus) -> Target:
    """A campaign managed by province A's department with Chi cục CC_A1 taking part (seen by
    every province-A caller), or the same in province B."""

    def make(ctx: Ctx, scope: str) -> int:
        owner, office = ("CUC_A", "CC_A1") if scope == "in" else ("CUC_B", "CC_B1")
        title = f"Thi đua cao điểm {owner}"
        campaign = Campaign(
            title=title,
            search_title=fold(title),
            kind=CampaignKind.peak,
            status=status,
            launched_by_id=ctx.world.unit_id(owner),
            owner_unit_id=ctx.world.unit_id(owner),
            year=2022,
        )
        ctx.session.add(campaign)
        ctx.session.flush()
        ctx.session.add(
            CampaignParticipant(campaign_id=campaign.id, unit_id=ctx.world.unit_id(office))
        )
        ctx.session.commit()
        return campaign.id  # type: ignore[return-value]

    return make


def _read(path: str) -> Op:
    """A read about one campaign: every role, 404 outside the subtree."""
    return Op(
        "GET",
        path,
        ALL,
        200,
        action="campaigns.read",
        needs=FIGURES,
        target=campaign_in(CampaignStatus.launched),
        target_in="path",
    )


def _pending(method: str, path: str, roles, status: int, action: str | None, writes: bool) -> Op:  # type: ignore[no-untyped-def]
    return Op(method, path, roles, status, writes=writes, action=action, anonymous_only=True)


ROWS: list[Op] = [
    Op("GET", "/campaigns", ALL, 200, action="campaigns.read", needs=FIGURES),
    Op("GET", "/documents", ALL, 200, action="campaigns.read", needs=FIGURES),
    Op(
        "GET",
        "/exemplars",
        ALL,
        200,
        action="campaigns.read",
        needs=FIGURES,
        target=unit_id,
        target_in="query",
        request=lambda ctx: {"params": {"unit_id": ctx.target}},
    ),
    _pending("POST", "/campaigns", ADMIN_REVIEWER, 201, "campaigns.write", True),
    _read("/campaigns/{campaign_id}"),
    Op(
        "PATCH",
        "/campaigns/{campaign_id}",
        ADMIN_REVIEWER,
        200,
        writes=True,
        action="campaigns.write",
        needs=FIGURES,
        target=campaign_in(CampaignStatus.draft),
        request=lambda ctx: {"json": {"slogan": "Đồng Khởi mới"}},
    ),
    Op(
        "POST",
        "/campaigns/{campaign_id}/launch",
        ADMIN_REVIEWER,
        200,
        writes=True,
        action="campaigns.write",
        needs=FIGURES,
        target=campaign_in(CampaignStatus.draft),
    ),
    Op(
        "POST",
        "/campaigns/{campaign_id}/close",
        ADMIN_REVIEWER,
        200,
        writes=True,
        action="campaigns.write",
        needs=FIGURES,
        target=campaign_in(CampaignStatus.launched),
    ),
    _read("/campaigns/{campaign_id}/documents"),
    _pending(
        "POST",
        "/campaigns/{campaign_id}/documents",
        ADMIN_REVIEWER,
        201,
        "campaigns.write",
        True,
    ),
    _pending(
        "PUT",
        "/campaigns/{campaign_id}/documents/{document_id}/file",
        ADMIN_REVIEWER,
        200,
        "campaigns.write",
        True,
    ),
    _pending(
        "GET",
        "/campaigns/{campaign_id}/documents/{document_id}/file",
        ALL,
        200,
        "campaigns.read",
        False,
    ),
    _pending(
        "DELETE",
        "/campaigns/{campaign_id}/documents/{document_id}",
        ADMIN_REVIEWER,
        204,
        "campaigns.write",
        True,
    ),
    _read("/campaigns/{campaign_id}/criteria"),
    _pending(
        "POST", "/campaigns/{campaign_id}/criteria", ADMIN_REVIEWER, 201, "campaigns.write", True
    ),
    _pending(
        "DELETE",
        "/campaigns/{campaign_id}/criteria/{criterion_id}",
        ADMIN_REVIEWER,
        204,
        "campaigns.write",
        True,
    ),
    _read("/campaigns/{campaign_id}/progress"),
    _read("/campaigns/{campaign_id}/registrations"),
    _pending(
        "POST",
        "/campaigns/{campaign_id}/registrations",
        STAFF,
        201,
        "registrations.write",
        True,
    ),
    _pending(
        "POST",
        "/campaigns/{campaign_id}/registrations/{registration_id}/submit",
        STAFF,
        200,
        "registrations.write",
        True,
    ),
    # registrations.write, and the caller's unit manages the campaign.
    _pending(
        "POST",
        "/campaigns/{campaign_id}/registrations/{registration_id}/accept",
        ADMIN_REVIEWER,
        200,
        None,
        True,
    ),
    # registrations.write, and the caller's unit manages the campaign.
    _pending(
        "POST",
        "/campaigns/{campaign_id}/registrations/{registration_id}/return",
        ADMIN_REVIEWER,
        200,
        None,
        True,
    ),
    _read("/campaigns/{campaign_id}/exemplars"),
    _pending(
        "POST", "/campaigns/{campaign_id}/exemplars", ADMIN_REVIEWER, 201, "campaigns.write", True
    ),
    _read("/campaigns/{campaign_id}/reviews"),
    _pending(
        "POST", "/campaigns/{campaign_id}/reviews", ADMIN_REVIEWER, 201, "campaigns.write", True
    ),
]
