"""Nominations: the list, the new-nomination form (candidate found with the picker, the dossier
checklist of the award), and one nomination with its dossier, submission, the council's vote,
the decision and rejection."""

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web import api_awards
from app.web.api_models import Me
from app.web.client import Api, ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.error_pages import redirect
from app.web.errors import PageForbidden
from app.web.flash import done_word
from app.web.forms import DateFields, FormResult, blank_to_none, checked, digits, read_form
from app.web.i18n import N_, gettext
from app.web.models_awards import Award, AwardType, Decision, DossierItem, Nomination
from app.web.paging import Paging
from app.web.routes.awards_common import (
    NOMINATION_STATUSES,
    context,
    default_year,
    issuer_options,
    parse_recipient,
    recipient_label,
    remember_types,
    type_options,
    year_param,
)
from app.web.templating import render, wants_fragment
from app.web.unit_options import unit_options

router = APIRouter()
PAGE_SIZE = 25
NOMINATION_FIELDS = ("proposer_id", "year", "award_type", "candidate", "achievements")
VOTE_FIELDS = ("members", "present", "yes", "secret_ballot", "held_on")
DECIDE_FIELDS = ("decision_id", "number", "signed_on", "issuer_id", "citation")
STALE = N_(
    "Someone else changed this nomination while you were looking at it. Reload the page to see "
    "its current state, then try again."
)


CANDIDATE = {"candidate_person_id": "candidate", "candidate_unit_id": "candidate"}


def _messages(error: ApiError, form: FormResult, fields: tuple[str, ...]) -> None:
    """The API's messages beside the fields they name (dossier items included)."""
    candidate = "candidate" in fields
    form.add_api_error(
        error,
        fields,
        nested=("dossier",),
        aliases=CANDIDATE if candidate else None,
        body_field="candidate" if candidate else None,
    )


def _dossier_of(types: list[AwardType], code: str) -> list[DossierItem]:
    """The documents the API asks of a nomination for this award (before one exists)."""
    return next((t.dossier for t in types if t.code == code), [])


def _missing_documents(error: ApiError, form: FormResult, items: list[DossierItem]) -> None:
    names = {item.code: item.label for item in items}
    missing = [
        names.get(code, code)
        for p in error.problem.errors
        if (code := p.field.removeprefix("dossier.")) != p.field
    ]
    if missing:
        form.message = gettext(
            "The dossier is not complete. Missing: %(documents)s.", documents="; ".join(missing)
        )


def _ticked(values: dict[str, str]) -> set[str]:
    return {
        k.removeprefix("dossier.")
        for k in values
        if k.startswith("dossier.") and checked(values, k)
    }


# --- list ---------------------------------------------------------------------------------
@router.get("/nominations")
async def nomination_list(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    params = request.query_params
    status = params.get("status", "")
    filters = {
        "year": year_param(params.get("year")),
        "status": status if status in NOMINATION_STATUSES else "",
        "award_type": (params.get("award_type") or "").strip().upper()[:32],
    }
    paging = Paging.from_request(request, PAGE_SIZE)
    found, types = await asyncio.gather(
        api_awards.nominations(
            api,
            limit=paging.size,
            offset=paging.offset,
            year=filters["year"],
            status=filters["status"] or None,
            award_type=filters["award_type"] if filters["award_type"].isidentifier() else None,
        ),
        api_awards.award_types(api),
    )
    ctx = context(
        me,
        filters=filters,
        nominations=found.items,
        paging=paging.with_total(found.total),
        type_groups=type_options(remember_types(types)),
        created=digits(params.get("created")),
    )
    return render(request, "pages/awards_nominations.html", ctx, block="results")


# --- the new-nomination form --------------------------------------------------------------
async def _new_form(
    request: Request, api: Api, me: Me, form: FormResult, *, status: int = 200
) -> Response:
    types, units = await asyncio.gather(api_awards.award_types(api), api.all_units(external=False))
    award_type = form.values.get("award_type", "")
    ctx = context(
        me,
        form=form,
        type_groups=type_options(remember_types(types)),
        proposers=unit_options(units, internal_only=True),
        codes=_dossier_of(types, award_type),
        done=_ticked(form.values),
    )
    return render(
        request, "pages/awards_nomination_form.html", ctx, block="nomination_form", status=status
    )


@router.get("/nominations/new")
async def new_nomination(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    if "nominations.write" not in me.permissions:  # the empty form only for whom may nominate
        raise PageForbidden()
    params = request.query_params
    year = year_param(params.get("year")) or await default_year(api)
    values = {
        "proposer_id": str(digits(params.get("proposer_id")) or me.unit.id),
        "year": str(year),
        "award_type": (params.get("award_type") or "").strip().upper()[:32],
    }
    candidate = params.get("candidate", "")
    if parse_recipient(candidate):
        try:
            values["candidate_label"] = await recipient_label(api, candidate)
            values["candidate"] = candidate
        except ApiError as error:
            if error.status != 404:
                raise
    return await _new_form(request, api, me, FormResult(values=values))


@router.get("/nominations/new/dossier")
async def new_nomination_dossier(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    award_type = (request.query_params.get("award_type") or "").strip().upper()[:32]
    ctx = context(
        me,
        form=FormResult(values={"award_type": award_type}),
        codes=_dossier_of(await api_awards.award_types(api), award_type),
        done=set(),
    )
    return render(request, "pages/awards_nomination_form.html", ctx, block="dossier")


def _nomination_payload(values: dict[str, str]) -> dict[str, Any]:
    award_type = values.get("award_type", "")
    data: dict[str, Any] = {
        "year": values.get("year", "").strip(),
        "award_type": award_type,
        "achievements": blank_to_none(values.get("achievements")),
        "dossier": dict.fromkeys(_ticked(values), True),  # the API knows the award's list
    }
    if blank_to_none(values.get("proposer_id")):
        data["proposer_id"] = values["proposer_id"]
    parsed = parse_recipient(values.get("candidate"))
    if parsed and parsed[0] == "person":
        data["candidate_person_id"] = parsed[1]
    elif parsed:
        data["candidate_unit_id"] = parsed[1]
    return data


@router.post("/nominations/new")
async def create_nomination(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    values = await read_form(request)
    try:
        created = await api_awards.create_nomination(api, _nomination_payload(values))
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        form = FormResult(values=values)
        _messages(error, form, NOMINATION_FIELDS)
        return await _new_form(request, api, me, form, status=error.status)
    return redirect(request, f"/nominations/{created.id}?created=1")


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
    found = await api_awards.awards(
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
        calls: list[Any] = [api_awards.award_types(api)]
        if deciding:
            calls += [
                api_awards.decisions(api, year=nomination.year, limit=100),
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
        done = _ticked(dossier_form.values)
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
    return render(request, "pages/awards_nomination.html", ctx, block=fragment, status=status)


@router.get("/nominations/{nomination_id}")
async def nomination_page(
    request: Request, nomination_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    nomination = await api_awards.nomination(api, nomination_id)
    return await _page(request, api, me, nomination)


def _version(values: dict[str, str]) -> int:
    return digits(values.get("version")) or 0


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
    nomination = await api_awards.nomination(api, nomination_id)
    if error.status == 412:
        form.message = gettext(STALE)
    elif error.status == 409:
        form.message = error.message
    else:
        _messages(error, form, fields)
        if name == "dossier":
            _missing_documents(error, form, nomination.dossier)
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
        version=_version(values) if error.status == 412 else None,
    )


@router.post("/nominations/{nomination_id}/dossier")
async def save_dossier(
    request: Request, nomination_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    """Save the checklist (and achievements) of a draft; "submit" then sends it to the council."""
    values = await read_form(request)
    # The checklist is the API's: every item it lists, ticked or not.
    codes = [item.code for item in (await api_awards.nomination(api, nomination_id)).dossier]
    changes = {
        "achievements": blank_to_none(values.get("achievements")),
        "dossier": {code: checked(values, f"dossier.{code}") for code in codes},
    }
    try:
        saved = await api_awards.update_nomination(api, nomination_id, changes, _version(values))
        if values.get("action") == "submit":
            await api_awards.transition(api, nomination_id, "submit", saved.version)
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
        await api_awards.transition(api, nomination_id, "vote", _version(values), data)
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
            nomination = await api_awards.nomination(api, nomination_id)
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
        await api_awards.transition(api, nomination_id, "decide", _version(values), data)
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
        await api_awards.transition(api, nomination_id, "reject", _version(values), data)
    except ApiError as error:
        if error.status not in (409, 412, 422):
            raise
        return await _failed(request, api, me, nomination_id, error, "reject", values, ("reason",))
    return redirect(request, f"/nominations/{nomination_id}?done=reject")
