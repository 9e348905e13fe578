"""Awards: the catalogue of titles, forms and unit grades; decisions carrying awards to units
or people (internal or external); revocation; nominations through the council."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import model_validator
from sqlalchemy import JSON, CheckConstraint, Column, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.types import Id, LongText, Name, UTCDateTime, field_error, utcnow
from app.models.base import ALLOWED_ACTIONS_DOC, Versioned
from app.models.campaigns import CampaignRef
from app.models.levels import AuthorityLevel
from app.models.units import UnitRef


class AwardCategory(StrEnum):
    title = "title"  # danh hiệu thi đua
    form = "form"  # hình thức khen thưởng
    grade = "grade"  # xếp hạng đơn vị


class RecipientKind(StrEnum):
    collective = "collective"
    individual = "individual"


class DecisionKind(StrEnum):
    merit = "cong_trang"  # year-end, for the year's achievements
    ad_hoc = "dot_xuat"
    campaign = "chuyen_de"  # a movement or thematic drive
    seniority = "nien_han"
    dedication = "cong_hien"
    foreign = "doi_ngoai"


class AwardType(SQLModel, table=True):
    __tablename__ = "award_type"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name_vi: str = Field(max_length=255)
    name_en: str = Field(max_length=255)
    category: AwardCategory = Field(sa_type=String(8))
    recipients: list[str] = Field(sa_column=Column(JSON, nullable=False))  # RecipientKind values
    levels: list[str] = Field(sa_column=Column(JSON, nullable=False))  # AuthorityLevel values
    regimes: list[str] = Field(sa_column=Column(JSON, nullable=False))
    external_allowed: bool = True  # titles are for the sector's own staff and units
    in_summary: bool = True  # base titles (LĐTT, TTLĐTT) are left out of the year's summary
    position: int = 0


class AwardTypePublic(SQLModel):
    code: str
    name_vi: str
    name_en: str
    category: AwardCategory
    recipients: list[RecipientKind]
    levels: list[AuthorityLevel]
    regimes: list[str]
    external_allowed: bool
    in_summary: bool
    dossier: list["DossierItem"] = []  # what a nomination for it must hold


class AwardTypeRef(SQLModel):
    code: str
    name_vi: str
    category: AwardCategory


class Decision(Versioned, table=True):
    __table_args__ = (
        CheckConstraint(
            "kind IN ('cong_trang', 'dot_xuat', 'chuyen_de', 'nien_han', 'cong_hien', 'doi_ngoai')",
            name="ck_decision_kind",
        ),
        UniqueConstraint("issuer_id", "number", name="uq_decision_number"),
    )

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=64, index=True)  # "125/QĐ-CTHADS"
    signed_on: date
    issuer_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", index=True)
    kind: DecisionKind = Field(sa_type=String(16))
    year: int = Field(index=True)  # the year of the achievement
    campaign_id: int | None = Field(default=None, foreign_key="campaign.id", ondelete="SET NULL")
    title: str | None = Field(default=None, max_length=500)
    regime: str = Field(max_length=32)


class Award(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(
            "(recipient_unit_id IS NULL) <> (recipient_person_id IS NULL)",
            name="ck_award_one_recipient",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(foreign_key="decision.id", ondelete="CASCADE", index=True)
    award_type_id: int = Field(foreign_key="award_type.id", ondelete="RESTRICT", index=True)
    recipient_unit_id: int | None = Field(
        default=None, foreign_key="unit.id", ondelete="RESTRICT", index=True
    )
    recipient_person_id: int | None = Field(
        default=None, foreign_key="person.id", ondelete="RESTRICT", index=True
    )
    # Where the recipient sat when awarded: scope and the summary read this, not today's unit.
    unit_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", index=True)
    year: int = Field(index=True)
    is_external: bool = False
    citation: str | None = Field(default=None, max_length=2000)
    eligibility: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    nomination_id: int | None = Field(
        default=None, foreign_key="nomination.id", ondelete="SET NULL"
    )
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_reason: str | None = Field(default=None, max_length=2000)
    revoked_by: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class AwardLine(SQLModel):
    award_type: Name = Field(max_length=32)
    recipient_unit_id: Id | None = None
    recipient_person_id: Id | None = None
    citation: LongText | None = None

    @model_validator(mode="after")
    def _one_recipient(self) -> "AwardLine":
        if (self.recipient_unit_id is None) == (self.recipient_person_id is None):
            raise field_error("recipient_person_id", "Name either a unit or a person")
        return self


class DecisionCreate(SQLModel):
    number: Name = Field(max_length=64)
    signed_on: date
    issuer_id: Id
    kind: DecisionKind
    year: int = Field(ge=2000, le=2100)
    campaign_id: Id | None = None
    title: Name | None = Field(default=None, max_length=500)
    awards: list[AwardLine] = Field(min_length=1, max_length=500)


class DecisionUpdate(SQLModel):
    number: Name | None = Field(default=None, max_length=64)
    signed_on: date | None = None
    title: Name | None = Field(default=None, max_length=500)
    campaign_id: Id | None = None


class PersonRef(SQLModel):
    id: int
    full_name: str
    unit: UnitRef
    is_external: bool


class DecisionRef(SQLModel):
    id: int
    number: str
    signed_on: date
    issuer: UnitRef
    kind: DecisionKind
    year: int


class AwardPublic(SQLModel):
    id: int
    decision: DecisionRef
    award_type: AwardTypeRef
    recipient_kind: RecipientKind
    recipient_unit: UnitRef | None
    recipient_person: PersonRef | None
    unit: UnitRef
    year: int
    is_external: bool
    citation: str | None
    eligibility: dict[str, Any] | None
    nomination_id: int | None
    revoked_at: datetime | None
    revoked_reason: str | None
    allowed_actions: list[str] = Field(
        default_factory=list, description=ALLOWED_ACTIONS_DOC + " Awards: revoke (not revoked)."
    )


class DecisionPublic(SQLModel):
    id: int
    number: str
    signed_on: date
    issuer: UnitRef
    kind: DecisionKind
    year: int
    regime: str
    campaign: CampaignRef | None
    title: str | None
    awards: list[AwardPublic]
    allowed_actions: list[str] = Field(
        default_factory=list, description=ALLOWED_ACTIONS_DOC + " Decisions: update, add_award."
    )
    version: int


class Revocation(SQLModel):
    reason: LongText = Field(min_length=1)


class NominationStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    approved = "approved"  # the council voted for it; awaits the decision
    decided = "decided"
    rejected = "rejected"


class Nomination(Versioned, table=True):
    __table_args__ = (
        CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'decided', 'rejected')",
            name="ck_nomination_status",
        ),
        CheckConstraint(
            "(candidate_unit_id IS NULL) <> (candidate_person_id IS NULL)",
            name="ck_nomination_one_candidate",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    proposer_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", index=True)
    year: int = Field(index=True)
    award_type_id: int = Field(foreign_key="award_type.id", ondelete="RESTRICT")
    candidate_unit_id: int | None = Field(default=None, foreign_key="unit.id", ondelete="RESTRICT")
    candidate_person_id: int | None = Field(
        default=None, foreign_key="person.id", ondelete="RESTRICT"
    )
    achievements: str | None = Field(default=None, max_length=5000)
    status: NominationStatus = Field(default=NominationStatus.draft, sa_type=String(16), index=True)
    dossier: dict[str, bool] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    vote: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    eligibility: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    reason: str | None = Field(default=None, max_length=2000)  # why rejected
    award_id: int | None = None
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class NominationCreate(SQLModel):
    proposer_id: Id
    year: int = Field(ge=2000, le=2100)
    award_type: Name = Field(max_length=32)
    candidate_unit_id: Id | None = None
    candidate_person_id: Id | None = None
    achievements: LongText | None = None
    dossier: dict[str, bool] = Field(default_factory=dict, max_length=20)

    @model_validator(mode="after")
    def _one_candidate(self) -> "NominationCreate":
        if (self.candidate_unit_id is None) == (self.candidate_person_id is None):
            raise field_error("candidate_person_id", "Name either a unit or a person")
        return self


class NominationUpdate(SQLModel):
    achievements: LongText | None = None
    dossier: dict[str, bool] | None = Field(default=None, max_length=20)


class CouncilVote(SQLModel):
    members: int = Field(ge=1, le=200, description="Members of the council")
    present: int = Field(ge=0, le=200)
    yes: int = Field(ge=0, le=200)
    secret_ballot: bool = False
    held_on: date | None = None

    @model_validator(mode="after")
    def _counts(self) -> "CouncilVote":
        if self.present > self.members:
            raise field_error("present", "More present than members")
        if self.yes > self.present:
            raise field_error("yes", "More votes for than members present")
        return self


class NominationDecide(SQLModel):
    decision_id: Id | None = None
    number: Name | None = Field(default=None, max_length=64)
    signed_on: date | None = None
    issuer_id: Id | None = None
    citation: LongText | None = None


class NominationReject(SQLModel):
    reason: LongText = Field(min_length=1)


class DossierItem(SQLModel):
    code: str
    label: str
    required: bool
    done: bool


class NominationPublic(SQLModel):
    id: int
    proposer: UnitRef
    year: int
    award_type: AwardTypeRef
    candidate_unit: UnitRef | None
    candidate_person: PersonRef | None
    achievements: str | None
    status: NominationStatus
    dossier: list[DossierItem]
    vote: dict[str, Any] | None = Field(
        description="The council's vote: members, present, yes, secret_ballot, held_on, "
        "passed, outcome (secret_ballot_90, majority or secret_ballot_required), need (the "
        "votes the rule asks for), regime, and rule: the outcome in words, in the language "
        "of Accept-Language."
    )
    vote_rule: str = Field(
        default="",
        description="The council's rule for this award type, in the language of "
        "Accept-Language (what the vote form explains).",
    )
    eligibility: dict[str, Any] | None
    reason: str | None = Field(
        description="Why it was rejected: the reviewer's words, or (rejected by the "
        "council's vote) the vote's outcome in the language of Accept-Language."
    )
    award_id: int | None
    submitted_at: datetime | None
    allowed_actions: list[str] = Field(
        default_factory=list,
        description=ALLOWED_ACTIONS_DOC
        + " Nominations: update (draft), submit (draft), vote (submitted), reject (submitted"
        " or approved), decide (approved).",
    )
    version: int


AwardTypePublic.model_rebuild()
