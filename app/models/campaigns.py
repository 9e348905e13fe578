"""Campaigns (phong trào thi đua): their legal-basis documents, measurable criteria bound to
indicators, the units taking part, registrations, exemplars and reviews."""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import StringConstraints, model_validator
from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Index,
    LargeBinary,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import deferred
from sqlmodel import Field, SQLModel

from app.core.types import Id, LongText, Name, ShortText, UTCDateTime, field_error, utcnow
from app.models.base import ALLOWED_ACTIONS_DOC, Versioned
from app.models.units import UnitRef


class CampaignKind(StrEnum):
    regular = "thuong_xuyen"
    thematic = "chuyen_de"
    peak = "cao_diem"


class CampaignStatus(StrEnum):
    draft = "draft"
    launched = "launched"
    closed = "closed"


class DocumentKind(StrEnum):
    directive = "chi_thi"
    plan = "ke_hoach"
    decision = "quyet_dinh"
    official_letter = "cong_van"
    resolution = "nghi_quyet"
    notice = "thong_bao"
    other = "khac"


class RegistrationStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    accepted = "accepted"
    returned = "returned"


class ReviewKind(StrEnum):
    midterm = "so_ket"
    final = "tong_ket"


class Campaign(Versioned, table=True):
    __table_args__ = (
        CheckConstraint(
            "kind IN ('thuong_xuyen', 'chuyen_de', 'cao_diem')", name="ck_campaign_kind"
        ),
        CheckConstraint("status IN ('draft', 'launched', 'closed')", name="ck_campaign_status"),
        CheckConstraint(
            "ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="ck_campaign_dates"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=500)
    search_title: str = Field(default="", max_length=500, index=True)
    kind: CampaignKind = Field(sa_type=String(16))
    status: CampaignStatus = Field(default=CampaignStatus.draft, sa_type=String(16), index=True)
    # Who launched it (may be external: the provincial People's Committee) and which internal
    # unit manages it here (its subtree may change it).
    launched_by_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", index=True)
    owner_unit_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", index=True)
    parent_id: int | None = Field(
        default=None, foreign_key="campaign.id", ondelete="SET NULL", index=True
    )
    year: int | None = Field(default=None, index=True)
    starts_on: date | None = None
    ends_on: date | None = None
    slogan: str | None = Field(default=None, max_length=500)
    objectives: str | None = Field(default=None, max_length=5000)
    key_content: str | None = Field(default=None, max_length=5000)
    launched_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class CampaignParticipant(SQLModel, table=True):
    __tablename__ = "campaign_participant"

    campaign_id: int = Field(foreign_key="campaign.id", ondelete="CASCADE", primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", ondelete="CASCADE", primary_key=True, index=True)


class CampaignBase(SQLModel):
    title: Name = Field(max_length=500)
    kind: CampaignKind
    launched_by_id: Id
    owner_unit_id: Id | None = None
    parent_id: Id | None = None
    year: int | None = Field(default=None, ge=2000, le=2100)
    starts_on: date | None = None
    ends_on: date | None = None
    slogan: ShortText | None = None
    objectives: LongText | None = None
    key_content: LongText | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> "CampaignBase":
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise field_error("ends_on", "The end date must not be before the start date")
        return self


class CampaignCreate(CampaignBase):
    participant_ids: list[Id] = Field(default_factory=list, max_length=2000)


class CampaignUpdate(SQLModel):
    title: Name | None = None
    kind: CampaignKind | None = None
    launched_by_id: Id | None = None
    parent_id: Id | None = None
    year: int | None = Field(default=None, ge=2000, le=2100)
    starts_on: date | None = None
    ends_on: date | None = None
    slogan: ShortText | None = None
    objectives: LongText | None = None
    key_content: LongText | None = None
    participant_ids: list[Id] | None = Field(default=None, max_length=2000)


class CampaignRef(SQLModel):
    id: int
    title: str
    kind: CampaignKind
    status: CampaignStatus


class CampaignPublic(SQLModel):
    id: int
    title: str
    kind: CampaignKind
    status: CampaignStatus
    launched_by: UnitRef
    owner_unit: UnitRef
    parent: CampaignRef | None
    year: int | None
    starts_on: date | None
    ends_on: date | None
    slogan: str | None
    objectives: str | None
    key_content: str | None
    launched_at: datetime | None
    participants: list[UnitRef]
    children: list[CampaignRef]
    documents: int
    criteria: int
    can_edit: bool = Field(
        description="Deprecated: alias of 'update' in allowed_actions.",
        schema_extra={"deprecated": True},
    )
    allowed_actions: list[str] = Field(
        default_factory=list,
        description=ALLOWED_ACTIONS_DOC
        + " Campaigns: update, launch (draft), close (launched), add_document, attach_file,"
        " remove_document, add_criterion, remove_criterion, add_exemplar, add_review"
        " (the managing unit), register (launched; staff of a participating unit),"
        " preview_progress (the managing unit; a read).",
    )
    version: int


class CampaignDocument(SQLModel, table=True):
    __tablename__ = "campaign_document"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('chi_thi', 'ke_hoach', 'quyet_dinh', 'cong_van', 'nghi_quyet', 'thong_bao', 'khac')",
            name="ck_document_kind",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", ondelete="CASCADE", index=True)
    number: str = Field(max_length=64, index=True)  # "258/KH-CTHADS"
    issued_on: date
    issuer: str = Field(max_length=255)
    kind: DocumentKind = Field(sa_type=String(16))
    title: str = Field(max_length=500)
    file_name: str | None = Field(default=None, max_length=255)
    file_type: str | None = Field(default=None, max_length=128)
    file_size: int | None = None
    content: bytes | None = Field(
        default=None, sa_column=deferred(Column(LargeBinary, nullable=True))
    )  # type: ignore[arg-type]
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class DocumentCreate(SQLModel):
    number: Name = Field(max_length=64)
    issued_on: date
    issuer: Name
    kind: DocumentKind
    title: Name = Field(max_length=500)


class DocumentPublic(SQLModel):
    id: int
    campaign_id: int
    campaign_title: str
    number: str
    issued_on: date
    issuer: str
    kind: DocumentKind
    title: str
    file_name: str | None
    file_size: int | None


class Tier(SQLModel):
    """Caseload band → threshold, as in KH 895/KH-TCTHADS (500–5.000 cases → ≥ 75 %)."""

    min_caseload: int = Field(ge=0, le=10**12)
    max_caseload: int | None = Field(default=None, ge=0, le=10**12)
    threshold: float = Field(ge=0, le=100)


class CampaignCriterion(SQLModel, table=True):
    __tablename__ = "campaign_criterion"

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", ondelete="CASCADE", index=True)
    indicator_id: int = Field(foreign_key="indicator.id", ondelete="RESTRICT")
    period: str = Field(max_length=7)  # judged on the cumulative figures of this period
    threshold_bp: int | None = None  # flat threshold, hundredths of a percent
    caseload_metric_id: int | None = Field(
        default=None, foreign_key="metric.id", ondelete="RESTRICT"
    )
    tiers: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))
    description: str | None = Field(default=None, max_length=1000)


PeriodCode = Annotated[str, StringConstraints(pattern=r"^\d{4}-Q[1-4]$", max_length=7)]


class CriterionCreate(SQLModel):
    indicator: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    period: PeriodCode
    threshold: float | None = Field(default=None, ge=0, le=100)
    caseload_metric: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
    tiers: list[Tier] | None = Field(default=None, max_length=20)
    description: ShortText | None = None

    @model_validator(mode="after")
    def _threshold_or_tiers(self) -> "CriterionCreate":
        if (self.threshold is None) == (not self.tiers):
            raise field_error("threshold", "Give either a threshold or caseload tiers")
        return self


class CriterionPublic(SQLModel):
    id: int
    indicator: str
    indicator_name: str
    period: str
    threshold: float | None
    caseload_metric: str | None
    tiers: list[Tier] | None
    description: str | None


class ProgressItem(SQLModel):
    unit: UnitRef
    status: str  # met / not_met / not_reported
    rate: float | None
    threshold: float | None
    numerator: int | None
    denominator: int | None
    caseload: int | None
    approved: bool
    report_id: int | None


class CriterionProgress(SQLModel):
    criterion: CriterionPublic
    met: int
    not_met: int
    not_reported: int
    items: list[ProgressItem]


class CampaignProgress(SQLModel):
    campaign_id: int
    preview: bool
    criteria: list[CriterionProgress]


class Registration(Versioned, table=True):
    __table_args__ = (
        CheckConstraint(
            "status IN ('draft', 'submitted', 'accepted', 'returned')",
            name="ck_registration_status",
        ),
        UniqueConstraint("campaign_id", "unit_id", "person_id", name="uq_registration"),
        # A unit registers itself once per campaign, whatever the state of that registration
        # (a returned one is sent again, not registered anew). uq_registration cannot say it:
        # NULL person_ids never clash in a unique key, so the unit's own row needs this index.
        Index(
            "uq_registration_unit_once",
            "campaign_id",
            "unit_id",
            unique=True,
            sqlite_where=text("person_id IS NULL"),
            postgresql_where=text("person_id IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", ondelete="CASCADE", index=True)
    unit_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", ondelete="RESTRICT")
    titles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    note: str | None = Field(default=None, max_length=2000)
    status: RegistrationStatus = Field(default=RegistrationStatus.draft, sa_type=String(16))
    reason: str | None = Field(default=None, max_length=2000)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decided_by: str | None = Field(default=None, max_length=64)


TitleCode = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=32, pattern=r"^[A-Z0-9_]+$"),
]


class RegistrationCreate(SQLModel):
    unit_id: Id
    person_id: Id | None = None
    titles: list[TitleCode] = Field(min_length=1, max_length=10)
    note: LongText | None = None


class RegistrationPublic(SQLModel):
    id: int
    campaign_id: int
    unit: UnitRef
    person_id: int | None
    person_name: str | None
    titles: list[str]
    note: str | None
    status: RegistrationStatus
    reason: str | None
    submitted_at: datetime | None
    decided_by: str | None
    allowed_actions: list[str] = Field(
        default_factory=list,
        description=ALLOWED_ACTIONS_DOC
        + " Registrations: submit (draft or returned, while the campaign is launched),"
        " accept and return (submitted; the managing unit).",
    )
    version: int


class RegistrationSummary(SQLModel):
    items: list[RegistrationPublic]
    not_registered: list[UnitRef]


class Exemplar(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("(unit_id IS NULL) <> (person_id IS NULL)", name="ck_exemplar_one_subject"),
    )

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", ondelete="CASCADE", index=True)
    unit_id: int | None = Field(
        default=None, foreign_key="unit.id", ondelete="RESTRICT", index=True
    )
    person_id: int | None = Field(
        default=None, foreign_key="person.id", ondelete="RESTRICT", index=True
    )
    reason: str = Field(max_length=5000)
    solutions: str | None = Field(default=None, max_length=5000)
    from_on: date | None = None
    to_on: date | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class ExemplarCreate(SQLModel):
    unit_id: Id | None = None
    person_id: Id | None = None
    reason: LongText = Field(min_length=1)
    solutions: LongText | None = None
    from_on: date | None = None
    to_on: date | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> "ExemplarCreate":
        if (self.unit_id is None) == (self.person_id is None):
            raise field_error("person_id", "Name either a unit or a person")
        if self.from_on and self.to_on and self.to_on < self.from_on:
            raise field_error("to_on", "The end date must not be before the start date")
        return self


class ExemplarPublic(SQLModel):
    id: int
    campaign: CampaignRef
    unit: UnitRef | None
    person_id: int | None
    person_name: str | None
    reason: str
    solutions: str | None
    from_on: date | None
    to_on: date | None


class CampaignReview(SQLModel, table=True):
    __tablename__ = "campaign_review"
    __table_args__ = (CheckConstraint("kind IN ('so_ket', 'tong_ket')", name="ck_review_kind"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", ondelete="CASCADE", index=True)
    kind: ReviewKind = Field(sa_type=String(16))
    held_on: date
    title: str = Field(max_length=500)
    summary: str | None = Field(default=None, max_length=10000)
    created_by: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class ReviewCreate(SQLModel):
    kind: ReviewKind
    held_on: date
    title: Name = Field(max_length=500)
    summary: LongText | None = None


class ReviewPublic(SQLModel):
    id: int
    campaign_id: int
    kind: ReviewKind
    held_on: date
    title: str
    summary: str | None
    created_by: str
    award_ids: list[int] = []
