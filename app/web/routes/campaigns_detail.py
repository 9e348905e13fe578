"""A campaign's page: its facts, documents (with files), criteria with each office's progress
(numbers, a chart per criterion), registrations, exemplars and reviews, and the forms that add
to each section. A section's form posts with htmx and gets its section back; without htmx the
page is posted and redirected like any form."""

import asyncio
import mimetypes
import secrets
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile
from starlette.responses import Response

from app.core.config import get_settings
from app.web import api_campaigns
from app.web.api_models import Me, Person, UnitRef
from app.web.client import Api, ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.error_pages import redirect
from app.web.errors import PageNotFound
from app.web.flash import done_word
from app.web.forms import (
    DateFields,
    FormResult,
    PostedForm,
    blank_to_none,
    digits,
    parse_decimal,
    parse_integer,
    read_posted,
)
from app.web.i18n import N_, gettext
from app.web.models_campaigns import (
    DOCUMENT_KIND_LABELS,
    REVIEW_KIND_LABELS,
    AwardType,
    Campaign,
    Indicator,
    Metric,
    Period,
    Progress,
    RegistrationSummary,
    options,
)
from app.web.routes.campaigns_chart import build_chart
from app.web.routes.campaigns_common import conflict_message, required
from app.web.templating import render, wants_fragment

router = APIRouter()
PAGE = "pages/campaigns_detail.html"
SECTIONS = ("documents", "progress", "registrations", "exemplars", "reviews")
MAX_PEOPLE = 500
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
DOCUMENT_FIELDS = ("number", "issued_on", "issuer", "kind", "title", "file")
CRITERION_FIELDS = ("indicator", "period", "threshold", "caseload_metric", "tiers", "description")
REGISTRATION_FIELDS = ("unit_id", "person_id", "titles", "note")
EXEMPLAR_FIELDS = ("unit_id", "person_id", "reason", "solutions", "from_on", "to_on")
REVIEW_FIELDS = ("kind", "held_on", "title", "summary")


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


async def _people_of(api: Api, unit_id: int | None) -> list[Person]:
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
    needs = {fragment} if fragment else set(SECTIONS)
    preview_asked = request.query_params.get("preview") in ("1", "on", "true")
    calls: dict[str, Any] = {"campaign": api_campaigns.campaign(api, campaign_id)}
    if "documents" in needs:
        calls["documents"] = api_campaigns.documents(api, campaign_id)
    if "progress" in needs:
        calls["indicators"] = api_campaigns.indicators(api)
        calls["metrics"] = api_campaigns.metrics(api)
        calls["periods"] = api_campaigns.periods(api)
    if "registrations" in needs:
        calls["registrations"] = api_campaigns.registrations(api, campaign_id)
        calls["award_types"] = api_campaigns.award_types(api)
    if "exemplars" in needs:
        calls["exemplars"] = api_campaigns.exemplars(api, campaign_id)
    if "reviews" in needs:
        calls["reviews"] = api_campaigns.reviews(api, campaign_id)
    results = dict(zip(calls, await asyncio.gather(*calls.values()), strict=True))
    campaign: Campaign = results["campaign"]
    forms = forms or SectionForms()
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
    done = done_word(request)
    if not notice and done in DONE and not fragment:
        context["notice"] = gettext(DONE[done])
        context["notice_section"] = done
    if "documents" in needs:
        context["documents"] = results["documents"]
        context["document_kind_options"] = options(DOCUMENT_KIND_LABELS)
    if "progress" in needs:
        preview = preview_asked and "preview_progress" in campaign.allowed_actions
        progress: Progress = await api_campaigns.progress(api, campaign_id, preview=preview)
        indicators: list[Indicator] = results["indicators"]
        metrics: list[Metric] = results["metrics"]
        periods: list[Period] = results["periods"]
        metric_names = {m.code: m.name for m in metrics}
        context.update(
            progress=progress,
            preview=preview,
            charts={row.criterion.id: build_chart(row) for row in progress.criteria},
            indicator_names={i.code: i.name for i in indicators},
            formulas={
                i.code: (_formula(i.numerator, metric_names), _formula(i.denominator, metric_names))
                for i in indicators
            },
            metric_names=metric_names,
            periods={p.code: p for p in periods},
            indicator_options=[(i.code, i.name) for i in indicators],
            period_options=[
                (
                    p.code,
                    gettext(
                        "%(code)s (to %(end)s)", code=p.code, end=p.ends_on.strftime("%d/%m/%Y")
                    ),
                )
                for p in sorted(periods, key=lambda p: p.ends_on)
            ],
            caseload_options=[(m.code, m.name) for m in metrics if m.dimension == "viec"],
        )
    if "registrations" in needs:
        summary: RegistrationSummary = results["registrations"]
        registrable = _registrable(campaign, summary, me)
        types: list[AwardType] = results["award_types"]
        reg_values = forms.registration.values
        chosen = digits(reg_values.get("reg_unit_id"))
        if chosen is None and registrable:
            waiting = {u.id for u in summary.not_registered}
            first = next((u for u in registrable if u.id in waiting), registrable[0])
            chosen = first.id
            reg_values.setdefault("reg_unit_id", str(chosen))
        context.update(
            registrations=summary.items,
            not_registered=[u for u in summary.not_registered if u.id != campaign.owner_unit.id],
            registrable=registrable,
            registrant_people=await _people_of(api, chosen) if registrable else [],
            title_groups=_title_groups(types),
            title_names={t.code: t.name for t in types},
        )
    if "exemplars" in needs:
        context["exemplars"] = results["exemplars"]
        ex_unit = digits(forms.exemplar.values.get("ex_unit_id"))
        context["exemplar_people"] = (
            await _people_of(api, ex_unit)
            if "add_exemplar" in campaign.allowed_actions and ex_unit
            else []
        )
    if "reviews" in needs:
        context["reviews"] = results["reviews"]
        context["review_kind_options"] = options(REVIEW_KIND_LABELS)
    return render(request, PAGE, context, block=fragment, status=status)


async def _after(
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
    version = digits(posted.values.get("version")) or 0
    try:
        await api_campaigns.move_campaign(api, campaign_id, action, version)
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


# --- documents ------------------------------------------------------------------------------
def _ascii_name(name: str) -> str:
    """A header-safe file name: "Kế hoạch 258.pdf" → "Ke hoach 258.pdf"."""
    name = name.replace("đ", "d").replace("Đ", "D")
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    cleaned = "".join(c for c in folded if c.isprintable() and c not in '"\\/')
    return cleaned.strip()[:200] or "tep-dinh-kem"


def _upload(posted: PostedForm, name: str) -> UploadFile | None:
    if posted.raw is None:
        return None
    upload = posted.raw.get(name)
    if isinstance(upload, UploadFile) and upload.filename:
        return upload
    return None


async def _attach(api: Api, campaign_id: int, document_id: int, upload: UploadFile) -> None:
    # One byte over the limit is enough for the API to refuse it; nothing larger is held.
    content = await upload.read(get_settings().max_upload_bytes + 1)
    kind = (upload.content_type or "").split(";")[0].strip().lower()
    if not kind or kind == "application/octet-stream":
        kind = mimetypes.guess_type(upload.filename or "")[0] or "application/octet-stream"
    await api_campaigns.attach_file(
        api,
        campaign_id,
        document_id,
        name=_ascii_name(upload.filename or ""),
        content_type=kind,
        content=content,
    )


@router.post("/campaigns/{campaign_id}/documents")
async def add_document(
    request: Request, campaign_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    posted = await read_posted(request)
    values = posted.values
    dates = DateFields()
    data = {
        "number": values.get("doc_number", ""),
        "issued_on": dates.convert("doc_issued_on", values.get("doc_issued_on")),
        "issuer": values.get("doc_issuer", ""),
        "kind": blank_to_none(values.get("doc_kind")),
        "title": values.get("doc_title", ""),
    }
    required(data, "issued_on", "kind")
    upload = _upload(posted, "doc_file")
    form = FormResult(values=values)
    try:
        document = await api_campaigns.add_document(api, campaign_id, data)
    except ApiError as error:
        if error.status != 422:
            raise
        form.add_api_error(error, DOCUMENT_FIELDS, prefix="doc_")
        dates.explain(form)
        return await detail_page(
            request,
            api,
            me,
            campaign_id,
            block="documents",
            forms=SectionForms(document=form),
            status=422,
        )
    if upload is not None:
        try:
            await _attach(api, campaign_id, document.id, upload)
        except ApiError as error:
            if error.status != 422:
                raise
            # Nothing half-written: the document goes until its file is accepted.
            await api.call("DELETE", f"/campaigns/{campaign_id}/documents/{document.id}")
            form.add_api_error(error, DOCUMENT_FIELDS, prefix="doc_", body_field="doc_file")
            return await detail_page(
                request,
                api,
                me,
                campaign_id,
                block="documents",
                forms=SectionForms(document=form),
                status=422,
            )
    return await _after(request, api, me, campaign_id, "documents", "document")


@router.post("/campaigns/{campaign_id}/documents/{document_id}/file")
async def attach_document_file(
    request: Request, campaign_id: int, document_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    posted = await read_posted(request)
    upload = _upload(posted, "file")
    forms = SectionForms()
    if upload is None:
        forms.row_errors[document_id] = gettext("Choose a file to attach.")
    else:
        try:
            await _attach(api, campaign_id, document_id, upload)
        except ApiError as error:
            if error.status != 422:
                raise
            forms.row_errors[document_id] = next(iter(error.field_errors.values()), error.message)
    if forms.row_errors:
        return await detail_page(
            request, api, me, campaign_id, block="documents", forms=forms, status=422
        )
    return await _after(request, api, me, campaign_id, "documents", "file")


@router.get("/campaigns/{campaign_id}/documents/{document_id}/file")
async def download_document_file(
    campaign_id: int, document_id: int, api: ApiDep, _me: CurrentUser
) -> Response:
    answer = await api_campaigns.document_file(api, campaign_id, document_id)
    return Response(
        content=answer.content,
        media_type=answer.headers.get("content-type", "application/octet-stream"),
        headers={
            "Content-Disposition": answer.headers.get("content-disposition", "attachment"),
        },
    )


# --- criteria -------------------------------------------------------------------------------
def _tier_rows(posted: PostedForm) -> list[TierRow]:
    mins, maxes, thresholds = (
        posted.all("tier_min"),
        posted.all("tier_max"),
        posted.all("tier_threshold"),
    )
    rows = []
    for index in range(max(len(mins), len(maxes), len(thresholds))):
        row = TierRow(
            min=mins[index].strip() if index < len(mins) else "",
            max=maxes[index].strip() if index < len(maxes) else "",
            threshold=thresholds[index].strip() if index < len(thresholds) else "",
        )
        if row.min or row.max or row.threshold:
            rows.append(row)
    return rows


@router.get("/campaigns/{campaign_id}/criteria/tier-row")
async def tier_row(request: Request, campaign_id: int, _me: CurrentUser) -> Response:
    """One more empty caseload band for the criterion form."""
    context = {"row": TierRow(), "campaign_id": campaign_id}
    return render(request, "partials/campaigns_tier_row.html", context)


@router.get("/campaigns/{campaign_id}/criteria/no-row")
async def no_row(campaign_id: int, _me: CurrentUser) -> Response:  # noqa: ARG001
    """The answer to "remove this band": nothing (htmx deletes the row)."""
    return Response(status_code=200, content=b"", media_type="text/html")


@router.post("/campaigns/{campaign_id}/criteria")
async def add_criterion(
    request: Request, campaign_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    posted = await read_posted(request)
    values = posted.values
    tiered = values.get("crit_mode") == "tiers"
    rows = _tier_rows(posted)
    data: dict[str, Any] = {
        "indicator": values.get("crit_indicator", ""),
        "period": values.get("crit_period", ""),
        "description": blank_to_none(values.get("crit_description")),
    }
    if tiered:
        data["tiers"] = [
            {
                "min_caseload": parse_integer(row.min),
                "max_caseload": parse_integer(row.max),
                "threshold": parse_decimal(row.threshold),
            }
            for row in rows
        ]
        data["caseload_metric"] = blank_to_none(values.get("crit_caseload_metric"))
    else:
        data["threshold"] = parse_decimal(values.get("crit_threshold"))
    required(data, "indicator", "period")
    try:
        await api_campaigns.add_criterion(api, campaign_id, data)
    except ApiError as error:
        if error.status != 422:
            raise
        form = FormResult(values=values)
        body_field = "crit_tiers" if tiered else "crit_threshold"
        form.add_api_error(
            error, CRITERION_FIELDS, prefix="crit_", body_field=body_field, nested=("tiers",)
        )
        for key in [k for k in form.errors if k.startswith("tiers.")]:
            text = form.errors.pop(key)
            _, index, *rest = key.split(".")
            if rest and index.isdigit() and int(index) < len(rows):
                name = {"min_caseload": "min", "max_caseload": "max"}.get(rest[0], rest[0])
                rows[int(index)].errors.setdefault(name, text)
            elif not rest:
                form.errors.setdefault("crit_tiers", text)
        # The API checks "threshold or tiers" only once the fields are valid: say it now.
        if tiered and not rows:
            form.errors["crit_tiers"] = gettext("Add at least one caseload band.")
        elif not tiered and data.get("threshold") is None:
            form.errors["crit_threshold"] = gettext("Enter the threshold (a percentage).")
        if any(row.errors for row in rows):
            form.errors.setdefault(
                "crit_tiers", gettext("Some caseload bands need attention (see each row).")
            )
        return await detail_page(
            request,
            api,
            me,
            campaign_id,
            block="progress",
            forms=SectionForms(criterion=form, tiers=rows or [TierRow()]),
            status=422,
        )
    return await _after(request, api, me, campaign_id, "progress", "criterion")


@router.post("/campaigns/{campaign_id}/criteria/{criterion_id}/delete")
async def remove_criterion(
    request: Request, campaign_id: int, criterion_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    await api_campaigns.remove_criterion(api, campaign_id, criterion_id)
    return await _after(request, api, me, campaign_id, "progress", "criterion_removed")


# --- registrations --------------------------------------------------------------------------
@router.get("/campaigns/{campaign_id}/people-options")
async def people_options(
    request: Request,
    campaign_id: int,  # noqa: ARG001 - the URL names the campaign the form belongs to
    api: ApiDep,
    _me: CurrentUser,
) -> Response:
    """The <option>s of a unit's people (registration and exemplar forms)."""
    params = request.query_params
    unit_id = digits(params.get("reg_unit_id") or params.get("ex_unit_id"))
    people = await _people_of(api, unit_id)
    return render(request, "partials/campaigns_person_options.html", {"people": people})


@router.post("/campaigns/{campaign_id}/registrations")
async def register(request: Request, campaign_id: int, api: ApiDep, me: CurrentUser) -> Response:
    posted = await read_posted(request)
    values = posted.values
    titles = posted.all("reg_titles")
    data: dict[str, Any] = {
        "titles": titles,
        "note": blank_to_none(values.get("reg_note")),
        "person_id": blank_to_none(values.get("reg_person_id")),
    }
    if blank_to_none(values.get("reg_unit_id")):
        data["unit_id"] = values["reg_unit_id"]
    try:
        await api_campaigns.register(api, campaign_id, data)
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        form = FormResult(values=values)
        form.add_api_error(error, REGISTRATION_FIELDS, prefix="reg_")
        if "reg_titles" in form.errors and not titles:
            form.errors["reg_titles"] = gettext("Choose at least one title.")
        return await detail_page(
            request,
            api,
            me,
            campaign_id,
            block="registrations",
            forms=SectionForms(registration=form, titles=set(titles)),
            status=error.status,
        )
    return await _after(request, api, me, campaign_id, "registrations", "registered")


@router.post("/campaigns/{campaign_id}/registrations/{registration_id}/{action}")
async def move_registration(
    request: Request,
    campaign_id: int,
    registration_id: int,
    action: str,
    api: ApiDep,
    me: CurrentUser,
) -> Response:
    if action not in ("submit", "accept", "return"):
        raise PageNotFound()
    posted = await read_posted(request)
    version = digits(posted.values.get("version")) or 0
    reason = (posted.values.get("reason") or "").strip()
    forms = SectionForms()
    try:
        await api_campaigns.move_registration(
            api, campaign_id, registration_id, action, version, reason=reason or None
        )
    except ApiError as error:
        if error.status not in (409, 412, 422):
            raise
        if error.status == 422 and action == "return":
            forms.return_errors[registration_id] = gettext(
                "Give the reason, so the unit knows what to fix."
            )
            forms.return_reasons[registration_id] = reason
        elif error.status == 412:
            forms.row_errors[registration_id] = gettext(
                "Someone else changed this registration meanwhile. The list now shows its "
                "current state; try again if it is still needed."
            )
        else:
            forms.row_errors[registration_id] = error.message
        return await detail_page(
            request,
            api,
            me,
            campaign_id,
            block="registrations",
            forms=forms,
            status=error.status,
        )
    return await _after(request, api, me, campaign_id, "registrations", action)


# --- exemplars and reviews ------------------------------------------------------------------
@router.post("/campaigns/{campaign_id}/exemplars")
async def add_exemplar(
    request: Request, campaign_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    posted = await read_posted(request)
    values = posted.values
    dates = DateFields()
    person = blank_to_none(values.get("ex_person_id"))
    unit = blank_to_none(values.get("ex_unit_id"))
    data: dict[str, Any] = {
        "reason": values.get("ex_reason", ""),
        "solutions": blank_to_none(values.get("ex_solutions")),
        "from_on": dates.convert("ex_from_on", values.get("ex_from_on")),
        "to_on": dates.convert("ex_to_on", values.get("ex_to_on")),
    }
    if person:
        data["person_id"] = person
    elif unit:
        data["unit_id"] = unit
    try:
        await api_campaigns.add_exemplar(api, campaign_id, data)
    except ApiError as error:
        if error.status != 422:
            raise
        form = FormResult(values=values)
        body_field = "ex_unit_id" if not (person or unit) else "ex_to_on"
        form.add_api_error(error, EXEMPLAR_FIELDS, prefix="ex_", body_field=body_field)
        if not (person or unit):
            form.errors["ex_unit_id"] = gettext("Choose the unit (or one of its people).")
        dates.explain(form)
        return await detail_page(
            request,
            api,
            me,
            campaign_id,
            block="exemplars",
            forms=SectionForms(exemplar=form),
            status=422,
        )
    return await _after(request, api, me, campaign_id, "exemplars", "exemplar")


@router.post("/campaigns/{campaign_id}/reviews")
async def add_review(request: Request, campaign_id: int, api: ApiDep, me: CurrentUser) -> Response:
    posted = await read_posted(request)
    values = posted.values
    dates = DateFields()
    data: dict[str, Any] = {
        "held_on": dates.convert("rv_held_on", values.get("rv_held_on")),
        "title": values.get("rv_title", ""),
        "summary": blank_to_none(values.get("rv_summary")),
    }
    data["kind"] = blank_to_none(values.get("rv_kind"))
    required(data, "kind", "held_on")
    try:
        await api_campaigns.add_review(api, campaign_id, data)
    except ApiError as error:
        if error.status != 422:
            raise
        form = FormResult(values=values)
        form.add_api_error(error, REVIEW_FIELDS, prefix="rv_")
        dates.explain(form)
        return await detail_page(
            request,
            api,
            me,
            campaign_id,
            block="reviews",
            forms=SectionForms(review=form),
            status=422,
        )
    return await _after(request, api, me, campaign_id, "reviews", "review")
