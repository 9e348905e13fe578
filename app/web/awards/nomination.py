"""One nomination: its page with the dossier, the council's vote, the decision and rejection.
The list and the new-nomination form are in nominations.py."""

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.api_models import Me
from app.web.awards import client as awards_client
from app.web.awards.common import (
    context,
    issuer_options,
    remember_types,
)
from app.web.awards.models import Award, Decision, Nomination
from app.web.awards.nominations import (
    DECIDE_FIELDS,
    STALE,
    VOTE_FIELDS,
    messages,
    missing_documents,
    ticked,
)
from app.web.client import Api, ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.error_pages import redirect
from app.web.flash import done_word
from app.web.forms import (
    DateFields,
    FormResult,
    blank_to_none,
    checked,
    posted_version,
    read_form,
)
from app.web.i18n import gettext
from app.web.templating import render, wants_fragment

router = APIRouter()


# --- one nomination -------------------------------------------------------------------------
async def _award_of(api: Api, nomination: Nomination) -> Award | None:
    """The award a decided nomination produced (found in the candidate's history)."""
    if nomination.award_id is None:
        return None
    who: dict[str, Any] = (
        {"recipient_person_id": nomination.candidate_person.id}
        if nomination.candidate_person
        else {
            "recipient_unit_id": nomination.candidate_unit.id if nomination.candidate_unit else None
        }
    )
    found = await awards_client.awards(
        api,
        year=nomination.year,
        type=nomination.award_type.code,
        include_revoked="true",
        limit=100,
        **who,
    )
    return next((a for a in found.items if a.id == nomination.award_id), None)


def _decide_values(nomination: Nomination) -> dict[str, str]:
    return {"mode": "existing", "citation": nomination.achievements or ""}


async def _page(
    request: Request,
    api: Api,
    me: Me,
    nomination: Nomination,
    *,
    forms: dict[str, FormResult] | None = None,
    status: int = 200,
    block: str | None = None,
    version: int | None = None,
) -> Response:
    """The page, or (htmx) the block of the form that failed. `version` is the one the user's
    form carried, kept after a 412 so that a stale form cannot overwrite someone's change."""
    forms = forms or {}
    allowed = set(nomination.allowed_actions)  # the buttons follow what the API allows
    deciding = "decide" in allowed
    decisions: list[Decision] = []
    issuers: list[tuple[int, str]] = []
    award: Award | None = None
    fragment = block if block and wants_fragment(request) else None
    if fragment is None or fragment == "decide_form":
        calls: list[Any] = [awards_client.award_types(api)]
        if deciding:
            calls += [
                awards_client.decisions(api, year=nomination.year, limit=100),
                issuer_options(api, me),
            ]
        if nomination.status == "decided":
            calls.append(_award_of(api, nomination))
        results = await asyncio.gather(*calls)
        remember_types(results[0])
        if deciding:
            decisions, issuers = results[1].items, results[2]
        if nomination.status == "decided":
            award = results[-1]
    if "dossier" in forms:
        dossier_form = forms["dossier"]
        done = ticked(dossier_form.values)
    else:
        dossier_form = FormResult(values={"achievements": nomination.achievements or ""})
        done = {item.code for item in nomination.dossier if item.done}
    ctx = context(
        me,
        nomination=nomination,
        version=version or nomination.version,
        award=award,
        done=done,
        codes=nomination.dossier,
        dossier_form=dossier_form,
        vote_form=forms.get("vote") or FormResult(values={"secret_ballot": "on"}),
        decide_form=forms.get("decide") or FormResult(values=_decide_values(nomination)),
        reject_form=forms.get("reject") or FormResult(),
        decisions=[
            (str(d.id), f"{d.number} · {d.signed_on:%d/%m/%Y} · {d.issuer.name}") for d in decisions
        ],
        issuers=[(str(i), name) for i, name in issuers],
        vote_rule=nomination.vote_rule,
        editable="update" in allowed,
        voting="vote" in allowed,
        deciding=deciding,
        rejecting="reject" in allowed,
        done_action=done_word(request),
        created=request.query_params.get("created") == "1",
    )
    return render(request, "awards/nomination.html", ctx, block=fragment, status=status)


@router.get("/nominations/{nomination_id}")
async def nomination_page(
    request: Request, nomination_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    nomination = await awards_client.nomination(api, nomination_id)
    return await _page(request, api, me, nomination)


async def _failed(
    request: Request,
    api: Api,
    me: Me,
    nomination_id: int,
    error: ApiError,
    name: str,
    values: dict[str, str],
    fields: tuple[str, ...],
    dates: DateFields | None = None,
) -> Response:
    form = FormResult(values=values)
    nomination = await awards_client.nomination(api, nomination_id)
    if error.status == 412:
        form.message = gettext(STALE)
    elif error.status == 409:
        form.message = error.message
    else:
        messages(error, form, fields)
        if name == "dossier":
            missing_documents(error, form, nomination.dossier)
        if dates is not None:
            dates.explain(form)
    return await _page(
        request,
        api,
        me,
        nomination,
        forms={name: form},
        status=error.status,
        block=f"{name}_form",
        version=posted_version(values) if error.status == 412 else None,
    )


@router.post("/nominations/{nomination_id}/dossier")
async def save_dossier(
    request: Request, nomination_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    """Save the checklist (and achievements) of a draft; "submit" then sends it to the council."""
    values = await read_form(request)
    # The checklist is the API's: every item it lists, ticked or not.
    codes = [item.code for item in (await awards_client.nomination(api, nomination_id)).dossier]
    changes = {
        "achievements": blank_to_none(values.get("achievements")),
        "dossier": {code: checked(values, f"dossier.{code}") for code in codes},
    }
    try:
        saved = await awards_client.update_nomination(
            api, nomination_id, changes, posted_version(values)
        )
        if values.get("action") == "submit":
            await awards_client.transition(api, nomination_id, "submit", saved.version)
    except ApiError as error:
        if error.status not in (409, 412, 422):
            raise
        return await _failed(
            request, api, me, nomination_id, error, "dossier", values, ("achievements",)
        )
    done = "submit" if values.get("action") == "submit" else "dossier"
    return redirect(request, f"/nominations/{nomination_id}?done={done}")


@router.post("/nominations/{nomination_id}/vote")
async def vote(request: Request, nomination_id: int, api: ApiDep, me: CurrentUser) -> Response:
    values = await read_form(request)
    dates = DateFields()
    data = {
        "members": values.get("members", "").strip(),
        "present": values.get("present", "").strip(),
        "yes": values.get("yes", "").strip(),
        "secret_ballot": checked(values, "secret_ballot"),
        "held_on": dates.convert("held_on", values.get("held_on")),
    }
    try:
        await awards_client.transition(api, nomination_id, "vote", posted_version(values), data)
    except ApiError as error:
        if error.status not in (409, 412, 422):
            raise
        return await _failed(
            request, api, me, nomination_id, error, "vote", values, VOTE_FIELDS, dates
        )
    return redirect(request, f"/nominations/{nomination_id}?done=vote")


@router.post("/nominations/{nomination_id}/decide")
async def decide(request: Request, nomination_id: int, api: ApiDep, me: CurrentUser) -> Response:
    values = await read_form(request)
    dates = DateFields()
    data: dict[str, Any] = {"citation": blank_to_none(values.get("citation"))}
    if values.get("mode") == "new":
        data.update(
            number=blank_to_none(values.get("number")),
            signed_on=dates.convert("signed_on", values.get("signed_on")),
            issuer_id=blank_to_none(values.get("issuer_id")),
        )
    else:
        data["decision_id"] = blank_to_none(values.get("decision_id"))
        if data["decision_id"] is None:
            form = FormResult(values=values)
            form.errors["decision_id"] = gettext("Choose the decision, or record a new one")
            nomination = await awards_client.nomination(api, nomination_id)
            return await _page(
                request,
                api,
                me,
                nomination,
                forms={"decide": form},
                status=422,
                block="decide_form",
            )
    try:
        await awards_client.transition(api, nomination_id, "decide", posted_version(values), data)
    except ApiError as error:
        if error.status not in (409, 412, 422):
            raise
        return await _failed(
            request, api, me, nomination_id, error, "decide", values, DECIDE_FIELDS, dates
        )
    return redirect(request, f"/nominations/{nomination_id}?done=decide")


@router.post("/nominations/{nomination_id}/reject")
async def reject(request: Request, nomination_id: int, api: ApiDep, me: CurrentUser) -> Response:
    values = await read_form(request)
    data = {"reason": values.get("reason", "").strip()}
    try:
        await awards_client.transition(api, nomination_id, "reject", posted_version(values), data)
    except ApiError as error:
        if error.status not in (409, 412, 422):
            raise
        return await _failed(request, api, me, nomination_id, error, "reject", values, ("reason",))
    return redirect(request, f"/nominations/{nomination_id}?done=reject")
