"""Legal-basis documents of campaigns (chỉ thị, kế hoạch, quyết định…), searchable by number."""

from sqlmodel import Session, col, select

from app.core.config import get_settings
from app.core.errors import FieldIssue, Invalid, NotFound
from app.models.campaigns import Campaign, CampaignDocument, DocumentCreate, DocumentPublic
from app.services import audit
from app.services.campaigns.campaigns import get_managed, get_visible, visible
from app.services.common import page
from app.services.scope import Actor, authorize
from app.services.text import code_contains

# The API route's ceiling before it hands the body over; attach_file holds the configured limit
# (settings.max_upload_bytes), which is lower.
ALLOWED_TYPES = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/msword",
    "image/png",
    "image/jpeg",
}


def to_public(doc: CampaignDocument, campaign: Campaign) -> DocumentPublic:
    return DocumentPublic.model_validate(doc, update={"campaign_title": campaign.title})


def list_documents(
    session: Session,
    actor: Actor,
    *,
    campaign_id: int | None = None,
    number: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[DocumentPublic], int]:
    authorize(actor, "campaigns.read")
    if campaign_id is not None:
        get_visible(session, actor, campaign_id)
    stmt = (
        select(CampaignDocument, Campaign)
        .join(Campaign, Campaign.id == CampaignDocument.campaign_id)
        .where(visible(actor))
    )
    if campaign_id is not None:
        stmt = stmt.where(CampaignDocument.campaign_id == campaign_id)
    if number:
        stmt = stmt.where(code_contains(col(CampaignDocument.number), number))
    rows, total = page(
        session,
        stmt.order_by(CampaignDocument.issued_on, CampaignDocument.id),
        limit=limit,
        offset=offset,
    )
    return [to_public(d, c) for d, c in rows], total


def add_document(
    session: Session, actor: Actor, campaign_id: int, data: DocumentCreate
) -> DocumentPublic:
    campaign = get_managed(session, actor, campaign_id)
    doc = CampaignDocument(campaign_id=campaign.id, **data.model_dump())  # type: ignore[arg-type]
    session.add(doc)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "campaign_document",
        doc.id,
        unit_id=campaign.owner_unit_id,
        after=data.model_dump(mode="json"),
    )
    session.commit()
    return to_public(doc, campaign)


def _document(session: Session, campaign_id: int, document_id: int) -> CampaignDocument:
    doc = session.exec(
        select(CampaignDocument).where(
            CampaignDocument.id == document_id, CampaignDocument.campaign_id == campaign_id
        )
    ).first()
    if doc is None:
        raise NotFound("No such {entity}", params={"entity": "document"})
    return doc


def check_file(content_type: str, size: int) -> None:
    """A supported type of at most settings.max_upload_bytes; the file itself is stored as is,
    never parsed."""
    if content_type not in ALLOWED_TYPES:
        raise Invalid(FieldIssue("file", "Attach a PDF, Word document or image", "unsupported"))
    limit = get_settings().max_upload_bytes
    if not 0 < size <= limit:
        raise Invalid(
            FieldIssue(
                "file",
                "The file must be between 1 byte and {limit} MB",
                "size",
                {"limit": f"{limit / (1024 * 1024):g}"},
            )
        )


def attach_file(
    session: Session,
    actor: Actor,
    campaign_id: int,
    document_id: int,
    *,
    name: str,
    content_type: str,
    content: bytes,
) -> DocumentPublic:
    authorize(actor, "campaigns.write")  # the role first, then the file, then the queries
    check_file(content_type, len(content))
    campaign = get_managed(session, actor, campaign_id)
    doc = _document(session, campaign_id, document_id)
    doc.file_name = name.replace("\x00", "")[:255] or "tep-dinh-kem"
    doc.file_type = content_type
    doc.file_size = len(content)
    doc.content = content
    session.add(doc)
    audit.record(
        session,
        actor,
        "attach",
        "campaign_document",
        doc.id,
        unit_id=campaign.owner_unit_id,
        after={"file_name": doc.file_name, "file_size": doc.file_size},
    )
    session.commit()
    return to_public(doc, campaign)


def read_file(
    session: Session, actor: Actor, campaign_id: int, document_id: int
) -> tuple[str, str, bytes]:
    authorize(actor, "campaigns.read")
    get_visible(session, actor, campaign_id)
    doc = _document(session, campaign_id, document_id)
    if doc.content is None:
        raise NotFound("No such {entity}", params={"entity": "file"})
    return doc.file_name or "tep", doc.file_type or "application/octet-stream", doc.content


def remove_document(session: Session, actor: Actor, campaign_id: int, document_id: int) -> None:
    campaign = get_managed(session, actor, campaign_id)
    doc = _document(session, campaign_id, document_id)
    audit.record(
        session,
        actor,
        "delete",
        "campaign_document",
        doc.id,
        unit_id=campaign.owner_unit_id,
        before={"number": doc.number, "title": doc.title},
    )
    session.delete(doc)
    session.commit()


def numbers_of(session: Session, campaign_ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {i: [] for i in campaign_ids}
    for cid, number in session.exec(
        select(CampaignDocument.campaign_id, CampaignDocument.number)
        .where(col(CampaignDocument.campaign_id).in_(campaign_ids))
        .order_by(CampaignDocument.issued_on)
    ).all():
        out[cid].append(number)
    return out
