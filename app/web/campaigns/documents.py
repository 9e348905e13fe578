"""A campaign's legal-basis documents: add one (with its file or without), attach a file
later, download it. A file the API refuses takes its document back out: nothing half-written."""

import mimetypes
import unicodedata

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile
from starlette.responses import Response

from app.core.config import get_settings
from app.web.campaigns import client as campaigns_client
from app.web.campaigns.common import required
from app.web.campaigns.detail import after, detail_page
from app.web.campaigns.sections import SectionForms
from app.web.client import Api, ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.forms import DateFields, FormResult, PostedForm, blank_to_none, read_posted
from app.web.i18n import gettext

router = APIRouter()
DOCUMENT_FIELDS = ("number", "issued_on", "issuer", "kind", "title", "file")


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
    await campaigns_client.attach_file(
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
        document = await campaigns_client.add_document(api, campaign_id, data)
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
    return await after(request, api, me, campaign_id, "documents", "document")


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
    return await after(request, api, me, campaign_id, "documents", "file")


@router.get("/campaigns/{campaign_id}/documents/{document_id}/file")
async def download_document_file(
    campaign_id: int, document_id: int, api: ApiDep, _me: CurrentUser
) -> Response:
    answer = await campaigns_client.document_file(api, campaign_id, document_id)
    return Response(
        content=answer.content,
        media_type=answer.headers.get("content-type", "application/octet-stream"),
        headers={
            "Content-Disposition": answer.headers.get("content-disposition", "attachment"),
        },
    )
