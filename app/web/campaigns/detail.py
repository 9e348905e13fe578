"""A campaign's page: its facts and the sections (documents, criteria with each office's
progress, registrations, exemplars, reviews), launch and close. Each section's forms live in
their own module (documents.py, criteria.py, registrations.py, exemplars.py); a section's form
posts with htmx and gets its section back, and without htmx the page is posted and redirected
like any form."""

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.api_models import Me
from app.web.campaigns import client as campaigns_client
from app.web.campaigns.common import conflict_message
from app.web.campaigns.sections import SECTIONS, SectionForms
from app.web.client import Api, ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.error_pages import redirect
from app.web.flash import done_word
from app.web.forms import posted_version, read_posted
from app.web.i18n import N_, gettext
from app.web.templating import render, wants_fragment

router = APIRouter()
PAGE = "campaigns/detail.html"
DEFAULT_CASELOAD = "viec_phai_thi_hanh"
DONE = {
    "created": N_(
        "The campaign has been created as a draft. Add its documents and criteria, then launch it."
    ),
    "saved": N_("The changes have been saved."),
    "launched": N_(
        "The campaign has been launched: every participating unit sees it on its "
        "board and may register."
    ),
    "closed": N_("The campaign has been closed."),
    "document": N_("The document has been added."),
    "file": N_("The file has been attached."),
    "criterion": N_("The criterion has been added."),
    "criterion_removed": N_("The criterion has been removed."),
    "registered": N_("The registration has been saved as a draft. Send it when it is ready."),
    "submit": N_("The registration has been sent to the managing unit."),
    "accept": N_("The registration has been accepted."),
    "return": N_("The registration has been returned with the reason."),
    "exemplar": N_("The exemplar has been added."),
    "review": N_("The review has been added."),
}


async def detail_page(
    request: Request,
    api: Api,
    me: Me,
    campaign_id: int,
    *,
    block: str | None = None,
    forms: SectionForms | None = None,
    notice: str | None = None,
    action_error: str | None = None,
    status: int = 200,
) -> Response:
    """The whole page, or (htmx) only `block`, with only the calls that block needs."""
    fragment = block if block and wants_fragment(request) else None
    campaign = await campaigns_client.campaign(api, campaign_id)
    forms = forms or SectionForms()
    names = [fragment] if fragment else list(SECTIONS)
    parts = await asyncio.gather(
        *(SECTIONS[name](request, api, me, campaign, forms) for name in names)
    )
    context: dict[str, Any] = {
        "campaign": campaign,
        "campaign_id": campaign.id,
        "sf": forms,
        "notice_section": "",
        "notice": notice,
        "action_error": action_error,
        "section": fragment,
        # The buttons follow what the API allows on this campaign ("update", "launch" …).
        "can": set(campaign.allowed_actions),
        "can_edit": "update" in campaign.allowed_actions,
    }
    for part in parts:
        context.update(part)
    done = done_word(request)
    if not notice and done in DONE and not fragment:
        context["notice"] = gettext(DONE[done])
        context["notice_section"] = done
    return render(request, PAGE, context, block=fragment, status=status)


async def after(
    request: Request, api: Api, me: Me, campaign_id: int, block: str, done: str
) -> Response:
    """Success: the section again (htmx) with the news, or the page (plain form post)."""
    if wants_fragment(request):
        return await detail_page(
            request, api, me, campaign_id, block=block, notice=gettext(DONE[done])
        )
    return redirect(request, f"/campaigns/{campaign_id}?done={done}#{block}")


@router.get("/campaigns/{campaign_id}")
async def campaign_page(
    request: Request, campaign_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    return await detail_page(request, api, me, campaign_id)


@router.get("/campaigns/{campaign_id}/progress")
async def progress_section(
    request: Request, campaign_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    """The criteria and progress section alone (the preview switch)."""
    return await detail_page(request, api, me, campaign_id, block="progress")


# --- launch and close -----------------------------------------------------------------------
async def _move(request: Request, api: Api, me: Me, campaign_id: int, action: str) -> Response:
    posted = await read_posted(request)
    version = posted_version(posted.values)
    try:
        await campaigns_client.move_campaign(api, campaign_id, action, version)
    except ApiError as error:
        if error.status not in (409, 412, 422):
            raise
        return await detail_page(
            request,
            api,
            me,
            campaign_id,
            action_error=conflict_message(error),
            status=error.status,
        )
    done = "launched" if action == "launch" else "closed"
    return redirect(request, f"/campaigns/{campaign_id}?done={done}")


@router.post("/campaigns/{campaign_id}/launch")
async def launch_campaign(
    request: Request, campaign_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    return await _move(request, api, me, campaign_id, "launch")


@router.post("/campaigns/{campaign_id}/close")
async def close_campaign(
    request: Request, campaign_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    return await _move(request, api, me, campaign_id, "close")
